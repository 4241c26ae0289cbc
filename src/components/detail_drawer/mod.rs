//! The detail drawer: everything about one backup, and where a person edits, pulls, unlinks,
//! deletes or restores it.
//!
//! The drawer keeps its own copy of the backup (loaded with `get_backup`, refreshed with
//! back-off while the backup changes by itself) and writes every newer version to the shared
//! store, so the table shows the same thing.

mod edit_form;
mod network;
mod overview;
mod restorations;

use crate::api::OptionalAction;
use crate::api::{ApiError, Backup, BackupPatch, ResourceState};
use crate::components::commands::{reread_after, Commands, ConfirmCommand, Finished, Outcome};
use crate::components::context::{HostEvent, WidgetContext};
use crate::components::hooks::{use_backoff_poll, BackoffPoll};
use crate::components::ui::focus::unique_id;
use crate::components::ui::locale::{now_ms, utc_offset_minutes};
use crate::components::ui::{Alert, ConfirmDialog, Modal, ModalKind, Spinner, StateBadge};
use crate::i18n::{Msg, Text};
use crate::state::actions::{
    can_delete, can_edit, can_pull, can_restore, can_unlink, Command, Confirmation, Denied, Notice,
};
use crate::state::edit::PAST_DATE_WARNING;
use crate::state::{BackupForm, FormErrors, Purpose};
use crate::state::{POLL_BASE_MS, POLL_MAX_MS};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Why the drawer has no backup to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gone {
    /// Deleted by someone else (or never existed, or not visible).
    Missing,
    /// Deleted after the user asked for it here.
    Deleted,
}

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Loading,
    Loaded,
    Failed(Text),
    Gone(Gone),
}

/// What a discard question leads to when the user agrees.
#[derive(Clone, Debug, PartialEq)]
enum AfterDiscard {
    Close,
    StopEditing,
    Switch(String),
}

/// The question currently asked over the drawer.
#[derive(Clone, Debug, PartialEq)]
enum Ask {
    Delete,
    Unlink,
    SetOk,
    SetErred,
    PastDate(BackupPatch),
    Discard(AfterDiscard),
}

/// Everything the drawer's parts share; `Copy`, so closures capture it freely.
#[derive(Clone, Copy)]
struct Drawer {
    ctx: WidgetContext,
    shown: RwSignal<String>,
    backup: RwSignal<Option<Backup>>,
    phase: RwSignal<Phase>,
    notice: RwSignal<Option<Notice>>,
    editing: RwSignal<bool>,
    form: RwSignal<BackupForm>,
    initial: RwSignal<BackupForm>,
    errors: RwSignal<FormErrors>,
    /// Save was pressed since editing began: messages follow the values from then on.
    submitted: RwSignal<bool>,
    ask: RwSignal<Option<Ask>>,
    saving: RwSignal<bool>,
    deletion_requested: RwSignal<bool>,
    /// Refreshes the backup while it changes by itself.
    poll: BackoffPoll,
    /// Pull, delete and unlink, as the table runs them.
    commands: Commands,
    generation: StoredValue<u64>,
    body: NodeRef<leptos::html::Div>,
}

impl Drawer {
    fn is_dirty(&self) -> bool {
        self.editing.get_untracked()
            && self
                .form
                .with_untracked(|f| self.initial.with_untracked(|i| f.is_dirty(i)))
    }

