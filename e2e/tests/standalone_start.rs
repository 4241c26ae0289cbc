//! How the standalone page starts after signing in, against the release bundle: the widget at
//! once, staff actions when Waldur says who signed in (or never, when it does not answer in
//! time), and a browser console with no error in it.

use e2e::{browser, Browser, Engine};
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{json, Value};
use std::time::Duration;

/// chromedriver's browser log (console messages and failed loads) since the last read.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"type": "browser"}).to_string()),
        )
    }
}

/// The errors the browser logged since the last call (each as its message): in Chromium
/// failed loads too (an aborted probe shows there); the other engines' consoles, as the
/// harness reads them, have no entries for failed loads.
async fn console_errors(b: &Browser) -> Vec<String> {
    if b.engine != Engine::Chromium {
        return b.console_errors().await;
    }
    let log = b
        .client
        .issue_cmd(BrowserLog)
        .await
        .expect("the browser log");
    log.as_array()
        .map(|entries| {
            entries
                .iter()
                .filter(|e| e["level"] == "SEVERE")
                .map(|e| e["message"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// A fresh visit (nothing stored, faults as given), signed in as staff.
async fn sign_in_with(faults: &[Value]) -> Browser {
    let b = browser().await;
    b.open("/").await;
    b.control("POST", "reset", Some(json!({}))).await;
    for f in faults {
        b.control("POST", "faults", Some(f.clone())).await;
    }
    // Through WebDriver, which waits for the new page (geckodriver does not wait for a
    // script's `location.reload()`: the old page's form was found, then went away).
    b.forget_and_reload().await;
    b.wait_for(
        "the sign-in form",
        "return document.querySelector('form.wb-signin input[type=password]')",
    )
    .await;
    console_errors(&b).await;
    b.fill("form.wb-signin input[type=password]", "demo-staff-token")
        .await;
    b.click("form.wb-signin button[type=submit]").await;
    b.wait_for(
        "rows",
        "return document.querySelectorAll('tr.wb-row').length >= 10",
    )
    .await;
    b
}

/// Whether the first row's menu offers Unlink (staff only).
async fn offers_unlink(b: &Browser) -> bool {
    b.js(
        "document.querySelector('tr.wb-row .wb-menu__button').click();
         const yes = [...document.querySelectorAll('[role=menuitem]')].some(x => x.textContent.includes('Unlink'));
         document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));
         return yes;",
        vec![],
    )
    .await
        == json!(true)
}

#[tokio::test]
async fn the_widget_shows_rows_before_waldur_says_who_signed_in() {
    let held = json!({"path": "/api/users/me/", "hold": true});
    let b = sign_in_with(&[held]).await;
    // Rows are there while the question is still open.
    assert!(
        !offers_unlink(&b).await,
        "no staff actions before the answer"
    );
    let header = b
        .js(
            "return document.querySelector('.wb-page__header').textContent",
            vec![],
        )
        .await;
    assert!(!header.as_str().unwrap().contains("Signed in as"));
    b.control("POST", "release", Some(json!({"order": "fifo"})))
        .await;
    b.wait_for(
        "who is signed in",
        "return document.querySelector('.wb-page__user')?.textContent === 'Signed in as Sam Staff'",
    )
    .await;
    b.wait_for(
        "staff actions",
        "document.querySelector('tr.wb-row .wb-menu__button').click();
         const yes = [...document.querySelectorAll('[role=menuitem]')].some(x => x.textContent.includes('Unlink'));
         document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));
         return yes;",
    )
    .await;
    b.control("DELETE", "faults", None).await;
}

#[tokio::test]
async fn an_answer_that_never_comes_is_given_up() {
    let held = json!({"path": "/api/users/me/", "hold": true});
    let b = sign_in_with(&[held]).await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    // Given up: an answer arriving now changes nothing, and the page works on.
    b.control("POST", "release", Some(json!({"order": "fifo"})))
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!offers_unlink(&b).await);
    let user = b
        .js("return !!document.querySelector('.wb-page__user')", vec![])
        .await;
    assert_eq!(user, json!(false));
    b.click("button.wb-page-nav[aria-label='Next page']").await;
    b.wait_for(
        "page 2",
        "return document.querySelector('.wb-pagination__range').textContent.startsWith('11')",
    )
    .await;
    assert_eq!(
        console_errors(&b).await,
        Vec::<String>::new(),
        "giving up leaves no error"
    );
    b.control("DELETE", "faults", None).await;
}

#[tokio::test]
async fn the_sign_in_probe_leaves_no_console_error() {
    let b = sign_in_with(&[]).await;
    b.wait_for(
        "who is signed in",
        "return document.querySelector('.wb-page__user')",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(console_errors(&b).await, Vec::<String>::new());
}
