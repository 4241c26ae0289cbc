//! Bindings to `page.js`, the page-wide DOM work of the embedded widgets. It is plain
//! JavaScript because it is nothing but DOM calls (smaller there than through bindings), and
//! because the crash message must be shown by code that runs after the module has stopped.
//!
//! - Styles: one constructed `CSSStyleSheet`, shared by every widget, goes into the document's
//!   or the shadow root's `adoptedStyleSheets` (a strict CSP allows it where it refuses a
//!   `<style>`), appended to the host's own sheets and again if the host reset the list. Where
//!   that cannot be (a browser without constructed sheets, or an element of another document:
//!   a sheet belongs to the document it was made in) a `<style>` does instead. The split
//!   release bundle does not carry the stylesheet's text: its `page.js` fetches
//!   `waldur-backups.css` from beside the bundle's module as soon as it loads, in parallel
//!   with the wasm (`cargo xtask split` turns that on), and a widget styled before the file
//!   is there stays hidden until it is, so nothing shows unstyled. That takes 10 KB gzip off
//!   the wasm the first rows wait for. Unsplit builds (tests, `cargo build`) carry the text.
//! - Lifetime: a `MutationObserver` on the container's document and on each shadow root between
//!   them (mutations inside a shadow root are not reported to the document), the custom
//!   element's own excepted. A container counts once it has been in a document: one mounted
//!   into an element the page inserts later is not unmounted before it gets there.

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, Node};

#[wasm_bindgen(module = "/src/embed/page.js")]
extern "C" {
    /// `css`: the stylesheet's text, or `None` to fetch `waldur-backups.css` (once).
    fn adopt_styles(root: &Node, css: Option<&str>) -> Option<Element>;
    /// Calls `gone(container)` once `container` has left its document (at the end of the task).
    pub fn watch(container: &HtmlElement, host: &HtmlElement, gone: &JsValue);
    /// Stops watching `container` (its widget was unmounted); the last one stops the observer.
    pub fn unwatch(container: &HtmlElement);
    /// Replaces a widget's content with `message` in its theme, then, in a later task (once the
    /// panicking call has returned), fires `error` on `host` and calls `on_error`.
    pub fn show_crash(
        container: &HtmlElement,
        host: &HtmlElement,
        message: &str,
        on_error: Option<js_sys::Function>,
    );
}

/// The stylesheet's text where the wasm carries it: every build but the split release bundle,
/// which ships it as `waldur-backups.css` only.
#[cfg(not(feature = "split"))]
const CSS: Option<&str> = Some(crate::components::styles::WIDGET_CSS);
#[cfg(feature = "split")]
const CSS: Option<&str> = None;

/// Styles light-DOM widgets in `document`.
pub fn style_document(document: &web_sys::Document) {
    adopt_styles(document, CSS);
}

/// Styles a shadow root; returns the `<style>` added where the shared sheet cannot be adopted
/// (removed with the widget).
pub fn style_shadow_root(root: &Node) -> Option<Element> {
    adopt_styles(root, CSS)
}