    fn load(&self, uuid: String) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let this = *self;
        let client = self.ctx.client();
        self.ctx.spawn(async move {
            let result = client.get_backup(&uuid).await;
            if this.generation.try_get_value() != Some(generation) {
                return;
            }
            match result {
                Ok(b) => this.show(b),
                Err(ApiError::NotFound(_)) => this.gone(&uuid),
                Err(e) => {
                    this.ctx.report_error(&e);
                    if this.backup.with_untracked(Option::is_some) {
                        this.notice.set(Some(Notice::error(
                            Text::new(Msg::RefreshFailed).arg("reason", e.message()),
                        )));
                        if e.is_retryable() {
                            this.poll.schedule();
                        }
                    } else {
                        this.phase.set(Phase::Failed(e.message()));
                    }
                }
            }
        });
    }

    fn show(&self, b: Backup) {
        self.ctx.store.upsert(&b);
        if self.backup.with_untracked(|old| old.as_ref() != Some(&b)) {
            self.backup.set(Some(b));
        }
        self.phase.set(Phase::Loaded);
        self.poll.schedule();
    }

    fn gone(&self, uuid: &str) {
        self.poll.stop();
        let deleting = self.deletion_requested.get_untracked()
            || self.backup.with_untracked(|b| {
                b.as_ref().is_some_and(|b| {
                    matches!(
                        b.state,
                        ResourceState::DeletionScheduled | ResourceState::Deleting
                    )
                })
            });
        self.backup.set(None);
        self.editing.set(false);
        self.ask.set(None);
        self.notice.set(None);
        self.phase.set(Phase::Gone(if deleting {
            Gone::Deleted
        } else {
            Gone::Missing
        }));
        self.ctx.store.remove(uuid);
    }

    fn switch_to(&self, uuid: String) {
        self.poll.stop();
        self.editing.set(false);
        self.errors.set(FormErrors::default());
        self.notice.set(None);
        self.backup.set(None);
        self.deletion_requested.set(false);
        self.phase.set(Phase::Loading);
        self.shown.set(uuid);
    }

    /// Moves focus to the element matching `selector` inside the drawer, once it is rendered.
    fn focus_later(&self, selector: &'static str) {
        let body = self.body;
        // `try_`: the frame can come after the drawer is gone (see `restore_dialog::focus_in`).
        request_animation_frame(move || {
            let el = body
                .try_get_untracked()
                .flatten()
                .and_then(|b| b.query_selector(selector).ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(el) = el {
                let _ = el.focus();
            }
        });
    }

    /// Like [`Drawer::focus_later`], only when focus has fallen to the body meanwhile.
    fn focus_if_lost(&self, selector: &'static str) {
        let body = self.body;
        request_animation_frame(move || {
            if !crate::components::ui::focus::focus_lost() {
                return;
            }
            if let Some(el) = body
                .get_untracked()
                .and_then(|b| b.query_selector(selector).ok().flatten())
            {
                crate::components::ui::focus::focus_on(&el);
            }
        });
    }

    fn current(&self) -> Option<Backup> {
        self.backup.get_untracked()
    }

    fn start_edit(&self) {
        let Some(b) = self.current() else { return };
        if can_edit(&b.state).is_err() {
            return;
        }
        let form = BackupForm::from_backup(&b, &utc_offset_minutes);
        self.initial.set(form.clone());
        self.form.set(form);
        self.errors.set(FormErrors::default());
        self.submitted.set(false);
        self.notice.set(None);
        self.editing.set(true);
    }

    fn cancel_edit(&self) {
        if self.is_dirty() {
            self.ask.set(Some(Ask::Discard(AfterDiscard::StopEditing)));
        } else {
            self.leave_edit();
        }
    }

    fn leave_edit(&self) {
        // The form (and the field with focus) goes now, the Edit button comes with the next
        // frame: meanwhile focus waits on the drawer itself, never on the page's body (a
        // keyboard walk in WebKit saw the body between the two).
        if crate::components::ui::focus::active_element()
            .is_some_and(|a| a.closest(".wb-drawer__form").ok().flatten().is_some())
        {
            if let Some(panel) = self
                .body
                .get_untracked()
                .and_then(|b| b.closest("[role][tabindex='-1']").ok().flatten())
            {
                crate::components::ui::focus::focus_on(&panel);
            }
        }
        self.editing.set(false);
        self.errors.set(FormErrors::default());
        self.focus_later("[data-action=edit]");
    }

    fn save(&self) {
        if self.saving.get_untracked() {
            return;
        }
        let form = self.form.get_untracked();
        let initial = self.initial.get_untracked();
        self.submitted.set(true);
        match form.check(Purpose::Edit, now_ms(), &utc_offset_minutes) {
            Err(errors) => {
                self.errors.set(errors);
                self.focus_later("[aria-invalid=true]");
            }
            Ok(values) => {
                let patch = form.patch(&initial, &values);
                if patch.is_empty() {
                    self.leave_edit();
                } else if form.needs_past_date_confirmation(&initial, &values, now_ms()) {
                    self.ask.set(Some(Ask::PastDate(patch)));
                } else {
                    self.send_patch(patch);
                }
            }
        }
    }

    fn send_patch(&self, patch: BackupPatch) {
        if self.saving.get_untracked() {
            return;
        }
        self.saving.set(true);
        self.errors.set(FormErrors::default());
        let this = *self;
        let uuid = self.shown.get_untracked();
        let client = self.ctx.client();
        self.ctx.spawn(async move {
            let result = client.patch_backup(&uuid, &patch).await;
            if this.shown.try_get_untracked().as_deref() != Some(uuid.as_str()) {
                return;
            }
            this.saving.set(false);
            this.ask.set(None);
            match result {
                Ok(b) => {
                    this.ctx.emit(HostEvent::BackupUpdated(b.clone()));
                    this.show(b);
                    this.notice.set(Some(Notice::success(Msg::ChangesSaved)));
                    this.leave_edit();
                }
                Err(ApiError::NotFound(_)) => this.gone(&uuid),
                Err(e) => {
                    // A refusal the browser hid: the backup as it is now, the input kept.
                    let reread = reread_after(this.ctx, &uuid, e).await;
                    if this.shown.try_get_untracked().as_deref() != Some(uuid.as_str()) {
                        return;
                    }
                    match reread.now {
                        Some(Some(now)) => this.show(now),
                        Some(None) => return this.gone(&uuid),
                        None => {}
                    }
                    let e = reread.error;
                    this.ctx.report_error(&e);
                    this.errors.set(FormErrors::from_api(&e, Purpose::Edit));
                    this.focus_later("[aria-invalid=true], .wb-drawer__form-error");
                }
            }
        });
    }

    fn pull(&self) {
        if let Some(b) = self.current() {
            self.notice.set(None);
            self.commands.run(Command::Pull, b);
        }
    }

    /// Follows a finished command on the backup shown.
    fn settle(&self, outcome: Outcome, on_close: Callback<()>) {
        let uuid = outcome.backup.uuid.clone();
        if self.shown.get_untracked() != uuid {
            return;
        }
        if outcome.command != Command::Pull {
            self.ask.set(None);
        }
        // Read again (after Set OK or erred, or a hidden reply): shown as it is now.
        let gone = matches!(outcome.result, Err(ApiError::NotFound(_)));
        if let Some(now) = outcome.current.clone() {
            if !gone && outcome.command != Command::Delete {
                self.show(now);
            }
        }
        match outcome.result {
            Ok(()) => match outcome.command {
                Command::Pull => {
                    self.notice.set(Some(outcome.notice));
                    self.poll.now();
                }
                Command::Delete => {
                    self.deletion_requested.set(true);
                    let mut scheduled = outcome.backup;
                    scheduled.state = ResourceState::DeletionScheduled;
                    self.backup.set(Some(scheduled));
                    self.notice.set(Some(outcome.notice));
                    self.poll.restart();
                }
                Command::Unlink => {
                    self.poll.stop();
                    on_close.run(());
                }
                Command::SetOk | Command::SetErred => {
                    self.notice.set(Some(outcome.notice));
                    if outcome.current.is_none() {
                        self.poll.now();
                    }
                }
            },
            Err(ApiError::NotFound(_)) => self.gone(&uuid),
            Err(_) => self.notice.set(Some(outcome.notice)),
        }
    }
}

