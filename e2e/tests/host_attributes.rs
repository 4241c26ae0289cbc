//! Every documented attribute of `<waldur-backups>` is live: set, changed or removed, it takes
//! effect (README, "As a custom element"). The page is on the second origin and the API on the
//! main one, as in a portal, so that `credentials` (the portal's cookie) makes a difference.

mod host;

use e2e::{base_url, browser, Browser};
use host::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const ROOT: &str = "document.getElementById('element').shadowRoot";

/// Opens the attributes page, the element showing rows.
async fn open(b: &Browser) {
    reset(b).await;
    let origin = second_origin(b).await;
    open_page_at(b, &origin, "attributes.html").await;
    wait_rows(b, "the element", ROOT).await;
}

/// Sets (`Some`) or removes (`None`) an attribute of the element.
async fn attr(b: &Browser, name: &str, value: Option<&str>) {
    b.js(
        "const [name, value] = arguments; const el = document.getElementById('element');
         if (value === null) el.removeAttribute(name); else el.setAttribute(name, value);",
        vec![json!(name), json!(value)],
    )
    .await;
}

/// Evaluates `expr` in the element's shadow root (`r`).
async fn shown(b: &Browser, expr: &str) -> Value {
    b.js(&format!("const r = {ROOT}; return {expr};"), vec![])
        .await
}

/// Waits until `expr` (with `r`, the shadow root) is true.
async fn until(b: &Browser, what: &str, expr: &str) {
    b.wait_for(what, &format!("const r = {ROOT}; return {expr};"))
        .await;
}

/// The first backup the API lists, as JSON.
async fn first_backup(b: &Browser) -> Value {
    b.client
        .execute_async(
            "const [api, token, done] = arguments;
             fetch(`${api}/api/openstack-backups/?page_size=1&state=OK`, { headers: { Authorization: `Token ${token}` } })
               .then((r) => r.json()).then((l) => done(l[0]));",
            vec![json!(base_url()), json!(TOKEN)],
        )
        .await
        .unwrap()
}

