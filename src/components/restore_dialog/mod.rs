//! The restore dialog: creates a new instance from a backup, with the sizes, networks and
//! addresses shown before anything is sent, field errors where they belong, and a link to the
//! result.

mod flavor_picker;
mod networks;
mod quota;
mod security_groups;
mod summary;

use crate::api::{
    may_hide_a_reply, ApiError, Backup, Client, Instance, ResourceState, RestoreRequest,
};
use crate::components::commands::reread_after;
use crate::components::context::{HostEvent, WidgetContext};
use crate::components::hooks::use_backoff_poll;
use crate::components::ui::focus::unique_id;
use crate::components::ui::{Alert, ConfirmDialog, CopyButton, Modal, Spinner, StateBadge};
use crate::i18n::{Msg, Text};
use crate::state::actions::{Notice, Tone};
use crate::state::can_restore;
use crate::state::instance_link;
use crate::state::quota::QuotaField;
use crate::state::restore::{
    build_request, map_server_errors, source_instance_name, validate, Choices, FormIssues,
    FormPart, RestoreForm, ServerErrors, FLAVOR_FIELDS, FLOATING_IP_FIELDS, MAX_NAME_CHARS,
    SECURITY_GROUP_FIELDS, SUBNET_FIELDS,
};
use crate::state::{POLL_BASE_MS, POLL_MAX_MS};
use flavor_picker::FlavorPicker;
use leptos::prelude::*;
use networks::Networks;
use security_groups::SecurityGroups;
use std::future::Future;
use summary::Summary;
use wasm_bindgen::JsCast;

/// Where one of the four lists the dialog loads stands.
#[derive(Clone, Debug, PartialEq)]
enum ListLoad<T> {
    Loading,
    Failed(ApiError),
    Loaded(Vec<T>),
}

impl<T> ListLoad<T> {
    fn failed(&self) -> Option<ApiError> {
        match self {
            ListLoad::Failed(e) => Some(e.clone()),
            _ => None,
        }
    }
    fn loaded(&self) -> Option<&Vec<T>> {
        match self {
            ListLoad::Loaded(v) => Some(v),
            _ => None,
        }
    }
}

/// Starts loading one of the tenant's lists with `fetch(client, tenant_uuid)`; its state, and
/// how to load it again. Each list loads on its own, so a retry repeats only the ones that
/// failed; a list loads again only once its last load failed ([`retry_if_failed`]), so two
/// loads of one list never overlap and no older answer can arrive late.
fn tenant_list<T, F>(
    ctx: WidgetContext,
    tenant: &str,
    fetch: impl Fn(Client, String) -> F + 'static,
) -> (RwSignal<ListLoad<T>>, impl Fn())
where
    T: Send + Sync + 'static,
    F: Future<Output = Result<Vec<T>, ApiError>> + 'static,
{
    let tenant = tenant.to_owned();
    let state = RwSignal::new(ListLoad::Loading);
    let load = move || {
        state.set(ListLoad::Loading);
        let answer = fetch(ctx.client(), tenant.clone());
        ctx.spawn(async move {
            let r = answer.await;
            state.try_set(r.map_or_else(ListLoad::Failed, ListLoad::Loaded));
        });
    };
    load();
    (state, load)
}

/// Loads a list again if its last load failed.
fn retry_if_failed<T: Send + Sync + 'static>(list: RwSignal<ListLoad<T>>, load: &impl Fn()) {
    if list.with_untracked(|l| matches!(l, ListLoad::Failed(_))) {
        load();
    }
}

/// What the parts of the dialog share (provided as context inside the dialog).
#[derive(Clone, Copy)]
pub(crate) struct RestoreCtx {
    /// The backup, refreshed after a conflict or a successful restore.
    backup: RwSignal<Backup>,
    /// The tenant's lists, once all are loaded.
    choices: RwSignal<Option<Choices>>,
    /// The user's choices.
    form: RwSignal<RestoreForm>,
    /// What keeps the form from being sent.
    issues: Memo<FormIssues>,
    /// The last 400 answer, sorted into the form's places.
    server: RwSignal<ServerErrors>,
    /// Prefix of every element id in this dialog.
    ids: StoredValue<String>,
}

impl RestoreCtx {
    fn id(&self, suffix: &str) -> String {
        format!("{}-{suffix}", self.ids.get_value())
    }

