//! Focus helpers for dialogs and menus that also work inside a shadow root.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Elements a keyboard user can Tab to.
const FOCUSABLE: &str =
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), \
     select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";

/// The focused element, looking through shadow roots (document.activeElement stops at a host).
pub fn active_element() -> Option<Element> {
    let mut active = web_sys::window()?.document()?.active_element()?;
    while let Some(inner) = active.shadow_root().and_then(|root| root.active_element()) {
        active = inner;
    }
    Some(active)
}

/// Whether focus has fallen out of every control: to the body, nowhere, or to an element that
/// is no longer in the page (removed while it had focus).
pub fn focus_lost() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    match active_element() {
        None => true,
        Some(el) => {
            !el.is_connected()
                || document
                    .body()
                    .is_some_and(|b| b.unchecked_ref::<Element>() == &el)
                || document.document_element().as_ref() == Some(&el)
        }
    }
}

/// Focuses `el` when it is an element that can take focus; true when it has it now.
pub fn focus_on(el: &Element) -> bool {
    match el.dyn_ref::<HtmlElement>() {
        Some(h) => {
            let _ = h.focus();
            active_element().as_ref() == Some(el)
        }
        None => false,
    }
}

/// The focusable elements inside `container`, in document order, skipping hidden ones.
pub fn focusables(container: &Element) -> Vec<HtmlElement> {
    let Ok(list) = container.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .filter(|el| el.get_client_rects().length() > 0 || el.offset_parent().is_some())
        .collect()
}

/// Moves focus to the element marked `data-autofocus`, else the first focusable one, else `container`.
pub fn focus_first(container: &HtmlElement) {
    if let Ok(Some(marked)) = container.query_selector("[data-autofocus]") {
        if let Ok(el) = marked.dyn_into::<HtmlElement>() {
            let _ = el.focus();
            return;
        }
    }
    match focusables(container).first() {
        Some(el) => {
            let _ = el.focus();
        }
        None => {
            let _ = container.focus();
        }
    }
}

/// Keeps Tab and Shift+Tab inside `container` (WAI-ARIA modal dialog pattern).
pub fn trap_tab(container: &HtmlElement, event: &web_sys::KeyboardEvent) {
    let items = focusables(container);
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        event.prevent_default();
        return;
    };
    let active = active_element();
    let inside = active
        .as_ref()
        .is_some_and(|a| container.contains(Some(a.unchecked_ref())));
    let at = |el: &HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.unchecked_ref::<Element>())
    };
    if event.shift_key() {
        if !inside || at(first) || active.as_ref() == Some(container.unchecked_ref()) {
            event.prevent_default();
            let _ = last.focus();
        }
    } else if !inside || at(last) {
        event.prevent_default();
        let _ = first.focus();
    }
}

/// A page-unique id for ARIA references (`aria-labelledby`, `aria-describedby`, `aria-controls`).
pub fn unique_id(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
