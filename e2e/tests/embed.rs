//! The embedding demo (`embed.html`): a mock portal with aggressive global CSS embedding two
//! widgets, one as `<waldur-backups>` (shadow root) and one through `mountBackups`.

use e2e::browser;
use serde_json::{json, Value};

/// Requests the dev server logged whose query mentions `needle`.
fn count_with(log: &Value, needle: &str) -> usize {
    log.as_array()
        .unwrap()
        .iter()
        .filter(|r| r["query"].as_str().unwrap_or("").contains(needle))
        .count()
}

#[tokio::test]
async fn two_widgets_work_side_by_side_isolated_from_the_portals_css() {
    let b = browser().await;
    b.open("/embed.html").await;
    b.control("POST", "reset", Some(json!({}))).await;
    b.reload().await;

    // Both widgets show rows: the element in its shadow root, the mount in the light DOM.
    b.wait_for(
        "rows in the custom element",
        "const r = document.querySelector('waldur-backups').shadowRoot; return r && r.querySelectorAll('tr.wb-row').length > 0;",
    )
    .await;
    b.wait_for(
        "rows in the mounted widget",
        "return document.querySelectorAll('#instance-backups tr.wb-row').length > 0;",
    )
    .await;

    // Each is scoped: the element to a project, the mount to an instance.
    let scopes = b
        .js(
            "const el = document.querySelector('waldur-backups');
             return [el.getAttribute('project-uuid'), el.getAttribute('token'), el.token];",
            vec![],
        )
        .await;
    assert!(scopes[0].is_string(), "the element is scoped to a project");
    assert_eq!(scopes[1], Value::Null, "the token is never an attribute");
    assert_eq!(scopes[2], Value::Null, "the token cannot be read back");
    let log = b.control("GET", "requests", None).await;
    assert!(count_with(&log, "project_uuid=") > 0);
    assert!(count_with(&log, "instance_uuid=") > 0);

    // The portal's CSS (red dashed buttons, serif everything, striped pink rows) does not
    // reach inside the element's shadow root.
    let looks = b
        .js(
            "const root = document.querySelector('waldur-backups').shadowRoot;
             const button = root.querySelector('button.wb-button');
             const cell = root.querySelector('tr.wb-row td');
             const s = getComputedStyle(button), c = getComputedStyle(cell);
             return [s.backgroundColor, s.borderStyle, s.fontFamily, c.textTransform];",
            vec![],
        )
        .await;
    assert_ne!(
        looks[0],
        json!("rgb(192, 57, 43)"),
        "host button colour leaked in: {looks}"
    );
    assert_ne!(
        looks[1],
        json!("dashed"),
        "host button border leaked in: {looks}"
    );
    assert!(
        !looks[2].as_str().unwrap_or("").contains("Georgia"),
        "host font leaked in: {looks}"
    );
    assert_ne!(
        looks[3],
        json!("uppercase"),
        "host table style leaked in: {looks}"
    );
    // And the widget's own styles do not leak out into the portal.
    let portal = b
        .js(
            "return getComputedStyle(document.querySelector('#element-theme')).backgroundColor;",
            vec![],
        )
        .await;
    assert_eq!(
        portal,
        json!("rgb(192, 57, 43)"),
        "the portal keeps its own look"
    );

    // The portal themes the widget through custom properties on the exposed part.
    let themed = b
        .js(
            "const s = document.createElement('style');
             s.textContent = 'waldur-backups::part(root) { --wb-color-accent: rgb(1, 2, 3); }';
             document.head.append(s);
             const root = document.querySelector('waldur-backups').shadowRoot.querySelector('.wb-root');
             return getComputedStyle(root).getPropertyValue('--wb-color-accent').trim();",
            vec![],
        )
        .await;
    assert_eq!(
        themed,
        json!("rgb(1, 2, 3)"),
        "host theming reaches the widget"
    );

    // Attribute changes take effect live.
    b.click("#element-theme").await;
    b.wait_for(
        "the dark theme",
        "return document.querySelector('waldur-backups').shadowRoot.querySelector('.wb-root').dataset.theme === 'dark';",
    )
    .await;

    // Events reach the host: a revoked token gives `unauthorized` and `error` on the element
    // that owns the widget, and the portal's log shows them.
    b.js(
        "window.demoHandle().update({ getToken: async () => 'Token revoked' });",
        vec![],
    )
    .await;
    b.wait_for(
        "the unauthorized event logged",
        "return document.querySelector('#event-log li[data-source=mount][data-event=unauthorized]');",
    )
    .await;
    let element_events = b
        .js(
            "return document.querySelectorAll('#event-log li[data-source=element][data-event=unauthorized]').length;",
            vec![],
        )
        .await;
    assert_eq!(element_events, json!(0), "the other widget is not affected");

    // Invalid options fail at mount, naming the option.
    let messages = b
        .js(
            "const el = document.createElement('div');
             const tryMount = (o) => { try { window.waldurBackups.mountBackups(el, o); return 'mounted'; } catch (e) { return e.message; } };
             return [tryMount({}), tryMount({apiUrl: 'not a url'}), tryMount({apiUrl: 'https://w.example', theme: 'pink'})];",
            vec![],
        )
        .await;
    let messages: Vec<String> = serde_json::from_value(messages).unwrap();
    assert!(messages[0].contains("apiUrl"), "{messages:?}");
    assert!(messages[1].contains("apiUrl"), "{messages:?}");
    assert!(messages[2].contains("theme"), "{messages:?}");

    // unmount() removes every node of that widget, and it sends no more requests.
    b.click("#mount-unmount").await;
    let left = b
        .js(
            "return document.querySelector('#instance-backups').childNodes.length;",
            vec![],
        )
        .await;
    assert_eq!(left, json!(0), "unmount leaves no node");
    // A request already on the wire may still arrive; after that, silence.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    b.control("DELETE", "requests", None).await;
    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    let after = b.control("GET", "requests", None).await;
    assert_eq!(
        count_with(&after, "instance_uuid="),
        0,
        "no request after unmount: {after}"
    );
    // The other widget still works.
    let still = b
        .js(
            "return document.querySelector('waldur-backups').shadowRoot.querySelectorAll('tr.wb-row').length;",
            vec![],
        )
        .await;
    assert!(still.as_u64().unwrap_or(0) > 0);

    // Removing the element unmounts it too.
    b.click("#element-remove").await;
    assert_eq!(
        b.js(
            "return document.querySelectorAll('waldur-backups').length;",
            vec![]
        )
        .await,
        json!(0)
    );
    b.assert_no_console_errors("while two widgets worked side by side")
        .await;
}
