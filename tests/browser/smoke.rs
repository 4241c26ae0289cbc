//! The browser test harness itself: headless Chromium runs wasm and can reach the dev server.

use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn runs_in_a_browser_with_a_document() {
    let document = web_sys::window().and_then(|w| w.document());
    assert!(document.is_some());
}
