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

use crate::api::{
    can_delete, can_edit, can_pull, can_restore, can_unlink, ApiError, Backup, BackupPatch,
    BackupState, Denied,
};
use crate::components::context::{HostEvent, WidgetContext};
use crate::components::ui::focus::unique_id;
use crate::components::ui::locale::{now_ms, utc_offset_minutes};
use crate::components::ui::{ConfirmDialog, Modal, ModalKind, Spinner, StateBadge};
use crate::state::edit::PAST_DATE_WARNING;
use crate::state::poll_delay_ms;
use crate::state::{BackupForm, FormErrors, Purpose};
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
    Failed(String),
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
    PastDate(BackupPatch),
    Discard(AfterDiscard),
}

#[derive(Clone, Debug, PartialEq)]
enum Notice {
    Info(String),
    Error(String),
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
    ask: RwSignal<Option<Ask>>,
    saving: RwSignal<bool>,
    pulling: RwSignal<bool>,
    deleting: RwSignal<bool>,
    unlinking: RwSignal<bool>,
    deletion_requested: RwSignal<bool>,
    tick: RwSignal<u64>,
    attempt: StoredValue<u32>,
    generation: StoredValue<u64>,
    timer: StoredValue<Option<TimeoutHandle>>,
    body: NodeRef<leptos::html::Div>,
}

impl Drawer {
    fn is_dirty(&self) -> bool {
        self.editing.get_untracked()
            && self
                .form
                .with_untracked(|f| self.initial.with_untracked(|i| f.is_dirty(i)))
    }

    fn stop_timer(&self) {
        if let Some(Some(handle)) = self.timer.try_update_value(Option::take) {
            handle.clear();
        }
    }

    /// Loads the backup again now (resets the back-off when `fresh`).
    fn refresh(&self, fresh: bool) {
        if fresh {
            self.attempt.set_value(0);
        }
        self.stop_timer();
        self.tick.update(|n| *n += 1);
    }

