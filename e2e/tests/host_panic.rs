//! A panic is never silent. The page loads the test bundle (the widget built with the cargo
//! feature `test-hooks`, whose `testPanic` panics on purpose in a task of its own); the release
//! bundle has no such export. After the panic every widget shows a short message, each host
//! gets `error`, and the console has the panic message without the token.

mod host;

use e2e::browser;
use host::*;
use serde_json::json;

#[tokio::test]
async fn a_panic_replaces_every_widget_with_a_message_fires_error_and_logs_no_token() {
    let b = browser().await;
    reset(&b).await;
    open_page(&b, "panic.html").await;
    wait_rows(&b, "the custom element", &shadow("element")).await;
    wait_rows(&b, "the mounted widget", &light("mounted")).await;

    b.js(
        "window.waldurBackups.testPanic(
           'test panic while sending Authorization: Token ' + arguments[0] + ' (key ' + arguments[0] + ')');",
        vec![json!(TOKEN)],
    )
    .await;
    for (what, root) in [
        ("the custom element", shadow("element")),
        ("the mounted widget", light("mounted")),
    ] {
        b.wait_for(
            &format!("the crash message in {what}"),
            &format!(
                "const r = {root}; const alert = r.querySelector('.wb-crashed [role=alert]');
                 return alert && alert.textContent === {} && !r.querySelector('tr.wb-row');",
                json!(CRASH_MESSAGE)
            ),
        )
        .await;
    }
    b.wait_for(
        "error on both hosts and the onError callback",
        "return window.__host.errors.length >= 2 && window.__host.callbackErrors.length === 1;",
    )
    .await;
    let page = record(&b).await;
    let mut errors: Vec<String> = serde_json::from_value(page["errors"].clone()).unwrap();
    errors.sort();
    assert_eq!(
        errors,
        [
            format!("element: {CRASH_MESSAGE}"),
            format!("mounted: {CRASH_MESSAGE}")
        ]
    );
    assert_eq!(page["callbackErrors"], json!([CRASH_MESSAGE]));
    // The element keeps its theme in the message.
    assert_eq!(
        b.js(
            "return document.getElementById('element').shadowRoot.querySelector('.wb-crashed').dataset.theme;",
            vec![]
        )
        .await,
        json!("dark")
    );

    let console: Vec<String> = serde_json::from_value(page["consoleErrors"].clone()).unwrap();
    let logged = console.join("\n");
    assert!(
        console
            .iter()
            .any(|l| l.contains("waldur-backups: internal error:")
                && l.contains("test panic while sending")),
        "the panic message is in the console: {console:#?}"
    );
    assert!(
        !logged.contains(TOKEN),
        "the token never reaches the console: {logged}"
    );
    assert!(logged.contains("[redacted]"), "{logged}");

    // Afterwards the module says why it does nothing.
    let refused = b
        .js(
            "try { window.waldurBackups.mountBackups(document.createElement('div'), { apiUrl: '/' }); return 'mounted'; }
             catch (e) { return e.message; }",
            vec![],
        )
        .await;
    assert!(
        refused.as_str().unwrap().contains(CRASH_MESSAGE),
        "{refused}"
    );
}

#[tokio::test]
async fn the_release_bundle_has_no_test_panic() {
    let b = browser().await;
    b.open("/pages/index.html").await;
    let exports = b
        .client
        .execute_async(
            "const done = arguments[0];
             Promise.all([import('/waldur-backups.js'), import('/test-bundle/waldur-backups.js')])
               .then(([release, test]) => done([typeof release.testPanic, typeof test.testPanic,
                                                typeof release.mountBackups]));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(exports, json!(["undefined", "function", "function"]));
}
