//! The rows of the backup table, drawn with plain DOM calls and updated in place.
//!
//! A page holds up to 300 rows of a dozen cells. Built as reactive views, each cell would own
//! effects and closures: a 300-row page took 2.4 times as long as plain JavaScript to draw,
//! and rows that left the page kept their signals. Here a row is a few DOM nodes and the text
//! it shows: a refresh compares each cell's new content with what is on screen and touches only
//! the cells that changed (so nothing flickers and focus stays), rows are keyed by UUID and
//! moved rather than re-created, and a row that leaves the page leaves nothing behind. Every
//! string from the API goes in as text (`textContent` or an attribute), never as markup.
//! The table's component wires the events (delegated to the row group) and the signals.

use crate::api::{Backup, ResourceState};
use crate::components::ui::focus::{active_element, focusables, unique_id};
use crate::components::ui::locale::{
    format_date_and_time, format_datetime, format_relative, format_size_mib,
};
use crate::components::ui::popover::{self, Align};
use crate::i18n::{I18n, Msg};
use crate::state::actions::Denied;
use crate::state::table::RowAction;
use crate::state::{
    instance_link, kept_until_status, parse_timestamp_ms, uuid_from_url, Column, KeptUntilStatus,
};
use leptos::prelude::untrack;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

/// What rows need besides their backups.
pub struct RowInputs<'a> {
    /// The columns, in order (the selection checkbox comes first, always).
    pub columns: &'a [Column],
    /// Now, for relative times and retention warnings (ms since the epoch).
    pub now: f64,
    /// The locale for dates and numbers (`None`: the browser's).
    pub locale: Option<&'a str>,
    /// The host's link pattern for instances.
    pub instance_url: Option<&'a str>,
    /// The menu of a backup for this user: each action with the reason when unavailable.
    pub menu: &'a dyn Fn(&Backup) -> MenuItems,
    /// The widget's language (read while syncing, so a language change redraws the texts).
    pub i18n: I18n,
}

/// The items of a row menu, in order.
pub type MenuItems = Vec<(RowAction, Result<(), Denied>)>;

/// What one cell shows. Compared with what is on screen, so a refresh touches changed cells only.
#[derive(Clone, Debug, PartialEq)]
enum Cell {
    Name {
        name: String,
        description: Option<String>,
    },
    State {
        state: ResourceState,
        label: String,
        error: Option<String>,
    },
    Instance(InstanceCell),
    Text(String),
    Created(CreatedCell),
    Kept(KeptCell),
    /// The menu button: built once, its label follows the name.
    Actions,
}

#[derive(Clone, Debug, PartialEq)]
enum InstanceCell {
    Unknown,
    Link { href: String, name: String },
    Button { name: String },
}

#[derive(Clone, Debug, PartialEq)]
enum CreatedCell {
    Time {
        datetime: String,
        exact: String,
        relative: String,
    },
    Raw(String),
}

#[derive(Clone, Debug, PartialEq)]
enum KeptCell {
    /// "Keep forever", in the widget's language.
    Forever(String),
    Raw(String),
    Date {
        date: String,
        time: String,
        /// When the date is past or near.
        warning: Option<KeptWarning>,
    },
}

/// The warning beside a retention date that has passed or is near, in the widget's language.
#[derive(Clone, Debug, PartialEq)]
struct KeptWarning {
    /// "Expired" or "Expires soon" (seen, not read out: the explanation says it).
    badge: String,
    /// The explanation: its tooltip, and what screen readers hear instead of the badge.
    why: String,
}

/// The instance a row refers to: `(uuid, url, name)`, the name falling back to the UUID.
pub fn row_instance(b: &Backup) -> (String, String, String) {
    let url = b.instance.clone().unwrap_or_default();
    let uuid = uuid_from_url(&url).unwrap_or_default().to_string();
    let name = b
        .instance_name
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| uuid.clone());
    (uuid, url, name)
}

