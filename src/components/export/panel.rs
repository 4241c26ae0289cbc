//! The running export (lazily loaded): pages through the list, shows how far it is, can be
//! cancelled, and hands the finished file to the browser to save.

use super::{ExportOutcome, ExportSaved};
use crate::api::{AbortSlot, ApiError, BackupQuery};
use crate::components::ui::locale::{format_number, now_ms, utc_offset_minutes};
use crate::components::WidgetContext;
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
    let locale = ctx.settings.with_untracked(|s| s.locale.clone());
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
    let l = locale.clone();
    ctx.spawn(async move {
        let locale = l.as_deref();
        let mut run = ExportRun::new(cap);
        let mut page_no = 1;
        loop {
            if cancelled.get_value() {
                on_done.run(ended(ExportOutcome::Cancelled, locale));
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
                    on_done.run(ended(ExportOutcome::Cancelled, locale));
                    return;
                }
                // The list shrank while paging: what was collected is all there is.
                Err(ApiError::NotFound(_)) if page_no > 1 => break,
                Err(e) => {
                    ctx.report_error(&e);
                    let message = untrack(|| ctx.i18n.show(&e.message()));
                    on_done.run(ended(ExportOutcome::Failed(message), locale));
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
        on_done.run(ended(ExportOutcome::Saved(saved), locale));
    });

    let cancel = move |_| {
        cancelled.set_value(true);
        slot.with_value(AbortSlot::abort);
    };
    let text = move || {
        let (done, target) = progress.get();
        let n = format_number(done as f64, locale.as_deref());
        match target {
            Some(t) => format!(
                "Exporting: {n} of {} backups",
                format_number(t as f64, locale.as_deref())
            ),
            None if done == 0 => "Exporting…".to_string(),
            None => format!("Exporting: {n} backups so far"),
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
                aria-label="Export progress"
                max=move || progress.with(|(_, t)| t.map_or(1.0, |t| t.max(1) as f64))
                value=move || progress.with(|(done, t)| t.map(|_| *done as f64))
            ></progress>
            <button type="button" class="wb-button wb-export__cancel" node_ref=cancel_button on:click=cancel>
                "Cancel export"
            </button>
        </div>
    }
}

/// The outcome with what the user is told about it.
fn ended(outcome: ExportOutcome, locale: Option<&str>) -> (ExportOutcome, Notice) {
    let n = |v: u64| format_number(v as f64, locale);
    let notice = match &outcome {
        ExportOutcome::Saved(s) if s.truncated => {
            let first = n(s.rows as u64);
            let of = s.total.map(|t| format!(" of {}", n(t))).unwrap_or_default();
            Notice::warning(format!(
                "Saved {} with the first {first}{of} backups: an export holds at most {first} rows. \
                 Narrow the filters to export the rest.",
                s.filename
            ))
        }
        ExportOutcome::Saved(s) if s.rows == 0 => Notice::success(format!(
            "Saved {}: no backups match the filters, so it has only the header row.",
            s.filename
        )),
        ExportOutcome::Saved(s) if s.rows == 1 => {
            Notice::success(format!("Saved {}: 1 backup.", s.filename))
        }
        ExportOutcome::Saved(s) => Notice::success(format!(
            "Saved {}: {} backups.",
            s.filename,
            n(s.rows as u64)
        )),
        ExportOutcome::Cancelled => Notice::warning("Export cancelled. Nothing was saved."),
        ExportOutcome::Failed(message) => Notice::error(format!(
            "The export stopped and nothing was saved: {message} Try again when the server answers."
        )),
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
