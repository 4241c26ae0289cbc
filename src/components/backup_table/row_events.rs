//! Row events, delegated to the row group: clicks, checkbox changes and the row menu's actions
//! here, keys and focus in [`super::keyboard`]. Focus moves made by the row renderer itself
//! fire focus events while it is busy: those find it borrowed and are ignored.

use super::rows::{row_instance, RowInputs, RowRenderer, SharedRows};
use crate::api::Backup;
use crate::components::commands::Commands;
use crate::components::hooks::TableViewControl;
use crate::components::ui::focus::{active_element, focus_lost, focus_on};
use crate::components::ui::popover;
use crate::components::{HostEvent, WidgetContext};
use crate::state::actions::{menu_actions, restore_open_failed, Command, Confirmation, Notice};
use crate::state::table::RowAction;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What the row handlers share; `Copy`, so every handler captures it.
#[derive(Clone, Copy)]
pub(super) struct RowEvents {
    pub ctx: WidgetContext,
    pub table: TableViewControl,
    pub renderer: StoredValue<SharedRows, LocalStorage>,
    /// The rows' `<tbody>`.
    pub body: NodeRef<leptos::html::Tbody>,
    pub selected: RwSignal<Vec<String>>,
    /// The row that is the Tab stop (roving tabindex).
    pub active_row: RwSignal<Option<String>>,
    pub commands: Commands,
    /// The destructive command waiting for the user's answer.
    pub asked: RwSignal<Option<Confirmation>>,
    pub notice: RwSignal<Option<Notice>>,
}

