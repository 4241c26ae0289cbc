//! Shared helpers of the browser tests: the dev server's control endpoint, DOM actions,
//! waiting for a condition, and the axe-core accessibility check.
//!
//! The dev server URL comes from `WALDUR_DEVSERVER_URL` at build time (`cargo xtask test`
//! starts the server and sets it); its `/__devserver/` endpoint resets data, moves the
//! clock, injects faults and shows the requests it received.
#![allow(dead_code)]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, HtmlElement, Window};

/// The languages other than English, with their catalogs as the release bundle ships them
/// (`locales/`), in the order of their tags.
pub const CATALOGS: [(&str, &str); 5] = [
    ("de", include_str!("../../../locales/de.json")),
    ("es", include_str!("../../../locales/es.json")),
    ("et", include_str!("../../../locales/et.json")),
    ("fr", include_str!("../../../locales/fr.json")),
    ("nl", include_str!("../../../locales/nl.json")),
];

/// Base URL of the dev server the tests run against.
pub fn devserver_url() -> &'static str {
    option_env!("WALDUR_DEVSERVER_URL").unwrap_or("http://127.0.0.1:8080")
}

/// Demo token of the staff user.
pub const STAFF_TOKEN: &str = "demo-staff-token";
/// Demo token of a project administrator.
pub const ADMIN_TOKEN: &str = "demo-admin-token";
/// Demo token of the support user (reads all, may change nothing).
pub const SUPPORT_TOKEN: &str = "demo-support-token";
/// Demo token of a user without access.
pub const NOBODY_TOKEN: &str = "demo-nobody-token";

pub fn window() -> Window {
    web_sys::window().expect("a window")
}

pub fn document() -> Document {
    window().document().expect("a document")
}

/// Sends a request to the dev server's control endpoint and returns the body text.
pub async fn control(method: &str, path: &str, body: Option<&str>) -> String {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
        let headers = web_sys::Headers::new().unwrap();
        headers.set("Content-Type", "application/json").unwrap();
        init.set_headers(&headers);
    }
    let url = format!("{}/__devserver/{}", devserver_url(), path);
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str_and_init(&url, &init))
        .await
        .unwrap_or_else(|e| panic!("control request {method} {path} failed: {e:?}"))
        .unchecked_into();
    assert!(
        response.ok(),
        "control request {method} {path} answered {}",
        response.status()
    );
    JsFuture::from(response.text().unwrap())
        .await
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

/// The dev server's address spelled as no other test of this run has spelled it
/// (`http://127.0.0.01:<port>`, `http://127.0.0.001:<port>`, …: leading zeros, all 127.0.0.1).
/// What the page learns about a server (its state spelling, whether its error replies are
/// readable, who the user is) is kept per API address for the whole page, and every browser test
/// runs in one page: a test that needs that knowledge to start fresh, or that teaches it
/// something unusual, takes an address of its own.
pub fn fresh_address() -> String {
    thread_local!(static TAKEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) });
    let zeros = TAKEN.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let port = devserver_url()
        .rsplit(':')
        .next()
        .expect("the dev server URL has a port");
    format!("http://127.0.0.{}1:{port}", "0".repeat(zeros))
}

/// Fresh demo data, no faults, empty request log, clock at its start.
pub async fn reset() {
    control("POST", "reset", Some("{}")).await;
}