    /// The user changed `part`: the server's old messages about it no longer apply.
    fn changed(&self, part: FormPart) {
        self.server.maybe_update(|s| s.forget(part));
    }
}

/// `aria-describedby` for the message elements that exist (none → no attribute).
pub(crate) fn described_by(parts: &[(String, bool)]) -> Option<String> {
    let ids: Vec<&str> = parts
        .iter()
        .filter(|(_, on)| *on)
        .map(|(id, _)| id.as_str())
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// Messages under a field, with the id `aria-describedby` points to.
#[component]
pub(crate) fn FieldMessages(
    #[prop(into)] id: String,
    #[prop(into)] messages: Signal<Vec<String>>,
) -> impl IntoView {
    move || {
        let messages = messages.get();
        (!messages.is_empty()).then(|| {
            view! {
                <p class="wb-field__error" id=id.clone()>
                    {messages.join(" ")}
                </p>
            }
        })
    }
}

/// How the last submit ended, apart from field errors.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// Nothing sent yet, or a 400 (shown on the fields).
    None,
    /// A message at the top; `retry` when sending the same again may work.
    Failed { message: Text, retry: bool },
    /// The server accepted the restore.
    Created(Box<Instance>),
}

/// Restores an instance from `backup` (in state OK): asks for flavor, name, security groups
/// and networks, sends the restore and shows the new instance.
#[component]
pub fn RestoreDialog(
    /// The backup to restore from.
    backup: Backup,
    /// Called when the dialog should go away (after asking, if the form was changed).
    #[prop(into)]
    on_close: Callback<()>,
    /// First wait before asking again about the new instance, in ms (doubles up to 30 s).
    #[prop(default = POLL_BASE_MS)]
    poll_base_ms: u32,
) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let ids = unique_id("wb-restore");
    let title_id = format!("{ids}-title");
    let tenant = backup.tenant_uuid.clone().unwrap_or_default();
    let placeholder = source_instance_name(&backup);
    provide_context(quota::RestoreQuotas::load(
        ctx,
        &tenant,
        backup.instance.as_deref(),
    ));
    let backup = RwSignal::new(backup);

    let (flavors, load_flavors) = tenant_list(ctx, &tenant, |c, t| async move {
        c.list_flavors(&t, &FLAVOR_FIELDS).await
    });
    let (subnets, load_subnets) = tenant_list(ctx, &tenant, |c, t| async move {
        c.list_subnets(&t, &SUBNET_FIELDS).await
    });
    let (groups, load_groups) = tenant_list(ctx, &tenant, |c, t| async move {
        c.list_security_groups(&t, &SECURITY_GROUP_FIELDS).await
    });
    let (fips, load_fips) = tenant_list(ctx, &tenant, |c, t| async move {
        c.list_free_floating_ips(&t, &FLOATING_IP_FIELDS).await
    });
    let retry_failed = StoredValue::new_local(move || {
        retry_if_failed(flavors, &load_flavors);
        retry_if_failed(subnets, &load_subnets);
        retry_if_failed(groups, &load_groups);
        retry_if_failed(fips, &load_fips);
    });

    let panel_ref = NodeRef::<leptos::html::Div>::new();
    let choices = RwSignal::new(None::<Choices>);
    let form = RwSignal::new(RestoreForm::default());
    let initial = StoredValue::new(None::<RestoreForm>);
    // Once every list is in, the form takes its defaults from the backup.
    Effect::new(move |_| {
        if choices.with_untracked(Option::is_some) {
            return;
        }
        let (Some(f), Some(s), Some(g), Some(p)) = (
            flavors.with(|l| l.loaded().cloned()),
            subnets.with(|l| l.loaded().cloned()),
            groups.with(|l| l.loaded().cloned()),
            fips.with(|l| l.loaded().cloned()),
        ) else {
            return;
        };
        let c = Choices {
            flavors: f,
            subnets: s,
            security_groups: g,
            floating_ips: p,
        };
        let defaults = RestoreForm::from_backup(&backup.get_untracked(), &c);
        initial.set_value(Some(defaults.clone()));
        form.set(defaults);
        choices.set(Some(c));
        // The first field, once it exists (the modal focused its Close button meanwhile).
        focus_in(panel_ref, "form input");
    });

    let issues = Memo::new(move |_| {
        choices.with(|c| match c {
            Some(c) => form.with(|f| validate(f, c)),
            None => FormIssues::default(),
        })
    });
    let server = RwSignal::new(ServerErrors::default());
    let rctx = RestoreCtx {
        backup,
        choices,
        form,
        issues,
        server,
        ids: StoredValue::new(ids.clone()),
    };
    provide_context(rctx);

    let load_errors = move || {
        let mut out = Vec::new();
        let mut add = |msg: Msg, e: Option<ApiError>| {
            if let Some(e) = e {
                out.push(Text::new(msg).arg("reason", e.message()));
            }
        };
        add(Msg::LoadFlavorsFailed, flavors.with(ListLoad::failed));
        add(Msg::LoadSubnetsFailed, subnets.with(ListLoad::failed));
        add(Msg::LoadSecurityGroupsFailed, groups.with(ListLoad::failed));
        add(Msg::LoadFloatingIpsFailed, fips.with(ListLoad::failed));
        out
    };
    let loaded = move || choices.with(Option::is_some);

    let outcome = RwSignal::new(Outcome::None);
    let last_request = StoredValue::new(None::<RestoreRequest>);

    let restore = Action::new_local(move |req: &RestoreRequest| {
        let req = req.clone();
        let client = ctx.client();
        let uuid = backup.get_untracked().uuid;
        async move {
            match client.restore_backup(&uuid, &req).await {
                // A refusal the browser hid (a 400 without CORS headers): the backup as it is
                // now, and the form as the user left it.
                Err(e) if may_hide_a_reply(&e) => {
                    let reread = reread_after(ctx, &uuid, e).await;
                    if let Some(Some(now)) = &reread.now {
                        ctx.store.upsert(now);
                        backup.try_set(now.clone());
                    }
                    Err(reread.error)
                }
                other => other,
            }
        }
    });

    // Refreshes the backup everywhere it is shown (its restorations, or its state after a 409).
    let refresh_backup = move || {
        let client = ctx.client();
        let uuid = backup.get_untracked().uuid;
        ctx.spawn(async move {
            if let Ok(fresh) = client.get_backup(&uuid).await {
                ctx.store.upsert(&fresh);
                backup.try_set(fresh);
            }
        });
    };

    Effect::new(move |_| {
        let Some(result) = restore.value().get() else {
            return;
        };
        match result {
            Ok(instance) => {
                ctx.emit(HostEvent::RestoreStarted {
                    backup_uuid: backup.get_untracked().uuid,
                    instance: Box::new(instance.clone()),
                });
                outcome.set(Outcome::Created(Box::new(instance)));
                focus_in(panel_ref, "[data-autofocus]");
                refresh_backup();
                ctx.store.request_reload();
            }
            Err(error) => {
                ctx.report_error(&error);
                match &error {
                    ApiError::BadRequest { .. } => {
                        let mapped = form.with_untracked(|f| {
                            choices.with_untracked(|c| {
                                map_server_errors(&error, f, c.as_ref().expect("loaded"))
                            })
                        });
                        server.set(mapped);
                        outcome.set(Outcome::None);
                    }
                    ApiError::Conflict(_) => {
                        outcome.set(Outcome::Failed {
                            message: error.message(),
                            retry: false,
                        });
                        refresh_backup();
                    }
                    _ => outcome.set(Outcome::Failed {
                        message: error.message(),
                        retry: error.is_retryable(),
                    }),
                }
                focus_first_error(panel_ref);
            }
        }
    });

    // After a conflict the refreshed backup may no longer be OK: say so instead of sending.
    let not_restorable = Memo::new(move |_| {
        backup.with(|b| {
            // The user's role first: no state makes a restore theirs to start.
            if let Err(why) = ctx.access().can_change_backup(b) {
                return Some(Text::new(Msg::Sentence).arg("text", Text::new(why)));
            }
            can_restore(&b.state).err().map(|why| {
                Text::new(Msg::RestoreNotPossible)
                    .arg("state", b.state.label())
                    .arg("reason", Text::new(why))
            })
        })
    });
    let can_submit = move || {
        loaded()
            && not_restorable.with(Option::is_none)
            && issues.with(FormIssues::is_empty)
            && !restore.pending().get()
            && !matches!(outcome.get(), Outcome::Created(_))
    };
    let send = move |req: RestoreRequest| {
        // One request per submit: a second click while the first runs does nothing.
        if restore.pending().get_untracked() {
            return;
        }
        server.set(ServerErrors::default());
        outcome.set(Outcome::None);
        last_request.set_value(Some(req.clone()));
        restore.dispatch(req);
    };
    let submit = move || {
        if restore.pending().get_untracked() || !issues.with_untracked(FormIssues::is_empty) {
            return;
        }
        let req = form.with_untracked(|f| {
            choices.with_untracked(|c| c.as_ref().and_then(|c| build_request(f, c)))
        });
        if let Some(req) = req {
            send(req);
        }
    };
    let retry_submit = move || {
        if let Some(req) = last_request.get_value() {
            send(req);
        }
    };

    let asking = RwSignal::new(false);
    let changed =
        move || initial.with_value(|i| i.as_ref().is_some_and(|i| form.with_untracked(|f| f != i)));
    let request_close = move || {
        let done = matches!(outcome.get_untracked(), Outcome::Created(_));
        if restore.pending().get_untracked() && !done {
            // The request is on its way: closing now would hide its outcome.
            asking.set(true);
        } else if !done && changed() {
            asking.set(true);
        } else {
            on_close.run(());
        }
    };

    let name_id = rctx.id("name");
    let name_error_id = rctx.id("name-error");
    let name_hint_id = rctx.id("name-hint");
    let name_messages = Signal::derive(move || {
        let mut m: Vec<String> = issues
            .with(|i| i.name.as_ref().map(|t| ctx.i18n.show(t)))
            .into_iter()
            .collect();
        m.extend(server.with(|s| s.name.clone()));
        m
    });

    let top_id = rctx.id("top");
    // What the restore came to, said once per settled change (the form's own status is hidden
    // once the restore is accepted).
    let result_said = RwSignal::new(None::<Text>);
    let i18n = ctx.i18n;
    let title = move || {
        backup.with(|b| i18n.text_with(Msg::RestoreTitle, &[("name", b.name.as_str().into())]))
    };
    let success_heading_id = rctx.id("done");

    view! {
        <Modal labelled_by=title_id.clone() on_close=move |_| request_close()>
            <div class="wb-restore" node_ref=panel_ref>
                <header class="wb-restore__header">
                    <h2 class="wb-modal__title" id=title_id.clone()>{title}</h2>
                    <button
                        type="button"
                        class="wb-button wb-button--icon"
                        aria-label=i18n.t(Msg::CloseDialog)
                        on:click=move |_| request_close()
                    >
                        "×"
                    </button>
                </header>
                <p class="wb-visually-hidden" role="status">
                    {move || result_said.with(|t| t.as_ref().map(|t| i18n.show(t)))}
                </p>
                {move || match outcome.get() {
                    Outcome::Created(instance) => {
                        view! {
                            <Created
                                instance=*instance
                                heading_id=success_heading_id.clone()
                                said=result_said
                                poll_base_ms=poll_base_ms
                            />
                            <div class="wb-modal__actions">
                                <button
                                    type="button"
                                    class="wb-button wb-button--primary"
                                    data-autofocus
                                    on:click=move |_| on_close.run(())
                                >
                                    {i18n.t(Msg::CloseDialog)}
                                </button>
                            </div>
                        }
                            .into_any()
                    }
                    _ => ().into_any(),
                }}
                <form
                    class="wb-restore__form"
                    novalidate
                    aria-busy=move || (!loaded()).then_some("true")
                    hidden=move || matches!(outcome.get(), Outcome::Created(_))
                    on:submit=move |ev| {
                        ev.prevent_default();
                        submit();
                    }
                >
                    <div class="wb-restore__top" id=top_id.clone() tabindex="-1" data-error-anchor>
                        {move || {
                            let errors = load_errors();
                            (!errors.is_empty())
                                .then(|| {
                                    view! {
                                        <Alert
                                            notice=Notice::list(Tone::Error, errors)
                                            class="wb-restore__load-error"
                                            on_retry=move |_| retry_failed.with_value(|f| f())
                                        />
                                    }
                                })
                        }}
                        {move || {
                            let mut messages = server.with(|s| s.top.clone());
                            let mut retry = false;
                            if let Outcome::Failed { message, retry: r } = outcome.get() {
                                messages.push(message);
                                retry = r;
                            }
                            (!messages.is_empty())
                                .then(|| {
                                    let notice = Notice::list(Tone::Error, messages);
                                    if retry {
                                        // `send` ignores a retry while the request runs.
                                        view! {
                                            <Alert
                                                notice
                                                class="wb-restore__error"
                                                on_retry=move |_| retry_submit()
                                                {..}
                                                data-restore-error=""
                                            />
                                        }
                                            .into_any()
                                    } else {
                                        view! {
                                            <Alert notice class="wb-restore__error" {..} data-restore-error=""/>
                                        }
                                            .into_any()
                                    }
                                })
                        }}
                    </div>
                    {move || {
                        not_restorable
                            .get()
                            .map(|why| {
                                // The conflict that led here is the alert; this says where it
                                // leaves the form.
                                view! { <Alert notice=Notice::warning(why) class="wb-restore__blocked" role="none"/> }
                            })
                    }}
                    <Show
                        when=loaded
                        fallback=move || {
                            view! {
                                <div class="wb-restore__skeleton" aria-hidden="true">
                                    <div class="wb-skeleton wb-skeleton--field"></div>
                                    <div class="wb-skeleton wb-skeleton--field"></div>
                                    <div class="wb-skeleton wb-skeleton--block"></div>
                                    <div class="wb-skeleton wb-skeleton--block"></div>
                                </div>
                                <p class="wb-visually-hidden" role="status">
                                    {move || load_errors().is_empty().then(|| i18n.text(Msg::RestoreLoading))}
                                </p>
                            }
                        }
                    >
                        <div class="wb-field">
                            <label class="wb-field__label" for=name_id.clone()>
                                {i18n.t(Msg::NewInstanceName)}
                            </label>
                            <input
                                id=name_id.clone()
                                class="wb-input"
                                type="text"
                                autocomplete="off"
                                placeholder=placeholder.clone()
                                prop:value=move || form.with(|f| f.name.clone())
                                aria-invalid=move || (!name_messages.with(Vec::is_empty)).then_some("true")
                                aria-describedby={
                                    let (h, e) = (name_hint_id.clone(), name_error_id.clone());
                                    move || described_by(&[(h.clone(), true), (e.clone(), !name_messages.with(Vec::is_empty))])
                                }
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    form.update(|f| f.name = v);
                                    rctx.changed(FormPart::Name);
                                }
                            />
                            <p class="wb-field__hint" id=name_hint_id.clone()>
                                {
                                    let name = placeholder.clone();
                                    i18n.t_with(Msg::RestoreNameHint, move || vec![
                                        ("max", MAX_NAME_CHARS.into()),
                                        ("name", name.as_str().into()),
                                    ])
                                }
                                " "
                                <span class="wb-restore__count">
                                    {move || form.with(|f| i18n.show(&name_count(&f.name)))}
                                </span>
                            </p>
                            <FieldMessages id=name_error_id.clone() messages=name_messages/>
                        </div>
                        <FlavorPicker/>
                        <quota::QuotaNote field=QuotaField::Flavor/>
                        <SecurityGroups/>
                        <Networks/>
                        <quota::QuotaNote field=QuotaField::Networks/>
                        <Summary/>
                    </Show>
                    <div class="wb-modal__actions">
                        <span class="wb-restore__status" role="status">
                            {move || {
                                if restore.pending().get() {
                                    Some(i18n.text(Msg::StartingRestore))
                                } else if loaded() && !issues.with(FormIssues::is_empty) {
                                    Some(i18n.text(Msg::CorrectMarkedFields))
                                } else {
                                    None
                                }
                            }}
                        </span>
                        <button type="button" class="wb-button" on:click=move |_| request_close()>
                            {i18n.t(Msg::Cancel)}
                        </button>
                        <button
                            type="submit"
                            class="wb-button wb-button--primary"
                            disabled=move || !can_submit()
                            aria-busy=move || restore.pending().get().then_some("true")
                        >
                            {move || restore.pending().get().then(|| view! { <Spinner/> })}
                            {i18n.t(Msg::RestoreSubmit)}
                        </button>
                    </div>
                </form>
            </div>
        </Modal>
        <Show when=move || asking.get()>
            <ConfirmDialog
                title=i18n.t(Msg::DiscardRestoreTitle)
                message=i18n.t(if restore.pending().get_untracked() {
                    Msg::DiscardRestorePending
                } else {
                    Msg::DiscardRestoreMessage
                })
                confirm_label=i18n.t(Msg::Discard)
                danger=true
                on_confirm=move |_| {
                    asking.set(false);
                    on_close.run(());
                }
                on_cancel=move |_| asking.set(false)
            />
        </Show>
    }
}

