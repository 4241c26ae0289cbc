//! What the backup table shows and asks for, as plain data: the user's filters, sort and page,
//! the query they become, the filter chips, page math and numbering, the polling back-off,
//! which row actions are allowed, and the page-URL encoding of the view.

use crate::api::query::{percent_decode, percent_encode};
use crate::api::{Backup, BackupQuery, OrderField, Ordering, ResourceState};
use crate::i18n::{Msg, Text};
use crate::state::actions::{can_delete, can_edit, can_pull, can_restore, can_unlink, Denied};
use crate::state::links::{same_uuid, uuid_from_url};
use crate::state::more_filters::{MoreFilter, MoreFilters, MORE_URL_KEYS};
use crate::state::options::is_uuid;
use crate::state::Scope;

/// Page sizes the user can choose.
pub const PAGE_SIZES: [u32; 5] = [10, 25, 50, 100, 300];

/// Filters the user chose (the host's fixed scope is kept apart, in [`Scope`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Name contains (case-insensitive).
    pub name: String,
    /// Any of these states; empty means all.
    pub states: Vec<ResourceState>,
    /// Project name contains.
    pub project_name: String,
    /// Organisation name contains.
    pub customer_name: String,
    /// Description contains.
    pub description: String,
    /// Source instance: its UUID or API URL.
    pub instance: String,
    /// The filters of "More filters".
    pub more: MoreFilters,
}

/// One removable filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterKey {
    /// The name search.
    Name,
    /// One of the chosen states.
    State(ResourceState),
    /// Project name.
    ProjectName,
    /// Organisation name.
    CustomerName,
    /// Description.
    Description,
    /// Instance.
    Instance,
    /// One of "More filters" (`None`: only backups I can manage).
    More(Option<MoreFilter>),
}

/// An active filter shown as a removable chip ("Name: db").
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    /// What removing the chip clears.
    pub key: FilterKey,
    /// The chip's text.
    pub label: Text,
}

/// How the instance filter text reaches the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InstanceFilter {
    /// Nothing typed.
    None,
    /// A UUID → `instance_uuid`.
    Uuid(String),
    /// An API URL → `instance`.
    Url(String),
    /// Text the API cannot filter by (shown as a hint, not sent).
    Unusable,
}

/// What the Instance filter says when its text is neither a UUID nor an instance URL.
pub const INSTANCE_FILTER_HINT: Msg = Msg::InstanceFilterHint;

/// Reads the instance filter text: a UUID (with or without dashes) or an instance's API URL
/// (`…/openstack-instances/<uuid>/`, absolute or from `/api/`); anything else is unusable.
pub fn instance_filter(text: &str) -> InstanceFilter {
    let t = text.trim();
    if t.is_empty() {
        return InstanceFilter::None;
    }
    if t.starts_with("http://") || t.starts_with("https://") || t.starts_with("/api/") {
        let path = t
            .split(['?', '#'])
            .next()
            .unwrap_or(t)
            .trim_end_matches('/');
        let is_instance = path
            .rsplit_once('/')
            .is_some_and(|(before, id)| before.ends_with("/openstack-instances") && is_uuid(id));
        return if is_instance {
            InstanceFilter::Url(t.to_string())
        } else {
            InstanceFilter::Unusable
        };
    }
    if is_uuid(t) {
        return InstanceFilter::Uuid(t.to_ascii_lowercase());
    }
    InstanceFilter::Unusable
}

/// The instance the table is about, which "Create backup" then backs up: the host's fixed
/// instance, else the one the user filtered by (a UUID, or an instance URL's UUID).
pub fn instance_to_back_up(scope: &Scope, filters: &Filters) -> Option<String> {
    if let Some(u) = scope.instance_uuid.as_deref().map(str::trim) {
        if !u.is_empty() {
            return Some(u.to_string());
        }
    }
    match instance_filter(&filters.instance) {
        InstanceFilter::Uuid(u) => Some(u),
        InstanceFilter::Url(url) => uuid_from_url(&url)
            .filter(|u| is_uuid(u))
            .map(str::to_ascii_lowercase),
        InstanceFilter::None | InstanceFilter::Unusable => None,
    }
}

/// The name of instance `uuid` as the rows tell it (dashes and case ignored), for chips that
/// would otherwise show a bare UUID.
pub fn instance_name_in(rows: &[Backup], uuid: &str) -> Option<String> {
    rows.iter()
        .find(|b| {
            b.instance
                .as_deref()
                .and_then(uuid_from_url)
                .is_some_and(|u| same_uuid(u, uuid))
        })
        .and_then(|b| b.instance_name.clone())
        .filter(|n| !n.trim().is_empty())
}

/// What the host's scope fixes, as the filter fields show it (read-only): each by its name
/// when a row tells it, else by its UUID.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FixedFilters {
    /// The instance the host fixed.
    pub instance: Option<String>,
    /// The project the host fixed.
    pub project: Option<String>,
    /// The organization the host fixed.
    pub customer: Option<String>,
}

/// The filters `scope` fixes, named from `rows` where they can be.
pub fn fixed_by_scope(scope: &Scope, rows: &[Backup]) -> FixedFilters {
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let named = |uuid: Option<String>, find: &dyn Fn(&Backup, &str) -> Option<String>| {
        uuid.map(|u| rows.iter().find_map(|b| find(b, &u)).unwrap_or(u))
    };
    let by = |id: &Option<String>, name: &Option<String>, u: &str| {
        id.as_deref()
            .filter(|id| same_uuid(id, u))
            .and(name.clone())
            .filter(|n| !n.trim().is_empty())
    };
    FixedFilters {
        instance: given(&scope.instance_uuid).map(|u| instance_name_in(rows, &u).unwrap_or(u)),
        project: named(given(&scope.project_uuid), &|b, u| {
            by(&b.project_uuid, &b.project_name, u)
        }),
        customer: named(given(&scope.customer_uuid), &|b, u| {
            by(&b.customer_uuid, &b.customer_name, u)
        }),
    }
}

impl Filters {
    /// True when the user set any filter.
    pub fn is_active(&self) -> bool {
        !self.chips().is_empty()
    }

