//! A light-DOM widget (`mountBackups`) inside a portal with an aggressive stylesheet (the
//! embedding demo's `embed-host.css`: striped rows, uppercase serif text with `!important`,
//! coloured dashed buttons, padded cells, a tall line height): it looks exactly as on a plain
//! page, in light and dark, and axe finds nothing serious in it.

use e2e::{browser, Browser, Engine};
use serde_json::{json, Value};

/// Elements of the mounted widget (inside `#instance-backups`) whose looks are compared; each
/// is a part a portal's element or class rules would reach (cells, odd rows, buttons, inputs,
/// selects, headings, lists).
const SAMPLES: [&str; 22] = [
    ".wb-root",
    ".wb-table__toolbar",
    ".wb-field__label",
    "input[data-filter=name]",
    ".wb-states__button",
    "button.wb-refresh",
    ".wb-chip",
    "thead th",
    "th .wb-sort",
    "tr.wb-row:nth-child(1)",
    "tr.wb-row:nth-child(2)",
    "tr.wb-row:nth-child(1) td.wb-col-name",
    "tr.wb-row:nth-child(2) td.wb-col-created",
    ".wb-name",
    ".wb-badge",
    "tr.wb-row .wb-menu__button",
    "tr.wb-row input[type=checkbox]",
    ".wb-pagination",
    ".wb-pagination select",
    ".wb-pagination .wb-page-nav",
    ".wb-menu__list",
    ".wb-menu__list [role=menuitem]",
];

/// The computed properties compared: what portals restyle (colours, fonts, case, spacing,
/// borders, the box of single-line controls).
const PROPERTIES: [&str; 24] = [
    "color",
    "background-color",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-transform",
    "letter-spacing",
    "line-height",
    "text-align",
    "text-decoration-line",
    "padding-top",
    "padding-left",
    "margin-top",
    "margin-left",
    "border-top-width",
    "border-top-style",
    "border-top-color",
    "border-top-left-radius",
    "box-shadow",
    "display",
    "position",
    "vertical-align",
    "min-height",
];

/// `selector → property → value` for every sample in the mounted widget.
async fn looks(b: &Browser) -> Value {
    b.js(
        "const [samples, properties] = arguments;
         const root = document.querySelector('#instance-backups');
         const out = {};
         for (const sel of samples) {
             const el = root.querySelector(sel);
             if (!el) { out[sel] = 'missing'; continue; }
             const s = getComputedStyle(el);
             out[sel] = Object.fromEntries(properties.map(p => [p, s.getPropertyValue(p)]));
         }
         return out;",
        vec![json!(SAMPLES), json!(PROPERTIES)],
    )
    .await
}

/// Switches the portal's stylesheet off (`false`) or on.
async fn portal_css(b: &Browser, on: bool) {
    b.js(
        "document.querySelector('link[href=\"embed-host.css\"]').sheet.disabled = !arguments[0];",
        vec![json!(on)],
    )
    .await;
}

/// The differences between two `looks`, one line each.
fn differences(portal: &Value, plain: &Value, with_menu: bool) -> Vec<String> {
    let mut out = Vec::new();
    for sel in SAMPLES {
        if !with_menu && sel.starts_with(".wb-menu__list") {
            continue;
        }
        for p in PROPERTIES {
            let (a, b) = (&portal[sel][p], &plain[sel][p]);
            if a != b {
                out.push(format!("{sel} {p}: {a} in the portal, {b} on a plain page"));
            }
        }
        if portal[sel] == json!("missing") || plain[sel] == json!("missing") {
            out.push(format!("{sel}: not found"));
        }
    }
    out
}

/// axe-core's violations of impact serious or critical inside `selector`.
async fn axe_serious(b: &Browser, selector: &str) -> Value {
    let loaded = b
        .js("return typeof window.axe !== 'undefined';", vec![])
        .await;
    if loaded != json!(true) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../.tools/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (cargo xtask setup installs it)", path.display()));
        b.js(&format!("{source}\nreturn true;"), vec![]).await;
    }
    b.client
        .execute_async(
            "const [selector, done] = arguments;
             axe.run(document.querySelector(selector), { resultTypes: ['violations'] })
               .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                   .map(v => ({ id: v.id, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))))
               .catch(e => done(['axe failed: ' + e]));",
            vec![json!(selector)],
        )
        .await
        .expect("axe runs")
}

#[tokio::test]
async fn a_portals_aggressive_stylesheet_leaves_the_mounted_widget_as_on_a_plain_page() {
    let b = browser().await;
    b.open("/embed.html").await;
    b.control("POST", "reset", Some(json!({}))).await;
    b.client.refresh().await.unwrap();
    b.wait_for(
        "rows in the mounted widget",
        "return document.querySelectorAll('#instance-backups tr.wb-row').length > 1;",
    )
    .await;
    for theme in ["light", "dark"] {
        b.js(
            "window.demoHandle().update({ theme: arguments[0] });",
            vec![json!(theme)],
        )
        .await;
        b.wait_for(
            "the theme applied",
            &format!("return document.querySelector('#instance-backups .wb-root').dataset.theme === '{theme}';"),
        )
        .await;
        // A row menu open, so the popup is compared too. Not in WebKit: swapping the
        // stylesheets moves the page there, and a menu whose button moved closes (as it
        // should), so the two looks would not hold the same parts.
        let with_menu = b.engine != Engine::Webkit;
        if with_menu {
            b.js(
                "document.querySelector('#instance-backups tr.wb-row .wb-menu__button').click();",
                vec![],
            )
            .await;
            b.wait_for(
                "the row menu",
                "return document.querySelector('#instance-backups .wb-menu__list');",
            )
            .await;
        }
        let in_portal = looks(&b).await;
        portal_css(&b, false).await;
        // Swapping the stylesheet can move the page, which closes a menu (WebKit): open it
        // again so that the same parts are compared.
        if with_menu {
            b.js(
                "if (!document.querySelector('#instance-backups .wb-menu__list'))
                   document.querySelector('#instance-backups tr.wb-row .wb-menu__button').click();",
                vec![],
            )
            .await;
            b.wait_for(
                "the row menu on the plain page",
                "return document.querySelector('#instance-backups .wb-menu__list');",
            )
            .await;
        }
        let on_plain_page = looks(&b).await;
        portal_css(&b, true).await;
        let diff = differences(&in_portal, &on_plain_page, with_menu);
        assert!(
            diff.is_empty(),
            "{theme}: the portal's CSS changed the widget:\n{}",
            diff.join("\n")
        );
        // Closed with Esc, unless swapping the stylesheets moved the page and closed it
        // already (WebKit scrolls then, and a menu whose button moved closes).
        b.js(
            "const item = document.querySelector('#instance-backups .wb-menu__list [role=menuitem]');
             if (item) item.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));",
            vec![],
        )
        .await;
        b.wait_for(
            "the row menu to close",
            "return !document.querySelector('#instance-backups [role=menu]');",
        )
        .await;
        let violations = axe_serious(&b, "#instance-backups").await;
        assert_eq!(
            violations,
            json!([]),
            "{theme}: axe, in the portal with its stylesheet"
        );
        b.js(
            "document.querySelector('#instance-backups').scrollIntoView();",
            vec![],
        )
        .await;
        let png = b.client.screenshot().await.expect("a screenshot");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("portal-{theme}.png")), png).unwrap();
    }
}
