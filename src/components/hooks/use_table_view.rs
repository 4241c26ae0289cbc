//! [`use_table_view`]: what the table shows (filters, sort, page), the filters as they are being
//! typed, and, when the host asks for it, the view kept in the page URL.

use super::use_debounce::{use_debounce, Debounced};
use crate::state::table::{decode_view, encode_view, merge_into_search, Filters, TableView};
use leptos::prelude::*;

/// The table's view and its draft (see [`use_table_view`]); `Copy`, so handlers capture it.
#[derive(Clone, Copy)]
pub struct TableViewControl {
    /// What is shown: every change loads the page again.
    pub view: RwSignal<TableView>,
    /// The filters as the inputs show them; typed text reaches `view` once typing settles.
    pub draft: RwSignal<Filters>,
    apply: Debounced,
}

/// The view of a table of `page_size` rows.
///
/// With `url_sync`, the view starts from the page URL (and opens the backup it names, through
/// `open`), and every later change of the view or of `open` is written back with
/// `history.replaceState`, keeping the host's own query keys. Typed filters wait `debounce_ms`
/// after the last keystroke, so a word typed is one request.
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
    let view = RwSignal::new(initial);
    let apply = use_debounce(debounce_ms, move || {
        let filters = draft.get_untracked();
        view.update(|v| v.set_filters(filters));
    });
    if url_sync {
        Effect::new(move |_| {
            let pairs = view.with(|v| open.with(|o| encode_view(v, o.as_deref())));
            write_search(&pairs);
        });
    }
    TableViewControl { view, draft, apply }
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
}

fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Puts the table's keys into the page URL without a history entry (other keys stay).
fn write_search(pairs: &[(String, String)]) {
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
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{next}{hash}")),
        );
    }
}