pub(super) fn target_of(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

pub(super) fn within(target: &web_sys::Element, selector: &str) -> Option<web_sys::Element> {
    target.closest(selector).ok().flatten()
}

/// The row an event happened in, and its backup's UUID.
pub(super) fn row_of(target: &web_sys::Element) -> Option<(web_sys::Element, String)> {
    let tr = within(target, "tr.wb-row")?;
    let uuid = tr.get_attribute("data-uuid")?;
    Some((tr, uuid))
}

/// The position among the rows of the row that has focus (or holds it), if one does.
fn focused_row_index(body: &web_sys::Element) -> Option<usize> {
    let active = active_element()?;
    let tr = within(&active, "tr.wb-row")?;
    if !body.contains(Some(&tr)) {
        return None;
    }
    let rows = body.children();
    (0..rows.length())
        .find(|&i| rows.item(i).as_ref() == Some(&tr))
        .map(|i| i as usize)
}

/// Focuses the row of backup `uuid` when it is shown, else the row now at `index` (or the
/// last), else the table itself: where focus goes when its row or a dialog about it went.
pub(crate) fn focus_row_near(body: &web_sys::Element, uuid: Option<&str>, index: usize) {
    let rows = body.children();
    let by_uuid = uuid.and_then(|u| {
        (0..rows.length())
            .filter_map(|i| rows.item(i))
            .find(|tr| tr.get_attribute("data-uuid").as_deref() == Some(u))
    });
    let near = || match rows.length() {
        0 => None,
        n => rows.item((index as u32).min(n - 1)),
    };
    let target = by_uuid
        .or_else(near)
        .or_else(|| body.closest(".wb-table").ok().flatten());
    if let Some(el) = target {
        focus_on(&el);
    }
}

/// Whether the user has selected some text (a click that ends a selection is not a "click").
fn text_selected() -> bool {
    web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .is_some_and(|s| !s.is_collapsed())
}

impl RowEvents {
    /// Runs `f` on the row renderer unless it is busy (see the module's note), or gone: Chromium
    /// fires `focusout` at a focused row as it is removed, which can come after the table's
    /// state was disposed (a host's view cleaned up before it unmounts the widget).
    pub fn rows_do(&self, f: &mut dyn FnMut(&mut RowRenderer)) {
        self.renderer.try_with_value(|r| {
            if let Ok(mut r) = r.try_borrow_mut() {
                f(&mut r);
            }
        });
    }

    /// Draws the rows whenever the page, the columns, the clock or the host's settings change;
    /// selection and the Tab stop are marked on their own (cheap).
    pub fn keep_drawn(self, now: RwSignal<f64>) {
        let store = self.ctx.store;
        let settings = self.ctx.settings;
        Effect::new(move |_| {
            let Some(body) = self.body.get() else {
                return;
            };
            let body: web_sys::Element = body.into();
            let now = now.get();
            let ctx = self.ctx;
            // Every row's texts are in the widget's language: a change redraws them, whichever
            // columns are shown.
            ctx.i18n.language();
            let access = ctx.access();
            let menu = move |b: &Backup| menu_actions(b, &access, |a| ctx.offers(a));
            settings.with(|s| {
                store.rows.with(|rows| {
                    let inputs = RowInputs {
                        columns: &s.columns,
                        now,
                        locale: s.locale.as_deref(),
                        instance_url: s.instance_url.as_deref(),
                        menu: &menu,
                        i18n: ctx.i18n,
                    };
                    // A focused row that goes (deleted, or gone on a refresh) hands focus to
                    // the row taking its place, else the one before, else the table.
                    let focused_at = focused_row_index(&body);
                    self.rows_do(&mut |r| r.sync(&body, rows, &inputs));
                    if let Some(at) = focused_at.filter(|_| focus_lost()) {
                        focus_row_near(&body, None, at);
                    }
                })
            });
            self.mark_rows();
        });
        Effect::new(move |_| {
            self.selected.track();
            self.active_row.track();
            self.mark_rows();
        });
        popover::on_page_moves(move || self.page_moved());
    }

    /// The pointer or focus entered (`show`) or left a state badge with an error tip: the tip
    /// shows beside it, in the top layer. `related`: where the pointer or focus went, or came
    /// from (moving within the badge changes nothing).
    pub fn tip(
        &self,
        target: Option<web_sys::Element>,
        related: Option<web_sys::Node>,
        show: bool,
    ) {
        let Some(badge) = target.and_then(|t| within(&t, ".wb-badge[aria-describedby]")) else {
            return;
        };
        if related.is_some_and(|r| badge.contains(Some(&r))) {
            return;
        }
        let Some(tip) = badge
            .next_element_sibling()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        if show {
            popover::open(&tip, &badge, popover::Align::Start);
            let (x, y) = popover::anchor_position(&badge);
            let _ = tip.set_attribute("data-anchored-at", &format!("{x} {y}"));
        } else {
            popover::close(&tip);
        }
    }

    /// The page, the table's box or the window moved: an open menu whose button moved closes
    /// (focus back on the button) rather than float away from it.
    pub fn page_moved(&self) {
        let mut moved = false;
        self.rows_do(&mut |r| moved = r.menu_anchor_moved());
        if moved {
            self.close_menu(true);
        }
        // An error tip whose badge moved would float away from it. (A scroll that ended
        // before the tip opened, its event arriving a frame later, leaves it open.)
        if let Some(body) = self.body.get_untracked() {
            if let Ok(open) = body.query_selector_all(".wb-tip.wb-popup--open") {
                let tips = (0..open.length()).filter_map(|i| open.item(i));
                for tip in tips.filter_map(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let at = tip.get_attribute("data-anchored-at").and_then(|a| {
                        let (x, y) = a.split_once(' ')?;
                        Some((x.parse().ok()?, y.parse().ok()?))
                    });
                    let moved = match (tip.previous_element_sibling(), at) {
                        (Some(badge), Some(at)) => popover::anchor_moved(&badge, at),
                        _ => true,
                    };
                    if moved {
                        popover::close(&tip);
                    }
                }
            }
        }
    }

    fn mark_rows(&self) {
        self.selected.with_untracked(|sel| {
            self.active_row.with_untracked(|a| {
                self.rows_do(&mut |r| r.mark(sel, a.as_deref()));
            })
        })
    }

    pub fn backup_of(&self, uuid: &str) -> Option<Backup> {
        self.ctx
            .store
            .rows
            .with_untracked(|rows| rows.iter().find(|b| b.uuid == uuid).cloned())
    }

    pub fn open_menu(&self, uuid: &str, last: bool) {
        if let Some(b) = self.backup_of(uuid) {
            let ctx = self.ctx;
            let items = untrack(|| menu_actions(&b, &ctx.access(), |a| ctx.offers(a)));
            let mut items = Some(items);
            self.rows_do(&mut |r| {
                if let Some(items) = items.take() {
                    r.open_menu(uuid, items, last);
                }
            });
        }
    }

    pub fn close_menu(&self, refocus: bool) {
        self.rows_do(&mut |r| r.close_menu(refocus));
    }

    /// A menu item was chosen (click, Enter or Space): closes the menu and runs it.
    pub fn choose(&self, uuid: &str, item: &web_sys::Element) {
        if item.get_attribute("aria-disabled").as_deref() == Some("true") {
            return;
        }
        let action = item
            .get_attribute("data-action")
            .and_then(|k| RowAction::from_key(&k));
        self.close_menu(true);
        if let (Some(action), Some(b)) = (action, self.backup_of(uuid)) {
            self.act(action, b);
        }
    }

    /// Runs a row menu action; the destructive ones ask first.
    fn act(&self, action: RowAction, backup: Backup) {
        let store = self.ctx.store;
        match action {
            RowAction::Details | RowAction::Edit => store.open_detail.set(Some(backup.uuid)),
            RowAction::Restore => self.open_restore(backup),
            RowAction::Delete => self.asked.set(Some(Confirmation::Delete(backup))),
            RowAction::Unlink => self.asked.set(Some(Confirmation::Unlink(backup))),
            RowAction::Pull => self.commands.run(Command::Pull, backup),
            RowAction::SetOk => self.asked.set(Some(Confirmation::SetOk(backup))),
            RowAction::SetErred => self.asked.set(Some(Confirmation::SetErred(backup))),
        }
    }

    /// Opens the restore dialog on a fresh copy of the backup: rows carry only the fields the
    /// table shows, and the dialog needs the whole backup (the instance's ports, groups and
    /// floating IPs).
    fn open_restore(&self, backup: Backup) {
        let (ctx, notice) = (self.ctx, self.notice);
        let client = ctx.client();
        ctx.spawn(async move {
            match client.get_backup(&backup.uuid).await {
                Ok(full) => {
                    ctx.store.upsert(&full);
                    ctx.store.restore_for.set(Some(full));
                }
                Err(e) => {
                    ctx.report_error(&e);
                    notice.set(Some(restore_open_failed(&backup.name, e.message())));
                }
            }
        });
    }

    pub fn click(&self, ev: web_sys::MouseEvent) {
        let Some(target) = target_of(&ev) else {
            return;
        };
        let Some((_, uuid)) = row_of(&target) else {
            return;
        };
        if let Some(item) = within(&target, "[role='menuitem']") {
            self.choose(&uuid, &item);
        } else if within(&target, ".wb-menu__button").is_some() {
            let mut open_here = false;
            self.rows_do(&mut |r| open_here = r.open_menu_row() == Some(uuid.as_str()));
            if open_here {
                self.close_menu(false);
            } else {
                self.open_menu(&uuid, false);
            }
        } else if within(&target, ".wb-instance").is_some() {
            if let Some(b) = self.backup_of(&uuid) {
                self.instance_chosen(&b);
            }
        } else if within(
            &target,
            "a, button, input, label, select, textarea, [role='menu']",
        )
        .is_none()
            && !text_selected()
        {
            // A click elsewhere on a row opens its details, as Enter does on a focused row
            // (selecting text in a row does not).
            self.close_menu(false);
            self.ctx.store.open_detail.set(Some(uuid));
        }
    }

    /// Inside the widget a row's instance means "its backups": the table narrows to them (and
    /// offers "Create backup"); the host hears of it too.
    fn instance_chosen(&self, b: &Backup) {
        let (uuid, url, name) = row_instance(b);
        let show = !uuid.is_empty()
            && self
                .ctx
                .settings
                .with_untracked(|s| s.scope.instance_uuid.is_none())
            && self.table.draft.with_untracked(|d| d.instance != uuid);
        self.ctx.emit(HostEvent::InstanceSelected {
            uuid: uuid.clone(),
            url,
            name,
        });
        if show {
            self.close_menu(false);
            self.table.set_filters(|d| d.instance = uuid);
        }
    }

    /// A row's checkbox: selects or unselects it.
    pub fn change(&self, ev: web_sys::Event) {
        let Some(target) = target_of(&ev) else {
            return;
        };
        if !target.class_list().contains("wb-row-check") {
            return;
        }
        if let Some((_, uuid)) = row_of(&target) {
            self.selected
                .update(|s| match s.iter().position(|u| *u == uuid) {
                    Some(i) => {
                        s.remove(i);
                    }
                    None => s.push(uuid),
                });
        }
    }
}