    /// The active filters as chips, in the order of the filter bar.
    pub fn chips(&self) -> Vec<Chip> {
        self.chips_naming(None)
    }

    /// The chips, the instance one by its name when it is known (the filter holds a UUID).
    pub fn chips_naming(&self, instance_name: Option<&str>) -> Vec<Chip> {
        let mut out = Vec::new();
        let mut text = |key: FilterKey, msg: Msg, value: &str| {
            let v = value.trim();
            if !v.is_empty() {
                out.push(Chip {
                    key,
                    label: Text::new(msg).arg("value", v),
                });
            }
        };
        text(FilterKey::Name, Msg::ChipName, &self.name);
        text(FilterKey::ProjectName, Msg::ChipProject, &self.project_name);
        text(
            FilterKey::CustomerName,
            Msg::ChipOrganization,
            &self.customer_name,
        );
        text(
            FilterKey::Description,
            Msg::ChipDescription,
            &self.description,
        );
        // Text the API cannot filter by is not applied: it gets no chip (the field says why).
        if instance_filter(&self.instance) != InstanceFilter::Unusable {
            text(
                FilterKey::Instance,
                Msg::ChipInstance,
                instance_name.unwrap_or(&self.instance),
            );
        }
        for s in &self.states {
            out.push(Chip {
                key: FilterKey::State(s.clone()),
                label: Text::new(Msg::ChipState).arg("value", s.label()),
            });
        }
        out.extend(self.more.chips().into_iter().map(|(f, label)| Chip {
            key: FilterKey::More(f),
            label,
        }));
        out
    }

    /// Clears the filter behind one chip.
    pub fn remove(&mut self, key: &FilterKey) {
        match key {
            FilterKey::Name => self.name.clear(),
            FilterKey::State(s) => self.states.retain(|x| x != s),
            FilterKey::ProjectName => self.project_name.clear(),
            FilterKey::CustomerName => self.customer_name.clear(),
            FilterKey::Description => self.description.clear(),
            FilterKey::Instance => self.instance.clear(),
            FilterKey::More(f) => self.more.remove(*f),
        }
    }

    /// The filters as they are applied: instance text the API cannot filter by is left out
    /// (the field marks it invalid), so typing it sends nothing.
    pub fn applicable(mut self) -> Filters {
        if instance_filter(&self.instance) == InstanceFilter::Unusable {
            self.instance.clear();
        }
        self.more = self.more.applicable();
        self
    }

    /// Adds or removes a state from the states filter.
    pub fn toggle_state(&mut self, state: &ResourceState) {
        if let Some(i) = self.states.iter().position(|s| s == state) {
            self.states.remove(i);
        } else {
            self.states.push(state.clone());
            // Keep the lifecycle order so equal choices give equal queries.
            self.states.sort();
        }
    }
}

/// The backup fields a table row needs (`field=` of the list request): what the columns show,
/// what decides the row's actions, and the scope's identifiers.
pub const TABLE_FIELDS: &[&str] = &[
    "url",
    "uuid",
    "name",
    "description",
    "state",
    "error_message",
    "instance",
    "instance_name",
    "project_name",
    "project_uuid",
    "customer_name",
    "customer_uuid",
    "service_name",
    "tenant_uuid",
    "created",
    "kept_until",
    "metadata",
    "restorations",
];

/// Everything the user chose about the list: filters, sort, page and page size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableView {
    /// The user's filters.
    pub filters: Filters,
    /// Server-side sort; `None` is the server's default (by name).
    pub sort: Option<Ordering>,
    /// 1-based page.
    pub page: u32,
    /// Rows per page.
    pub page_size: u32,
}

impl Default for TableView {
    fn default() -> Self {
        TableView::new(crate::api::DEFAULT_PAGE_SIZE)
    }
}

impl TableView {
    /// The first page, unsorted and unfiltered.
    pub fn new(page_size: u32) -> Self {
        TableView {
            filters: Filters::default(),
            sort: None,
            page: 1,
            page_size: normal_page_size(page_size),
        }
    }

    /// The list request for this view inside the host's fixed `scope`. It asks only for the
    /// fields the table shows ([`TABLE_FIELDS`]): a page of 300 full backups is mostly nested
    /// ports and security groups that only a restore needs, and it fetches the backup itself.
    pub fn to_query(&self, scope: &Scope) -> BackupQuery {
        let f = &self.filters;
        let text = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
        let mut q = BackupQuery {
            name: text(&f.name),
            state: f.states.clone(),
            project_name: text(&f.project_name),
            customer_name: text(&f.customer_name),
            description: text(&f.description),
            o: self.sort,
            page: Some(self.page.max(1)),
            page_size: Some(self.page_size),
            field: TABLE_FIELDS.iter().map(|f| f.to_string()).collect(),
            ..BackupQuery::default()
        };
        scope.apply(&mut q);
        match instance_filter(&f.instance) {
            // The host's instance wins over the user's.
            InstanceFilter::Uuid(u) if q.instance_uuid.is_none() => q.instance_uuid = Some(u),
            InstanceFilter::Url(u) if q.instance_uuid.is_none() => q.instance = Some(u),
            _ => {}
        }
        f.more.apply(&mut q);
        q
    }

    /// Clicking a column header: a new column sorts ascending, the same column flips direction.
    pub fn toggle_sort(&mut self, field: OrderField) {
        self.sort = Some(match self.sort {
            Some(o) if o.field == field => Ordering {
                field,
                descending: !o.descending,
            },
            // The server's default is by name, ascending: the first click on Name flips it.
            None if field == OrderField::Name => Ordering::desc(field),
            _ => Ordering::asc(field),
        });
        self.page = 1;
    }

    /// `aria-sort` of a header: only the sorted column has one.
    pub fn aria_sort(&self, field: OrderField) -> Option<&'static str> {
        match self.sort {
            Some(o) if o.field == field => Some(if o.descending {
                "descending"
            } else {
                "ascending"
            }),
            // Without `o` the server sorts by name.
            None if field == OrderField::Name => Some("ascending"),
            _ => None,
        }
    }

    /// Changes filters and goes back to page 1 (the old page may not exist any more).
    pub fn set_filters(&mut self, filters: Filters) {
        if filters != self.filters {
            self.filters = filters;
            self.page = 1;
        }
    }

    /// Changes the page size, keeping the first shown row on screen.
    pub fn set_page_size(&mut self, size: u32) {
        let size = normal_page_size(size);
        let first = (u64::from(self.page.max(1)) - 1) * u64::from(self.page_size);
        self.page_size = size;
        self.page = (first / u64::from(size)) as u32 + 1;
    }
}

