//! What the three engines once drew or did differently, checked in each of them (`cargo xtask
//! test` runs every browser test file in Chromium, Firefox and WebKit): the colour scheme native
//! controls follow, the dotted underline under relative times, removing a focused row
//! (Chromium fires `focusout`), and options made in another realm (Firefox runs WebDriver
//! scripts in one).

use crate::support::*;
use leptos::prelude::Owner;
use waldur_backups::embed::{mount_backups, BackupsHandle};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

#[wasm_bindgen(inline_js = "
export function computed(el, property) { return getComputedStyle(el).getPropertyValue(property); }
export function in_frame(frame, source) { return frame.contentWindow.eval(source); }
export function hold_frames() {
  const queue = [];
  const original = window.requestAnimationFrame;
  window.requestAnimationFrame = (callback) => queue.push(callback);
  return () => {
    window.requestAnimationFrame = original;
    const errors = [];
    for (const callback of queue.splice(0)) {
      try { callback(performance.now()); } catch (e) { errors.push(String(e)); }
    }
    return errors;
  };
}
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
    /// Queues animation frames instead of running them; the returned function runs them and
    /// returns the errors they threw.
    fn hold_frames() -> js_sys::Function;
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

/// Runs the frames `hold_frames` queued; fails naming the errors they threw.
fn release_frames(release: js_sys::Function, what: &str) {
    let errors = js_sys::Array::from(&release.call0(&JsValue::NULL).unwrap());
    assert_eq!(
        errors.length(),
        0,
        "{what}: the queued frames threw {:?}",
        errors.to_vec()
    );
}

#[wasm_bindgen_test]
async fn a_focus_move_waiting_for_the_next_frame_does_nothing_once_the_widget_is_gone() {
    // WebKit under load runs animation frames late (and every engine pauses them in a hidden
    // tab): the restore dialog's and the drawer's "focus this once rendered" can come after
    // the widget was unmounted.
    reset().await;
    let el = mount_point();
    let handle = mount_backups(el.clone(), options("light")).unwrap();
    rows_shown(&el).await;
    let row = query(&el, "tr.wb-row[data-state='OK']").expect("an OK row");
    let release = hold_frames();
    click(&query(&row, ".wb-menu__button").unwrap());
    click(&query(&row, "[role='menuitem'][data-action='restore']").expect("Restore in the menu"));
    let el2 = el.clone();
    wait_until("the restore form", 8000, move || {
        query(&el2, ".wb-restore form input").is_some()
    })
    .await;
    handle.unmount();
    release_frames(release, "restore dialog");

    let el = mount_point();
    let handle = mount_backups(el.clone(), options("light")).unwrap();
    rows_shown(&el).await;
    click(&query(&el, "tr.wb-row[data-state='OK'] td.wb-col-name").unwrap());
    let el2 = el.clone();
    wait_until("the drawer's Edit", 8000, move || {
        query(&el2, "[data-action='edit']").is_some()
    })
    .await;
    let release = hold_frames();
    click(&query(&el, "[data-action='edit']").unwrap());
    let el2 = el.clone();
    wait_until("the edit form", 2000, move || {
        query(&el2, "[data-action='cancel-edit']").is_some()
    })
    .await;
    click(&query(&el, "[data-action='cancel-edit']").unwrap());
    handle.unmount();
    release_frames(release, "detail drawer");
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