/// Fresh data, and the dev server switched to Waldur release `profile` (`8.1`, `2024`) and CORS
/// mode `cors` (`django`, `nginx-stock`); its request log emptied.
pub async fn set_server_profile(profile: &str, cors: &str) {
    reset().await;
    control(
        "POST",
        "settings",
        Some(&format!(r#"{{"profile": "{profile}", "cors": "{cors}"}}"#)),
    )
    .await;
    clear_requests().await;
}

/// Fresh data including the hostile backups (HTML payloads, RTL text, emoji).
pub async fn reset_hostile() {
    control("POST", "reset", Some(r#"{"hostile": true}"#)).await;
}

/// Moves the dev server's clock on, running state transitions and the retention sweep.
pub async fn advance_clock(seconds: u64) {
    control(
        "POST",
        "clock/advance",
        Some(&format!(r#"{{"seconds": {seconds}}}"#)),
    )
    .await;
}

/// Adds a fault rule (JSON as documented by the dev server).
pub async fn add_fault(rule_json: &str) {
    control("POST", "faults", Some(rule_json)).await;
}

/// Removes every fault rule.
pub async fn clear_faults() {
    control("DELETE", "faults", None).await;
}

/// Releases held responses (`"fifo"` or `"reverse"`).
pub async fn release_held(order: &str) {
    control(
        "POST",
        "release",
        Some(&format!(r#"{{"order": "{order}"}}"#)),
    )
    .await;
}

/// The API requests the dev server received since the last clear, as parsed JSON.
pub async fn requests() -> js_sys::Array {
    let text = control("GET", "requests", None).await;
    js_sys::JSON::parse(&text)
        .expect("the request log is JSON")
        .unchecked_into()
}

/// Requests received with this method whose path starts with `path_prefix`.
pub async fn requests_to(method: &str, path_prefix: &str) -> Vec<JsValue> {
    requests()
        .await
        .iter()
        .filter(|r| {
            get_str(r, "method").as_deref() == Some(method)
                && get_str(r, "path").is_some_and(|p| p.starts_with(path_prefix))
        })
        .collect()
}

/// Empties the dev server's request log.
pub async fn clear_requests() {
    control("DELETE", "requests", None).await;
}

/// A string property of a JS object.
pub fn get_str(value: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
}

/// Waits `ms` milliseconds of real time.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits for two animation frames: whatever a widget put off to the next frame (a focus move
/// once rendered) has run. WebKit under load runs frames later than any fixed sleep allows.
pub async fn next_frames() {
    for _ in 0..2 {
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            window().request_animation_frame(&resolve).unwrap();
        });
        JsFuture::from(frame).await.unwrap();
    }
}

/// Whether `condition` holds within `timeout_ms`, checking every 20 ms.
pub async fn holds_within(timeout_ms: i32, mut condition: impl FnMut() -> bool) -> bool {
    let mut waited = 0;
    while !condition() {
        if waited >= timeout_ms {
            return false;
        }
        sleep(20).await;
        waited += 20;
    }
    true
}

/// Waits until `condition` holds, checking every 20 ms; panics with `what` after `timeout_ms`.
pub async fn wait_until(what: &str, timeout_ms: i32, condition: impl FnMut() -> bool) {
    assert!(
        holds_within(timeout_ms, condition).await,
        "timed out after {timeout_ms} ms waiting for: {what}"
    );
}

/// A fresh, attached container for one test's widget.
pub fn mount_point() -> HtmlElement {
    let el: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

/// The first element matching `selector` under `root`.
pub fn query(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

/// Every element matching `selector` under `root`.
pub fn query_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

/// The visible text of an element (textContent, trimmed).
pub fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default().trim().to_string()
}

/// Clicks an element as a user would (a real click event).
pub fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
}

/// Sets an input's value and fires `input` (what typing does, as far as listeners see).
pub fn type_into(el: &Element, value: &str) {
    let input: &web_sys::HtmlInputElement = el.unchecked_ref();
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

/// Fires a `keydown` of `key` (e.g. "Escape", "ArrowDown", "Enter", "Tab") on an element.
pub fn press_key(el: &Element, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_shift_key(shift);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

/// The element that has focus, if any.
pub fn focused() -> Option<Element> {
    document().active_element()
}

/// Waits (up to 3 s) until focus is on `el`: widgets move focus after the frame that draws
/// what it goes to, and a loaded engine may take several frames. Panics with `what` and the
/// element that has focus instead.
pub async fn wait_for_focus_on(el: &Element, what: &str) {
    if holds_within(3000, || focused().is_some_and(|f| f.is_same_node(Some(el)))).await {
        return;
    }
    let on = focused().map(|f| f.outer_html().chars().take(160).collect::<String>());
    panic!(
        "{what}: focus is on {on:?}, not on {}",
        el.outer_html().chars().take(160).collect::<String>()
    );
}

#[wasm_bindgen(inline_js = "
export function axe_loaded() { return typeof window.axe !== 'undefined'; }
export function load_script_text(src) { (0, eval)(src); }
export async function axe_serious(el) {
  const results = await window.axe.run(el, { resultTypes: ['violations'] });
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')');
}
")]
extern "C" {
    fn axe_loaded() -> bool;
    fn load_script_text(src: &str);
    #[wasm_bindgen(catch)]
    async fn axe_serious(el: &Element) -> Result<JsValue, JsValue>;
}

/// Runs axe-core on `root` and returns its serious and critical violations (empty is good).
/// axe-core is served by the dev server from the npm package that `cargo xtask setup` installs.
pub async fn axe_violations(root: &Element) -> Vec<String> {
    if !axe_loaded() {
        let url = format!("{}/axe.min.js", devserver_url());
        let response: web_sys::Response = JsFuture::from(window().fetch_with_str(&url))
            .await
            .expect("axe-core is served by the dev server")
            .unchecked_into();
        assert!(
            response.ok(),
            "axe.min.js not served ({})",
            response.status()
        );
        let src = JsFuture::from(response.text().unwrap()).await.unwrap();
        load_script_text(&src.as_string().unwrap());
    }
    let found = axe_serious(root).await.expect("axe.run works");
    js_sys::Array::from(&found)
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

/// A `BackupTable` mounted in a fresh mount point under a `.wb-root`, with a
/// `WidgetContext` of its own; unmounted when dropped.
pub struct MountedTable {
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
    /// The mount point.
    pub el: Element,
    /// The context the table reads (its store, settings, language).
    pub ctx: waldur_backups::components::WidgetContext,
}

/// The table's timings: refresh delays while a shown backup changes, and the filter debounce.
pub struct TableTimings {
    pub poll_base_ms: u32,
    pub poll_max_ms: u32,
    pub debounce_ms: u32,
}

impl Default for TableTimings {
    /// The component's own refresh delays, a short debounce so that tests need not wait.
    fn default() -> Self {
        TableTimings {
            poll_base_ms: waldur_backups::state::POLL_BASE_MS,
            poll_max_ms: waldur_backups::state::POLL_MAX_MS,
            debounce_ms: 100,
        }
    }
}

/// Mounts a `BackupTable` talking to the dev server at `base` with `token`.
pub fn mount_table_at(
    base: &str,
    token: &str,
    settings: waldur_backups::components::Settings,
    timings: TableTimings,
) -> MountedTable {
    use leptos::prelude::*;
    use waldur_backups::api::{Auth, Client};
    use waldur_backups::components::{BackupTable, WidgetContext};
    let el = mount_point();
    let slot = std::rc::Rc::new(std::cell::Cell::new(None::<WidgetContext>));
    let out = slot.clone();
    let client = Client::new(base, Auth::Token(token.into()));
    let TableTimings {
        poll_base_ms,
        poll_max_ms,
        debounce_ms,
    } = timings;
    let handle = leptos::mount::mount_to(el.clone(), move || {
        let ctx = WidgetContext::new(client, settings, None);
        ctx.provide();
        out.set(Some(ctx));
        view! {
            <div class="wb-root">
                <BackupTable poll_base_ms=poll_base_ms poll_max_ms=poll_max_ms debounce_ms=debounce_ms />
            </div>
        }
        .into_any()
    });
    MountedTable {
        _handle: handle,
        el: el.unchecked_into(),
        ctx: slot.take().expect("context created"),
    }
}