/// The offered page size for `size`: the size itself when offered, else the smallest offered
/// one above it (so every row asked for fits on a page), at most the largest; 0 is the default.
///
/// A size that is not offered (a link's `page_size=7`, a Leptos `Settings`) is normalised
/// rather than offered as an extra choice, so the "Rows per page" list always shows the size
/// in use and is the same list for everyone.
pub fn normal_page_size(size: u32) -> u32 {
    if size == 0 {
        return crate::api::DEFAULT_PAGE_SIZE;
    }
    PAGE_SIZES
        .into_iter()
        .find(|s| *s >= size)
        .unwrap_or(PAGE_SIZES[PAGE_SIZES.len() - 1])
}

/// "21–30 of 143", or "21–30" when the server did not say the total; empty for no rows.
pub fn range_label(page: u32, page_size: u32, shown: usize, total: Option<u64>) -> Option<Text> {
    if shown == 0 {
        return match total {
            Some(t) if t > 0 => Some(Text::new(Msg::RangeNoneOf).arg("total", t)),
            _ => None,
        };
    }
    let first = (u64::from(page.max(1)) - 1) * u64::from(page_size) + 1;
    let last = first + shown as u64 - 1;
    let range = |msg| Text::new(msg).arg("first", first).arg("last", last);
    Some(match total {
        Some(t) => range(Msg::RangeOf).arg("total", t),
        None => range(Msg::Range),
    })
}

/// The number of pages, from the total; `None` when unknown.
pub fn page_count(total: Option<u64>, page_size: u32) -> Option<u32> {
    total.map(|t| t.div_ceil(u64::from(page_size.max(1))).max(1) as u32)
}

/// An entry of the page-number bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageItem {
    /// A page number.
    Page(u32),
    /// Skipped pages ("…").
    Gap,
}

/// Page numbers around `current`: always the first and last, two neighbours each side, gaps between.
pub fn page_numbers(current: u32, count: u32) -> Vec<PageItem> {
    let count = count.max(1);
    let current = current.clamp(1, count);
    let mut out = Vec::new();
    let mut prev = 0;
    for p in 1..=count {
        let near = p + 2 >= current && p <= current + 2;
        if p == 1 || p == count || near {
            if prev != 0 && p > prev + 1 {
                out.push(PageItem::Gap);
            }
            out.push(PageItem::Page(p));
            prev = p;
        }
    }
    out
}

/// The page to show after rows went away: the previous one when the current page became empty.
pub fn page_after_removal(page: u32, rows_left: usize) -> u32 {
    if rows_left == 0 && page > 1 {
        page - 1
    } else {
        page
    }
}

/// Where a list request for a page past the end should go instead (the server answers such a
/// page with 404 "Invalid page."): the last page that exists when the server's count is known;
/// without a count one page back (a deletion emptied the last page), and the first page when
/// that one did not exist either (`missed` pages in a row so far), so a link to page 999 costs
/// two requests, not 998.
pub fn page_past_the_end(requested: u32, total: Option<u64>, page_size: u32, missed: u32) -> u32 {
    match page_count(total, page_size) {
        Some(last) => last.min(requested.saturating_sub(1)).max(1),
        None if missed == 0 => requested.saturating_sub(1).max(1),
        None => 1,
    }
}

/// What the table says after it moved away from a page that does not exist.
pub fn past_the_end_notice(requested: u32, shown: u32, last_known: bool) -> Text {
    let msg = if last_known {
        Msg::PastTheEndLast
    } else {
        Msg::PastTheEnd
    };
    Text::new(msg)
        .arg("requested", requested)
        .arg("shown", shown)
}

/// What the table knows about a loaded page, for its announcement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loaded {
    /// The server's count (`X-Result-Count`), when it sent one.
    pub total: Option<u64>,
    /// Rows on the page.
    pub shown: usize,
    /// Whether the `Link` header names a next page.
    pub has_next: bool,
    /// The last page as the `Link` header names it.
    pub last_page: Option<u32>,
}

/// The sort as words: "sorted by name, descending" (the server's default is by name).
pub fn sort_words(sort: Option<Ordering>) -> Text {
    let o = sort.unwrap_or(Ordering::asc(OrderField::Name));
    let field = match o.field {
        OrderField::Name => Msg::SortFieldName,
        OrderField::State => Msg::SortFieldState,
        OrderField::CustomerName => Msg::SortFieldOrganization,
        OrderField::CustomerNativeName => Msg::SortFieldOrganizationNative,
        OrderField::CustomerAbbreviation => Msg::SortFieldOrganizationAbbreviation,
        OrderField::ProjectName => Msg::SortFieldProject,
        OrderField::ServiceName => Msg::SortFieldServiceProvider,
        OrderField::Created => Msg::SortFieldCreated,
    };
    let words = if o.descending {
        Msg::SortedDescending
    } else {
        Msg::SortedAscending
    };
    Text::new(words).arg("field", Text::new(field))
}

/// What the polite live region says once a page has loaded: "Page 2 of 15, 150 backups,
/// sorted by name, descending". Without the server's count it says what is known ("at least
/// 20 backups" while a next page exists), never the page's row count as the total.
pub fn results_announcement(view: &TableView, loaded: Loaded) -> Text {
    let size = view.page_size.max(1);
    let page = view.page.max(1);
    let before = u64::from(page - 1) * u64::from(size);
    let seen = before + loaded.shown as u64;
    let (count, exact) = match loaded.total {
        Some(t) => (t, true),
        None => (seen, !loaded.has_next),
    };
    let filtered = view.filters.is_active();
    if exact && count == 0 {
        return Text::new(if filtered {
            Msg::AnnounceNoneMatching
        } else {
            Msg::AnnounceNone
        });
    }
    let pages = page_count(loaded.total, size).or(if exact && loaded.total.is_none() {
        Some(page)
    } else {
        loaded.last_page
    });
    let where_ = match pages {
        Some(n) => Text::new(Msg::AnnouncePageOf)
            .arg("page", page)
            .arg("pages", n),
        None => Text::new(Msg::AnnouncePage).arg("page", page),
    };
    let amount = match (exact, filtered) {
        (true, false) => Msg::AnnounceCount,
        (true, true) => Msg::AnnounceCountMatching,
        (false, false) => Msg::AnnounceAtLeast,
        (false, true) => Msg::AnnounceAtLeastMatching,
    };
    Text::new(Msg::Announcement)
        .arg("where", where_)
        .arg("amount", Text::new(amount).arg("count", count))
        .arg("sort", sort_words(view.sort))
}

