//! A keyboard-only walk through the standalone page, against the release bundle: sign in, the
//! table, the drawer, editing, restoring, creating a backup and signing out, with Tab, Enter,
//! the arrow keys and Esc only. After every key focus is on a control of the page, never on
//! the body (the README's "Keyboard" rules).

use e2e::{browser, Browser};
use fantoccini::key::Key;
use serde_json::{json, Value};
use std::time::Duration;

/// What has focus, in words for a failure message.
const DESCRIBE_FOCUS: &str = "
    const a = document.activeElement;
    if (!a || a === document.body || !a.isConnected) return 'LOST';
    const label = a.getAttribute('aria-label') || a.getAttribute('data-action') || a.getAttribute('data-filter')
        || (a.textContent || '').trim().slice(0, 40);
    return a.tagName.toLowerCase() + (a.className ? '.' + String(a.className).split(' ').join('.') : '') + ' ' + label;";

/// Describes the focused element; panics when focus is lost.
async fn focus(b: &Browser, after: &str) -> String {
    let what = b.js(DESCRIBE_FOCUS, vec![]).await;
    let what = what.as_str().unwrap_or("LOST").to_string();
    assert_ne!(what, "LOST", "focus fell to the body after {after}");
    what
}

/// Whether the focused element matches `css`.
async fn focus_matches(b: &Browser, css: &str) -> bool {
    b.js(
        "const a = document.activeElement; return !!(a && a.matches(arguments[0]));",
        vec![json!(css)],
    )
    .await
        == json!(true)
}

/// Presses `keys` on whatever has focus, as a person at the keyboard would.
async fn press(b: &Browser, keys: &str, what: &str) {
    let el = b.client.active_element().await.expect("an active element");
    el.send_keys(keys).await.expect("keys go to the page");
    tokio::time::sleep(Duration::from_millis(120)).await;
    focus(b, what).await;
}

/// Tabs (or, with `back`, Shift+Tabs) until focus is on an element matching `css`.
async fn tab_to(b: &Browser, css: &str, back: bool) {
    let key = if back {
        format!("{}{}", Key::Shift, Key::Tab)
    } else {
        Key::Tab.to_string()
    };
    let mut seen = Vec::new();
    for _ in 0..80 {
        if focus_matches(b, css).await {
            return;
        }
        press(b, &key, &format!("Tab towards {css}")).await;
        seen.push(focus(b, "Tab").await);
    }
    panic!("Tab never reached {css}; focus went through {seen:#?}");
}