/// The side drawer with everything about one backup; `uuid` may change while it is open
/// (another row opened), and `on_close` is called when the user leaves (after asking, if
/// there are unsaved edits). Keep it mounted across `uuid` changes so the question can be asked.
#[component]
pub fn BackupDetailDrawer(
    /// UUID of the backup to show.
    #[prop(into)]
    uuid: Signal<String>,
    /// Called when the user closes the drawer (or after an unlink).
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let backup = RwSignal::new(None::<Backup>);
    let transitional = Signal::derive(move || {
        backup.with(|b| b.as_ref().is_some_and(|b| b.state.is_transitional()))
    });
    let d = Drawer {
        ctx,
        shown: RwSignal::new(uuid.get_untracked()),
        backup,
        phase: RwSignal::new(Phase::Loading),
        notice: RwSignal::new(None),
        editing: RwSignal::new(false),
        form: RwSignal::new(BackupForm::default()),
        initial: RwSignal::new(BackupForm::default()),
        errors: RwSignal::new(FormErrors::default()),
        submitted: RwSignal::new(false),
        ask: RwSignal::new(None),
        saving: RwSignal::new(false),
        deletion_requested: RwSignal::new(false),
        poll: use_backoff_poll(transitional, POLL_BASE_MS, POLL_MAX_MS),
        commands: Commands::new(ctx),
        generation: StoredValue::new(0),
        body: NodeRef::new(),
    };
    d.commands.on_finished(move |finished| {
        if let Finished::One(outcome) = finished {
            d.settle(*outcome, on_close);
        }
    });
    let title_id = unique_id("wb-drawer-title");

    // Load on open, on another UUID, and whenever the poller asks.
    Effect::new(move |_| {
        let id = d.shown.get();
        d.poll.track();
        d.load(id);
    });
    // Another backup opened from outside: ask first when edits would be lost.
    Effect::new(move |_| {
        let next = uuid.get();
        if next == d.shown.get_untracked() {
            return;
        }
        if d.is_dirty() {
            d.ask.set(Some(Ask::Discard(AfterDiscard::Switch(next))));
        } else {
            d.switch_to(next);
        }
    });
    // What replaces the body (the backup is gone, failed to load, loaded again) takes the
    // control that had focus with it: focus goes to the drawer's Close button.
    Effect::new(move |was: Option<Phase>| {
        let now = d.phase.get();
        if was.is_some_and(|w| w != now) {
            d.focus_if_lost(".wb-drawer__close");
        }
        now
    });
    on_cleanup(move || {
        // Results arriving after close are ignored.
        d.generation.try_update_value(|g| *g += 1);
    });

    let request_close = move || {
        if d.is_dirty() {
            d.ask.set(Some(Ask::Discard(AfterDiscard::Close)));
        } else {
            d.ask.set(None);
            on_close.run(());
        }
    };
    // Back (with `urlSync`) closes the drawer the same way.
    let store = ctx.store;
    store.set_detail_closer(Some(Callback::new(move |()| request_close())));
    on_cleanup(move || store.set_detail_closer(None));

    let i18n = ctx.i18n;
    let title = move || {
        d.backup.with(|b| match b {
            Some(b) => i18n.text_with(Msg::DrawerTitle, &[("name", b.name.as_str().into())]),
            None => i18n.text(Msg::DrawerTitleLoading),
        })
    };

    let content = move || {
        match d.phase.get() {
        Phase::Loading => view! {
            <p class="wb-drawer__loading" role="status"><Spinner/>" " {i18n.t(Msg::DrawerLoading)}</p>
        }
        .into_any(),
        Phase::Failed(message) => view! {
            <Alert notice=Notice::error(message) on_retry=move |_| {
                d.phase.set(Phase::Loading);
                d.poll.now();
            }/>
        }
        .into_any(),
        Phase::Gone(gone) => {
            let text = match gone {
                Gone::Missing => Msg::DrawerBackupMissing,
                Gone::Deleted => Msg::DrawerBackupDeleted,
            };
            view! { <Alert notice=Notice::warning(text) class="wb-drawer__gone"/> }.into_any()
        }
        Phase::Loaded => view! { <Loaded d=d on_close=on_close/> }.into_any(),
    }
    };

    view! {
        <Modal labelled_by=title_id.clone() kind=ModalKind::Drawer on_close=move |_| request_close()>
            <div class="wb-drawer" node_ref=d.body>
                <header class="wb-drawer__header">
                    <h2 class="wb-modal__title wb-drawer__title" id=title_id>{title}</h2>
                    <button
                        type="button"
                        class="wb-button wb-button--icon wb-drawer__close"
                        aria-label=i18n.t(Msg::DrawerClose)
                        title=i18n.t(Msg::DrawerCloseTitle)
                        on:click=move |_| request_close()
                    >
                        "✕"
                    </button>
                </header>
                <div class="wb-drawer__notices">
                    // Successes go to a live region that is always there, so each is announced.
                    <p class="wb-drawer__notice" role="status" aria-live="polite">
                        {move || d.notice.with(|n| match n {
                            Some(n) if !n.is_error() => d.ctx.i18n.show(&n.text),
                            _ => String::new(),
                        })}
                    </p>
                    {move || d.notice.get().filter(Notice::is_error).map(|n| view! {
                        <Alert notice=n class="wb-drawer__action-error"/>
                    })}
                </div>
                {content}
            </div>
        </Modal>
        {move || d.ask.get().map(|ask| view! { <Question d=d ask=ask on_close=on_close/> })}
    }
}