fn cell_of(column: Column, b: &Backup, inputs: &RowInputs) -> Cell {
    match column {
        Column::Name => Cell::Name {
            name: b.name.clone(),
            description: b.description.clone().filter(|d| !d.trim().is_empty()),
        },
        Column::State => Cell::State {
            state: b.state.clone(),
            label: inputs.i18n.show(&b.state.label()),
            error: (b.state == ResourceState::Erred)
                .then(|| b.error_message.clone())
                .flatten()
                .filter(|m| !m.trim().is_empty()),
        },
        Column::Instance => {
            let (uuid, url, name) = row_instance(b);
            Cell::Instance(if url.is_empty() && name.is_empty() {
                InstanceCell::Unknown
            } else {
                match instance_link(inputs.instance_url, &uuid, &name) {
                    Some(href) => InstanceCell::Link { href, name },
                    None => InstanceCell::Button { name },
                }
            })
        }
        Column::Project => Cell::Text(b.project_name.clone().unwrap_or_default()),
        Column::Customer => Cell::Text(b.customer_name.clone().unwrap_or_default()),
        Column::Service => Cell::Text(b.service_name.clone().unwrap_or_default()),
        Column::Created => {
            let created = b.created.clone().unwrap_or_default();
            Cell::Created(match parse_timestamp_ms(&created) {
                Some(ms) => CreatedCell::Time {
                    exact: format_datetime(ms, inputs.locale),
                    relative: format_relative(inputs.now, ms, inputs.locale),
                    datetime: created,
                },
                None => CreatedCell::Raw(created),
            })
        }
        Column::KeptUntil => {
            let kept = b.kept_until.as_deref();
            let status = kept_until_status(kept, inputs.now);
            let i18n = inputs.i18n;
            Cell::Kept(match (status, kept) {
                (KeptUntilStatus::Forever, _) | (_, None) => {
                    KeptCell::Forever(i18n.text(Msg::KeepForever))
                }
                (KeptUntilStatus::Unreadable, Some(text)) => KeptCell::Raw(text.to_string()),
                (status, Some(text)) => {
                    let (date, time) = format_date_and_time(
                        parse_timestamp_ms(text).unwrap_or_default(),
                        inputs.locale,
                    );
                    KeptCell::Date {
                        date,
                        time,
                        warning: status.warning().map(|w| KeptWarning {
                            badge: i18n.text(if status == KeptUntilStatus::Expired {
                                Msg::KeptExpired
                            } else {
                                Msg::KeptExpiresSoon
                            }),
                            why: i18n.text(w),
                        }),
                    }
                }
            })
        }
        Column::Size => Cell::Text(
            b.metadata
                .size()
                .map(|mib| format_size_mib(mib as f64, inputs.locale))
                .unwrap_or_else(|| "—".to_string()),
        ),
        Column::Restorations => Cell::Text(b.restorations.len().to_string()),
        Column::Actions => Cell::Actions,
    }
}

