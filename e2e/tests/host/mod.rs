//! What the host-page tests (`host_*.rs`) share: opening one of the portals of `e2e/pages/`
//! (served at `/pages/` beside the release bundle) and reading what it recorded.
#![allow(dead_code)]

use e2e::{base_url, Browser};
use serde_json::{json, Value};

/// The demo staff user's token, which every host page signs in with.
pub const TOKEN: &str = "demo-staff-token";

/// The message a widget shows after a panic.
pub const CRASH_MESSAGE: &str =
    "The backups widget stopped because of an internal error. Reload the page to continue.";

/// Fresh dev server data (from the pages' index, so no widget is on the page meanwhile).
pub async fn reset(b: &Browser) {
    b.open("/pages/index.html").await;
    b.control("POST", "reset", Some(json!({}))).await;
}

/// Opens a host page (`csp.html`) on the main origin and waits until it set up its widgets.
pub async fn open_page(b: &Browser, page: &str) {
    b.open(&format!("/pages/{page}")).await;
    wait_ready(b, page).await;
}

/// Opens a host page on another origin (`origin`), with the API at the main one.
pub async fn open_page_at(b: &Browser, origin: &str, page: &str) {
    let sep = if page.contains('?') { '&' } else { '?' };
    b.client
        .goto(&format!("{origin}/pages/{page}{sep}api={}", base_url()))
        .await
        .expect("navigation works");
    wait_ready(b, page).await;
}

async fn wait_ready(b: &Browser, page: &str) {
    b.wait_for(
        &format!("{page} to set up its widgets"),
        "return window.__host && window.__host.ready;",
    )
    .await;
}

/// The dev server's second origin (started by `cargo xtask test` with `--second-port`).
pub async fn second_origin(b: &Browser) -> String {
    b.control("GET", "", None).await["second_origin"]
        .as_str()
        .expect("the dev server has a second origin (--second-port)")
        .to_string()
}

/// What the page recorded: `violations`, `consoleErrors`, `errors` (widget `error` events as
/// `host: message`) and whatever the page added.
pub async fn record(b: &Browser) -> Value {
    b.js("return JSON.parse(JSON.stringify(window.__host));", vec![])
        .await
}

/// Waits until the widget in `root_js` (an expression giving an element or shadow root)
/// shows rows.
pub async fn wait_rows(b: &Browser, what: &str, root_js: &str) {
    b.wait_for(
        &format!("rows in {what}"),
        &format!("const r = {root_js}; return r && r.querySelectorAll('tr.wb-row').length > 0;"),
    )
    .await;
}

/// `document.getElementById(id).shadowRoot` as a script expression.
pub fn shadow(id: &str) -> String {
    format!("document.getElementById('{id}').shadowRoot")
}

/// `document.getElementById(id)` as a script expression.
pub fn light(id: &str) -> String {
    format!("document.getElementById('{id}')")
}

/// Runs axe-core (served beside the pages) on the whole page: the serious and critical
/// violations, and every landmark rule's, as `rule: help (targets)`.
pub async fn axe_violations(b: &Browser) -> Vec<String> {
    let found = b
        .client
        .execute_async(
            r#"const done = arguments[0];
            const run = () => axe.run(document, { resultTypes: ["violations"] }).then((r) => done(
              r.violations
                .filter((v) => v.impact === "serious" || v.impact === "critical" || v.id.startsWith("landmark"))
                .map((v) => v.id + ": " + v.help + " (" + v.nodes.map((n) => JSON.stringify(n.target)).join(", ") + ")")
            ), (e) => done(["axe failed: " + e]));
            if (window.axe) { run(); } else {
              const s = document.createElement("script");
              s.src = new URL("/pages/axe.min.js", location.href).href;
              s.onload = run;
              s.onerror = () => done(["axe.min.js could not be loaded"]);
              document.head.append(s);
            }"#,
            vec![],
        )
        .await
        .expect("axe runs");
    serde_json::from_value(found).unwrap_or_default()
}
