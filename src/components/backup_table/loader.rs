//! Loading the table's page: when to load, what a load shows, and why an older answer never
//! replaces a newer one.

use crate::api::{page_of, ApiError, Backup, BackupQuery, LinkRelations, Page};
use crate::components::hooks::{BackoffPoll, TableViewControl};
use crate::components::ui::locale::now_ms;
use crate::components::WidgetContext;
use crate::i18n::{Msg, Text};
use crate::state::table::{
    page_after_removal, page_past_the_end, past_the_end_notice, results_announcement, Loaded,
    TableView,
};
use leptos::prelude::*;

/// Where the list is: first load, loaded, or failed (with the message shown).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Status {
    Loading,
    Ready,
    Failed(Text),
}

/// The loaded page and its loading state; `Copy`, so handlers capture it.
#[derive(Clone, Copy)]
pub(super) struct PageLoader {
    pub status: RwSignal<Status>,
    /// A request is on its way (the first one, a refresh or a poll).
    pub busy: RwSignal<bool>,
    pub total: RwSignal<Option<u64>>,
    pub links: RwSignal<LinkRelations>,
    /// What the results live region says: each settled change of what is shown, once.
    pub announce: RwSignal<Option<Text>>,
    /// Said (and shown) after the table left a page that does not exist for one that does.
    pub moved: RwSignal<Option<Text>>,
    /// When the page was loaded (relative times and retention warnings count from it).
    pub now: RwSignal<f64>,
    pub loaded_once: RwSignal<bool>,
    ctx: WidgetContext,
    table: TableViewControl,
    poll: BackoffPoll,
    selected: RwSignal<Vec<String>>,
    seq: StoredValue<u64>,
    last_count: StoredValue<usize>,
    /// The page asked for before the table moved away from pages that do not exist, and how
    /// many it has missed in a row.
    missed: StoredValue<Option<(u32, u32)>>,
    /// The view of the last page shown.
    shown_view: StoredValue<Option<TableView>>,
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
            announce: RwSignal::new(None),
            moved: RwSignal::new(None),
            now: RwSignal::new(now_ms()),
            loaded_once: RwSignal::new(false),
            ctx,
            table,
            poll,
            selected,
            seq: StoredValue::new(0),
            last_count: StoredValue::new(0),
            missed: StoredValue::new(None),
            shown_view: StoredValue::new(None),
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
        let view = self.table.view.get_untracked();
        let query = view.to_query(&self.ctx.settings.with_untracked(|s| s.scope.clone()));
        let page_no = view.page;
        // The user went elsewhere: the note about a missing page is old news.
        if self.missed.get_value().is_none()
            && self.moved.with_untracked(Option::is_some)
            && self.shown_view.with_value(|v| v.as_ref() != Some(&view))
        {
            self.moved.set(None);
        }
        let my = self.seq.get_value() + 1;
        self.seq.set_value(my);
        self.busy.set(true);
        // A refresh still waiting for the page shown so far would load this view a second time
        // (a search typed just before it was due was sent twice); this load schedules the next.
        self.poll.stop();
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
                    let back = page_after_removal(page_no, page.items.len());
                    if back != page_no {
                        // An empty page past the first: the one before it is the last.
                        this.move_from(page_no, back);
                        return;
                    }
                    this.show(&view, page);
                    this.status.set(Status::Ready);
                    this.loaded_once.set(true);
                    this.poll.schedule();
                }
                Err(ApiError::Aborted) => {}
                // A page past the end ("Invalid page."): after deletions, or from a link.
                Err(ApiError::NotFound(_)) if page_no > 1 => {
                    let missed = this.missed.get_value().map_or(0, |(_, n)| n);
                    // The count from the smallest page there is: a GET read to its end (a
                    // HEAD leaves some engines logging an aborted request).
                    let probe = BackupQuery {
                        page: Some(1),
                        page_size: Some(1),
                        field: vec!["uuid".into()],
                        ..query.clone()
                    };
                    let total = client.list_backups(&probe).await.ok().and_then(|p| p.total);
                    if this.seq.get_value() != my {
                        return;
                    }
                    let to = page_past_the_end(page_no, total, view.page_size, missed);
                    this.move_from(page_no, to);
                }
                Err(e) => {
                    this.missed.set_value(None);
                    this.ctx.report_error(&e);
                    // Said once, by the alert: the results region would say it again.
                    this.announce.set(None);
                    this.status.set(Status::Failed(e.message()));
                }
            }
        });
    }

    /// Leaves page `from`, which does not exist, for page `to` (replacing its history entry).
    fn move_from(&self, from: u32, to: u32) {
        let (first, n) = self.missed.get_value().unwrap_or((from, 0));
        self.missed.set_value(Some((first, n + 1)));
        self.busy.set(true);
        self.table.correct(|v| v.page = to);
    }

    /// Shows a loaded page of `view` (the row renderer updates rows already shown in place)
    /// and says what changed.
    fn show(&self, view: &TableView, page: Page<Backup>) {
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
        let loaded = Loaded {
            total: page.total,
            shown: count,
            has_next: page.links.next.is_some(),
            last_page: page.links.last.as_deref().and_then(page_of),
        };
        self.total.set(page.total);
        self.links.set(page.links);
        let mut said = results_announcement(view, loaded);
        if let Some((first, _)) = self.missed.try_update_value(Option::take).flatten() {
            let note =
                past_the_end_notice(first, view.page, page.total.is_some() || !loaded.has_next);
            said = Text::new(Msg::TwoSentences)
                .arg("first", note.clone())
                .arg("second", said);
            self.moved.set(Some(note));
        }
        self.shown_view.set_value(Some(view.clone()));
        // A refresh that changed nothing says nothing.
        if self.announce.with_untracked(|a| a.as_ref() != Some(&said)) {
            self.announce.set(Some(said));
        }
    }
}