/// Waits until the focused element matches `css`.
async fn focus_lands_on(b: &Browser, css: &str, after: &str) {
    for _ in 0..100 {
        if focus_matches(b, css).await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let now = b.js(DESCRIBE_FOCUS, vec![]).await;
    panic!("after {after} focus is on {now} instead of {css}");
}

async fn ok_instance_uuid(b: &Browser) -> String {
    let v: Value = b
        .client
        .execute_async(
            "const done = arguments[0];
             fetch('/api/openstack-instances/?field=uuid&field=state&field=name&page_size=300',
                   {headers: {Authorization: 'Token demo-staff-token'}})
               .then(r => r.json())
               .then(list => done(list.find(i => i.state === 'OK' && i.name === 'web-02').uuid));",
            vec![],
        )
        .await
        .expect("the instance list");
    v.as_str().expect("an OK instance").to_string()
}

#[tokio::test]
async fn a_keyboard_only_walk_never_loses_focus() {
    let b = browser().await;
    b.open("/").await;
    b.control("POST", "reset", Some(json!({}))).await;
    // Through WebDriver, which waits for the new page in every engine.
    b.forget_and_reload().await;
    b.wait_for(
        "the sign-in form",
        "return document.querySelector('form.wb-signin input[type=password]')",
    )
    .await;

    // Sign in: Tab to the token, type it, Enter. Focus lands on the page's heading.
    tab_to(&b, "form.wb-signin input[type=password]", false).await;
    press(&b, "demo-staff-token", "typing the token").await;
    let el = b.client.active_element().await.unwrap();
    el.send_keys(&Key::Enter.to_string()).await.unwrap();
    b.wait_for(
        "rows",
        "return document.querySelectorAll('tr.wb-row').length >= 10",
    )
    .await;
    focus_lands_on(&b, "h1.wb-page__title", "signing in").await;

    // The table: Tab into the rows, ArrowDown to the second, Enter opens its details.
    tab_to(&b, "tr.wb-row", false).await;
    press(&b, &Key::Down.to_string(), "ArrowDown in the table").await;
    let row_uuid = b
        .js("return document.activeElement.dataset.uuid", vec![])
        .await;
    assert!(row_uuid.is_string(), "a row has focus");
    let ok_row = b
        .js(
            "return document.activeElement.dataset.state === 'OK'",
            vec![],
        )
        .await;
    if ok_row != json!(true) {
        // Walk down to a backup that can be edited and restored.
        for _ in 0..9 {
            press(&b, &Key::Down.to_string(), "ArrowDown to an OK row").await;
            if b.js(
                "return document.activeElement.dataset.state === 'OK'",
                vec![],
            )
            .await
                == json!(true)
            {
                break;
            }
        }
    }
    press(&b, &Key::Enter.to_string(), "Enter on a row").await;
    b.wait_for(
        "the drawer",
        "return document.querySelector('.wb-drawer [data-action=edit]')",
    )
    .await;
    focus_lands_on(&b, ".wb-modal--drawer *", "opening the drawer").await;

    // Edit: Tab to Edit, Enter; the name field has focus; End, type, Enter saves; focus is
    // back on Edit.
    tab_to(&b, ".wb-drawer [data-action=edit]", false).await;
    press(&b, &Key::Enter.to_string(), "Enter on Edit").await;
    focus_lands_on(&b, ".wb-drawer__form input[name=name]", "Edit").await;
    press(&b, &format!("{} by keyboard", Key::End), "typing a name").await;
    press(&b, &Key::Enter.to_string(), "Enter in the form").await;
    b.wait_for(
        "saved",
        "return !document.querySelector('.wb-drawer__form') && document.querySelector('.wb-drawer').textContent.includes('by keyboard')",
    )
    .await;
    focus_lands_on(&b, ".wb-drawer [data-action=edit]", "saving").await;

    // Restore: Tab to Restore…, Enter; once the form is ready, Tab to Restore and Enter; focus
    // on the result's Close; Enter closes it, back on Restore… in the drawer.
    tab_to(&b, ".wb-drawer [data-action=restore]", false).await;
    press(&b, &Key::Enter.to_string(), "Enter on Restore…").await;
    b.wait_for(
        "the restore form ready",
        "const s = document.querySelector('.wb-restore button[type=submit]'); return s && !s.disabled;",
    )
    .await;
    focus_lands_on(&b, ".wb-restore form input", "the restore form loading").await;
    tab_to(&b, ".wb-restore button[type=submit]", false).await;
    press(&b, &Key::Enter.to_string(), "Enter on Restore").await;
    b.wait_for(
        "the restore result",
        "return document.querySelector('.wb-restore__done')",
    )
    .await;
    focus_lands_on(&b, ".wb-restore [data-autofocus]", "the restore").await;
    press(&b, &Key::Enter.to_string(), "Enter on Close").await;
    focus_lands_on(
        &b,
        ".wb-drawer [data-action=restore]",
        "closing the restore",
    )
    .await;

    // Esc closes the drawer; focus is back on the row that opened it.
    press(&b, &Key::Escape.to_string(), "Esc in the drawer").await;
    b.wait_for(
        "the drawer closed",
        "return !document.querySelector('.wb-modal--drawer')",
    )
    .await;
    focus_lands_on(&b, "tr.wb-row", "closing the drawer").await;

    // Create: Shift+Tab back to the Instance filter, type an instance's UUID; "Create backup"
    // appears; Tab to it, Enter, Enter in the dialog creates; focus back on the button.
    let instance = ok_instance_uuid(&b).await;
    tab_to(&b, "input[data-filter=instance]", true).await;
    press(&b, &instance, "typing an instance").await;
    b.wait_for(
        "Create backup",
        "const x = document.querySelector('.wb-create__button'); return x && !x.disabled;",
    )
    .await;
    tab_to(&b, ".wb-create__button", false).await;
    press(&b, &Key::Enter.to_string(), "Enter on Create backup").await;
    focus_lands_on(
        &b,
        "[role=dialog] input[name=name]",
        "opening Create backup",
    )
    .await;
    press(&b, &Key::Enter.to_string(), "Enter in the create form").await;
    b.wait_for(
        "the dialog closes",
        "return !document.querySelector('.wb-create__form')",
    )
    .await;
    focus_lands_on(&b, ".wb-create__button", "creating a backup").await;

    // Sign out: Shift+Tab to it, Enter; focus on the sign-in form's field to fill in.
    tab_to(&b, ".wb-page__header button", true).await;
    press(&b, &Key::Enter.to_string(), "Enter on Sign out").await;
    b.wait_for(
        "the sign-in form",
        "return document.querySelector('form.wb-signin')",
    )
    .await;
    focus_lands_on(&b, "form.wb-signin input", "signing out").await;
    let field = b
        .js(
            "return document.activeElement.value === '' ? 'empty' : 'filled'",
            vec![],
        )
        .await;
    assert_eq!(field, json!("empty"), "the first field to fill in");
}
