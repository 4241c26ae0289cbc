//! What the three engines once drew or did differently, checked in each of them (`cargo xtask
//! test` runs every browser test file in Chromium, Firefox and WebKit): the colour scheme native
//! controls follow, the dotted underline under relative times, removing a focused row
//! (Chromium fires `focusout`), and options made in another realm (Firefox runs WebDriver
//! scripts in one).
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::prelude::Owner;
use support::*;
use waldur_backups::embed::{mount_backups, BackupsHandle};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = "
export function computed(el, property) { return getComputedStyle(el).getPropertyValue(property); }
export function in_frame(frame, source) { return frame.contentWindow.eval(source); }
export function watch_uncaught() {
  const seen = [];
  // Script errors only (the widget's own `error` events are not).
  const listener = (e) => { if (e instanceof ErrorEvent) seen.push(String(e.message || e.error)); };
  window.addEventListener('error', listener);
  return () => { window.removeEventListener('error', listener); return seen; };
}
")]
extern "C" {
    fn computed(el: &Element, property: &str) -> String;
    fn in_frame(frame: &Element, source: &str) -> JsValue;
    /// Starts recording uncaught errors; the returned function stops and returns them.
    fn watch_uncaught() -> js_sys::Function;
}

/// Options for the staff user against the dev server, with `theme`.
fn options(theme: &str) -> JsValue {
    let options = js_sys::Object::new();
    for (key, value) in [
        ("apiUrl", devserver_url()),
        ("token", STAFF_TOKEN),
        ("theme", theme),
    ] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).unwrap();
    }
    options.into()
}

fn root(el: &Element) -> Element {
    query(el, ".wb-root").expect("the widget's root")
}

async fn rows_shown(el: &HtmlElement) {
    let el = el.clone();
    wait_until("rows are shown", 8000, move || {
        !query_all(&el, "tr.wb-row").is_empty()
    })
    .await;
}

#[wasm_bindgen_test]
async fn each_theme_gives_native_controls_its_colour_scheme() {
    reset().await;
    for (theme, scheme) in [("light", "light"), ("dark", "dark"), ("auto", "light dark")] {
        let el = mount_point();
        let handle = mount_backups(el.clone(), options(theme)).unwrap();
        assert_eq!(
            computed(&root(&el), "color-scheme"),
            scheme,
            "theme {theme}: selects, checkboxes and scrollbars are drawn for this scheme"
        );
        handle.unmount();
    }
}

#[wasm_bindgen_test]
async fn relative_times_are_underlined_with_dots_as_a_hint_to_hover_them() {
    reset().await;
    let el = mount_point();
    let handle = mount_backups(el.clone(), options("light")).unwrap();
    rows_shown(&el).await;
    let time = query(&el, "tr.wb-row time.wb-time").expect("a relative time in a row");
    assert_eq!(computed(&time, "text-decoration-line"), "underline");
    assert_eq!(computed(&time, "text-decoration-style"), "dotted");
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_widget_in_a_leptos_view_unmounts_with_a_row_focused_without_an_error() {
    reset().await;
    let el = mount_point();
    // Mounted from a Leptos app's view (as the standalone page does), unmounted by its cleanup.
    let view_owner = Owner::new();
    let handle = view_owner.with(|| mount_backups(el.clone(), options("light")).unwrap());
    rows_shown(&el).await;
    let row = query(&el, "tr.wb-row").unwrap();
    row.unchecked_ref::<HtmlElement>().focus().unwrap();
    assert!(focused().is_some_and(|f| f.is_same_node(Some(&row))));
    // Chromium fires `focusout` at a focused element as it is removed (Firefox and WebKit do
    // not): the table's handler then runs after the view's reactive state is gone.
    let stop = watch_uncaught();
    view_owner.cleanup();
    handle.unmount();
    let seen = js_sys::Array::from(&stop.call0(&JsValue::NULL).unwrap());
    assert_eq!(
        seen.length(),
        0,
        "uncaught errors while unmounting: {:?}",
        seen.to_vec()
    );
    // The page's other widgets, and new ones, keep working.
    let again = mount_point();
    let handle = mount_backups(again.clone(), options("light")).unwrap();
    rows_shown(&again).await;
    handle.unmount();
}

#[wasm_bindgen_test]
async fn options_and_a_token_getter_from_another_realm_are_accepted() {
    reset().await;
    let frame = document().create_element("iframe").unwrap();
    document().body().unwrap().append_child(&frame).unwrap();
    let el = mount_point();
    // An object, an async function and its promise, all from the iframe's realm.
    let foreign = in_frame(
        &frame,
        &format!(
            "({{ apiUrl: '{}', getToken: async () => '{STAFF_TOKEN}', theme: 'dark' }})",
            devserver_url()
        ),
    );
    let handle: BackupsHandle = mount_backups(el.clone(), foreign).expect("mounted");
    rows_shown(&el).await;
    assert_eq!(
        root(&el).get_attribute("data-theme").as_deref(),
        Some("dark")
    );
    handle
        .update(in_frame(&frame, "({ theme: 'light' })"))
        .expect("updated");
    let el2 = el.clone();
    wait_until("the light theme", 2000, move || {
        root(&el2).get_attribute("data-theme").as_deref() == Some("light")
    })
    .await;
    handle.unmount();
    frame.remove();
}