/// The empty-state message: nothing in scope at all, or nothing left after the user's filters.
pub fn empty_message(filtered: bool) -> Msg {
    if filtered {
        Msg::NoBackupsMatch
    } else {
        Msg::NoBackupsYet
    }
}

/// First refresh delay while a shown backup is changing, in ms.
pub const POLL_BASE_MS: u32 = 2_000;
/// Longest delay between refreshes while a shown backup is changing, in ms.
pub const POLL_MAX_MS: u32 = 30_000;

/// Delay before the `attempt`-th refresh (0-based) while a shown backup is changing: doubles
/// from `base_ms` up to `max_ms` (2 s, 4 s, 8 s, 16 s, then 30 s with the defaults).
pub fn backoff_delay_ms(attempt: u32, base_ms: u32, max_ms: u32) -> u32 {
    let factor = 1u64 << attempt.min(20);
    (u64::from(base_ms) * factor).min(u64::from(max_ms)) as u32
}

/// Whether any of these states changes on its own (the table keeps polling while so).
pub fn needs_polling<'a>(states: impl IntoIterator<Item = &'a ResourceState>) -> bool {
    states.into_iter().any(ResourceState::is_transitional)
}

/// A row action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowAction {
    /// Open the detail drawer.
    Details,
    /// Open the restore dialog.
    Restore,
    /// Edit name, description, retention (in the drawer).
    Edit,
    /// Schedule deletion.
    Delete,
    /// Re-read from OpenStack.
    Pull,
    /// Remove the record from Waldur only (staff).
    Unlink,
    /// Mark a stuck backup OK (staff, where the server has it).
    SetOk,
    /// Mark a stuck backup erred (staff, where the server has it).
    SetErred,
}

impl RowAction {
    /// The menu key.
    pub fn key(self) -> &'static str {
        match self {
            RowAction::Details => "details",
            RowAction::Restore => "restore",
            RowAction::Edit => "edit",
            RowAction::Delete => "delete",
            RowAction::Pull => "pull",
            RowAction::Unlink => "unlink",
            RowAction::SetOk => "set-ok",
            RowAction::SetErred => "set-erred",
        }
    }

    /// The menu label.
    pub fn label(self) -> Msg {
        match self {
            RowAction::Details => Msg::ActionDetails,
            RowAction::Restore => Msg::ActionRestore,
            RowAction::Edit => Msg::ActionEdit,
            RowAction::Delete => Msg::ActionDelete,
            RowAction::Pull => Msg::ActionPull,
            RowAction::Unlink => Msg::ActionUnlink,
            RowAction::SetOk => Msg::ActionSetOk,
            RowAction::SetErred => Msg::ActionSetErred,
        }
    }

    /// The action of a menu key.
    pub fn from_key(key: &str) -> Option<RowAction> {
        [
            RowAction::Details,
            RowAction::Restore,
            RowAction::Edit,
            RowAction::Delete,
            RowAction::Pull,
            RowAction::Unlink,
            RowAction::SetOk,
            RowAction::SetErred,
        ]
        .into_iter()
        .find(|a| a.key() == key)
    }

    /// Destructive actions are styled as dangerous.
    pub fn is_danger(self) -> bool {
        matches!(self, RowAction::Delete | RowAction::Unlink)
    }
}

/// The row menu for a backup in `state`: each action with the reason when it is unavailable.
/// Unlink is listed only for staff.
pub fn row_actions(state: &ResourceState, is_staff: bool) -> Vec<(RowAction, Result<(), Denied>)> {
    let mut out = vec![
        (RowAction::Details, Ok(())),
        (RowAction::Restore, can_restore(state)),
        (RowAction::Edit, can_edit(state)),
        (RowAction::Delete, can_delete(state)),
        (RowAction::Pull, can_pull(state)),
    ];
    if is_staff {
        out.push((RowAction::Unlink, can_unlink(state, true)));
    }
    out
}

/// The "select all on this page" box: none, some (mixed) or all rows selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectAll {
    /// No row of the page is selected.
    None,
    /// Some rows are.
    Some,
    /// Every row is.
    All,
}

/// The state of "select all" for the rows of a page.
pub fn select_all_state(page: &[String], selected: &[String]) -> SelectAll {
    let n = page.iter().filter(|u| selected.contains(u)).count();
    if n == 0 {
        SelectAll::None
    } else if n == page.len() {
        SelectAll::All
    } else {
        SelectAll::Some
    }
}

/// URL keys the table owns (and [`MORE_URL_KEYS`]); any other key of the page URL is left alone.
const URL_KEYS: [&str; 10] = [
    "q",
    "state",
    "project",
    "customer",
    "description",
    "instance",
    "o",
    "page",
    "page_size",
    "backup",
];

/// The view (and the open backup) as URL query pairs; defaults are left out.
pub fn encode_view(view: &TableView, open_backup: Option<&str>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |k: &str, v: &str| {
        if !v.trim().is_empty() {
            out.push((k.to_string(), v.trim().to_string()));
        }
    };
    let f = &view.filters;
    push("q", &f.name);
    for s in &f.states {
        push("state", s.as_api_str());
    }
    push("project", &f.project_name);
    push("customer", &f.customer_name);
    push("description", &f.description);
    push("instance", &f.instance);
    if let Some(o) = view.sort {
        push("o", &o.to_param());
    }
    if view.page > 1 {
        push("page", &view.page.to_string());
    }
    if view.page_size != crate::api::DEFAULT_PAGE_SIZE {
        push("page_size", &view.page_size.to_string());
    }
    push("backup", open_backup.unwrap_or(""));
    view.filters.more.encode(&mut out);
    out
}