/// Clears the request log, runs `change`, then waits for a list request `check` accepts.
async fn list_request_after<F: std::future::Future<Output = ()>>(
    b: &Browser,
    what: &str,
    change: F,
    check: impl Fn(&Value) -> bool,
) -> Value {
    b.control("DELETE", "requests", None).await;
    change.await;
    let started = Instant::now();
    loop {
        let log = b.control("GET", "requests", None).await;
        if let Some(r) =
            log.as_array().into_iter().flatten().find(|r| {
                r["path"] == "/api/openstack-backups/" && r["method"] == "GET" && check(r)
            })
        {
            return r.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no list request {what}: {log}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn query_has(r: &Value, key: &str, value: &str) -> bool {
    r["params"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|p| p[0] == key && p[1] == value)
}

fn query_names(r: &Value, key: &str) -> bool {
    r["params"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|p| p[0] == key)
}

#[tokio::test]
async fn scope_attributes_narrow_the_list_when_set_and_widen_it_when_removed() {
    let b = browser().await;
    open(&b).await;
    let backup = first_backup(&b).await;
    let instance = backup["instance"]
        .as_str()
        .unwrap()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    // Each shows as a filter chip the user cannot remove while it is set.
    let fixed_chips = "[...r.querySelectorAll('.wb-chip--fixed')].map((c) => c.textContent.trim())";
    for (attribute, param, value, chip) in [
        (
            "project-uuid",
            "project_uuid",
            backup["project_uuid"].clone(),
            "Project: ",
        ),
        (
            "tenant-uuid",
            "tenant_uuid",
            backup["tenant_uuid"].clone(),
            "Tenant: ",
        ),
        (
            "customer-uuid",
            "customer_uuid",
            backup["customer_uuid"].clone(),
            "Organization: ",
        ),
        (
            "instance-uuid",
            "instance_uuid",
            json!(instance),
            "Instance: ",
        ),
    ] {
        let value = value
            .as_str()
            .expect("the backup names its scope")
            .to_string();
        list_request_after(
            &b,
            &format!("with {param} after setting {attribute}"),
            attr(&b, attribute, Some(&value)),
            |r| query_has(r, param, &value),
        )
        .await;
        until(
            &b,
            &format!("the fixed {chip}chip"),
            &format!(
                "{fixed_chips}.length === 1 && {fixed_chips}[0].startsWith({})",
                json!(chip)
            ),
        )
        .await;
        wait_rows(&b, "the element", ROOT).await;
        list_request_after(
            &b,
            &format!("without {param} after removing {attribute}"),
            attr(&b, attribute, None),
            |r| !query_names(r, param),
        )
        .await;
        until(
            &b,
            &format!("no {chip}chip"),
            &format!("{fixed_chips}.length === 0"),
        )
        .await;
    }
}

#[tokio::test]
async fn page_size_and_columns_change_the_table_live() {
    let b = browser().await;
    open(&b).await;
    assert_eq!(
        shown(&b, "r.querySelectorAll('tr.wb-row').length").await,
        json!(10)
    );
    attr(&b, "page-size", Some("25")).await;
    until(
        &b,
        "25 rows",
        "r.querySelectorAll('tr.wb-row').length === 25",
    )
    .await;
    attr(&b, "page-size", Some("50")).await;
    until(
        &b,
        "50 rows",
        "r.querySelectorAll('tr.wb-row').length === 50",
    )
    .await;
    attr(&b, "page-size", None).await;
    until(
        &b,
        "10 rows again",
        "r.querySelectorAll('tr.wb-row').length === 10",
    )
    .await;

    let headers = "[...r.querySelectorAll('thead th')].map((th) => th.textContent.trim()).filter((t) => t).join('|')";
    let all = shown(&b, headers).await;
    attr(&b, "columns", Some("name,state")).await;
    until(
        &b,
        "two columns",
        &format!("{headers}.startsWith('Name') && !{headers}.includes('Created')"),
    )
    .await;
    attr(&b, "columns", Some("state, name, size")).await;
    until(
        &b,
        "three columns in their order",
        &format!(
            "{headers}.includes('Size') && {headers}.indexOf('State') < {headers}.indexOf('Name')"
        ),
    )
    .await;
    attr(&b, "columns", None).await;
    until(&b, "every default column", &format!("{headers} === {all}")).await;
}

#[tokio::test]
async fn theme_locale_and_label_change_the_look_and_names_live() {
    let b = browser().await;
    open(&b).await;
    let theme = "r.querySelector('.wb-root').dataset.theme";
    attr(&b, "theme", Some("dark")).await;
    until(&b, "the dark theme", &format!("{theme} === 'dark'")).await;
    attr(&b, "theme", Some("auto")).await;
    until(&b, "the auto theme", &format!("{theme} === 'auto'")).await;
    attr(&b, "theme", None).await;
    until(&b, "the light theme again", &format!("{theme} === 'light'")).await;

    let dates = "[...r.querySelectorAll('tr.wb-row time')].map((t) => t.textContent).join('|')";
    let english = shown(&b, dates).await;
    attr(&b, "locale", Some("de-DE")).await;
    until(
        &b,
        "German dates",
        &format!("{dates} !== {english} && {dates}.length > 0"),
    )
    .await;
    attr(&b, "locale", None).await;
    until(
        &b,
        "the browser's dates again",
        &format!("{dates} === {english}"),
    )
    .await;

    let region = "r.querySelector('section.wb-table').getAttribute('aria-label')";
    assert_eq!(shown(&b, region).await, json!("Backups"));
    attr(&b, "label", Some("Backups of the lab")).await;
    until(
        &b,
        "the label",
        &format!("{region} === 'Backups of the lab' && r.querySelector('[role=search]').getAttribute('aria-label') === 'Filter backups of the lab'"),
    )
    .await;
    attr(&b, "label", None).await;
    until(&b, "the default label", &format!("{region} === 'Backups'")).await;
}

/// Opens the first OK row's menu and says whether it offers Unlink, closing it again.
async fn unlink_offered(b: &Browser) -> bool {
    // The rows may be redrawn meanwhile (a new token reloads them), closing a menu just
    // opened: press again until one is open.
    let started = Instant::now();
    loop {
        shown(
            b,
            "r.querySelector('tr.wb-row[data-state=OK] button[aria-label^=\"Actions for\"]').click()",
        )
        .await;
        let mut open = false;
        for _ in 0..10 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            if shown(b, "!!r.querySelector('[role=menu] [role=menuitem]')").await == json!(true) {
                open = true;
                break;
            }
        }
        if open {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "the row menu never opened"
        );
    }
    let offered = shown(
        b,
        "!!r.querySelector('[role=menuitem][data-action=unlink]')",
    )
    .await;
    shown(
        b,
        "r.querySelector('[role=menuitem]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }))",
    )
    .await;
    until(
        b,
        "the row menu to close",
        "!r.querySelector('[role=menu]')",
    )
    .await;
    offered == json!(true)
}

/// Waits (the change applies in a later task) until Unlink is offered or not, as `staff` says.
async fn unlink_offered_becomes(b: &Browser, staff: bool, what: &str) {
    let started = Instant::now();
    while unlink_offered(b).await != staff {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "Unlink {} offered after {what}",
            if staff { "not" } else { "still" }
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn is_staff_and_instance_url_change_actions_and_links_live() {
    let b = browser().await;
    open(&b).await;
    // Signed in as a project administrator (not staff): without `is-staff` the widget asks
    // the server, which says no; the attribute overrides that either way.
    b.js(
        "document.getElementById('element').token = 'demo-admin-token';",
        vec![],
    )
    .await;
    wait_rows(&b, "the administrator's rows", ROOT).await;
    // The row menu offers Unlink to staff only.
    for (value, staff) in [
        (None, false),
        (Some(""), true),
        (Some("false"), false),
        (Some("true"), true),
        (None, false),
    ] {
        attr(&b, "is-staff", value).await;
        unlink_offered_becomes(&b, staff, &format!("is-staff={value:?}")).await;
    }

    let link = "r.querySelector('tr.wb-row a.wb-link[href]')";
    assert_eq!(shown(&b, &format!("!!{link}")).await, json!(false));
    attr(&b, "instance-url", Some("/vm/{uuid}")).await;
    until(
        &b,
        "instance links",
        &format!("!!{link} && {link}.getAttribute('href').startsWith('/vm/')"),
    )
    .await;
    attr(&b, "instance-url", Some("/servers/{uuid}/")).await;
    until(
        &b,
        "the new pattern",
        &format!("!!{link} && {link}.getAttribute('href').startsWith('/servers/')"),
    )
    .await;
    attr(&b, "instance-url", None).await;
    until(&b, "no instance links", &format!("!{link}")).await;
}

#[tokio::test]
async fn api_url_and_credentials_reconnect_live_and_a_missing_api_url_is_explained() {
    let b = browser().await;
    open(&b).await;
    let error_box = "r.querySelector('.wb-options-error')";

    // Removed: the widget gives way to a message naming the option, and `error` fires.
    attr(&b, "api-url", None).await;
    until(
        &b,
        "the message about apiUrl",
        &format!("!!{error_box} && {error_box}.textContent.includes('apiUrl') && !r.querySelector('.wb-root tr')"),
    )
    .await;
    let page = record(&b).await;
    assert!(
        page["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e.as_str().unwrap().contains("apiUrl")),
        "{page}"
    );
    // Set again: rows, and the message is gone.
    attr(&b, "api-url", Some(&base_url())).await;
    wait_rows(&b, "the element again", ROOT).await;
    assert_eq!(shown(&b, &format!("!!{error_box}")).await, json!(false));
    // Changed to an address nothing answers: the widget says so.
    b.js("window.__host.errors.length = 0;", vec![]).await;
    attr(&b, "api-url", Some("http://127.0.0.1:9")).await;
    b.wait_for(
        "the element's error about the unreachable address",
        "return window.__host.errors.some((e) => e.startsWith('element:'));",
    )
    .await;
    until(&b, "the error shown", "!!r.querySelector('[role=alert]')").await;
    attr(&b, "api-url", Some(&format!("{}/api", base_url()))).await;
    wait_rows(&b, "the element at …/api", ROOT).await;

    // credentials="include": the portal's session cookie instead of the token property.
    b.js(
        "document.cookie = 'sessionid=' + arguments[0] + '; path=/';
         document.getElementById('element').token = undefined;",
        vec![json!(TOKEN)],
    )
    .await;
    let request = list_request_after(
        &b,
        "with the session cookie",
        attr(&b, "credentials", Some("include")),
        |r| r["authorization_scheme"] == "Cookie",
    )
    .await;
    assert_eq!(request["authorization_scheme"], json!("Cookie"));
    wait_rows(&b, "rows through the session", ROOT).await;
    // Removed: no credentials at all, which the server refuses.
    b.js("window.__host.errors.length = 0;", vec![]).await;
    list_request_after(
        &b,
        "without credentials",
        attr(&b, "credentials", None),
        |r| r["authorization_scheme"].is_null(),
    )
    .await;
    b.wait_for(
        "the element's error about the refusal",
        "return window.__host.errors.some((e) => e.startsWith('element:'));",
    )
    .await;
    until(&b, "the refusal shown", "!!r.querySelector('[role=alert]')").await;
}

#[tokio::test]
async fn an_element_configured_right_after_init_starts_without_a_false_error() {
    let b = browser().await;
    reset(&b).await;
    open_page(&b, "startup.html").await;
    wait_rows(&b, "the element configured after init()", &shadow("late")).await;
    b.wait_for(
        "the message in the element that never got an api-url",
        "const box = document.getElementById('missing').shadowRoot.querySelector('.wb-options-error');
         return box && box.textContent.includes('apiUrl');",
    )
    .await;
    let page = record(&b).await;
    let errors: Vec<String> = serde_json::from_value(page["errors"].clone()).unwrap();
    assert!(
        errors.iter().all(|e| e.starts_with("missing:")),
        "only the element without api-url complained: {errors:?}"
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
}

#[tokio::test]
async fn the_embedding_demo_fires_no_error_while_it_starts() {
    let b = browser().await;
    reset(&b).await;
    b.open("/embed.html").await;
    wait_rows(
        &b,
        "the demo's element",
        "document.querySelector('waldur-backups').shadowRoot",
    )
    .await;
    wait_rows(&b, "the demo's mounted widget", &light("instance-backups")).await;
    let logged = b
        .js(
            "return [...document.querySelectorAll('#event-log li[data-event=error]')].map((li) => li.textContent);",
            vec![],
        )
        .await;
    assert_eq!(logged, json!([]), "the demo logged errors");
}
