//! A portal with a strict Content-Security-Policy, sent as a real response header: the page
//! and the bundle on one origin, the API on another. Both embedding ways work and are styled
//! (computed styles, not just a stylesheet's presence), and nothing the widget does is refused.

mod host;

use e2e::{base_url, browser, Browser};
use host::*;
use serde_json::{json, Value};

/// The README's policy (section Content-Security-Policy), for an API at `api`.
fn policy(api: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         connect-src 'self' {api}"
    )
}

/// Serves `csp.html` with the policy and opens it on the second origin (`?css=link` too).
async fn open_strict_page(b: &Browser, query: &str) {
    reset(b).await;
    let api = base_url();
    b.control(
        "POST",
        "static-headers",
        Some(json!({
            "path": "/pages/csp.html",
            "headers": { "Content-Security-Policy": policy(&api) },
        })),
    )
    .await;
    let origin = second_origin(b).await;
    open_page_at(b, &origin, &format!("csp.html{query}")).await;
    wait_rows(b, "the custom element", &shadow("element")).await;
    wait_rows(b, "the mounted widget", &light("mounted")).await;
}

/// Computed styles a user sees, in the widget under `root_js`.
async fn looks(b: &Browser, root_js: &str) -> Value {
    b.js(
        &format!(
            "const r = {root_js};
             const s = (sel) => {{ const el = r.querySelector(sel); return el ? getComputedStyle(el) : null; }};
             const root = s('.wb-root'), button = s('button.wb-refresh'), hidden = s('.wb-visually-hidden');
             const cell = s('tr.wb-row td');
             return {{
               rootFont: root.fontFamily, rootColor: root.color, rootBackground: root.backgroundColor,
               buttonRadius: button.borderTopLeftRadius, buttonBorder: button.borderTopStyle,
               hiddenPosition: hidden.position, hiddenWidth: hidden.width, hiddenHeight: hidden.height,
               hiddenOverflow: hidden.overflow, cellPadding: cell.paddingLeft,
             }};"
        ),
        vec![],
    )
    .await
}

#[tokio::test]
async fn both_embedding_ways_work_and_are_styled_under_a_strict_csp_header() {
    let b = browser().await;
    open_strict_page(&b, "").await;

    // The policy was a real header of this page, and it is enforced.
    let header = b
        .client
        .execute_async(
            "const done = arguments[0];
             fetch(location.href).then((r) => done(r.headers.get('content-security-policy')));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(header, json!(policy(&base_url())));
    let page = record(&b).await;
    let probes = page["probeViolations"].as_array().unwrap();
    assert!(
        probes.len() >= 2
            && probes
                .iter()
                .all(|v| v.as_str().unwrap().contains("style-src")),
        "the page's own inline <style> and style attribute are refused: {probes:?}"
    );
    let probe_color = b
        .js(
            "return getComputedStyle(document.getElementById('probe')).color;",
            vec![],
        )
        .await;
    assert_ne!(probe_color, json!("rgb(255, 0, 0)"));

    // Both widgets look as designed, and alike.
    let element = looks(&b, &shadow("element")).await;
    let mounted = looks(&b, &light("mounted")).await;
    assert_eq!(element, mounted, "both ways look the same");
    assert!(
        element["rootFont"].as_str().unwrap().contains("system-ui"),
        "the widget's font, not the browser's default: {element}"
    );
    assert_eq!(element["rootColor"], json!("rgb(27, 31, 36)"), "{element}");
    assert_eq!(element["rootBackground"], json!("rgb(255, 255, 255)"));
    assert_eq!(element["buttonRadius"], json!("6px"));
    assert_eq!(element["buttonBorder"], json!("solid"));
    assert_eq!(element["cellPadding"], json!("8px"), "{element}");
    // The visually hidden status text stays hidden.
    assert_eq!(element["hiddenPosition"], json!("absolute"));
    assert_eq!(element["hiddenWidth"], json!("1px"));
    assert_eq!(element["hiddenHeight"], json!("1px"));
    assert_eq!(element["hiddenOverflow"], json!("hidden"));

    // One sheet object, adopted by the document and the shadow root.
    let shared = b
        .js(
            "const doc = document.adoptedStyleSheets, shadow = document.getElementById('element').shadowRoot.adoptedStyleSheets;
             return doc.length === 1 && shadow.length === 1 && doc[0] === shadow[0];",
            vec![],
        )
        .await;
    assert_eq!(shared, json!(true));

    // Nothing the widgets did was refused, and nothing failed.
    let page = record(&b).await;
    assert_eq!(page["violations"], json!([]), "CSP violations: {page}");
    assert_eq!(page["errors"], json!([]), "error events: {page}");
    assert_eq!(page["consoleErrors"], json!([]), "console errors: {page}");
}

#[tokio::test]
async fn the_stylesheet_file_links_under_the_policy_and_holds_the_adopted_rules() {
    let b = browser().await;
    open_strict_page(&b, "?css=link").await;
    let rules = b
        .js(
            "const link = document.getElementById('widget-css');
             return [link.sheet ? link.sheet.cssRules.length : -1,
                     document.adoptedStyleSheets[0].cssRules.length];",
            vec![],
        )
        .await;
    assert!(rules[0].as_i64().unwrap() > 50, "the file loads: {rules}");
    assert_eq!(rules[0], rules[1], "the file is the adopted sheet's CSS");
    let page = record(&b).await;
    assert_eq!(page["violations"], json!([]), "CSP violations: {page}");
}