    /// Loads again after the next back-off delay.
    fn schedule(&self) {
        self.stop_timer();
        let attempt = self.attempt.get_value();
        self.attempt.set_value(attempt.saturating_add(1));
        let tick = self.tick;
        let handle = set_timeout_with_handle(
            move || {
                tick.try_update(|n| *n += 1);
            },
            std::time::Duration::from_millis(u64::from(poll_delay_ms(attempt))),
        )
        .ok();
        self.timer.set_value(handle);
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
                        this.notice.set(Some(Notice::Error(format!(
                            "Could not refresh: {}",
                            e.message()
                        ))));
                        let transitional = this.backup.with_untracked(|b| {
                            b.as_ref().is_some_and(|b| b.state.is_transitional())
                        });
                        if transitional && e.is_retryable() {
                            this.schedule();
                        }
                    } else {
                        this.phase.set(Phase::Failed(e.message()));
                    }
                }
            }
        });
    }

    fn show(&self, b: Backup) {
        let transitional = b.state.is_transitional();
        self.ctx.store.upsert(&b);
        if self.backup.with_untracked(|old| old.as_ref() != Some(&b)) {
            self.backup.set(Some(b));
        }
        self.phase.set(Phase::Loaded);
        if transitional {
            self.schedule();
        } else {
            self.attempt.set_value(0);
        }
    }

    fn gone(&self, uuid: &str) {
        self.stop_timer();
        let deleting = self.deletion_requested.get_untracked()
            || self.backup.with_untracked(|b| {
                b.as_ref().is_some_and(|b| {
                    matches!(
                        b.state,
                        BackupState::DeletionScheduled | BackupState::Deleting
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
        self.stop_timer();
        self.editing.set(false);
        self.errors.set(FormErrors::default());
        self.notice.set(None);
        self.backup.set(None);
        self.deletion_requested.set(false);
        self.attempt.set_value(0);
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
                    this.notice.set(Some(Notice::Info("Changes saved.".into())));
                    this.leave_edit();
                }
                Err(ApiError::NotFound(_)) => this.gone(&uuid),
                Err(e) => {
                    this.ctx.report_error(&e);
                    this.errors.set(FormErrors::from_api(&e, Purpose::Edit));
                    this.focus_later("[aria-invalid=true], .wb-drawer__form-error");
                }
            }
        });
    }

    fn pull(&self) {
        let Some(b) = self.current() else { return };
        if self.pulling.get_untracked() || can_pull(&b.state).is_err() {
            return;
        }
        self.pulling.set(true);
        self.notice.set(None);
        let this = *self;
        let client = self.ctx.client();
        self.ctx.spawn(async move {
            let result = client.pull_backup(&b.uuid).await;
            if this.pulling.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(_) => {
                    this.notice
                        .set(Some(Notice::Info("Sync scheduled.".into())));
                    this.refresh(true);
                }
                Err(ApiError::NotFound(_)) => this.gone(&b.uuid),
                Err(e) => {
                    this.ctx.report_error(&e);
                    this.notice.set(Some(Notice::Error(e.message())));
                }
            }
        });
    }

    fn delete(&self) {
        let Some(b) = self.current() else { return };
        if self.deleting.get_untracked() || can_delete(&b.state).is_err() {
            return;
        }
        self.deleting.set(true);
        let this = *self;
        let client = self.ctx.client();
        self.ctx.spawn(async move {
            let result = client.delete_backup(&b.uuid).await;
            if this.deleting.try_set(false).is_some() {
                return;
            }
            this.ask.set(None);
            match result {
                Ok(()) => {
                    this.deletion_requested.set(true);
                    this.ctx.emit(HostEvent::BackupDeleted {
                        uuid: b.uuid.clone(),
                        name: b.name.clone(),
                    });
                    let mut scheduled = b.clone();
                    scheduled.state = BackupState::DeletionScheduled;
                    this.ctx.store.upsert(&scheduled);
                    this.backup.set(Some(scheduled));
                    this.notice.set(Some(Notice::Info(
                        "Deletion scheduled. The backup disappears when the cloud has removed it."
                            .into(),
                    )));
                    this.attempt.set_value(0);
                    this.schedule();
                }
                Err(ApiError::NotFound(_)) => this.gone(&b.uuid),
                Err(e) => {
                    this.ctx.report_error(&e);
                    this.notice.set(Some(Notice::Error(e.message())));
                }
            }
        });
    }

    fn unlink(&self, on_close: Callback<()>) {
        let Some(b) = self.current() else { return };
        let is_staff = self.ctx.settings.with_untracked(|s| s.is_staff);
        if self.unlinking.get_untracked() || can_unlink(&b.state, is_staff).is_err() {
            return;
        }
        self.unlinking.set(true);
        let this = *self;
        let client = self.ctx.client();
        self.ctx.spawn(async move {
            let result = client.unlink_backup(&b.uuid).await;
            if this.unlinking.try_set(false).is_some() {
                return;
            }
            this.ask.set(None);
            match result {
                Ok(()) => {
                    this.stop_timer();
                    this.ctx.store.remove(&b.uuid);
                    this.ctx.emit(HostEvent::BackupUnlinked {
                        uuid: b.uuid.clone(),
                        name: b.name.clone(),
                    });
                    on_close.run(());
                }
                Err(e) => {
                    this.ctx.report_error(&e);
                    this.notice.set(Some(Notice::Error(e.message())));
                }
            }
        });
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
    let d = Drawer {
        ctx,
        shown: RwSignal::new(uuid.get_untracked()),
        backup: RwSignal::new(None),
        phase: RwSignal::new(Phase::Loading),
        notice: RwSignal::new(None),
        editing: RwSignal::new(false),
        form: RwSignal::new(BackupForm::default()),
        initial: RwSignal::new(BackupForm::default()),
        errors: RwSignal::new(FormErrors::default()),
        ask: RwSignal::new(None),
        saving: RwSignal::new(false),
        pulling: RwSignal::new(false),
        deleting: RwSignal::new(false),
        unlinking: RwSignal::new(false),
        deletion_requested: RwSignal::new(false),
        tick: RwSignal::new(0),
        attempt: StoredValue::new(0),
        generation: StoredValue::new(0),
        timer: StoredValue::new(None),
        body: NodeRef::new(),
    };
    let title_id = unique_id("wb-drawer-title");

    // Load on open, on another UUID, and on every refresh tick.
    Effect::new(move |_| {
        let id = d.shown.get();
        d.tick.track();
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
    on_cleanup(move || {
        d.stop_timer();
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

    let title = move || {
        d.backup.with(|b| match b {
            Some(b) => format!("Backup “{}”", b.name),
            None => "Backup details".to_owned(),
        })
    };

    let content = move || match d.phase.get() {
        Phase::Loading => view! {
            <p class="wb-drawer__loading" role="status"><Spinner/>" Loading backup…"</p>
        }
        .into_any(),
        Phase::Failed(message) => view! {
            <div class="wb-alert wb-alert--error" role="alert">
                <p>{message}</p>
                <button type="button" class="wb-button" on:click=move |_| {
                    d.phase.set(Phase::Loading);
                    d.refresh(true);
                }>"Try again"</button>
            </div>
        }
        .into_any(),
        Phase::Gone(gone) => {
            let text = match gone {
                Gone::Missing => {
                    "This backup no longer exists. It may have been deleted by someone else."
                }
                Gone::Deleted => "The backup has been deleted.",
            };
            view! {
                <div class="wb-alert wb-alert--warning wb-drawer__gone" role="alert">
                    <p>{text}</p>
                </div>
            }
            .into_any()
        }
        Phase::Loaded => view! { <Loaded d=d on_close=on_close/> }.into_any(),
    };

    view! {
        <Modal labelled_by=title_id.clone() kind=ModalKind::Drawer on_close=move |_| request_close()>
            <div class="wb-drawer" node_ref=d.body>
                <header class="wb-drawer__header">
                    <h2 class="wb-modal__title wb-drawer__title" id=title_id>{title}</h2>
                    <button
                        type="button"
                        class="wb-button wb-button--icon wb-drawer__close"
                        aria-label="Close details"
                        title="Close (Esc)"
                        on:click=move |_| request_close()
                    >
                        "✕"
                    </button>
                </header>
                <div class="wb-drawer__notices">
                    <p class="wb-drawer__notice" role="status" aria-live="polite">
                        {move || match d.notice.get() {
                            Some(Notice::Info(m)) => m,
                            _ => String::new(),
                        }}
                    </p>
                    {move || match d.notice.get() {
                        Some(Notice::Error(m)) => Some(view! {
                            <div class="wb-alert wb-alert--error wb-drawer__action-error" role="alert">{m}</div>
                        }),
                        _ => None,
                    }}
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
    let name = d
        .backup
        .with_untracked(|b| b.as_ref().map(|b| b.name.clone()).unwrap_or_default());
    let cancel = move |_| d.ask.set(None);
    match ask {
        Ask::Delete => view! {
            <ConfirmDialog
                title=format!("Delete backup “{name}”?")
                message="The backup is deleted from the cloud and from Waldur. Instances restored from it are not affected. This cannot be undone."
                confirm_label="Delete backup"
                danger=true
                busy=d.deleting
                on_confirm=move |_| d.delete()
                on_cancel=cancel
            />
        }
        .into_any(),
        Ask::Unlink => view! {
            <ConfirmDialog
                title=format!("Unlink backup “{name}”?")
                message="This removes the backup's record from Waldur only. The backup stays in the cloud (OpenStack) untouched, and Waldur no longer shows or manages it."
                confirm_label="Unlink"
                danger=true
                busy=d.unlinking
                on_confirm=move |_| d.unlink(on_close)
                on_cancel=cancel
            />
        }
        .into_any(),
        Ask::PastDate(patch) => view! {
            <ConfirmDialog
                title="Keep until a date in the past?"
                message=PAST_DATE_WARNING
                confirm_label="Save anyway"
                danger=true
                busy=d.saving
                on_confirm=move |_| d.send_patch(patch.clone())
                on_cancel=cancel
            />
        }
        .into_any(),
        Ask::Discard(after) => {
            let (title, label) = match &after {
                AfterDiscard::Close => ("Discard your changes?", "Discard and close"),
                AfterDiscard::StopEditing => ("Discard your changes?", "Discard changes"),
                AfterDiscard::Switch(_) => ("Discard your changes?", "Discard and open the other backup"),
            };
            let after_cancel = after.clone();
            view! {
                <ConfirmDialog
                    title=title
                    message="You have edits that are not saved. If you continue, they are lost."
                    confirm_label=label
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
    #[prop(into)] label: String,
    action: &'static str,
    #[prop(into)] denied: Signal<Option<Denied>>,
    #[prop(optional, into)] busy: Signal<bool>,
    #[prop(optional)] danger: bool,
    #[prop(into)] on_press: Callback<()>,
) -> impl IntoView {
    let reason_id = unique_id("wb-drawer-reason");
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
                title=move || denied.get().unwrap_or_default()
                on:click=move |_| {
                    if !off() {
                        on_press.run(());
                    }
                }
            >
                {move || busy.get().then(|| view! { <Spinner/> })}
                {label}
            </button>
            <span class="wb-visually-hidden" id=reason_id>
                {move || denied.get().unwrap_or_default()}
            </span>
        </span>
    }
}

/// The drawer's body once the backup is loaded.
#[component]
fn Loaded(d: Drawer, on_close: Callback<()>) -> impl IntoView {
    let b = Memo::new(move |_| d.backup.get().unwrap_or_default());
    let state = Signal::derive(move || b.with(|b| b.state.clone()));
    let is_staff = Signal::derive(move || d.ctx.settings.with(|s| s.is_staff));
    let deny = move |f: fn(&BackupState) -> Result<(), Denied>| {
        Signal::derive(move || state.with(|s| f(s).err()))
    };
    let _ = on_close;
    view! {
        <div class="wb-drawer__state">
            <StateBadge state=state error=Signal::derive(move || b.with(|b| b.error_message.clone()))/>
            {move || state.with(BackupState::is_transitional).then(|| view! {
                <span class="wb-drawer__following">"Refreshing automatically while this changes"</span>
            })}
        </div>
        <Show
            when=move || d.editing.get()
            fallback=move || view! {
                <div class="wb-drawer__actions" role="group" aria-label="Backup actions">
                    <ActionButton label="Edit" action="edit" denied=deny(can_edit) on_press=move |_| {
                        d.start_edit();
                    }/>
                    <ActionButton label="Restore…" action="restore" denied=deny(can_restore) on_press=move |_| {
                        if let Some(b) = d.current() {
                            d.ctx.store.restore_for.set(Some(b));
                        }
                    }/>
                    <ActionButton label="Pull from cloud" action="pull" denied=deny(can_pull) busy=d.pulling on_press=move |_| d.pull()/>
                    <ActionButton label="Delete…" action="delete" danger=true denied=deny(can_delete) busy=d.deleting on_press=move |_| {
                        d.ask.set(Some(Ask::Delete));
                    }/>
                    <Show when=move || is_staff.get()>
                        <ActionButton
                            label="Unlink…"
                            action="unlink"
                            danger=true
                            denied=Signal::derive(move || state.with(|s| can_unlink(s, is_staff.get()).err()))
                            busy=d.unlinking
                            on_press=move |_| d.ask.set(Some(Ask::Unlink))
                        />
                    </Show>
                </div>
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
    let label = name
        .filter(|n| !n.trim().is_empty())
        .or_else(|| uuid.clone())
        .unwrap_or_else(|| "Unknown instance".into());
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
