//! The standalone page as a person uses it: sign in → list → filter → sort → page → open
//! details → edit → restore → delete → sign out, against the release bundle.

use e2e::{browser, Browser};
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::{json, Value};

/// Rows of the table as (name, state) pairs.
async fn rows(b: &Browser) -> Vec<(String, String)> {
    let v = b
        .js(
            "return [...document.querySelectorAll('tr.wb-row')].map(r => [
                (r.querySelector('.wb-name, td') || r).textContent.trim(),
                (r.querySelector('[data-state]') || {}).dataset ? r.querySelector('[data-state]').dataset.state : ''
            ]);",
            vec![],
        )
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

async fn sign_in(b: &Browser, token: &str, remember: bool) {
    b.wait_for(
        "the sign-in form",
        "return document.querySelector('form.wb-signin')",
    )
    .await;
    b.fill("form.wb-signin input[type=password]", token).await;
    if remember {
        b.click("form.wb-signin input[type=checkbox]").await;
    }
    b.click("form.wb-signin button[type=submit]").await;
}

/// A fresh visit (nothing stored), signed in with `token`, rows shown.
async fn fresh_sign_in(token: &str, remember: bool) -> Browser {
    let b = browser().await;
    b.open("/").await;
    b.forget_and_reload().await;
    sign_in(&b, token, remember).await;
    b.wait_for(
        "rows",
        "return document.querySelectorAll('tr.wb-row').length > 0",
    )
    .await;
    b
}

