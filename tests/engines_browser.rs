//! What the three engines once did differently, checked in each of them (`cargo xtask test`
//! runs every browser test file in Chromium, Firefox and WebKit): options made in another
//! realm (Firefox runs WebDriver scripts in one).
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use waldur_backups::embed::{mount_backups, BackupsHandle};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = "
export function in_frame(frame, source) { return frame.contentWindow.eval(source); }
")]
extern "C" {
    fn in_frame(frame: &Element, source: &str) -> JsValue;
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