/// The confirmation asked over the drawer.
#[component]
fn Question(d: Drawer, ask: Ask, on_close: Callback<()>) -> impl IntoView {
    let cancel = move |_| d.ask.set(None);
    // Delete and unlink are asked by the shared commands, about the backup shown now.
    let command = |confirmation: fn(Backup) -> Confirmation| {
        d.current()
            .map(|b| {
                view! { <ConfirmCommand commands=d.commands confirmation=confirmation(b) on_cancel=cancel/> }
            })
            .into_any()
    };
    match ask {
        Ask::Delete => command(Confirmation::Delete),
        Ask::Unlink => command(Confirmation::Unlink),
        Ask::SetOk => command(Confirmation::SetOk),
        Ask::SetErred => command(Confirmation::SetErred),
        Ask::PastDate(patch) => view! {
            <ConfirmDialog
                title=d.ctx.i18n.t(Msg::PastDateTitle)
                message=d.ctx.i18n.t(PAST_DATE_WARNING)
                confirm_label=d.ctx.i18n.t(Msg::SaveAnyway)
                danger=true
                busy=d.saving
                on_confirm=move |_| d.send_patch(patch.clone())
                on_cancel=cancel
            />
        }
        .into_any(),
        Ask::Discard(after) => {
            let label = match &after {
                AfterDiscard::Close => Msg::DiscardAndClose,
                AfterDiscard::StopEditing => Msg::DiscardChanges,
                AfterDiscard::Switch(_) => Msg::DiscardAndOpenOther,
            };
            let i18n = d.ctx.i18n;
            let after_cancel = after.clone();
            view! {
                <ConfirmDialog
                    title=i18n.t(Msg::DiscardChangesTitle)
                    message=i18n.t(Msg::DiscardChangesMessage)
                    confirm_label=i18n.t(label)
                    danger=true
                    on_confirm=move |_| {
                        d.ask.set(None);
                        match after.clone() {
                            AfterDiscard::Close => {
                                d.editing.set(false);
                                on_close.run(());
                            }
                            AfterDiscard::StopEditing => d.leave_edit(),
                            AfterDiscard::Switch(id) => d.switch_to(id),
                        }
                    }
                    on_cancel=move |_| {
                        d.ask.set(None);
                        // Keep showing this backup: put the shared selection back.
                        if let AfterDiscard::Switch(id) = &after_cancel {
                            let shown = d.shown.get_untracked();
                            if *id != shown && d.ctx.store.open_detail.get_untracked().as_deref() == Some(id.as_str()) {
                                d.ctx.store.open_detail.set(Some(shown));
                            }
                        }
                    }
                />
            }
            .into_any()
        }
    }
}

