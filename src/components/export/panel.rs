//! The running export (lazily loaded): pages through the list, shows how far it is, can be
//! cancelled, and hands the finished file to the browser to save.

use super::{ExportOutcome, ExportSaved};
use crate::api::{AbortSlot, ApiError, BackupQuery};
use crate::components::ui::locale::{now_ms, utc_offset_minutes};
use crate::components::WidgetContext;
use crate::i18n::{Msg, Text};
use crate::state::actions::Notice;
use crate::state::export::{csv_columns, csv_document, export_filename, ExportRun};
use crate::state::{Column, LocalDateTime};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Progress, Cancel, and the export's requests (one at a time, in page order).
#[component]
pub fn ExportPanel(
    /// The first page's request (the table's query at `page_size=300`).
    query: BackupQuery,
    /// The table's visible columns.
    columns: Vec<Column>,
    /// The most rows the file holds.
    cap: u32,
    /// Called once, when the export has ended either way.
    on_done: Callback<(ExportOutcome, Notice)>,
) -> impl IntoView {
    let ctx = WidgetContext::expect();
    let i18n = ctx.i18n;
    let progress = RwSignal::new((0usize, None::<u64>));
    let slot = StoredValue::new_local(AbortSlot::new());
    let cancelled = StoredValue::new(false);
    let host = NodeRef::<leptos::html::Div>::new();
    let cancel_button = NodeRef::<leptos::html::Button>::new();
    // Unmounted mid-way: its request stops with it.
    on_cleanup(move || {
        if let Some(s) = slot.try_get_value() {
            s.abort();
        }
    });
    let client = ctx.client();
    ctx.spawn(async move {
        let mut run = ExportRun::new(cap);
        let mut page_no = 1;
        loop {
            if cancelled.get_value() {
                on_done.run(ended(ExportOutcome::Cancelled));
                return;
            }
            let q = BackupQuery {
                page: Some(page_no),
                ..query.clone()
            };
            let Some(s) = slot.try_get_value() else {
                return;
            };
            match client.list_backups_in(&q, &s).await {
                Ok(page) => {
                    let next = run.add_page(page_no, page);
                    progress.set((run.rows.len(), run.target()));
                    match next {
                        Some(n) => page_no = n,
                        None => break,
                    }
                }
                Err(ApiError::Aborted) => {
                    on_done.run(ended(ExportOutcome::Cancelled));
                    return;
                }
                // The list shrank while paging: what was collected is all there is.
                Err(ApiError::NotFound(_)) if page_no > 1 => break,
                Err(e) => {
                    ctx.report_error(&e);
                    let reason = e.message();
                    let message = untrack(|| i18n.show(&reason));
                    let notice = Notice::error(Text::new(Msg::ExportFailed).arg("reason", reason));
                    on_done.run((ExportOutcome::Failed(message), notice));
                    return;
                }
            }
        }
        let csv = csv_document(&csv_columns(&columns), &run.rows);
        let today = LocalDateTime::at_instant(now_ms(), &utc_offset_minutes).date;
        let filename = export_filename(today);
        if let Some(el) = host.get_untracked() {
            save(&el, &filename, &csv);
        }
        let saved = ExportSaved {
            filename,
            rows: run.rows.len(),
            total: run.total,
            truncated: run.capped(),
            csv,
        };
        on_done.run(ended(ExportOutcome::Saved(saved)));
    });

    let cancel = move |_| {
        cancelled.set_value(true);
        slot.with_value(AbortSlot::abort);
    };
    let text = move || {
        let (done, target) = progress.get();
        match target {
            Some(t) => i18n.text_with(
                Msg::ExportProgressOf,
                &[("done", done.into()), ("total", t.into())],
            ),
            None if done == 0 => i18n.text(Msg::ExportStarting),
            None => i18n.text_with(Msg::ExportProgressSoFar, &[("count", done.into())]),
        }
    };
    // Keyboard users land on Cancel: the one thing they can do while it runs.
    Effect::new(move |_| {
        if let Some(b) = cancel_button.get() {
            let _ = b.focus();
        }
    });
    view! {
        <div class="wb-export__panel" node_ref=host aria-busy="true">
            <p class="wb-export__progress-text">{text}</p>
            <progress
                class="wb-export__progress"
                aria-label=i18n.t(Msg::ExportProgressLabel)
                max=move || progress.with(|(_, t)| t.map_or(1.0, |t| t.max(1) as f64))
                value=move || progress.with(|(done, t)| t.map(|_| *done as f64))
            ></progress>
            <button type="button" class="wb-button wb-export__cancel" node_ref=cancel_button on:click=cancel>
                {i18n.t(Msg::CancelExport)}
            </button>
        </div>
    }
}

/// The outcome of a saved or cancelled export with what the user is told about it (numbers
/// are written in the widget's language when shown).
fn ended(outcome: ExportOutcome) -> (ExportOutcome, Notice) {
    let notice = match &outcome {
        ExportOutcome::Saved(s) if s.truncated => {
            let text = match s.total {
                Some(total) => Text::new(Msg::ExportSavedCapped).arg("total", total),
                None => Text::new(Msg::ExportSavedCappedNoTotal),
            };
            Notice::warning(text.arg("file", s.filename.as_str()).arg("first", s.rows))
        }
        ExportOutcome::Saved(s) if s.rows == 0 => {
            Notice::success(Text::new(Msg::ExportSavedEmpty).arg("file", s.filename.as_str()))
        }
        ExportOutcome::Saved(s) => Notice::success(
            Text::new(Msg::ExportSaved)
                .arg("file", s.filename.as_str())
                .arg("count", s.rows),
        ),
        ExportOutcome::Cancelled => Notice::warning(Text::new(Msg::ExportCancelled)),
        ExportOutcome::Failed(message) => {
            Notice::error(Text::new(Msg::ExportFailed).arg("reason", message.as_str()))
        }
    };
    (outcome, notice)
}

/// Offers `csv` to the browser as a download named `filename` (a link clicked inside the
/// widget, so it works in a shadow root and under a strict CSP).
fn save(host: &web_sys::HtmlDivElement, filename: &str, csv: &str) {
    let parts = js_sys::Array::of1(&csv.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Some(document) = host.owner_document() else {
        return;
    };
    let Ok(link) = document.create_element("a") else {
        return;
    };
    let link: web_sys::HtmlAnchorElement = link.unchecked_into();
    link.set_href(&url);
    link.set_download(filename);
    link.set_class_name("wb-export__link");
    let _ = host.append_child(&link);
    link.click();
    link.remove();
    // Some browsers read the file after the click returns: the address is freed later.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 40_000);
    }
}