/// Reads the view back from a URL query (`?a=b&…`, the `?` optional); unknown or broken values
/// fall back to `default_page_size` and the defaults.
pub fn decode_view(search: &str, default_page_size: u32) -> (TableView, Option<String>) {
    let mut view = TableView::new(default_page_size);
    let mut open = None;
    for (k, v) in parse_pairs(search) {
        let f = &mut view.filters;
        match k.as_str() {
            "q" => f.name = v,
            "state" => {
                let s = ResourceState::parse(&v);
                if !matches!(s, ResourceState::Other(_)) && !f.states.contains(&s) {
                    f.states.push(s);
                }
            }
            "project" => f.project_name = v,
            "customer" => f.customer_name = v,
            "description" => f.description = v,
            "instance" => f.instance = v,
            "o" => view.sort = Ordering::parse(&v),
            "page" => view.page = v.parse().ok().filter(|p| *p >= 1).unwrap_or(1),
            "page_size" => {
                if let Ok(s) = v.parse::<u32>() {
                    // Normalised below, once the page is known.
                    view.page_size = s.clamp(1, crate::api::query::MAX_PAGE_SIZE);
                }
            }
            "backup" if !v.is_empty() => open = Some(v),
            _ => {
                f.more.decode(&k, v);
            }
        }
    }
    view.filters.states.sort();
    // A size that is not offered becomes the next offered one, keeping the first row shown.
    let size = view.page_size;
    view.set_page_size(size);
    (view, open)
}

/// Replaces the table's keys in an existing URL query, keeping the host page's own keys;
/// returns the new query with a leading `?` (or an empty string).
pub fn merge_into_search(search: &str, pairs: &[(String, String)]) -> String {
    let mut all: Vec<(String, String)> = parse_pairs(search)
        .into_iter()
        .filter(|(k, _)| !URL_KEYS.contains(&k.as_str()) && !MORE_URL_KEYS.contains(&k.as_str()))
        .collect();
    all.extend(pairs.iter().cloned());
    if all.is_empty() {
        return String::new();
    }
    let body: Vec<String> = all
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect();
    format!("?{}", body.join("&"))
}