/// A new element with a class.
fn el(doc: &Document, tag: &str, class: &str) -> Element {
    let e = doc.create_element(tag).expect("create element");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

fn set(e: &Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

/// The element a column's cell usually holds, still empty. Prototype rows carry it, so a new
/// row only sets values; `None` for plain-text columns and the menu.
fn usual_shell(doc: &Document, column: Column) -> Option<Element> {
    Some(match column {
        Column::Name => el(doc, "div", "wb-name"),
        Column::State => {
            let wrap = el(doc, "span", "wb-state");
            let _ = wrap.append_child(&el(doc, "span", "wb-badge"));
            wrap
        }
        Column::Instance => {
            let b = el(doc, "button", "wb-button wb-button--link wb-instance");
            set(&b, "type", "button");
            b
        }
        Column::Created => {
            let t = el(doc, "time", "wb-time");
            set(&t, "tabindex", "0");
            t
        }
        Column::KeptUntil => el(doc, "span", "wb-kept"),
        _ => return None,
    })
}

/// Whether `cell` is shown in its column's usual shell.
fn fits_shell(cell: &Cell) -> bool {
    matches!(
        cell,
        Cell::Name { .. }
            | Cell::State { .. }
            | Cell::Instance(InstanceCell::Button { .. })
            | Cell::Created(CreatedCell::Time { .. })
            | Cell::Kept(_)
    )
}

/// Puts `cell` into `td` of `column`. `fresh`: `td` comes from a new prototype row and holds the
/// column's usual shell, which is filled in place.
fn fill(doc: &Document, td: &Element, column: Column, cell: &Cell, fresh: bool) {
    if let Cell::Text(text) = cell {
        td.set_text_content(Some(text));
        return;
    }
    let fits = fits_shell(cell);
    let shell = match (fresh && fits).then(|| td.first_element_child()).flatten() {
        Some(shell) => shell,
        None => {
            td.set_text_content(None);
            match usual_shell(doc, column).filter(|_| fits) {
                Some(shell) => {
                    let _ = td.append_child(&shell);
                    shell
                }
                None => {
                    fill_other(doc, td, cell);
                    return;
                }
            }
        }
    };
    match cell {
        Cell::Name { name, description } => {
            shell.set_text_content(Some(name));
            // A long name is cut after four lines (table.css): whole on hover.
            set(&shell, "title", name);
            if let Some(d) = description {
                let e = el(doc, "div", "wb-desc");
                set(&e, "title", d);
                e.set_text_content(Some(d));
                let _ = td.append_child(&e);
            }
        }
        Cell::State {
            state,
            label,
            error,
        } => {
            let Some(badge) = shell.first_element_child() else {
                return;
            };
            if state.is_transitional() {
                badge.set_class_name("wb-badge wb-badge--busy");
                let spinner = el(doc, "span", "wb-spinner");
                set(&spinner, "aria-hidden", "true");
                let _ = badge.append_child(&spinner);
            } else if *state == ResourceState::Ok {
                badge.set_class_name("wb-badge wb-badge--ok");
            } else if *state == ResourceState::Erred {
                badge.set_class_name("wb-badge wb-badge--erred");
            }
            set(&badge, "data-state", state.as_api_str());
            let _ = badge.append_with_str_1(label);
            if let Some(message) = error {
                let id = unique_id("wb-state-tip");
                set(&badge, "tabindex", "0");
                set(&badge, "aria-describedby", &id);
                let tip = el(doc, "span", "wb-tip");
                // Shown in the top layer beside the badge (row_events.rs): the table's scroll
                // box would clip it on the last rows.
                set(&tip, "popover", "manual");
                set(&tip, "role", "tooltip");
                set(&tip, "id", &id);
                tip.set_text_content(Some(message));
                let _ = shell.append_child(&tip);
            }
        }
        Cell::Instance(InstanceCell::Button { name }) => shell.set_text_content(Some(name)),
        Cell::Created(CreatedCell::Time {
            datetime,
            exact,
            relative,
        }) => {
            set(&shell, "datetime", datetime);
            set(&shell, "title", exact);
            set(&shell, "aria-label", exact);
            shell.set_text_content(Some(relative));
        }
        Cell::Kept(KeptCell::Forever(text)) => shell.set_text_content(Some(text)),
        Cell::Kept(KeptCell::Raw(text)) => shell.set_text_content(Some(text)),
        Cell::Kept(KeptCell::Date {
            date,
            time,
            warning,
        }) => {
            // Date and time each on one line; a narrow column stacks them.
            shell.set_text_content(None);
            for (class, text) in [("wb-kept__date", date), ("wb-kept__time", time)] {
                let part = el(doc, "span", class);
                part.set_text_content(Some(text));
                let _ = shell.append_child(&part);
            }
            if let Some(KeptWarning { badge, why }) = warning {
                shell.set_class_name("wb-kept wb-kept--warning");
                let w = el(doc, "span", "wb-kept__warning");
                set(&w, "title", why);
                // The badge repeats the explanation's first words ("Expired: the server
                // deletes…"): screen readers hear the explanation once, not both.
                let seen = el(doc, "span", "wb-kept__badge");
                set(&seen, "aria-hidden", "true");
                seen.set_text_content(Some(&format!(" {badge}")));
                let _ = w.append_child(&seen);
                let hidden = el(doc, "span", "wb-visually-hidden");
                hidden.set_text_content(Some(&format!(" {why}")));
                let _ = w.append_child(&hidden);
                let _ = shell.append_child(&w);
            }
        }
        _ => {}
    }
}

/// Cells without a usual shell: an unknown instance, an instance link, an unreadable date.
fn fill_other(doc: &Document, td: &Element, cell: &Cell) {
    match cell {
        Cell::Instance(InstanceCell::Unknown) => {
            let e = el(doc, "span", "wb-muted");
            e.set_text_content(Some("—"));
            let _ = td.append_child(&e);
        }
        Cell::Instance(InstanceCell::Link { href, name }) => {
            let a = el(doc, "a", "wb-link");
            set(&a, "href", href);
            a.set_text_content(Some(name));
            let _ = td.append_child(&a);
        }
        Cell::Created(CreatedCell::Raw(text)) => {
            let s = el(doc, "span", "");
            s.set_text_content(Some(text));
            let _ = td.append_child(&s);
        }
        _ => {}
    }
}

/// The accessible name of a row's checkbox.
fn select_label(i18n: I18n, name: &str) -> String {
    i18n.text_with(Msg::SelectRow, &[("name", name.into())])
}

/// The accessible name of a row's menu button.
fn actions_label(i18n: I18n, name: &str) -> String {
    i18n.text_with(Msg::RowActionsFor, &[("name", name.into())])
}

/// One row on screen.
struct RowDom {
    tr: Element,
    check: HtmlInputElement,
    /// The menu's wrapper and button (when the Actions column is shown).
    menu: Option<(Element, Element)>,
    menu_id: String,
    name: String,
    state: ResourceState,
    cells: Vec<(Cell, Element)>,
    selected: bool,
    tab_stop: bool,
}

impl RowDom {
    /// A row's fixed structure for `columns` (cells with their classes and usual content, the
    /// checkbox, the menu button): built once, then cloned for each row, which is much cheaper than node by node.
    fn prototype(doc: &Document, columns: &[Column], i18n: I18n) -> Element {
        let tr = el(doc, "tr", "wb-row");
        // Explicit roles: narrow widgets draw rows as cards (`display: grid`), and some
        // engines drop a table's semantics with its display.
        set(&tr, "role", "row");
        set(&tr, "tabindex", "-1");
        set(&tr, "aria-selected", "false");
        let select = el(doc, "td", "wb-col-select");
        set(&select, "role", "cell");
        let check = el(doc, "input", "wb-row-check");
        set(&check, "type", "checkbox");
        let _ = select.append_child(&check);
        let _ = tr.append_child(&select);
        for column in columns {
            let td = el(doc, "td", &format!("wb-col-{}", column.key()));
            set(&td, "role", "cell");
            // A card shows each field under its column's name (CSS `attr(data-label)`).
            set(&td, "data-label", &untrack(|| i18n.text(column.title())));
            if *column == Column::Actions {
                let wrap = el(doc, "div", "wb-menu");
                let button = el(doc, "button", "wb-button wb-button--icon wb-menu__button");
                set(&button, "type", "button");
                set(&button, "aria-haspopup", "menu");
                set(&button, "aria-expanded", "false");
                button.set_text_content(Some("⋯"));
                let _ = wrap.append_child(&button);
                let _ = td.append_child(&wrap);
            } else if let Some(shell) = usual_shell(doc, *column) {
                let _ = td.append_child(&shell);
            }
            let _ = tr.append_child(&td);
        }
        tr
    }

    fn new(doc: &Document, prototype: &Element, b: &Backup, inputs: &RowInputs) -> RowDom {
        let tr: Element = prototype
            .clone_node_with_deep(true)
            .expect("clone row")
            .unchecked_into();
        set(&tr, "data-uuid", &b.uuid);
        set(&tr, "data-state", b.state.as_api_str());
        let mut td = tr.first_element_child();
        let check: HtmlInputElement = td
            .as_ref()
            .and_then(Element::first_element_child)
            .expect("row checkbox")
            .unchecked_into();
        set(&check, "aria-label", &select_label(inputs.i18n, &b.name));
        let mut menu = None;
        let menu_id = unique_id("wb-menu");
        let mut cells = Vec::with_capacity(inputs.columns.len());
        for &column in inputs.columns {
            td = td.and_then(|t| t.next_element_sibling());
            let Some(cell_el) = td.clone() else {
                break;
            };
            let cell = cell_of(column, b, inputs);
            if cell == Cell::Actions {
                let wrap = cell_el.first_element_child().expect("menu wrapper");
                let button = wrap.first_element_child().expect("menu button");
                set(&button, "aria-controls", &menu_id);
                set(&button, "aria-label", &actions_label(inputs.i18n, &b.name));
                menu = Some((wrap, button));
            } else {
                fill(doc, &cell_el, column, &cell, true);
            }
            cells.push((cell, cell_el));
        }
        RowDom {
            tr,
            check,
            menu,
            menu_id,
            name: b.name.clone(),
            state: b.state.clone(),
            cells,
            selected: false,
            tab_stop: false,
        }
    }

    /// Shows `b`, touching only what changed; focus inside a redrawn cell moves to its new content.
    fn update(&mut self, doc: &Document, b: &Backup, inputs: &RowInputs, active: Option<&Element>) {
        if self.name != b.name {
            self.name = b.name.clone();
            set(
                &self.check,
                "aria-label",
                &select_label(inputs.i18n, &b.name),
            );
            if let Some((_, button)) = &self.menu {
                set(button, "aria-label", &actions_label(inputs.i18n, &b.name));
            }
        }
        if self.state != b.state {
            self.state = b.state.clone();
            set(&self.tr, "data-state", b.state.as_api_str());
        }
        for (column, (shown, td)) in inputs.columns.iter().zip(self.cells.iter_mut()) {
            let cell = cell_of(*column, b, inputs);
            if cell == *shown {
                continue;
            }
            let had_focus = active.is_some_and(|a| td.contains(Some(a.unchecked_ref())));
            fill(doc, td, *column, &cell, false);
            *shown = cell;
            if had_focus {
                match focusables(td).first() {
                    Some(e) => {
                        let _ = e.focus();
                    }
                    None => {
                        let _ = self.tr.unchecked_ref::<HtmlElement>().focus();
                    }
                }
            }
        }
    }
}

/// The open row menu: its row, its list element, and where its button was when it opened.
struct OpenMenu {
    uuid: String,
    list: Element,
    anchored_at: (f64, f64),
    /// What it lists (a change rebuilds it).
    items: MenuItems,
}

/// The row renderer as the table's handlers share it.
pub type SharedRows = std::rc::Rc<std::cell::RefCell<RowRenderer>>;

/// The rows of the table's body, keyed by backup UUID.
#[derive(Default)]
pub struct RowRenderer {
    rows: HashMap<String, RowDom>,
    order: Vec<String>,
    columns: Vec<Column>,
    prototype: Option<Element>,
    menu: Option<OpenMenu>,
    /// The language of the last sync, for the menu's texts.
    i18n: Option<I18n>,
    /// The language the prototype's texts (the cards' field names) are in.
    prototype_language: &'static str,
}

impl RowRenderer {
    /// Makes `body` show `backups` in this order: rows already shown are updated in place and
    /// moved only when the order changed; rows no longer listed are removed.
    pub fn sync(&mut self, body: &Element, backups: &[Backup], inputs: &RowInputs) {
        self.i18n = Some(inputs.i18n);
        let Some(doc) = body.owner_document() else {
            return;
        };
        let language = untrack(|| inputs.i18n.language().tag);
        if inputs.columns != self.columns.as_slice()
            || self.prototype.is_none()
            || language != self.prototype_language
        {
            self.close_menu(false);
            self.rows.clear();
            self.order.clear();
            body.set_text_content(None);
            self.columns = inputs.columns.to_vec();
            self.prototype = Some(RowDom::prototype(&doc, inputs.columns, inputs.i18n));
            self.prototype_language = language;
        }
        let Some(prototype) = self.prototype.clone() else {
            return;
        };
        // Read once: a refresh of 300 rows would otherwise ask the browser 300 times.
        let active = active_element();
        let mut next: HashMap<String, RowDom> = HashMap::with_capacity(backups.len());
        let mut order = Vec::with_capacity(backups.len());
        for b in backups {
            if next.contains_key(&b.uuid) {
                continue;
            }
            let row = match self.rows.remove(&b.uuid) {
                Some(mut row) => {
                    row.update(&doc, b, inputs, active.as_ref());
                    row
                }
                None => RowDom::new(&doc, &prototype, b, inputs),
            };
            order.push(b.uuid.clone());
            next.insert(b.uuid.clone(), row);
        }
        if self
            .menu
            .as_ref()
            .is_some_and(|m| !next.contains_key(&m.uuid))
        {
            self.menu = None;
        }
        let kept_any = !next.is_empty() && self.rows.len() < self.order.len();
        if kept_any {
            for row in self.rows.values() {
                row.tr.remove();
            }
        } else {
            body.set_text_content(None);
        }
        // Place the rows: a row already in place stays (and keeps focus), others move there.
        let mut cursor = body.first_child();
        for uuid in &order {
            let tr: &web_sys::Node = next[uuid].tr.as_ref();
            if cursor.as_ref() == Some(tr) {
                cursor = tr.next_sibling();
            } else {
                let _ = body.insert_before(tr, cursor.as_ref());
            }
        }
        self.rows = next;
        self.order = order;
        // A row whose menu changed while open (its state, or what the user may do) gets the
        // menu's new items.
        if let Some(uuid) = self.menu.as_ref().map(|m| m.uuid.clone()) {
            let items_now = backups
                .iter()
                .find(|b| b.uuid == uuid)
                .map(|b| (inputs.menu)(b));
            let shown = self.menu.as_ref().map(|m| &m.items);
            if let Some(items) = items_now.filter(|i| Some(i) != shown) {
                let focused = self.focused_item();
                self.fill_menu(&doc, &uuid, items);
                if let Some(i) = focused {
                    self.focus_item(i as isize);
                }
            }
        }
    }

    /// Marks the selected rows (checkbox and `aria-selected`) and makes one row the Tab stop:
    /// `active` when it is on this page, else the first row.
    pub fn mark(&mut self, selected: &[String], active: Option<&str>) {
        let active = active
            .filter(|a| self.rows.contains_key(*a))
            .or(self.order.first().map(String::as_str))
            .map(str::to_string);
        for (uuid, row) in self.rows.iter_mut() {
            let is_selected = selected.contains(uuid);
            if row.selected != is_selected {
                row.selected = is_selected;
                row.check.set_checked(is_selected);
                set(
                    &row.tr,
                    "aria-selected",
                    if is_selected { "true" } else { "false" },
                );
            }
            let tab_stop = active.as_deref() == Some(uuid.as_str());
            if row.tab_stop != tab_stop {
                row.tab_stop = tab_stop;
                set(&row.tr, "tabindex", if tab_stop { "0" } else { "-1" });
            }
        }
    }

    /// The UUID of the row with an open menu.
    pub fn open_menu_row(&self) -> Option<&str> {
        self.menu.as_ref().map(|m| m.uuid.as_str())
    }

    /// The wrapper (button and list) of the open menu.
    pub fn open_menu_wrapper(&self) -> Option<Element> {
        let uuid = self.open_menu_row()?;
        self.rows.get(uuid)?.menu.as_ref().map(|(w, _)| w.clone())
    }

    /// The button of the open menu.
    pub fn open_menu_button(&self) -> Option<HtmlElement> {
        let uuid = self.open_menu_row()?;
        let (_, button) = self.rows.get(uuid)?.menu.as_ref()?;
        Some(button.clone().unchecked_into())
    }

    /// Opens the menu of row `uuid` with `items`, focusing its first or last item.
    pub fn open_menu(&mut self, uuid: &str, items: MenuItems, last: bool) {
        self.close_menu(false);
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        self.fill_menu(&doc, uuid, items);
        if let Some((_, button)) = self.rows.get(uuid).and_then(|r| r.menu.as_ref()) {
            set(button, "aria-expanded", "true");
        }
        self.focus_item(if last { -1 } else { 0 });
    }

    /// (Re)builds the list of the menu of row `uuid`.
    fn fill_menu(&mut self, doc: &Document, uuid: &str, items: MenuItems) {
        let i18n = self.i18n;
        let text = |msg: Msg| match i18n {
            Some(i18n) => untrack(|| i18n.text(msg)),
            None => msg.english().to_owned(),
        };
        let Some(row) = self.rows.get(uuid) else {
            return;
        };
        let Some((wrap, button)) = &row.menu else {
            return;
        };
        if let Some(old) = self.menu.take() {
            old.list.remove();
        }
        let list = el(doc, "ul", "wb-popup wb-menu__list");
        // In the top layer: the table's scroll box would clip it (the last rows' Delete).
        set(&list, "popover", "manual");
        // A press on the list's padding keeps focus inside (the menu stays open).
        set(&list, "tabindex", "-1");
        set(&list, "role", "menu");
        set(&list, "id", &row.menu_id);
        for (i, (action, allowed)) in items.iter().enumerate() {
            let action = *action;
            let li = el(
                doc,
                "li",
                if action.is_danger() {
                    "wb-menu__item wb-menu__item--danger"
                } else {
                    "wb-menu__item"
                },
            );
            set(&li, "role", "menuitem");
            set(&li, "tabindex", "-1");
            set(&li, "data-action", action.key());
            let label = el(doc, "span", "wb-menu__label");
            label.set_text_content(Some(&text(action.label())));
            let _ = li.append_child(&label);
            if let Err(reason) = allowed {
                // Disabled items stay reachable, and say why (their description).
                let reason_id = format!("{}-why-{i}", row.menu_id);
                set(&li, "aria-disabled", "true");
                set(&li, "aria-describedby", &reason_id);
                let r = el(doc, "span", "wb-menu__reason");
                set(&r, "id", &reason_id);
                r.set_text_content(Some(&text(*reason)));
                let _ = li.append_child(&r);
            }
            let _ = list.append_child(&li);
        }
        let _ = wrap.append_child(&list);
        let (popup, anchor): (&HtmlElement, _) = (list.unchecked_ref(), button);
        popover::open(popup, anchor, Align::End);
        self.menu = Some(OpenMenu {
            uuid: uuid.to_string(),
            anchored_at: popover::anchor_position(anchor),
            list,
            items,
        });
    }

    /// Whether the open menu's button moved since it opened (the page or the table scrolled).
    pub fn menu_anchor_moved(&self) -> bool {
        let Some(open) = &self.menu else {
            return false;
        };
        self.rows
            .get(&open.uuid)
            .and_then(|r| r.menu.as_ref())
            .is_some_and(|(_, button)| popover::anchor_moved(button, open.anchored_at))
    }

    /// Closes the open menu; `refocus` puts focus back on its button.
    pub fn close_menu(&mut self, refocus: bool) {
        let Some(open) = self.menu.take() else {
            return;
        };
        open.list.remove();
        if let Some((_, button)) = self.rows.get(&open.uuid).and_then(|r| r.menu.as_ref()) {
            set(button, "aria-expanded", "false");
            if refocus {
                popover::focus_quietly(button.unchecked_ref());
            }
        }
    }

    fn menu_items(&self) -> Vec<HtmlElement> {
        let Some(list) = self
            .menu
            .as_ref()
            .and_then(|m| m.list.query_selector_all("[role='menuitem']").ok())
        else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
            .collect()
    }

    /// The position of the focused menu item.
    pub fn focused_item(&self) -> Option<usize> {
        let active = active_element()?;
        self.menu_items()
            .iter()
            .position(|e| e.unchecked_ref::<Element>() == &active)
    }

    /// Focuses menu item `index` (negative counts from the end, wrapping around).
    pub fn focus_item(&self, index: isize) {
        let items = self.menu_items();
        if items.is_empty() {
            return;
        }
        let n = items.len() as isize;
        popover::focus_quietly(&items[(((index % n) + n) % n) as usize]);
    }
}
