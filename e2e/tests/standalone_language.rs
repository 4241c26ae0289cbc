//! The standalone page's language switch, against the release bundle: it changes the sign-in
//! form and, signed in, the widget in place; a reload forgets the choice unless the person
//! asked the page to remember it.

use e2e::{browser, Browser};
use fantoccini::Locator;
use serde_json::{json, Value};

const SWITCH: &str = ".wb-page__language select";
const REMEMBER: &str = ".wb-page__language input[type=checkbox]";

/// Picks `tag` in the language switch, as a person does.
async fn pick(b: &Browser, tag: &str) {
    let select = b
        .client
        .find(Locator::Css(SWITCH))
        .await
        .expect("the language switch");
    select
        .select_by_value(tag)
        .await
        .expect("the language is offered");
}

/// Waits until the sign-in form's button says `label`.
async fn sign_in_button_says(b: &Browser, label: &str) {
    b.wait_for(
        &format!("the sign-in button saying {label}"),
        &format!(
            "return document.querySelector('form.wb-signin button[type=submit]')?.textContent.trim() === {}",
            json!(label)
        ),
    )
    .await;
}

/// Waits until the table has a column header `label` (beside its sort indicator).
async fn header_says(b: &Browser, label: &str) {
    b.wait_for(
        &format!("a column header {label}"),
        &format!(
            "return [...document.querySelectorAll('th')].some(th => th.textContent.includes({}))",
            json!(label)
        ),
    )
    .await;
}

async fn stored_language(b: &Browser) -> Value {
    b.js(
        "return localStorage.getItem('waldur-backups.language');",
        vec![],
    )
    .await
}

async fn page_lang(b: &Browser) -> Value {
    b.js("return document.documentElement.lang;", vec![]).await
}

#[tokio::test]
async fn the_language_switch_changes_the_page_and_is_remembered_only_when_asked() {
    let b = browser().await;
    b.open("/").await;
    b.control("POST", "reset", Some(json!({}))).await;
    b.forget_and_reload().await;

    // The browser says English: the page starts in English.
    sign_in_button_says(&b, "Sign in").await;
    assert_eq!(page_lang(&b).await, json!("en"));

    // Picked, German shows at once, the page's language with it.
    pick(&b, "de").await;
    sign_in_button_says(&b, "Anmelden").await;
    b.wait_for(
        "the German heading",
        "return document.querySelector('.wb-signin__title').textContent === 'Bei Waldur-Backups anmelden'",
    )
    .await;
    assert_eq!(page_lang(&b).await, json!("de"));
    assert_eq!(
        stored_language(&b).await,
        Value::Null,
        "not asked to remember"
    );

    // Not remembered: a reload is back to the default.
    b.reload().await;
    sign_in_button_says(&b, "Sign in").await;
    assert_eq!(
        b.js(
            &format!("return document.querySelector({}).value;", json!(SWITCH)),
            vec![]
        )
        .await,
        json!("en")
    );

    // Remembered: the reload keeps German.
    pick(&b, "de").await;
    sign_in_button_says(&b, "Anmelden").await;
    b.click(REMEMBER).await;
    assert_eq!(stored_language(&b).await, json!("de"));
    b.reload().await;
    sign_in_button_says(&b, "Anmelden").await;
    assert_eq!(
        b.js(
            &format!(
                "return document.querySelector({}).checked;",
                json!(REMEMBER)
            ),
            vec![]
        )
        .await,
        json!(true),
        "the page shows that it remembers"
    );

    // Signed in, the widget speaks German too, and follows a switch in place.
    b.fill("form.wb-signin input[type=password]", "demo-staff-token")
        .await;
    b.click("form.wb-signin button[type=submit]").await;
    b.wait_for(
        "rows",
        "return document.querySelectorAll('tr.wb-row').length > 0",
    )
    .await;
    header_says(&b, "Erstellt").await;
    b.wait_for(
        "the German sign-out button",
        "return [...document.querySelectorAll('.wb-page__header button')].some(x => x.textContent === 'Abmelden')",
    )
    .await;
    pick(&b, "fr").await;
    header_says(&b, "Créée").await;
    b.wait_for(
        "the French sign-out button",
        "return [...document.querySelectorAll('.wb-page__header button')].some(x => x.textContent === 'Se déconnecter')",
    )
    .await;
    assert_eq!(
        stored_language(&b).await,
        json!("fr"),
        "a new pick is remembered"
    );
    b.reload().await;
    header_says(&b, "Créée").await;

    // Unticked, the choice is forgotten: the next visit is in the default language again.
    b.click(REMEMBER).await;
    assert_eq!(stored_language(&b).await, Value::Null);
    b.reload().await;
    header_says(&b, "Created").await;
    assert_eq!(page_lang(&b).await, json!("en"));
    b.assert_no_console_errors("switching languages").await;
}
