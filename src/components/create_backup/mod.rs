//! "Create backup": a button that knows whether the instance can be backed up now, and the
//! dialog that names the new backup, says how long to keep it and sends one request per submit.

use crate::api::{may_hide_a_reply, reclassify};
use crate::api::{ApiError, Backup, InstanceSummary};
use crate::components::context::{HostEvent, WidgetContext};
use crate::components::lazy::LazyCreateBackupDialog;
use crate::components::ui::focus::unique_id;
use crate::components::ui::locale::{now_ms, utc_offset_minutes};
use crate::components::ui::{Alert, ConfirmDialog, Modal, Spinner};
use crate::i18n::{Msg, Text};
use crate::state::actions::{Notice, Tone};
use crate::state::create::{can_create_backup, created_message};
use crate::state::permissions::Place;
use crate::state::text_limits::{self, DESCRIPTION_MAX, NAME_MAX};
use crate::state::{BackupForm, FormErrors, FormField, LocalDateTime, Purpose, Retention};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Opens the "Create backup" dialog for one instance; disabled, with the reason, unless the
/// instance is OK.
#[component]
pub fn CreateBackupButton(
    /// UUID of the instance to back up.
    #[prop(into)]
    instance_uuid: Signal<String>,
) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let instance = LocalResource::new(move || {
        let uuid = instance_uuid.get();
        let api = ctx.client();
        async move { api.get_instance_summary(&uuid).await }
    });
    let open_for = RwSignal::new(None::<InstanceSummary>);
    let i18n = ctx.i18n;
    let announcement = RwSignal::new(None::<Text>);
    let reason_id = unique_id("wb-create-reason");

    // Ready(instance) when the button works; otherwise the reason shown beside it.
    let availability = move || match instance.get() {
        None => Err((Text::new(Msg::CheckingInstance), false)),
        Some(Err(e)) => Err((
            Text::new(Msg::InstanceCheckFailed).arg("reason", e.message()),
            true,
        )),
        Some(Ok(inst)) => match ctx
            .access()
            .can_change(&Place::of_instance(&inst))
            .map_err(|why| Text::new(Msg::Sentence).arg("text", Text::new(why)))
            .and_then(|()| can_create_backup(&inst.state))
        {
            Ok(()) => Ok(inst),
            Err(reason) => Err((reason, false)),
        },
    };
    let enabled = move || availability().is_ok();
    let open = move |_| {
        if let Ok(inst) = availability() {
            announcement.set(None);
            open_for.set(Some(inst));
        }
    };
    let on_created = Callback::new(move |backup: Backup| {
        open_for.set(None);
        announcement.set(Some(created_message(&backup.name)));
    });

    view! {
        <div class="wb-create">
            <button
                type="button"
                class="wb-button wb-button--primary wb-create__button"
                disabled=move || !enabled()
                aria-describedby=reason_id.clone()
                on:click=open
            >
                {i18n.t(Msg::CreateBackup)}
            </button>
            <span class="wb-create__reason" id=reason_id>
                {move || match availability() {
                    Ok(_) => None,
                    Err((reason, retry)) => Some(view! {
                        {i18n.show(&reason)}
                        {retry.then(|| view! {
                            " "
                            <button
                                type="button"
                                class="wb-button wb-button--link wb-create__retry"
                                on:click=move |_| instance.refetch()
                            >
                                {i18n.t(Msg::TryAgain)}
                            </button>
                        })}
                    }),
                }}
            </span>
            <span class="wb-create__status" role="status" aria-live="polite">
                {move || announcement.with(|t| t.as_ref().map(|t| i18n.show(t)))}
            </span>
            {move || open_for.get().map(|inst| view! {
                <LazyCreateBackupDialog
                    instance_uuid=inst.uuid.clone()
                    instance_name=inst.name.clone()
                    on_close=move |_| open_for.set(None)
                    on_created=on_created
                    on_conflict=move |_| instance.refetch()
                />
            })}
        </div>
    }
}