#[tokio::test]
async fn a_person_signs_in_finds_edits_restores_deletes_and_signs_out() {
    let b = browser().await;
    b.open("/").await;
    b.control("POST", "reset", Some(json!({}))).await;
    b.control("POST", "settings", Some(json!({"pull_accepted": false})))
        .await;
    b.forget_and_reload().await;

    // A wrong token is refused with a clear message, and nothing is stored.
    sign_in(&b, "not-a-token", false).await;
    b.wait_for(
        "the refusal",
        "return document.querySelector('form.wb-signin [role=alert]').textContent.includes('not accepted')",
    )
    .await;
    let stored = b
        .js(
            "return sessionStorage.length + localStorage.length;",
            vec![],
        )
        .await;
    assert_eq!(stored, json!(0), "a refused token is not stored");

    // The right token shows the table; the token is in sessionStorage only (not remembered).
    sign_in(&b, "demo-staff-token", false).await;
    b.wait_for(
        "rows",
        "return document.querySelectorAll('tr.wb-row').length >= 10",
    )
    .await;
    let where_stored = b
        .js(
            "return [!!sessionStorage.getItem('waldur-backups.session'), !!localStorage.getItem('waldur-backups.session')];",
            vec![],
        )
        .await;
    assert_eq!(where_stored, json!([true, false]));
    let url = b.client.current_url().await.unwrap();
    assert!(
        !url.as_str().contains("demo-staff-token"),
        "the token never goes in the URL"
    );

    // The page asked Waldur who signed in: the header names them, and staff get Unlink.
    b.wait_for(
        "who is signed in",
        "return document.querySelector('.wb-page__user')?.textContent === 'Signed in as Sam Staff'",
    )
    .await;
    b.click("tr.wb-row .wb-menu__button").await;
    b.wait_for(
        "Unlink in the row menu",
        "return [...document.querySelectorAll('[role=menuitem]')].some(x => x.textContent.includes('Unlink'))",
    )
    .await;
    b.js(
        "document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));",
        vec![],
    )
    .await;

    // Filter by name, typed like a person.
    let name_input = b
        .client
        .find(Locator::Css("input[data-filter=name]"))
        .await
        .unwrap();
    name_input.send_keys("nightly").await.unwrap();
    b.wait_for(
        "filtered rows",
        "const r = [...document.querySelectorAll('tr.wb-row')];
         return r.length > 0 && r.every(x => x.textContent.toLowerCase().includes('nightly'));",
    )
    .await;
    b.wait_for(
        "the URL keeps the filter",
        "return location.search.includes('q=nightly')",
    )
    .await;
    // The active filter shows as a chip; "Clear all" removes it.
    b.click(".wb-chips__clear").await;
    b.wait_for(
        "the filter cleared",
        "return !location.search.includes('q=') && document.querySelectorAll('tr.wb-row').length >= 10",
    )
    .await;

    // Sort by created, newest first (click twice: ascending, then descending).
    let sort_created = "th button.wb-sort[data-sort=created], th:has(button.wb-sort) button";
    let clicked = b
        .js(
            "const btn = [...document.querySelectorAll('th button.wb-sort')].find(x => x.textContent.includes('Created'));
             btn.click(); return true;",
            vec![],
        )
        .await;
    assert_eq!(clicked, json!(true), "{sort_created}");
    b.wait_for(
        "aria-sort ascending on Created",
        "const th = [...document.querySelectorAll('th[aria-sort]')]; return th.length === 1 && th[0].textContent.includes('Created') && th[0].getAttribute('aria-sort') === 'ascending';",
    )
    .await;
    b.js(
        "[...document.querySelectorAll('th button.wb-sort')].find(x => x.textContent.includes('Created')).click();",
        vec![],
    )
    .await;
    b.wait_for(
        "aria-sort descending on Created",
        "return document.querySelector('th[aria-sort]').getAttribute('aria-sort') === 'descending' && location.search.includes('o=-created');",
    )
    .await;

    // Next page: the range moves on and the URL remembers it.
    let first_page = rows(&b).await;
    b.click("button.wb-page-nav[aria-label*='Next']").await;
    b.wait_for(
        "page 2",
        "return document.querySelector('.wb-pagination__range').textContent.includes('11') && location.search.includes('page=2');",
    )
    .await;
    let second_page = rows(&b).await;
    assert_ne!(first_page, second_page);

    // A reload restores the same view (sort and page) from the URL.
    b.reload().await;
    b.wait_for(
        "the same view after reload",
        "return document.querySelectorAll('tr.wb-row').length >= 10 && document.querySelector('th[aria-sort]') && document.querySelector('th[aria-sort]').getAttribute('aria-sort') === 'descending' && document.querySelector('.wb-pagination__range').textContent.includes('11');",
    )
    .await;

    // Open the details of an OK backup with the keyboard (focus the row, Enter).
    let ok_row = b
        .wait_for(
            "an OK row",
            "const r = [...document.querySelectorAll('tr.wb-row')].findIndex(x => x.querySelector('[data-state=OK]')); return r >= 0 ? r + 1 : 0;",
        )
        .await;
    let row = b
        .client
        .find(Locator::Css(&format!("tr.wb-row:nth-of-type({ok_row})")))
        .await
        .unwrap();
    b.js(
        "arguments[0].focus();",
        vec![serde_json::to_value(&row).unwrap()],
    )
    .await;
    row.send_keys(Key::Enter.to_string().as_str())
        .await
        .unwrap();
    b.wait_for(
        "the drawer",
        "return document.querySelector('[role=dialog] .wb-drawer [data-action=edit]')",
    )
    .await;
    b.wait_for(
        "the backup in the URL",
        "return location.search.includes('backup=')",
    )
    .await;

    // Edit the name and save: the drawer and the table show the new name.
    b.click("[role=dialog] [data-action=edit]").await;
    b.wait_for(
        "the edit form",
        "return document.querySelector('form.wb-drawer__form')",
    )
    .await;
    b.fill("form.wb-drawer__form input.wb-input", "renamed by e2e ✓")
        .await;
    b.click("form.wb-drawer__form [data-action=save]").await;
    b.wait_for(
        "the saved name in the table",
        "return [...document.querySelectorAll('tr.wb-row')].some(r => r.textContent.includes('renamed by e2e ✓')) && !document.querySelector('form.wb-drawer__form');",
    )
    .await;
    let patches = b.control("GET", "requests", None).await;
    let patch_bodies: Vec<&Value> = patches
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["method"] == "PATCH")
        .map(|r| &r["body"])
        .collect();
    assert_eq!(patch_bodies, vec![&json!({"name": "renamed by e2e ✓"})]);

    // Restore from the drawer: the dialog loads, submits, and shows the new instance.
    b.click("[role=dialog] [data-action=restore]").await;
    b.wait_for(
        "the restore form ready",
        "const s = document.querySelector('.wb-restore button[type=submit]'); return s && !s.disabled;",
    )
    .await;
    b.click(".wb-restore button[type=submit]").await;
    b.wait_for(
        "the restore result",
        "return document.querySelector('.wb-restore__done')",
    )
    .await;
    let restores = b.control("GET", "requests", None).await;
    let restore_count = restores
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["method"] == "POST" && r["path"].as_str().unwrap_or("").ends_with("/restore/")
        })
        .count();
    assert_eq!(restore_count, 1, "one restore request");
    // Close the dialog (its result is shown, nothing to lose), then the drawer.
    b.js(
        "const d = document.querySelector('.wb-restore__done'); d.closest('[role=dialog]').dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));",
        vec![],
    )
    .await;
    b.wait_for(
        "the restore dialog closed",
        "return !document.querySelector('.wb-restore')",
    )
    .await;

    // Delete from the drawer after confirming: the state follows DELETION_SCHEDULED.
    b.click("[role=dialog] [data-action=delete]").await;
    b.wait_for(
        "the delete confirmation",
        "return document.querySelector('[role=alertdialog]')",
    )
    .await;
    b.js(
        "[...document.querySelectorAll('[role=alertdialog] button')].find(x => x.textContent.includes('Delete')).click();",
        vec![],
    )
    .await;
    b.wait_for(
        "deletion scheduled",
        "return [...document.querySelectorAll('[data-state]')].some(x => x.dataset.state === 'DELETION_SCHEDULED');",
    )
    .await;
    b.js(
        "document.querySelector('[role=dialog]').dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));",
        vec![],
    )
    .await;

    // Sign out: back to the sign-in form, and the token is gone from both storages.
    b.wait_for(
        "the sign-out button",
        "return [...document.querySelectorAll('button')].find(x => x.textContent.trim() === 'Sign out')",
    )
    .await;
    b.js(
        "[...document.querySelectorAll('button')].find(x => x.textContent.trim() === 'Sign out').click();",
        vec![],
    )
    .await;
    b.wait_for(
        "the sign-in form again",
        "return document.querySelector('form.wb-signin')",
    )
    .await;
    let left = b
        .js(
            "return sessionStorage.length + localStorage.length;",
            vec![],
        )
        .await;
    assert_eq!(left, json!(0), "sign-out clears the stored token");
    b.assert_no_console_errors("from sign-in to sign-out").await;
}