/// An action button: `aria-disabled` (so keyboard users still reach it and hear why) with the
/// reason as its description while the state forbids it, and busy while its request runs.
#[component]
fn ActionButton(
    label: Msg,
    action: &'static str,
    #[prop(into)] denied: Signal<Option<Denied>>,
    #[prop(optional, into)] busy: Signal<bool>,
    #[prop(optional)] danger: bool,
    #[prop(into)] on_press: Callback<()>,
) -> impl IntoView {
    let reason_id = unique_id("wb-drawer-reason");
    let i18n = crate::i18n::I18n::expect();
    let class = if danger {
        "wb-button wb-drawer__action wb-drawer__action--danger"
    } else {
        "wb-button wb-drawer__action"
    };
    let off = move || denied.get().is_some() || busy.get();
    let rid = reason_id.clone();
    view! {
        <span class="wb-drawer__action-wrap">
            <button
                type="button"
                class=class
                data-action=action
                aria-disabled=move || off().then_some("true")
                aria-busy=move || busy.get().then_some("true")
                aria-describedby=move || denied.get().map(|_| rid.clone())
                title=move || denied.get().map(|m| i18n.text(m))
                on:click=move |_| {
                    if !off() {
                        on_press.run(());
                    }
                }
            >
                {move || busy.get().then(|| view! { <Spinner/> })}
                {i18n.t(label)}
            </button>
            <span class="wb-visually-hidden" id=reason_id>
                {move || denied.get().map(|m| i18n.text(m))}
            </span>
        </span>
    }
}

