//! The "Keep until…" dialog (lazily loaded): the retention, the question before a date that
//! has passed, then one PATCH per backup (at most four at a time), progress, and each result.

use crate::api::Backup;
use crate::components::context::HostEvent;
use crate::components::ui::focus::unique_id;
use crate::components::ui::locale::{now_ms, utc_offset_minutes};
use crate::components::ui::{Alert, Modal, ModalKind};
use crate::components::WidgetContext;
use crate::i18n::Msg;
use crate::state::bulk_retention::{progress_text, NewRetention, RetentionResults, MAX_IN_FLIGHT};
use crate::state::datetime::add_months;
use crate::state::edit::PAST_DATE_WARNING;
use crate::state::LocalDateTime;
use futures::StreamExt;
use leptos::prelude::*;

/// Where the dialog is.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    /// Choosing the retention.
    Choosing,
    /// The date has passed: asked before anything is sent.
    AskingPast(NewRetention),
    /// The requests are on their way.
    Running,
    /// Every backup has an answer.
    Done,
}

/// Sets one retention on `backups`.
#[component]
pub fn BulkRetentionDialog(
    /// The selected backups the user may change, as shown.
    backups: Vec<Backup>,
    /// The selected backups the user may not change (never sent), with the reason.
    denied: super::Denied,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let i18n = ctx.i18n;
    let ids = unique_id("wb-bulk-retention");
    let title_id = format!("{ids}-title");
    let date_id = format!("{ids}-date");
    let error_id = StoredValue::new(format!("{ids}-error"));
    let total = backups.len() + denied.len();
    let backups = StoredValue::new(backups);
    let stage = RwSignal::new(Stage::Choosing);
    let forever = RwSignal::new(false);
    let in_a_month = LocalDateTime::at_instant(add_months(now_ms(), 1), &utc_offset_minutes);
    let date = RwSignal::new(in_a_month.input_value());
    let invalid = RwSignal::new(false);
    let results = RwSignal::new(RetentionResults {
        done: Vec::new(),
        refused: denied,
    });

    let send = move |retention: NewRetention| {
        // Once: the stage leaves Choosing and AskingPast, so the buttons that send are gone.
        if matches!(stage.get_untracked(), Stage::Running | Stage::Done) {
            return;
        }
        stage.set(Stage::Running);
        let patch = retention.patch();
        let client = ctx.client();
        let list = backups.get_value();
        ctx.spawn(async move {
            let mut answers = futures::stream::iter(list)
                .map(|b| {
                    let (client, patch) = (client.clone(), patch.clone());
                    async move {
                        let answer = client.patch_backup(&b.uuid, &patch).await;
                        (b, answer)
                    }
                })
                .buffer_unordered(MAX_IN_FLIGHT);
            while let Some((b, answer)) = answers.next().await {
                match answer {
                    Ok(updated) => {
                        // The table shows the new retention in place.
                        ctx.store.upsert(&updated);
                        ctx.emit(HostEvent::BackupUpdated(updated));
                        results.update(|r| r.done.push(b.name));
                    }
                    Err(e) => {
                        ctx.report_error(&e);
                        results.update(|r| r.refused.push((b.name, e.message())));
                    }
                }
            }
            stage.set(Stage::Done);
        });
    };
    let apply = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let offset = utc_offset_minutes;
        match NewRetention::from_form(forever.get_untracked(), &date.get_untracked(), &offset) {
            None => invalid.set(true),
            Some(r) if r.is_past(now_ms()) => stage.set(Stage::AskingPast(r)),
            Some(r) => send(r),
        }
    };

    let choosing = move || stage.with(|s| *s == Stage::Choosing);
    let body = move || {
        match stage.get() {
        Stage::Choosing => None,
        Stage::AskingPast(r) => Some(
            view! {
                <div class="wb-bulk-retention__ask" role="alert">
                    <p>{i18n.t(PAST_DATE_WARNING)}</p>
                    <div class="wb-modal__actions">
                        <button type="button" class="wb-button" on:click=move |_| stage.set(Stage::Choosing)>
                            {i18n.t(Msg::ChangeTheDate)}
                        </button>
                        <button type="button" class="wb-button wb-button--danger wb-bulk-retention__anyway"
                            on:click=move |_| send(r.clone())>
                            {i18n.t(Msg::SetPastDateAnyway)}
                        </button>
                    </div>
                </div>
            }
            .into_any(),
        ),
        Stage::Running => Some(
            view! {
                <p class="wb-bulk-retention__progress" aria-busy="true">
                    {move || results.with(|r| i18n.show(&progress_text(r.settled(), total)))}
                </p>
            }
            .into_any(),
        ),
        Stage::Done => Some(
            view! {
                <Alert notice=results.with_untracked(RetentionResults::notice) class="wb-bulk-retention__result" />
                <Show when=move || results.with(|r| !r.done.is_empty())>
                    <ul class="wb-bulk-retention__done" aria-label=i18n.t(Msg::RetentionChangedList)>
                        {results.with_untracked(|r| r.done.iter().map(|n| {
                            let n = n.clone();
                            view! { <li>{i18n.t_with(Msg::RetentionChangedFor, move || vec![("name", n.as_str().into())])}</li> }
                        }).collect_view())}
                    </ul>
                </Show>
                <div class="wb-modal__actions">
                    <button type="button" class="wb-button wb-button--primary" data-autofocus on:click=move |_| on_close.run(())>
                        {i18n.t(Msg::CloseDialog)}
                    </button>
                </div>
            }
            .into_any(),
        ),
    }
    };
    // While requests are out, closing would hide their results: the dialog stays.
    let close = move |_| {
        if stage.get_untracked() != Stage::Running {
            on_close.run(());
        }
    };
    view! {
        <Modal labelled_by=title_id.clone() kind=ModalKind::Dialog on_close=close>
            <h2 class="wb-modal__title" id=title_id>
                {i18n.t_with(Msg::BulkKeepUntilTitle, move || vec![("count", total.into())])}
            </h2>
            <Show when=choosing>
                <form class="wb-bulk-retention__form" on:submit=apply novalidate>
                    <div class="wb-field">
                        <label class="wb-field__label" for=date_id.clone()>{i18n.t(Msg::KeepUntil)}</label>
                        <input
                            id=date_id.clone()
                            class="wb-input"
                            type="datetime-local"
                            prop:value=move || date.get()
                            disabled=move || forever.get()
                            aria-invalid=move || invalid.get().then_some("true")
                            aria-describedby=move || invalid.get().then(|| error_id.get_value())
                            on:input=move |ev| {
                                date.set(event_target_value(&ev));
                                invalid.set(false);
                            }
                        />
                        <Show when=move || invalid.get()>
                            <p class="wb-field__error" id=error_id.get_value()>{i18n.t(Msg::EnterDateOrForever)}</p>
                        </Show>
                    </div>
                    <label class="wb-check">
                        <input type="checkbox" prop:checked=move || forever.get()
                            on:change=move |ev| { forever.set(event_target_checked(&ev)); invalid.set(false); } />
                        " "{i18n.t(Msg::KeepForever)}
                    </label>
                    <div class="wb-modal__actions">
                        <button type="button" class="wb-button" on:click=move |_| on_close.run(())>{i18n.t(Msg::Cancel)}</button>
                        <button type="submit" class="wb-button wb-button--primary">
                            {i18n.t_with(Msg::ApplyToBackups, move || vec![("count", total.into())])}
                        </button>
                    </div>
                </form>
            </Show>
            {body}
        </Modal>
    }
}
