//! [`use_table_view`]: what the table shows (filters, sort, page), the filters as they are being
//! typed, and, when the host asks for it, the view kept in the page URL and its history.

use super::use_debounce::{use_debounce, Debounced};
use crate::state::table::{decode_view, encode_view, merge_into_search, Filters, TableView};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The table's view and its draft (see [`use_table_view`]); `Copy`, so handlers capture it.
#[derive(Clone, Copy)]
pub struct TableViewControl {
    /// What is shown: every change loads the page again.
    pub view: RwSignal<TableView>,
    /// The filters as the inputs show them; typed text reaches `view` once typing settles.
    pub draft: RwSignal<Filters>,
    apply: Debounced,
    /// The next URL write replaces the entry instead of adding one (a correction, not a step).
    replace_next: StoredValue<bool>,
    /// How Back closes the open backup (the drawer may ask first); `None`: it just closes.
    back_close: StoredValue<Option<Callback<()>>>,
    open: RwSignal<Option<String>>,
}

/// The view of a table of `page_size` rows.
///
/// With `url_sync`, the view starts from the page URL (and opens the backup it names, through
/// `open`); every later change of the view or of `open` adds a history entry
/// (`history.pushState`, keeping the host's own query keys), so Back and Forward walk through
/// pages, sorts, filters and the drawer, and `popstate` puts the view back. Corrections the
/// table makes itself ([`TableViewControl::correct`]) replace the entry instead. Typed filters
/// wait `debounce_ms` after the last keystroke, so a word typed is one request and one entry.
pub fn use_table_view(
    page_size: u32,
    url_sync: bool,
    open: RwSignal<Option<String>>,
    debounce_ms: u32,
) -> TableViewControl {
    let initial = if url_sync {
        let (view, backup) = decode_view(&location_search(), page_size);
        if backup.is_some() {
            open.set(backup);
        }
        view
    } else {
        TableView::new(page_size)
    };
    let draft = RwSignal::new(initial.filters.clone());
    let mut applied = initial;
    applied.filters = applied.filters.applicable();
    let view = RwSignal::new(applied);
    let apply = use_debounce(debounce_ms, move || {
        let filters = draft.get_untracked().applicable();
        view.update(|v| v.set_filters(filters));
    });
    let control = TableViewControl {
        view,
        draft,
        apply,
        replace_next: StoredValue::new(false),
        back_close: StoredValue::new(None),
        open,
    };
    if url_sync {
        Effect::new(move |first: Option<()>| {
            let pairs = view.with(|v| open.with(|o| encode_view(v, o.as_deref())));
            // The first write only tidies the URL the page was opened with.
            let replace = first.is_none() | control.replace_next.get_value();
            control.replace_next.set_value(false);
            write_search(&pairs, replace);
        });
        control.follow_history(page_size);
    }
    control
}

impl TableViewControl {
    /// Edits the typed filters; the view follows once typing settles.
    pub fn type_filters(&self, edit: impl FnOnce(&mut Filters)) {
        self.draft.update(edit);
        self.apply.call();
    }

    /// Edits the filters and shows the result now (with anything still being typed).
    pub fn set_filters(&self, edit: impl FnOnce(&mut Filters)) {
        self.draft.update(edit);
        self.apply.flush();
    }

    /// Changes the view as a correction (a page that does not exist → one that does): shown at
    /// once, but the page URL's entry is replaced, so Back does not lead to the broken page.
    pub fn correct(&self, edit: impl FnOnce(&mut TableView)) {
        let mut next = self.view.get_untracked();
        edit(&mut next);
        if self.view.with_untracked(|v| *v != next) {
            self.replace_next.set_value(true);
            self.view.set(next);
        }
    }

    /// How Back closes the open backup (the drawer asks first when edits would be lost).
    pub fn on_back_close(&self, close: Callback<()>) {
        self.back_close.set_value(Some(close));
    }

    /// Listens for Back and Forward (`popstate`) while the owner lives.
    fn follow_history(self, page_size: u32) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let on_pop = Closure::<dyn Fn()>::new(move || {
            if self.view.try_get_untracked().is_none() {
                return;
            }
            let (mut next, backup) = decode_view(&location_search(), page_size);
            let typed = next.filters.clone();
            next.filters = next.filters.applicable();
            self.restore(typed, next, backup);
        });
        let listener: js_sys::Function = on_pop.as_ref().clone().into();
        let _ = window.add_event_listener_with_callback("popstate", &listener);
        // The closure lives in the listener until the owner goes; then both go.
        let on_pop = send_wrapper::SendWrapper::new(on_pop);
        let listener = send_wrapper::SendWrapper::new(listener);
        on_cleanup(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.remove_event_listener_with_callback("popstate", &listener);
            }
            drop(on_pop);
        });
    }

    /// Shows the view of a history entry; the URL already says it, so nothing is written.
    fn restore(&self, typed: Filters, next: TableView, backup: Option<String>) {
        let changes_view = self.view.with_untracked(|v| *v != next);
        let changes_open = self.open.with_untracked(|o| *o != backup);
        if !(changes_view || changes_open) {
            return;
        }
        let close = self
            .back_close
            .get_value()
            .filter(|_| changes_open && backup.is_none());
        // Whatever the entry needed tidying (a size not offered) replaces it, adding none. (A
        // close the drawer asks about first may not happen: it writes nothing either way.)
        if changes_view || (changes_open && close.is_none()) {
            self.replace_next.set_value(true);
        }
        self.apply.cancel();
        self.draft.set(typed);
        if changes_view {
            self.view.set(next);
        }
        match close {
            Some(close) => close.run(()),
            None if changes_open => self.open.set(backup),
            None => {}
        }
    }
}

fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Puts the table's keys into the page URL (other keys stay): a new history entry, or, with
/// `replace`, in place of the current one. Nothing when the URL already says it.
fn write_search(pairs: &[(String, String)], replace: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let next = merge_into_search(&search, pairs);
    if next == search {
        return;
    }
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = format!("{path}{next}{hash}");
    if let Ok(history) = window.history() {
        let _ = if replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        };
    }
}