/// The drawer's body once the backup is loaded.
#[component]
fn Loaded(d: Drawer, on_close: Callback<()>) -> impl IntoView {
    let b = Memo::new(move |_| d.backup.get().unwrap_or_default());
    let state = Signal::derive(move || b.with(|b| b.state.clone()));
    let is_staff = Signal::derive(move || d.ctx.access().is_staff());
    // What the user's role allows here; `None` when it allows changes (or is not known yet).
    let read_only = Memo::new(move |_| b.with(|b| d.ctx.access().can_change_backup(b).err()));
    let deny = move |f: fn(&ResourceState) -> Result<(), Denied>| {
        Signal::derive(move || read_only.get().or_else(|| state.with(|s| f(s).err())))
    };
    let offers = move |a: OptionalAction| Signal::derive(move || is_staff.get() && d.ctx.offers(a));
    let (offers_ok, offers_erred) = (
        offers(OptionalAction::SetOk),
        offers(OptionalAction::SetErred),
    );
    let _ = on_close;
    view! {
        <div class="wb-drawer__state">
            <StateBadge state=state error=Signal::derive(move || b.with(|b| b.error_message.clone()))/>
            {move || state.with(ResourceState::is_transitional).then(|| view! {
                <span class="wb-drawer__following">{d.ctx.i18n.t(Msg::RefreshingAutomatically)}</span>
            })}
        </div>
        <Show
            when=move || d.editing.get()
            fallback=move || view! {
                <div class="wb-drawer__actions" role="group" aria-label=d.ctx.i18n.t(Msg::BackupActions)>
                    <ActionButton label=Msg::ActionEdit action="edit" denied=deny(can_edit) on_press=move |_| {
                        d.start_edit();
                    }/>
                    <ActionButton label=Msg::ActionRestore action="restore" denied=deny(can_restore) on_press=move |_| {
                        if let Some(b) = d.current() {
                            d.ctx.store.restore_for.set(Some(b));
                        }
                    }/>
                    <ActionButton label=Msg::ActionPull action="pull" denied=deny(can_pull) busy=d.commands.pending(Command::Pull) on_press=move |_| d.pull()/>
                    <ActionButton label=Msg::ActionDelete action="delete" danger=true denied=deny(can_delete) busy=d.commands.pending(Command::Delete) on_press=move |_| {
                        d.ask.set(Some(Ask::Delete));
                    }/>
                    <Show when=move || is_staff.get()>
                        <ActionButton
                            label=Msg::ActionUnlink
                            action="unlink"
                            danger=true
                            denied=Signal::derive(move || state.with(|s| can_unlink(s, is_staff.get()).err()))
                            busy=d.commands.pending(Command::Unlink)
                            on_press=move |_| d.ask.set(Some(Ask::Unlink))
                        />
                    </Show>
                    <Show when=move || offers_ok.get()>
                        <ActionButton
                            label=Msg::ActionSetOk
                            action="set-ok"
                            denied=Signal::derive(move || state.with(|s| Command::SetOk.allowed(s, true).err()))
                            busy=d.commands.pending(Command::SetOk)
                            on_press=move |_| d.ask.set(Some(Ask::SetOk))
                        />
                    </Show>
                    <Show when=move || offers_erred.get()>
                        <ActionButton
                            label=Msg::ActionSetErred
                            action="set-erred"
                            danger=true
                            denied=Signal::derive(move || state.with(|s| Command::SetErred.allowed(s, true).err()))
                            busy=d.commands.pending(Command::SetErred)
                            on_press=move |_| d.ask.set(Some(Ask::SetErred))
                        />
                    </Show>
                </div>
                // What the user's role allows, said once in words rather than only per button.
                {move || read_only.get().map(|why| view! {
                    <p class="wb-drawer__read-only">{d.ctx.i18n.show(&Text::new(Msg::Sentence).arg("text", Text::new(why)))}</p>
                })}
            }
        >
            <edit_form::EditPanel d=d/>
        </Show>
        <overview::Overview b=b d=d/>
        <overview::Location b=b/>
        <overview::Metadata b=b/>
        <overview::Errors b=b/>
        <restorations::Restorations b=b/>
        <network::SourceNetwork b=b/>
        <overview::Marketplace b=b/>
    }
}

