//! Row events, delegated to the row group: clicks, checkbox changes and the row menu's actions
//! here, keys and focus in [`super::keyboard`]. Focus moves made by the row renderer itself
//! fire focus events while it is busy: those find it borrowed and are ignored.

use super::rows::{row_instance, RowInputs, RowRenderer, SharedRows};
use crate::api::Backup;
use crate::components::commands::Commands;
use crate::components::hooks::TableViewControl;
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
                    };
                    self.rows_do(&mut |r| r.sync(&body, rows, &inputs));
                })
            });
            self.mark_rows();
        });
        Effect::new(move |_| {
            self.selected.track();
            self.active_row.track();
            self.mark_rows();
        });
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
                    notice.set(Some(restore_open_failed(&backup.name, &e.message())));
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