fn parse_pairs(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ResourceState as S;

    fn scope_project() -> Scope {
        Scope {
            project_uuid: Some("p1".into()),
            ..Scope::default()
        }
    }

    #[test]
    fn query_combines_filters_sort_page_and_scope() {
        let cases: Vec<(TableView, Scope, &str)> = vec![
            (TableView::new(10), Scope::default(), "page=1&page_size=10"),
            (
                TableView {
                    filters: Filters {
                        name: " db ".into(),
                        states: vec![S::Ok, S::Erred],
                        project_name: "Alpha".into(),
                        customer_name: "ACME".into(),
                        description: "nightly".into(),
                        instance: String::new(),
                        ..Filters::default()
                    },
                    sort: Some(Ordering::desc(OrderField::Created)),
                    page: 3,
                    page_size: 25,
                },
                scope_project(),
                "customer_name=ACME&description=nightly&name=db&project_name=Alpha&project_uuid=p1&state=OK&state=ERRED&o=-created&page=3&page_size=25",
            ),
            (
                TableView {
                    filters: Filters {
                        instance: "0A1B2C3D-0000-0000-0000-00000000000F".into(),
                        ..Filters::default()
                    },
                    ..TableView::new(10)
                },
                Scope::default(),
                "instance_uuid=0a1b2c3d-0000-0000-0000-00000000000f&page=1&page_size=10",
            ),
            (
                TableView {
                    filters: Filters {
                        instance: "not an id".into(),
                        ..Filters::default()
                    },
                    ..TableView::new(10)
                },
                Scope::default(),
                "page=1&page_size=10",
            ),
        ];
        for (view, scope, expected) in cases {
            let q = view.to_query(&scope);
            assert_eq!(q.field, TABLE_FIELDS);
            let without_fields = BackupQuery {
                field: Vec::new(),
                ..q
            };
            assert_eq!(without_fields.to_query_string(), expected);
        }
    }

    #[test]
    fn the_list_asks_only_for_the_fields_rows_show_each_once() {
        let q = TableView::new(10)
            .to_query(&Scope::default())
            .to_query_string();
        assert!(q.starts_with("field=url&field=uuid&field=name&"), "{q}");
        for f in TABLE_FIELDS {
            assert_eq!(q.matches(&format!("field={f}&")).count(), 1, "{f}");
        }
        // Nested parts only a restore needs are not fetched for a page of rows.
        for heavy in [
            "instance_ports",
            "instance_security_groups",
            "instance_floating_ips",
        ] {
            assert!(!TABLE_FIELDS.contains(&heavy));
        }
    }

    #[test]
    fn host_instance_scope_wins_over_the_users_instance() {
        let scope = Scope {
            instance_uuid: Some("aaaa".into()),
            ..Scope::default()
        };
        let mut view = TableView::new(10);
        view.filters.instance = "0a1b2c3d00000000000000000000000f".into();
        assert_eq!(view.to_query(&scope).instance_uuid.as_deref(), Some("aaaa"));
    }

    #[test]
    fn create_backup_follows_the_hosts_instance_then_the_users_filter() {
        let mut filters = Filters::default();
        let none = Scope::default();
        assert_eq!(instance_to_back_up(&none, &filters), None);
        filters.instance = "0A1B2C3D-0000-0000-0000-00000000000F".into();
        assert_eq!(
            instance_to_back_up(&none, &filters).as_deref(),
            Some("0a1b2c3d-0000-0000-0000-00000000000f")
        );
        filters.instance =
            "https://waldur.example/api/openstack-instances/0a1b2c3d00000000000000000000000f/"
                .into();
        assert_eq!(
            instance_to_back_up(&none, &filters).as_deref(),
            Some("0a1b2c3d00000000000000000000000f")
        );
        for unusable in [
            "web-1",
            "https://waldur.example/api/openstack-instances/",
            "abc",
        ] {
            filters.instance = unusable.into();
            assert_eq!(instance_to_back_up(&none, &filters), None, "{unusable}");
        }
        let host = Scope {
            instance_uuid: Some("aaaa".into()),
            ..Scope::default()
        };
        assert_eq!(
            instance_to_back_up(&host, &filters).as_deref(),
            Some("aaaa")
        );
    }

    #[test]
    fn the_instance_chip_names_the_instance_when_a_row_knows_it() {
        let row = |uuid: &str, name: Option<&str>| Backup {
            instance: Some(format!("https://w.example/api/openstack-instances/{uuid}/")),
            instance_name: name.map(String::from),
            ..Backup::default()
        };
        let rows = vec![
            row("0a1b2c3d00000000000000000000000e", Some("db-1")),
            row("0a1b2c3d00000000000000000000000f", Some("web-1")),
        ];
        let uuid = "0A1B2C3D-0000-0000-0000-00000000000F";
        assert_eq!(instance_name_in(&rows, uuid).as_deref(), Some("web-1"));
        assert_eq!(instance_name_in(&rows, "ffff"), None);
        assert_eq!(instance_name_in(&[row(uuid, Some(" "))], uuid), None);
        let filters = Filters {
            instance: uuid.into(),
            ..Filters::default()
        };
        assert_eq!(
            filters.chips()[0].label.english(),
            format!("Instance: {uuid}")
        );
        assert_eq!(
            filters.chips_naming(Some("web-1"))[0].label.english(),
            "Instance: web-1"
        );
    }

    #[test]
    fn instance_text_is_read_as_uuid_or_instance_url() {
        let uuid = "0a1b2c3d00000000000000000000000f";
        assert_eq!(instance_filter(""), InstanceFilter::None);
        assert_eq!(instance_filter("  "), InstanceFilter::None);
        let usable = [
            uuid.to_string(),
            "0A1B2C3D-0000-0000-0000-00000000000F".to_string(),
            format!("https://w.example/api/openstack-instances/{uuid}/"),
            format!("https://w.example/api/openstack-instances/{uuid}"),
            format!("/api/openstack-instances/{uuid}/?x=1"),
        ];
        for text in &usable {
            assert_ne!(instance_filter(text), InstanceFilter::Unusable, "{text}");
        }
        let unusable = [
            "web-1".to_string(),
            "0a1b2c3d".to_string(),
            "https://w.example/api/openstack-instances/x/".to_string(),
            "https://w.example/api/openstack-instances/".to_string(),
            format!("https://w.example/api/openstack-volumes/{uuid}/"),
            "https://example.com".to_string(),
        ];
        for text in &unusable {
            assert_eq!(instance_filter(text), InstanceFilter::Unusable, "{text}");
        }
    }

    #[test]
    fn the_hosts_scope_fixes_fields_named_from_the_rows() {
        let row = Backup {
            project_uuid: Some("aaaa0000aaaa0000aaaa0000aaaa0000".into()),
            project_name: Some("Alpha".into()),
            customer_uuid: Some("cccc0000cccc0000cccc0000cccc0000".into()),
            customer_name: Some("ACME".into()),
            instance: Some(
                "https://w.example/api/openstack-instances/0a1b2c3d00000000000000000000000f/"
                    .into(),
            ),
            instance_name: Some("web-1".into()),
            ..Backup::default()
        };
        assert_eq!(
            fixed_by_scope(&Scope::default(), std::slice::from_ref(&row)),
            FixedFilters::default()
        );
        let scope = Scope {
            project_uuid: Some("AAAA0000-AAAA-0000-AAAA-0000AAAA0000".into()),
            customer_uuid: Some("cccc0000cccc0000cccc0000cccc0000".into()),
            instance_uuid: Some("0a1b2c3d00000000000000000000000f".into()),
            ..Scope::default()
        };
        let named = fixed_by_scope(&scope, &[row]);
        assert_eq!(named.project.as_deref(), Some("Alpha"));
        assert_eq!(named.customer.as_deref(), Some("ACME"));
        assert_eq!(named.instance.as_deref(), Some("web-1"));
        // Before any row is loaded, the UUIDs.
        let bare = fixed_by_scope(&scope, &[]);
        assert_eq!(bare.project, scope.project_uuid);
        assert_eq!(bare.instance, scope.instance_uuid);
    }

    #[test]
    fn unusable_instance_text_is_not_applied_and_has_no_chip() {
        let typed = Filters {
            name: "db".into(),
            instance: "web-1".into(),
            ..Filters::default()
        };
        let labels: Vec<String> = typed
            .chips()
            .into_iter()
            .map(|c| c.label.english())
            .collect();
        assert_eq!(labels, ["Name: db"]);
        let applied = typed.clone().applicable();
        assert_eq!(applied.instance, "");
        assert_eq!(applied.name, "db");
        let mut view = TableView::new(10);
        view.set_filters(Filters {
            name: "db".into(),
            ..Filters::default()
        });
        let before = view.clone();
        view.set_filters(typed.applicable());
        assert_eq!(view, before, "nothing new is sent");
        let good = Filters {
            instance: "0a1b2c3d00000000000000000000000f".into(),
            ..Filters::default()
        };
        assert_eq!(good.clone().applicable(), good);
    }

    #[test]
    fn page_sizes_that_are_not_offered_become_the_next_offered_one() {
        let cases = [
            (0, 10),
            (1, 10),
            (7, 10),
            (10, 10),
            (11, 25),
            (26, 50),
            (100, 100),
            (101, 300),
            (1000, 300),
        ];
        for (given, offered) in cases {
            assert_eq!(normal_page_size(given), offered, "{given}");
            assert!(PAGE_SIZES.contains(&normal_page_size(given)));
            assert_eq!(TableView::new(given).page_size, offered);
        }
        // A link's page stays on the rows it pointed at: rows 15–21 at 7 a page are on page 2
        // at 10 a page.
        let (v, _) = decode_view("?page=3&page_size=7", 10);
        assert_eq!((v.page, v.page_size), (2, 10));
        let (v, _) = decode_view("?page_size=7", 25);
        assert_eq!((v.page, v.page_size), (1, 10));
    }

    #[test]
    fn a_page_past_the_end_goes_to_the_last_page_or_one_back() {
        let cases = [
            // (requested, total, size, pages missed before, goes to)
            (999, Some(143), 10, 0, 15),
            (16, Some(150), 10, 0, 15),
            (5, Some(0), 10, 0, 1),
            (3, Some(20), 10, 0, 2),
            (998, Some(143), 10, 1, 15),
            (999, None, 10, 0, 998),
            (998, None, 10, 1, 1),
            (3, None, 10, 0, 2),
            (1, None, 10, 0, 1),
            (2, Some(500), 10, 0, 1),
        ];
        for (requested, total, size, missed, want) in cases {
            assert_eq!(
                page_past_the_end(requested, total, size, missed),
                want,
                "{requested} {total:?} {missed}"
            );
        }
        assert_eq!(
            past_the_end_notice(999, 15, true).english(),
            "Page 999 does not exist. Showing page 15, the last page."
        );
        assert_eq!(
            past_the_end_notice(4, 3, false).english(),
            "Page 4 does not exist. Showing page 3."
        );
    }

    #[test]
    fn chips_list_active_filters_and_remove_one_each() {
        let mut f = Filters {
            name: "db".into(),
            states: vec![S::Ok, S::Erred],
            customer_name: "ACME".into(),
            ..Filters::default()
        };
        let labels: Vec<String> = f.chips().into_iter().map(|c| c.label.english()).collect();
        assert_eq!(
            labels,
            [
                "Name: db",
                "Organization: ACME",
                "State: OK",
                "State: Erred"
            ]
        );
        f.remove(&FilterKey::State(S::Ok));
        f.remove(&FilterKey::Name);
        assert_eq!(f.chips().len(), 2);
        f.remove(&FilterKey::CustomerName);
        f.remove(&FilterKey::State(S::Erred));
        assert!(!f.is_active());
        f.toggle_state(&S::Erred);
        f.toggle_state(&S::Creating);
        assert_eq!(f.states, vec![S::Creating, S::Erred]);
        f.toggle_state(&S::Erred);
        assert_eq!(f.states, vec![S::Creating]);
    }

    #[test]
    fn sorting_flips_on_the_same_column_and_sets_aria_sort_on_one_header() {
        let mut v = TableView::new(10);
        v.page = 4;
        assert_eq!(v.aria_sort(OrderField::Name), Some("ascending"));
        assert_eq!(v.aria_sort(OrderField::Created), None);
        v.toggle_sort(OrderField::Created);
        assert_eq!(v.page, 1);
        assert_eq!(v.sort.unwrap().to_param(), "created");
        v.toggle_sort(OrderField::Created);
        assert_eq!(v.sort.unwrap().to_param(), "-created");
        assert_eq!(v.aria_sort(OrderField::Created), Some("descending"));
        assert_eq!(v.aria_sort(OrderField::Name), None);
        v.toggle_sort(OrderField::ProjectName);
        assert_eq!(v.sort.unwrap().to_param(), "project_name");
        let mut fresh = TableView::new(10);
        fresh.toggle_sort(OrderField::Name);
        assert_eq!(fresh.sort.unwrap().to_param(), "-name");
    }

    #[test]
    fn filters_and_page_size_changes_reset_or_keep_the_position() {
        let mut v = TableView::new(10);
        v.page = 3;
        v.set_page_size(25); // first row 21 is on page 1 of 25
        assert_eq!((v.page, v.page_size), (1, 25));
        v.page = 5; // rows 101–125
        v.set_page_size(50);
        assert_eq!(v.page, 3);
        v.set_filters(Filters {
            name: "x".into(),
            ..Filters::default()
        });
        assert_eq!(v.page, 1);
        assert_eq!(normal_page_size(0), 10);
        assert_eq!(normal_page_size(1000), 300);
    }

    #[test]
    fn range_labels() {
        let cases = [
            (3, 10, 10, Some(143), "21–30 of 143"),
            (15, 10, 3, Some(143), "141–143 of 143"),
            (1, 10, 7, None, "1–7"),
            (1, 10, 0, Some(0), ""),
            (2, 25, 25, Some(300), "26–50 of 300"),
        ];
        for (page, size, shown, total, want) in cases {
            assert_eq!(
                range_label(page, size, shown, total)
                    .map(|t| t.english())
                    .unwrap_or_default(),
                want
            );
        }
        assert_eq!(page_count(Some(143), 10), Some(15));
        assert_eq!(page_count(Some(0), 10), Some(1));
        assert_eq!(page_count(None, 10), None);
    }

    #[test]
    fn page_numbers_keep_ends_and_neighbours_with_gaps() {
        use PageItem::{Gap, Page as P};
        assert_eq!(page_numbers(1, 1), vec![P(1)]);
        assert_eq!(page_numbers(2, 5), vec![P(1), P(2), P(3), P(4), P(5)]);
        assert_eq!(page_numbers(1, 15), vec![P(1), P(2), P(3), Gap, P(15)]);
        assert_eq!(
            page_numbers(8, 15),
            vec![P(1), Gap, P(6), P(7), P(8), P(9), P(10), Gap, P(15)]
        );
        assert_eq!(page_numbers(15, 15), vec![P(1), Gap, P(13), P(14), P(15)]);
        assert_eq!(page_numbers(4, 7), (1..=7).map(P).collect::<Vec<_>>());
    }

    #[test]
    fn last_row_of_last_page_moves_to_previous_page() {
        assert_eq!(page_after_removal(5, 0), 4);
        assert_eq!(page_after_removal(5, 2), 5);
        assert_eq!(page_after_removal(1, 0), 1);
    }

    #[test]
    fn announcements_say_page_count_and_sort_and_only_what_is_known() {
        let view = |page: u32, size: u32, sort: Option<Ordering>, name: &str| TableView {
            filters: Filters {
                name: name.into(),
                ..Filters::default()
            },
            sort,
            page,
            page_size: size,
        };
        let loaded = |total: Option<u64>, shown: usize, has_next: bool, last: Option<u32>| Loaded {
            total,
            shown,
            has_next,
            last_page: last,
        };
        let by_name_desc = Some(Ordering::desc(OrderField::Name));
        let cases = [
            (
                view(2, 10, by_name_desc, ""),
                loaded(Some(150), 10, true, Some(15)),
                "Page 2 of 15, 150 backups, sorted by name, descending",
            ),
            (
                view(1, 25, None, ""),
                loaded(Some(1), 1, false, None),
                "Page 1 of 1, 1 backup, sorted by name, ascending",
            ),
            (
                view(1, 10, Some(Ordering::asc(OrderField::Created)), "db"),
                loaded(Some(12), 10, true, Some(2)),
                "Page 1 of 2, 12 backups matching the filters, sorted by creation time, ascending",
            ),
            // Without X-Result-Count: what the pages seen so far prove, never the row count.
            (
                view(2, 10, None, ""),
                loaded(None, 10, true, None),
                "Page 2, at least 20 backups, sorted by name, ascending",
            ),
            (
                view(2, 10, None, ""),
                loaded(None, 10, true, Some(7)),
                "Page 2 of 7, at least 20 backups, sorted by name, ascending",
            ),
            (
                view(3, 10, None, ""),
                loaded(None, 4, false, None),
                "Page 3 of 3, 24 backups, sorted by name, ascending",
            ),
            (
                view(1, 10, Some(Ordering::desc(OrderField::CustomerName)), ""),
                loaded(Some(143), 10, true, None),
                "Page 1 of 15, 143 backups, sorted by organization, descending",
            ),
            (
                view(1, 10, None, ""),
                loaded(Some(0), 0, false, None),
                "No backups",
            ),
            (
                view(1, 10, None, "zzz"),
                loaded(None, 0, false, None),
                "No backups match the filters",
            ),
        ];
        for (v, l, want) in cases {
            assert_eq!(results_announcement(&v, l).english(), want);
        }
        assert_eq!(empty_message(false).english(), "No backups yet");
        assert_eq!(
            empty_message(true).english(),
            "No backups match these filters"
        );
    }

    #[test]
    fn backoff_doubles_to_a_cap() {
        let got: Vec<u32> = (0..7)
            .map(|a| backoff_delay_ms(a, POLL_BASE_MS, POLL_MAX_MS))
            .collect();
        assert_eq!(got, [2000, 4000, 8000, 16000, 30000, 30000, 30000]);
        assert_eq!(backoff_delay_ms(100, 2000, 30_000), 30_000);
        assert_eq!(
            backoff_delay_ms(u32::MAX, POLL_BASE_MS, POLL_MAX_MS),
            30_000
        );
        assert_eq!(backoff_delay_ms(3, 40, 10_000), 320);
        assert!(needs_polling(&[S::Ok, S::Creating]));
        assert!(!needs_polling(&[S::Ok, S::Erred, S::Other("X".into())]));
    }

    #[test]
    fn row_actions_follow_the_state_rules() {
        for s in S::ALL {
            let menu = row_actions(&s, false);
            let allowed = |a: RowAction| menu.iter().find(|(x, _)| *x == a).map(|(_, r)| r.is_ok());
            let ok = s == S::Ok;
            let ok_or_erred = matches!(s, S::Ok | S::Erred);
            assert_eq!(allowed(RowAction::Details), Some(true));
            assert_eq!(allowed(RowAction::Restore), Some(ok), "{s:?}");
            assert_eq!(allowed(RowAction::Edit), Some(ok), "{s:?}");
            assert_eq!(allowed(RowAction::Delete), Some(ok_or_erred), "{s:?}");
            assert_eq!(allowed(RowAction::Pull), Some(ok_or_erred), "{s:?}");
            assert_eq!(allowed(RowAction::Unlink), None);
            let staff = row_actions(&s, true);
            assert_eq!(staff.last(), Some(&(RowAction::Unlink, Ok(()))));
        }
        assert_eq!(
            row_actions(&S::Creating, false)[1].1.map_err(Msg::english),
            Err("Available when the backup is OK")
        );
        for a in [RowAction::Details, RowAction::Unlink, RowAction::Pull] {
            assert_eq!(RowAction::from_key(a.key()), Some(a));
        }
    }

    #[test]
    fn select_all_is_none_some_or_all_of_the_page() {
        let page = vec!["a".to_string(), "b".to_string()];
        assert_eq!(select_all_state(&page, &[]), SelectAll::None);
        assert_eq!(select_all_state(&page, &["a".into()]), SelectAll::Some);
        assert_eq!(
            select_all_state(&page, &["b".into(), "a".into(), "z".into()]),
            SelectAll::All
        );
    }

    #[test]
    fn url_round_trip_keeps_view_and_host_keys() {
        let view = TableView {
            filters: Filters {
                name: "db & co".into(),
                states: vec![S::Creating, S::Ok],
                project_name: "Α project".into(),
                customer_name: String::new(),
                description: "50%".into(),
                instance: "0a1b2c3d00000000000000000000000f".into(),
                more: {
                    let mut m = MoreFilters::default();
                    m.set(MoreFilter::NameExact, "db & co");
                    m.set(MoreFilter::Tenant, "0a1b2c3d00000000000000000000000e");
                    m.can_manage = true;
                    m
                },
            },
            sort: Some(Ordering::desc(OrderField::ProjectName)),
            page: 4,
            page_size: 50,
        };
        let pairs = encode_view(&view, Some("b-uuid"));
        let search = merge_into_search("?tab=backups&page=9&tenant=old", &pairs);
        assert!(search.starts_with("?tab=backups&q=db%20%26%20co"));
        assert!(search.ends_with("&backup=b-uuid&name_exact=db%20%26%20co&tenant=0a1b2c3d00000000000000000000000e&can_manage=true"), "{search}");
        let (back, open) = decode_view(&search, 10);
        assert_eq!(back, view);
        assert_eq!(open.as_deref(), Some("b-uuid"));
        // Defaults leave the URL clean.
        assert_eq!(
            merge_into_search("", &encode_view(&TableView::new(10), None)),
            ""
        );
        // Broken values fall back.
        let (v, open) = decode_view("page=x&page_size=7000&o=bogus&state=NOPE", 25);
        assert_eq!((v.page, v.page_size, v.sort), (1, 300, None));
        assert!(v.filters.states.is_empty());
        assert_eq!(open, None);
        assert_eq!(decode_view("", 25).0, TableView::new(25));
    }
}