/// A link to an instance (host URL pattern), or a button that tells the host it was chosen.
pub(crate) fn instance_ref(url: Option<String>, name: Option<String>) -> AnyView {
    let ctx = WidgetContext::expect();
    let uuid = url
        .as_deref()
        .and_then(crate::state::uuid_from_url)
        .map(str::to_owned);
    let Some(label) = name
        .filter(|n| !n.trim().is_empty())
        .or_else(|| uuid.clone())
    else {
        return view! { <span>{ctx.i18n.t(Msg::UnknownInstance)}</span> }.into_any();
    };
    let Some(uuid) = uuid else {
        return view! { <span>{label}</span> }.into_any();
    };
    let pattern = ctx.settings.with_untracked(|s| s.instance_url.clone());
    match crate::state::instance_link(pattern.as_deref(), &uuid, &label) {
        Some(href) => view! { <a class="wb-link" href=href>{label}</a> }.into_any(),
        None => {
            let url = url.unwrap_or_default();
            let name = label.clone();
            view! {
                <button
                    type="button"
                    class="wb-button wb-button--link"
                    on:click=move |_| ctx.emit(HostEvent::InstanceSelected {
                        uuid: uuid.clone(),
                        url: url.clone(),
                        name: name.clone(),
                    })
                >
                    {label}
                </button>
            }
            .into_any()
        }
    }
}
