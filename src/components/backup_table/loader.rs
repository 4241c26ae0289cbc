//! Loading the table's page: when to load, what a load shows, and why an older answer never
//! replaces a newer one.

use crate::api::{ApiError, Backup, LinkRelations, Page};
use crate::components::hooks::{BackoffPoll, TableViewControl};
use crate::components::ui::locale::now_ms;
use crate::components::WidgetContext;
use crate::state::table::{page_after_removal, results_announcement};
use leptos::prelude::*;

/// Where the list is: first load, loaded, or failed (with the message shown).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Status {
    Loading,
    Ready,
    Failed(String),
}

/// The loaded page and its loading state; `Copy`, so handlers capture it.
#[derive(Clone, Copy)]
pub(super) struct PageLoader {
    pub status: RwSignal<Status>,
    /// A request is on its way (the first one, a refresh or a poll).
    pub busy: RwSignal<bool>,
    pub total: RwSignal<Option<u64>>,
    pub links: RwSignal<LinkRelations>,
    /// What the results live region says.
    pub announce: RwSignal<String>,
    /// When the page was loaded (relative times and retention warnings count from it).
    pub now: RwSignal<f64>,
    pub loaded_once: RwSignal<bool>,
    ctx: WidgetContext,
    table: TableViewControl,
    poll: BackoffPoll,
    selected: RwSignal<Vec<String>>,
    seq: StoredValue<u64>,
    last_count: StoredValue<usize>,
}

impl PageLoader {
    /// Loads whenever the view, the scope, the store's reload counter or the poller asks, and
    /// when rows were removed elsewhere (the drawer's delete or unlink).
    pub fn new(
        ctx: WidgetContext,
        table: TableViewControl,
        poll: BackoffPoll,
        selected: RwSignal<Vec<String>>,
    ) -> Self {
        let page = PageLoader {
            status: RwSignal::new(Status::Loading),
            busy: RwSignal::new(false),
            total: RwSignal::new(None),
            links: RwSignal::new(LinkRelations::default()),
            announce: RwSignal::new(String::new()),
            now: RwSignal::new(now_ms()),
            loaded_once: RwSignal::new(false),
            ctx,
            table,
            poll,
            selected,
            seq: StoredValue::new(0),
            last_count: StoredValue::new(0),
        };
        let store = ctx.store;
        Effect::new(move |_| {
            table.view.track();
            store.reload.track();
            poll.track();
            ctx.settings.with(|s| s.scope.clone());
            page.load();
        });
        // Fewer rows than loaded: load the page again, falling back a page if it is empty.
        Effect::new(move |_| {
            let n = store.rows.with(Vec::len);
            if page.loaded_once.get_untracked() && n < page.last_count.get_value() {
                page.last_count.set_value(n);
                page.load();
            }
        });
        page
    }

    /// Loads the current view's page; a newer load makes an older answer irrelevant.
    pub fn load(&self) {
        let this = *self;
        let query = self
            .table
            .view
            .with_untracked(|v| v.to_query(&self.ctx.settings.with_untracked(|s| s.scope.clone())));
        let page_no = self.table.view.with_untracked(|v| v.page);
        let my = self.seq.get_value() + 1;
        self.seq.set_value(my);
        self.busy.set(true);
        let client = self.ctx.client();
        self.ctx.spawn(async move {
            let result = client.list_backups_latest(&query).await;
            if this.seq.get_value() != my {
                return;
            }
            this.busy.set(false);
            this.now.set(now_ms());
            match result {
                Ok(page) => {
                    let count = this.show(page);
                    this.status.set(Status::Ready);
                    this.loaded_once.set(true);
                    let back = page_after_removal(page_no, count);
                    if back != page_no {
                        this.table.view.update(|v| v.page = back);
                    } else {
                        this.poll.schedule();
                    }
                }
                Err(ApiError::Aborted) => {}
                Err(e) => {
                    this.ctx.report_error(&e);
                    // Said once, by the alert: the results region would say it again.
                    this.announce.set(String::new());
                    this.status.set(Status::Failed(e.message()));
                }
            }
        });
    }

    /// Shows a loaded page (the row renderer updates rows already shown in place); returns
    /// how many rows it has.
    fn show(&self, page: Page<Backup>) -> usize {
        let rows = page.items;
        let count = rows.len();
        self.selected.maybe_update(|s| {
            let before = s.len();
            s.retain(|u| rows.iter().any(|r| &r.uuid == u));
            s.len() != before
        });
        let store = self.ctx.store;
        if store.rows.with_untracked(|old| *old != rows) {
            store.rows.set(rows);
        }
        self.last_count.set_value(count);
        self.total.set(page.total);
        self.links.set(page.links);
        self.announce.set(results_announcement(page.total, count));
        count
    }
}
