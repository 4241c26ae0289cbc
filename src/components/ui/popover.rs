//! Popups beside a button (row menus, the States list, error tips): shown in the top layer
//! (`popover="manual"`), so no scroll box, stacking context or `overflow` of the table or the
//! portal clips them, and placed inside the viewport: below their button, or above it when
//! there is more room there, shifted sideways to stay on screen, scrolling inside when
//! taller than the room left. Where the popover API is missing the `wb-popup--open` class
//! alone shows them (`position: fixed`).

use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Which edge of the button the popup lines up with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// The button's start edge (left in a left-to-right page): lists under a field.
    Start,
    /// The button's end edge: menus of a ⋯ button at the end of a row.
    End,
}

/// Space kept between the popup and the viewport's edges, in CSS pixels.
const EDGE: f64 = 8.0;
/// Space between the button and the popup.
const GAP: f64 = 4.0;

/// Shows `popup` next to `anchor`.
pub fn open(popup: &HtmlElement, anchor: &Element, align: Align) {
    let _ = popup.class_list().add_1("wb-popup--open");
    if popup.has_attribute("popover") && !is_open(popup) {
        let _ = popup.show_popover();
    }
    place(popup, anchor, align);
}

/// Hides `popup`.
pub fn close(popup: &HtmlElement) {
    let _ = popup.class_list().remove_1("wb-popup--open");
    if is_open(popup) {
        let _ = popup.hide_popover();
    }
}

fn is_open(popup: &HtmlElement) -> bool {
    // `matches` throws for a selector an old engine does not know: then it is not open.
    popup.matches(":popover-open").unwrap_or(false)
}

/// Where `anchor` is on screen (its top-left corner), to tell later whether it moved.
pub fn anchor_position(anchor: &Element) -> (f64, f64) {
    let r = anchor.get_bounding_client_rect();
    (r.left(), r.top())
}

/// Whether `anchor` moved more than a pixel since it was at `was` (the page or a scroll box
/// around it scrolled): an open popup then closes rather than float away from its button.
pub fn anchor_moved(anchor: &Element, was: (f64, f64)) -> bool {
    let (x, y) = anchor_position(anchor);
    (x - was.0).abs() > 1.0 || (y - was.1).abs() > 1.0
}

/// Places the shown `popup` beside `anchor`, inside the viewport.
pub fn place(popup: &HtmlElement, anchor: &Element, align: Align) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let root = window.document().and_then(|d| d.document_element());
    let number = |v: Result<JsValue, JsValue>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let view_width = root
        .as_ref()
        .map(|r| f64::from(r.client_width()))
        .filter(|w| *w > 0.0)
        .unwrap_or_else(|| number(window.inner_width()));
    let view_height = number(window.inner_height());
    let style = popup.style();
    // Measured at the top-left corner, where nothing squeezes it.
    let _ = style.set_property("max-height", "");
    let _ = style.set_property("top", "0px");
    let _ = style.set_property("left", "0px");
    let width = f64::from(popup.offset_width());
    let height = f64::from(popup.offset_height());
    let a = anchor.get_bounding_client_rect();

    let below = view_height - a.bottom() - GAP - EDGE;
    let above = a.top() - GAP - EDGE;
    let (top, room) = if height <= below || below >= above {
        (a.bottom() + GAP, below)
    } else {
        ((a.top() - GAP - height.min(above)).max(EDGE), above)
    };
    if height > room {
        let _ = style.set_property("max-height", &format!("{}px", room.max(48.0).floor()));
    }
    let rtl = window
        .get_computed_style(anchor)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("direction").ok())
        .is_some_and(|d| d == "rtl");
    let start = match (align, rtl) {
        (Align::Start, false) | (Align::End, true) => a.left(),
        _ => a.right() - width,
    };
    let left = start.min(view_width - width - EDGE).max(EDGE);
    let _ = style.set_property("top", &format!("{}px", top.round()));
    let _ = style.set_property("left", &format!("{}px", left.round()));
}

/// Moves focus to `el` without scrolling anything (the popup's button is on screen already).
pub fn focus_quietly(el: &HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
}

/// Gives focus back to `el` once the current press is over, if focus fell to the page (a
/// press on nothing focusable closed a popup): the browser moves focus only after the
/// popup's `focusout`, so this waits a frame. Nothing happens when `el` is gone or the
/// user's press focused something.
pub fn refocus_when_lost(el: HtmlElement) {
    leptos::prelude::request_animation_frame(move || {
        let lost = match super::focus::active_element() {
            None => true,
            Some(a) => web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.body())
                .is_some_and(|body| a == *body.unchecked_ref::<Element>()),
        };
        if lost && el.is_connected() {
            focus_quietly(&el);
        }
    });
}

/// Calls `f` whenever the page or a scroll box in it scrolls, or the window changes size,
/// until the calling owner is cleaned up. A scroll box inside a shadow root is not seen from
/// the window: listen to it with `on:scroll` as well.
pub fn on_page_moves(f: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| f());
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(true);
    options.set_passive(true);
    let function: &js_sys::Function = callback.as_ref().unchecked_ref();
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "scroll", function, &options,
    );
    let _ = window.add_event_listener_with_callback("resize", function);
    let held = SendWrapper::new(callback);
    on_cleanup(move || {
        if let Some(window) = web_sys::window() {
            let function: &js_sys::Function = held.as_ref().unchecked_ref();
            let _ = window.remove_event_listener_with_callback_and_bool("scroll", function, true);
            let _ = window.remove_event_listener_with_callback("resize", function);
        }
        drop(held);
    });
}

/// Calls `f` on every pointer press on the page that does not land inside `inside` (the
/// popup's wrapper: its button and the popup), until the calling owner is cleaned up.
/// Presses inside a shadow root count by their real target (the composed path).
pub fn on_press_outside(inside: impl Fn() -> Option<Element> + 'static, f: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let Some(wrapper) = inside() else {
            return;
        };
        let wrapper: &JsValue = wrapper.as_ref();
        if !ev.composed_path().includes(wrapper, 0) {
            f();
        }
    });
    let function: &js_sys::Function = callback.as_ref().unchecked_ref();
    let _ = window.add_event_listener_with_callback_and_bool("pointerdown", function, true);
    let held = SendWrapper::new(callback);
    on_cleanup(move || {
        if let Some(window) = web_sys::window() {
            let function: &js_sys::Function = held.as_ref().unchecked_ref();
            let _ =
                window.remove_event_listener_with_callback_and_bool("pointerdown", function, true);
        }
        drop(held);
    });
}
