//! The rows from the keyboard: in a row menu, the WAI-ARIA menu keys; on a menu button, the
//! keys that open it; on a row, ArrowUp/ArrowDown/Home/End move between rows (roving
//! tabindex) and Enter opens the details. A menu closes when focus leaves it and its button
//! (focus back on the button when it would otherwise fall to the page). A focused state badge
//! shows its error tip.

use super::row_events::{row_of, target_of, within, RowEvents};
use crate::components::ui::popover;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

impl RowEvents {
    pub fn keydown(&self, ev: web_sys::KeyboardEvent) {
        let Some(target) = target_of(&ev) else {
            return;
        };
        let Some((tr, uuid)) = row_of(&target) else {
            return;
        };
        let key = ev.key();
        if within(&target, ".wb-menu__list").is_some() {
            self.menu_key(&ev, &key, &target, &uuid);
        } else if within(&target, ".wb-menu__button").is_some() {
            let last = match key.as_str() {
                "ArrowDown" | "Enter" | " " => false,
                "ArrowUp" => true,
                _ => return,
            };
            ev.prevent_default();
            self.open_menu(&uuid, last);
        } else if target == tr {
            self.row_key(&ev, &key, &tr, uuid);
        }
    }

    /// A key in an open row menu.
    fn menu_key(
        &self,
        ev: &web_sys::KeyboardEvent,
        key: &str,
        target: &web_sys::Element,
        uuid: &str,
    ) {
        let mut here = 0;
        self.rows_do(&mut |r| here = r.focused_item().map_or(0, |i| i as isize));
        let go = match key {
            "ArrowDown" => here + 1,
            "ArrowUp" => here - 1,
            "Home" => 0,
            "End" => -1,
            "Escape" => {
                ev.prevent_default();
                ev.stop_propagation();
                self.close_menu(true);
                return;
            }
            // Back on the button first, so Tab moves on from there.
            "Tab" => {
                self.close_menu(true);
                return;
            }
            "Enter" | " " => {
                ev.prevent_default();
                if let Some(item) = within(target, "[role='menuitem']") {
                    self.choose(uuid, &item);
                }
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        self.rows_do(&mut |r| r.focus_item(go));
    }

    /// A key on a focused row.
    fn row_key(&self, ev: &web_sys::KeyboardEvent, key: &str, tr: &web_sys::Element, uuid: String) {
        let next = match key {
            "ArrowDown" => tr.next_element_sibling(),
            "ArrowUp" => tr.previous_element_sibling(),
            "Home" => tr.parent_element().and_then(|p| p.first_element_child()),
            "End" => tr.parent_element().and_then(|p| p.last_element_child()),
            "Enter" => {
                ev.prevent_default();
                self.ctx.store.open_detail.set(Some(uuid));
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        if let Some(el) = next.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            if let Some(u) = el.get_attribute("data-uuid") {
                self.active_row.set(Some(u));
                let _ = el.focus();
            }
        }
    }

    /// A row taking focus becomes the Tab stop.
    pub fn focusin(&self, ev: web_sys::FocusEvent) {
        let Some(target) = target_of(&ev) else {
            return;
        };
        self.tip(Some(target.clone()), None, true);
        if let Some((tr, uuid)) = row_of(&target) {
            if tr == target
                && self
                    .active_row
                    .with_untracked(|a| a.as_deref() != Some(uuid.as_str()))
            {
                self.active_row.set(Some(uuid));
            }
        }
    }

    /// Focus leaving the open menu and its button (a click elsewhere, Tab away) closes it.
    pub fn focusout(&self, ev: web_sys::FocusEvent) {
        self.tip(target_of(&ev), None, false);
        let mut wrapper = None;
        self.rows_do(&mut |r| wrapper = r.open_menu_wrapper());
        let Some(wrapper) = wrapper else {
            return;
        };
        let to: Option<web_sys::Node> = ev.related_target().and_then(|t| t.dyn_into().ok());
        match to {
            Some(to) if wrapper.contains(Some(&to)) => {}
            // Focus went to something else the user chose: it stays there.
            Some(_) => self.close_menu(false),
            // A press on nothing focusable: focus falls to the page; back on ⋯ instead.
            None => {
                let mut button = None;
                self.rows_do(&mut |r| button = r.open_menu_button());
                self.close_menu(false);
                if let Some(b) = button {
                    popover::refocus_when_lost(b);
                }
            }
        }
    }
}
