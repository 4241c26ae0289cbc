//! "Export CSV": every backup that matches the table's filters and sort, saved as a CSV file.
//!
//! What the first rows need is only here: the button, the request in the shared store (so a
//! host's `exportCsv()` starts the same export) and the place its progress and result are
//! shown. The export itself (paging, the file, saving it) is [`panel`], a lazily loaded part
//! of the `dialogs` chunk.

mod panel;

use crate::api::BackupQuery;
use crate::components::lazy::{lazy_part, preload, LazyRegion};
use crate::components::ui::Alert;
use crate::components::WidgetContext;
use crate::state::actions::Notice;
use crate::state::export::export_query;
use crate::state::table::TableView;
use crate::state::Column;
use futures::FutureExt;
use leptos::prelude::*;
use std::sync::Arc;

/// How an export ended.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportOutcome {
    /// The file was built and offered to the browser to save.
    Saved(ExportSaved),
    /// The user (or the host) cancelled; nothing was saved.
    Cancelled,
    /// A request failed; nothing was saved. The message says what happened.
    Failed(String),
}

/// A saved export.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportSaved {
    /// The file's name (`backups-2026-12-01.csv`).
    pub filename: String,
    /// Rows in the file (without the header).
    pub rows: usize,
    /// Backups that matched, as the server said (`None` when it did not say).
    pub total: Option<u64>,
    /// True when more backups matched than the cap let the file hold.
    pub truncated: bool,
    /// The file's text (starting with the byte-order mark).
    pub csv: String,
}

/// Who waits for an export's outcome besides the table (a host's `exportCsv()` promise).
#[derive(Clone)]
pub struct ExportReply(pub Arc<dyn Fn(ExportOutcome) + Send + Sync>);

/// A request to export the table's current list.
#[derive(Clone, Default)]
pub struct ExportRequest {
    /// Told the outcome when the export ends.
    pub reply: Option<ExportReply>,
}

impl ExportRequest {
    /// Starts an export in the widget of `store` unless one is running; `false` if one is.
    pub fn start(store: crate::components::Store, request: ExportRequest) -> bool {
        if store.export.with_untracked(Option::is_some) {
            return false;
        }
        store.export.set(Some(request));
        true
    }
}

/// An ended export, what to tell the user, and who else waits for it.
type Finished = (ExportOutcome, Notice, Option<ExportReply>);

/// The export's button and status region, wired to the table's view; `Copy`.
#[derive(Clone, Copy)]
pub struct ExportControls {
    ctx: WidgetContext,
    view: Signal<TableView>,
    button: NodeRef<leptos::html::Button>,
    result: RwSignal<Option<Notice>>,
}

impl ExportControls {
    /// The controls of the table whose filters and sort are `view`.
    pub fn new(ctx: WidgetContext, view: Signal<TableView>) -> Self {
        ExportControls {
            ctx,
            view,
            button: NodeRef::new(),
            result: RwSignal::new(None),
        }
    }

    /// "Export CSV" (busy while an export runs; a second click sends nothing).
    pub fn button(self) -> impl IntoView {
        let store = self.ctx.store;
        let running = move || store.export.with(Option::is_some);
        view! {
            <button
                type="button"
                class="wb-button wb-export__button"
                node_ref=self.button
                aria-disabled=move || running().then_some("true")
                aria-busy=move || running().then_some("true")
                on:click=move |_| {
                    if ExportRequest::start(store, ExportRequest::default()) {
                        self.result.set(None);
                    }
                }
            >
                {self.ctx.i18n.t(crate::i18n::Msg::ExportCsv)}
            </button>
        }
    }

    /// The running export's progress and Cancel, then what became of it.
    pub fn status(self) -> impl IntoView {
        let ctx = self.ctx;
        let store = ctx.store;
        let result = self.result;
        let button = self.button;
        let finished = Callback::new(move |(outcome, notice, reply): Finished| {
            result.set(Some(notice));
            store.export.set(None);
            // The panel (and its Cancel button) is gone: focus stays on the export's button.
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
            if let Some(reply) = reply {
                (reply.0)(outcome);
            }
        });
        let running = move || {
            store.export.get().map(|request| {
                // The list as it is when the export starts: later changes to the filters do
                // not change what this file holds.
                let (query, columns, cap) = untrack(|| {
                    let settings = ctx.settings.get();
                    (
                        export_query(&self.view.get(), &settings.scope),
                        settings.columns,
                        settings.export_max_rows,
                    )
                });
                let reply = request.reply;
                let done = Callback::new(move |(outcome, notice): (ExportOutcome, Notice)| {
                    finished.run((outcome, notice, reply.clone()));
                });
                view! {
                    <LazyRegion
                        preload=preload!(__preload_export_view)
                        content=move || {
                            export_view(query.clone(), columns.clone(), cap, done).now_or_never()?.ok()
                        }
                    />
                }
            })
        };
        view! {
            <div class="wb-export">
                {running}
                {move || {
                    result
                        .get()
                        .map(|n| view! { <Alert notice=n class="wb-export__result" on_dismiss=move |_| result.set(None) /> })
                }}
            </div>
        }
    }
}

lazy_part! {
    /// The running export: pages through `query`, shows progress and Cancel, saves the file.
    pub fn export_view / __preload_export_view in dialogs
        (
            query: BackupQuery,
            columns: Vec<Column>,
            cap: u32,
            on_done: Callback<(ExportOutcome, Notice)>,
        ) -> AnyView
    {
        view! { <panel::ExportPanel query columns cap on_done /> }.into_any()
    }
}