/// "12 of 150 characters": the restore name's counter, with the same limit as its hint.
fn name_count(name: &str) -> Text {
    Text::new(Msg::CharacterCount)
        .arg("count", name.trim().chars().count())
        .arg("max", MAX_NAME_CHARS)
}

/// Marks where a message puts an element (the instance's name, its state badge): formatted
/// with these as its arguments, the text is split around them.
const NAME_MARK: &str = "\u{E000}";
const STATE_MARK: &str = "\u{E001}";

/// One piece of a message that holds elements: text, or where an argument goes.
#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Text(String),
    Name,
    State,
}

/// Splits `text` (formatted with [`NAME_MARK`] and [`STATE_MARK`] as arguments) into its text
/// and the places of the name and the state, in the language's order.
fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(['\u{E000}', '\u{E001}']) {
        if at > 0 {
            out.push(Piece::Text(rest[..at].to_owned()));
        }
        let mark = rest[at..].chars().next().unwrap_or_default();
        out.push(if mark == '\u{E000}' {
            Piece::Name
        } else {
            Piece::State
        });
        rest = &rest[at + mark.len_utf8()..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_owned()));
    }
    out
}

/// The new instance, once the server accepted the restore: asked about again with back-off
/// (`GET /api/openstack-instances/{uuid}/`) while it is being created, until it is OK or
/// Erred; the asking stops when the dialog closes and waits while the page is hidden.
#[component]
fn Created(
    instance: Instance,
    #[prop(into)] heading_id: String,
    /// Where the outcome is said (a status region that outlives this part).
    said: RwSignal<Option<Text>>,
    poll_base_ms: u32,
) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let pattern = ctx.settings.with_untracked(|s| s.instance_url.clone());
    let (uuid, name) = (instance.uuid.clone(), instance.name.clone());
    let link = instance_link(pattern.as_deref(), &uuid, &name);
    let current = RwSignal::new(instance);
    let lost = RwSignal::new(None::<Text>);
    let state = Memo::new(move |_| current.with(|i| i.state.clone()));
    let transitional = Signal::derive(move || {
        lost.with(Option::is_none) && state.with(ResourceState::is_transitional)
    });
    let poll = use_backoff_poll(transitional, poll_base_ms, POLL_MAX_MS);
    Effect::new(move |_| {
        if poll.due() == 0 {
            return;
        }
        let client = ctx.client();
        let uuid = current.with_untracked(|i| i.uuid.clone());
        ctx.spawn(async move {
            match client.get_instance(&uuid).await {
                Ok(fresh) => {
                    current.try_set(fresh);
                }
                Err(ApiError::Aborted) => {}
                Err(e) if e.is_retryable() => {}
                Err(e) => {
                    lost.try_set(Some(e.message()));
                }
            }
            poll.schedule();
        });
    });
    // Each settled outcome is said once (in the widget's language, which may change).
    Effect::new(move |_| {
        let named = |msg: Msg| Text::new(msg).arg("name", name.as_str());
        let text = match (state.get(), lost.get()) {
            (_, Some(why)) => named(Msg::RestoreLostSaid).arg("reason", why),
            (ResourceState::Ok, _) => named(Msg::RestoreReadySaid),
            (ResourceState::Erred, _) => {
                let why = current
                    .with_untracked(|i| i.error_message.clone())
                    .filter(|m| !m.trim().is_empty());
                match why {
                    // The cloud's own sentence, as it wrote it.
                    Some(why) => Text::new(Msg::TwoSentences)
                        .arg("first", named(Msg::RestoreErredSaid))
                        .arg("second", why.trim()),
                    None => named(Msg::RestoreErredSaid),
                }
            }
            _ => named(Msg::RestoreStartedSaid),
        };
        said.set(Some(text));
    });

    let heading_ref = heading_id.clone();
    let name_shown = current.with_untracked(|i| i.name.clone());
    // One block per outcome, in its tone; said by the status region, not by the block.
    let i18n = ctx.i18n;
    let summary = move || {
        let name = current.with(|i| i.name.clone());
        let heading_id = heading_id.clone();
        let (tone, heading, line) = match (state.get(), lost.get()) {
            (_, Some(_)) => (
                Tone::Warning,
                Msg::RestoreStartedHeading,
                Msg::NewInstanceLastSeen,
            ),
            (ResourceState::Ok, _) => (
                Tone::Success,
                Msg::RestoreFinishedHeading,
                Msg::NewInstanceReady,
            ),
            (ResourceState::Erred, _) => (
                Tone::Error,
                Msg::RestoreFailedHeading,
                Msg::NewInstanceErred,
            ),
            _ => (
                Tone::Success,
                Msg::RestoreStartedHeading,
                Msg::NewInstanceCreating,
            ),
        };
        let details = match (state.get(), lost.get()) {
            (_, Some(why)) => vec![Text::new(Msg::RestoreLostDetail).arg("reason", why)],
            (ResourceState::Erred, _) => vec![current
                .with(|i| i.error_message.clone())
                .filter(|m| !m.trim().is_empty())
                .map_or_else(|| Text::new(Msg::CloudGaveNoReason), Text::verbatim)],
            _ => Vec::new(),
        };
        // One message with the name and the badge where the language puts them.
        let sentence = move || {
            let text = i18n.text_with(
                line,
                &[("name", NAME_MARK.into()), ("state", STATE_MARK.into())],
            );
            pieces(&text)
                .into_iter()
                .map(|p| match p {
                    Piece::Text(t) => t.into_any(),
                    Piece::Name => {
                        view! { <strong data-instance-name>{name.clone()}</strong> }.into_any()
                    }
                    Piece::State => view! { <StateBadge state=state/> }.into_any(),
                })
                .collect_view()
        };
        let following = transitional.get_untracked().then(|| {
            view! { <p class="wb-field__hint">{i18n.t(Msg::CheckingAgain)}</p> }
        });
        view! {
            <Alert notice=Notice::list(tone, details) class="wb-restore__result" role="none">
                <h3 id=heading_id>{i18n.t(heading)}</h3>
                <p>{sentence}</p>
                {following}
            </Alert>
        }
    };
    let uuid_value = Signal::stored(uuid.clone());
    view! {
        <section class="wb-restore__done" aria-labelledby=heading_ref data-instance-state=move || state.with(|s| s.as_api_str().to_owned())>
            {summary}
            {match link {
                Some(href) => view! {
                    <a class="wb-link" href=href>{i18n.t_with(Msg::OpenInstance, move || vec![("name", name_shown.clone().into())])}</a>
                }
                    .into_any(),
                // Without a page to link to, what finds the instance elsewhere.
                None => view! {
                    <p class="wb-restore__instance-id">
                        {i18n.t(Msg::UuidLabel)} " " <code data-instance-uuid>{uuid}</code> " "
                        {move || view! { <CopyButton value=uuid_value label=i18n.text(Msg::CopyNewInstanceUuid)/> }}
                    </p>
                }
                    .into_any(),
            }}
        </section>
    }
}

/// Moves focus to the first element matching `selector` once it is rendered.
fn focus_in(panel: NodeRef<leptos::html::Div>, selector: &'static str) {
    // `try_`: the frame can come after the dialog is gone (WebKit runs frames late under load,
    // a hidden tab pauses them).
    request_animation_frame(move || {
        let target = panel
            .try_get_untracked()
            .flatten()
            .and_then(|p| p.query_selector(selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = target {
            let _ = el.focus();
        }
    });
}

/// After an answer with errors, moves focus to the first: the top alert, else the first invalid field.
fn focus_first_error(panel: NodeRef<leptos::html::Div>) {
    // After the error messages are rendered.
    request_animation_frame(move || {
        let Some(panel) = panel.try_get_untracked().flatten() else {
            return;
        };
        let target = panel
            .query_selector("[data-restore-error]")
            .ok()
            .flatten()
            .and_then(|_| panel.query_selector("[data-error-anchor]").ok().flatten())
            .or_else(|| {
                panel
                    .query_selector("input[aria-invalid='true'], select[aria-invalid='true']")
                    .ok()
                    .flatten()
            });
        if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}