#[tokio::test]
async fn remember_me_keeps_the_session_across_a_new_tab_and_sign_out_forgets_it() {
    let b = fresh_sign_in("demo-staff-token", true).await;
    let where_stored = b
        .js(
            "return [!!sessionStorage.getItem('waldur-backups.session'), !!localStorage.getItem('waldur-backups.session')];",
            vec![],
        )
        .await;
    assert_eq!(where_stored, json!([false, true]));
    // A fresh page load (as a new tab would) signs in from localStorage.
    b.js("sessionStorage.clear();", vec![]).await;
    b.reload().await;
    b.wait_for(
        "rows after reload",
        "return document.querySelectorAll('tr.wb-row').length > 0",
    )
    .await;
    b.js(
        "[...document.querySelectorAll('button')].find(x => x.textContent.trim() === 'Sign out').click();",
        vec![],
    )
    .await;
    b.wait_for(
        "signed out",
        "return document.querySelector('form.wb-signin')",
    )
    .await;
    assert_eq!(
        b.js(
            "return localStorage.length + sessionStorage.length;",
            vec![]
        )
        .await,
        json!(0)
    );
}

#[tokio::test]
async fn a_project_administrator_gets_no_staff_actions() {
    let b = fresh_sign_in("demo-admin-token", false).await;
    b.wait_for(
        "who is signed in",
        "return document.querySelector('.wb-page__user')?.textContent === 'Signed in as Alice Admin'",
    )
    .await;
    b.click("tr.wb-row .wb-menu__button").await;
    b.wait_for(
        "the row menu",
        "return document.querySelectorAll('[role=menuitem]').length > 0",
    )
    .await;
    let unlink = b
        .js(
            "return [...document.querySelectorAll('[role=menuitem]')].some(x => x.textContent.includes('Unlink'));",
            vec![],
        )
        .await;
    assert_eq!(unlink, json!(false), "Unlink is for staff only");
    b.js("sessionStorage.clear(); localStorage.clear();", vec![])
        .await;
}