/// The dialog that starts a backup of an instance: name, description and how long to keep it.
/// On success it updates the widget's store and tells the host (`BackupCreated`).
#[component]
pub fn CreateBackupDialog(
    /// UUID of the instance to back up.
    #[prop(into)]
    instance_uuid: String,
    /// Name of the instance (prefills the backup name).
    #[prop(into)]
    instance_name: String,
    /// Called when the dialog should go away without a new backup.
    #[prop(into)]
    on_close: Callback<()>,
    /// Called with the new backup once the server accepted it.
    #[prop(into)]
    on_created: Callback<Backup>,
    /// Called when the server says the instance is not in a state that allows a backup (409).
    #[prop(optional, into)]
    on_conflict: Option<Callback<()>>,
) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let i18n = ctx.i18n;
    let initial = BackupForm::for_new_backup(&instance_name, local_now(0.0).date);
    let form = RwSignal::new(initial.clone());
    let errors = RwSignal::new(FormErrors::default());
    let busy = RwSignal::new(false);
    let confirm_discard = RwSignal::new(false);
    // Once submitted, each field's message follows its value as it is edited.
    let submitted = RwSignal::new(false);
    Effect::new(move |before: Option<BackupForm>| {
        let after = form.get();
        if let Some(before) = before.filter(|b| *b != after) {
            if submitted.get_untracked() {
                errors.update(|e| {
                    e.follow(
                        &before,
                        &after,
                        Purpose::Create,
                        now_ms(),
                        &utc_offset_minutes,
                    )
                });
            }
        }
        after
    });
    let changed = {
        let initial = initial.clone();
        move || form.with(|f| *f != initial)
    };

    let title_id = unique_id("wb-create-title");
    let intro_id = unique_id("wb-create-intro");
    let name_id = unique_id("wb-create-name");
    let description_id = unique_id("wb-create-description");
    let custom_id = unique_id("wb-create-until");
    let radio_group = unique_id("wb-create-retention");
    let ids = Ids {
        name_hint: format!("{name_id}-hint"),
        name_error: format!("{name_id}-error"),
        description_count: format!("{description_id}-count"),
        description_error: format!("{description_id}-error"),
        until_hint: format!("{custom_id}-hint"),
        until_error: format!("{custom_id}-error"),
    };

    let name_ref = NodeRef::<leptos::html::Input>::new();
    let description_ref = NodeRef::<leptos::html::Textarea>::new();
    let panel_ref = NodeRef::<leptos::html::Div>::new();

    // After the error messages render, focus goes to the first one the user has to fix.
    let focus_first_error = move || {
        set_timeout(
            move || {
                let target: Option<web_sys::HtmlElement> = match errors
                    .try_with_untracked(FormErrors::first)
                    .flatten()
                {
                    Some(FormField::Name) => {
                        name_ref.try_get_untracked().flatten().map(|e| e.into())
                    }
                    Some(FormField::Description) => description_ref
                        .try_get_untracked()
                        .flatten()
                        .map(|e| e.into()),
                    Some(FormField::KeptUntil) => {
                        panel_ref.try_get_untracked().flatten().and_then(|p| {
                            // The date input when shown, else the chosen option.
                            ["input[type=datetime-local]", "input[type=radio]:checked"]
                                .into_iter()
                                .find_map(|s| p.query_selector(s).ok().flatten())
                                .and_then(|e| e.dyn_into().ok())
                        })
                    }
                    Some(FormField::Top) => panel_ref.try_get_untracked().flatten().and_then(|p| {
                        p.query_selector(".wb-create__errors")
                            .ok()
                            .flatten()?
                            .dyn_into()
                            .ok()
                    }),
                    None => None,
                };
                if let Some(el) = target {
                    let _ = el.focus();
                }
            },
            Duration::ZERO,
        );
    };

    let submit = {
        let instance_uuid = instance_uuid.clone();
        move || {
            // One request per submit: a second click or Enter while one is pending does nothing.
            if busy.get_untracked() {
                return;
            }
            submitted.set(true);
            let current = form.get_untracked();
            let request = match current.to_request(now_ms(), &utc_offset_minutes) {
                Ok(r) => r,
                Err(e) => {
                    errors.set(e);
                    focus_first_error();
                    return;
                }
            };
            busy.set(true);
            errors.set(FormErrors::default());
            let api = ctx.client();
            let uuid = instance_uuid.clone();
            ctx.spawn(async move {
                let result = match api.create_backup(&uuid, &request).await {
                    // Refused with a reply the browser hid, if the server answers a check.
                    Err(e) if may_hide_a_reply(&e) => Err(reclassify(e, api.recheck().await)),
                    other => other,
                };
                busy.try_set(false);
                match result {
                    Ok(backup) => {
                        ctx.store.upsert(&backup);
                        ctx.store.request_reload();
                        ctx.emit(HostEvent::BackupCreated(backup.clone()));
                        on_created.run(backup);
                    }
                    Err(error) => {
                        if !matches!(error, ApiError::BadRequest { .. }) {
                            ctx.report_error(&error);
                        }
                        if matches!(error, ApiError::Conflict(_) | ApiError::Unreadable) {
                            if let Some(cb) = on_conflict {
                                cb.run(());
                            }
                        }
                        errors.try_set(FormErrors::from_api(&error, Purpose::Create));
                        focus_first_error();
                    }
                }
            });
        }
    };

    // Esc, the backdrop and Cancel: close at once when nothing was typed, else ask first.
    let request_close = {
        let changed = changed.clone();
        move || {
            if busy.get_untracked() {
                return;
            }
            if changed() {
                confirm_discard.set(true);
            } else {
                on_close.run(());
            }
        }
    };
    let request_close_cb = Callback::new({
        let request_close = request_close.clone();
        move |_: ()| request_close()
    });

    let described = move |hint: Option<&str>, error_id: &str, has_error: bool| {
        let mut parts: Vec<String> = hint.map(str::to_owned).into_iter().collect();
        if has_error {
            parts.push(error_id.to_owned());
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    };

    let name_error = move || errors.with(|e| e.name.clone());
    let description_error = move || errors.with(|e| e.description.clone());
    let until_error = move || errors.with(|e| e.kept_until.clone());
    let top_errors = move || errors.with(|e| e.top.clone());
    let description_len = move || form.with(|f| f.description.chars().count());
    let retention = move || form.with(|f| f.retention);

    let Ids {
        name_hint,
        name_error: name_error_id,
        description_count,
        description_error: description_error_id,
        until_hint,
        until_error: until_error_id,
    } = ids;

    let retention_choices = Retention::ALL
        .into_iter()
        .map(|choice| {
            let radio_id = format!("{radio_group}-{}", choice.value());
            let label_for = radio_id.clone();
            view! {
                <label class="wb-create__choice" for=label_for>
                    <input
                        type="radio"
                        id=radio_id
                        name=radio_group.clone()
                        value=choice.value()
                        prop:checked=move || retention() == choice
                        on:change=move |ev| {
                            if event_target_checked(&ev) {
                                form.update(|f| {
                                    f.retention = choice;
                                    if choice == Retention::Custom && f.until.is_empty() {
                                        f.until = local_now(WEEK_MS).input_value();
                                    }
                                });
                            }
                        }
                    />
                    {i18n.t(choice.label())}
                </label>
            }
        })
        .collect_view();

    view! {
        <Modal labelled_by=title_id.clone() described_by=intro_id.clone() on_close=request_close_cb>
            <form
                class="wb-create__form"
                novalidate
                on:submit={
                    let submit = submit.clone();
                    move |ev: web_sys::SubmitEvent| {
                        ev.prevent_default();
                        submit();
                    }
                }
            >
                <div node_ref=panel_ref>
                    <h2 class="wb-modal__title" id=title_id>{i18n.t(Msg::CreateBackup)}</h2>
                    <p class="wb-modal__message" id=intro_id>
                        {
                            let name = instance_name.clone();
                            i18n.t_with(Msg::CreateIntro, move || vec![("name", name.as_str().into())])
                        }
                    </p>
                    {move || {
                        let list = top_errors();
                        (!list.is_empty()).then(|| view! {
                            <Alert notice=Notice::list(Tone::Error, list) class="wb-create__errors" tabindex=-1/>
                        })
                    }}

                    <div class="wb-field">
                        <label class="wb-field__label" for=name_id.clone()>{i18n.t(Msg::ColumnName)}</label>
                        <input
                            node_ref=name_ref
                            id=name_id
                            class="wb-input"
                            type="text"
                            name="name"
                            autocomplete="off"
                            aria-required="true"
                            data-autofocus
                            prop:value=move || form.with(|f| f.name.clone())
                            on:input=move |ev| {
                                form.update(|f| f.name = event_target_value(&ev));
                            }
                            aria-invalid=move || name_error().is_some().then_some("true")
                            aria-describedby={
                                let (h, e) = (name_hint.clone(), name_error_id.clone());
                                move || described(Some(&h), &e, name_error().is_some())
                            }
                        />
                        <span class="wb-field__hint" id=name_hint.clone()>
                            {i18n.t_with(Msg::NameHint, || vec![("max", NAME_MAX.into())])}
                        </span>
                        {
                            let id = name_error_id.clone();
                            move || name_error().map(|m| view! {
                                <span class="wb-field__error" id=id.clone()>{i18n.show(&m)}</span>
                            })
                        }
                    </div>

                    <div class="wb-field">
                        <label class="wb-field__label" for=description_id.clone()>
                            {i18n.t(Msg::DescriptionOptional)}
                        </label>
                        <textarea
                            node_ref=description_ref
                            id=description_id
                            class="wb-textarea"
                            name="description"
                            rows="3"
                            prop:value=move || form.with(|f| f.description.clone())
                            on:input=move |ev| {
                                form.update(|f| f.description = event_target_value(&ev));
                            }
                            aria-invalid=move || description_error().is_some().then_some("true")
                            aria-describedby={
                                let (h, e) = (description_count.clone(), description_error_id.clone());
                                move || described(Some(&h), &e, description_error().is_some())
                            }
                        ></textarea>
                        <span
                            class=move || {
                                if description_len() > DESCRIPTION_MAX {
                                    "wb-field__hint wb-create__count wb-create__count--over"
                                } else {
                                    "wb-field__hint wb-create__count"
                                }
                            }
                            id=description_count.clone()
                        >
                            {move || form.with(|f| i18n.show(&text_limits::description_count(&f.description)))}
                        </span>
                        {
                            let id = description_error_id.clone();
                            move || description_error().map(|m| view! {
                                <span class="wb-field__error" id=id.clone()>{i18n.show(&m)}</span>
                            })
                        }
                    </div>

                    <fieldset
                        class="wb-field wb-create__retention"
                        aria-describedby={
                            let (h, e) = (until_hint.clone(), until_error_id.clone());
                            move || described(Some(&h), &e, until_error().is_some())
                        }
                    >
                        <legend class="wb-field__label">{i18n.t(Msg::KeepUntil)}</legend>
                        <span class="wb-field__hint" id=until_hint.clone()>
                            {i18n.t(Msg::CreateKeptUntilHint)}
                        </span>
                        <div class="wb-create__choices">{retention_choices}</div>
                        {
                            let (custom_id, until_error_id) = (custom_id.clone(), until_error_id.clone());
                            move || (retention() == Retention::Custom).then(|| {
                                let e = until_error_id.clone();
                                view! {
                                    <div class="wb-create__custom">
                                        <label class="wb-field__label" for=custom_id.clone()>
                                            {i18n.t(Msg::DateTimeLocal)}
                                        </label>
                                        <input
                                            id=custom_id.clone()
                                            class="wb-input"
                                            type="datetime-local"
                                            name="kept_until"
                                            aria-required="true"
                                            min=local_now(0.0).input_value()
                                            prop:value=move || form.with(|f| f.until.clone())
                                            on:input=move |ev| {
                                                form.update(|f| f.until = event_target_value(&ev));
                                            }
                                            aria-invalid=move || until_error().is_some().then_some("true")
                                            aria-describedby=move || described(None, &e, until_error().is_some())
                                        />
                                    </div>
                                }
                            })
                        }
                        {
                            let id = until_error_id.clone();
                            move || until_error().map(|m| view! {
                                <span class="wb-field__error" id=id.clone()>{i18n.show(&m)}</span>
                            })
                        }
                    </fieldset>

                    <div class="wb-modal__actions">
                        <button
                            type="button"
                            class="wb-button"
                            disabled=move || busy.get()
                            on:click={
                                let request_close = request_close.clone();
                                move |_| request_close()
                            }
                        >
                            {i18n.t(Msg::Cancel)}
                        </button>
                        <button
                            type="submit"
                            class="wb-button wb-button--primary wb-create__submit"
                            disabled=move || busy.get()
                            aria-busy=move || busy.get().then_some("true")
                        >
                            {move || busy.get().then(|| view! { <Spinner/> })}
                            {move || i18n.text(if busy.get() { Msg::CreatingBackup } else { Msg::CreateBackup })}
                        </button>
                    </div>
                </div>
            </form>
        </Modal>
        {move || confirm_discard.get().then(|| view! {
            <ConfirmDialog
                title=i18n.t(Msg::DiscardBackupTitle)
                message=i18n.t(Msg::DiscardBackupMessage)
                confirm_label=i18n.t(Msg::Discard)
                danger=true
                on_confirm=move |_| {
                    confirm_discard.set(false);
                    on_close.run(());
                }
                on_cancel=move |_| confirm_discard.set(false)
            />
        })}
    }
}

/// Element ids tying the dialog's hints and errors to their controls.
struct Ids {
    name_hint: String,
    name_error: String,
    description_count: String,
    description_error: String,
    until_hint: String,
    until_error: String,
}

const WEEK_MS: f64 = 7.0 * 86_400_000.0;

/// The user's wall clock `ahead_ms` from now: today's date for the default name, the earliest
/// custom date, and a week ahead as the custom date to start from.
fn local_now(ahead_ms: f64) -> LocalDateTime {
    LocalDateTime::at_instant(now_ms() + ahead_ms, &utc_offset_minutes)
}
