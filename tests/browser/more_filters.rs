//! "More filters" in headless Chromium against the dev server: each filter narrows the list
//! to what the server answers for it, its chip removes it, the filters live in the page URL,
//! a malformed value is marked at its field and never sent, "only backups I can manage" is
//! not offered by a 2024 Waldur, and every text follows the widget's language.

use crate::support::window;
use crate::support::*;
use leptos::prelude::*;
use waldur_backups::api::{Auth, Backup, BackupQuery, Client};
use waldur_backups::components::Settings;
use waldur_backups::i18n::Msg;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

const LIST: &str = "/api/openstack-backups/";
const PAGE: u32 = 50;

/// The table, its mount point taken out of the page when the test ends.
struct Mounted(MountedTable);

impl std::ops::Deref for Mounted {
    type Target = MountedTable;
    fn deref(&self) -> &MountedTable {
        &self.0
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.0.el.remove();
    }
}

fn mount_table(base: &str, token: &str, settings: Settings) -> Mounted {
    Mounted(mount_table_at(
        base,
        token,
        settings,
        TableTimings::default(),
    ))
}

fn settings() -> Settings {
    Settings {
        page_size: PAGE,
        ..Settings::default()
    }
}

fn by(el: &Element, selector: &str) -> Element {
    query(el, selector).unwrap_or_else(|| panic!("no element {selector}"))
}

fn shown_uuids(el: &Element) -> Vec<String> {
    query_all(el, "tr.wb-row")
        .iter()
        .filter_map(|r| r.get_attribute("data-uuid"))
        .collect()
}

fn chips(el: &Element) -> Vec<String> {
    query_all(el, ".wb-chip:not(.wb-chip--fixed) > span")
        .iter()
        .map(text)
        .collect()
}

async fn loaded(el: &Element) {
    let el = el.clone();
    wait_until("rows are shown", 8000, move || {
        !query_all(&el, "tr.wb-row").is_empty()
    })
    .await;
}

/// The query pairs of every list request since the last clear.
async fn list_requests() -> Vec<Vec<(String, String)>> {
    requests_to("GET", LIST)
        .await
        .iter()
        .filter(|r| get_str(r, "path").as_deref() == Some(LIST))
        .filter_map(|r| get_str(r, "query"))
        .map(|q| {
            q.split('&')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (k, v) = p.split_once('=').unwrap_or((p, ""));
                    let v = js_sys::decode_uri_component(&v.replace('+', " "))
                        .map(String::from)
                        .unwrap_or_else(|_| v.to_string());
                    (k.to_string(), v)
                })
                .collect()
        })
        .collect()
}

fn has(pairs: &[(String, String)], key: &str, value: &str) -> bool {
    pairs.iter().any(|(k, v)| k == key && v == value)
}

fn has_key(pairs: &[(String, String)], key: &str) -> bool {
    pairs.iter().any(|(k, _)| k == key)
}

async fn wait_for_request(key: &str, value: &str) {
    for _ in 0..200 {
        if list_requests().await.iter().any(|p| has(p, key, value)) {
            return;
        }
        sleep(30).await;
    }
    panic!(
        "no list request with {key}={value}: {:?}",
        list_requests().await
    );
}

/// What the server itself answers for `filter`: the UUIDs of the first page.
async fn server_page(token: &str, filter: impl FnOnce(&mut BackupQuery)) -> Vec<String> {
    let mut q = BackupQuery {
        page: Some(1),
        page_size: Some(PAGE),
        ..BackupQuery::default()
    };
    filter(&mut q);
    Client::new(devserver_url(), Auth::Token(token.into()))
        .list_backups(&q)
        .await
        .expect("the server answers the filter")
        .items
        .into_iter()
        .map(|b| b.uuid)
        .collect()
}

/// Opens the panel and waits for its fields (they come from a lazily loaded part).
async fn open_panel(el: &Element) {
    let toggle = by(el, ".wb-more__toggle");
    if toggle.get_attribute("aria-expanded").as_deref() != Some("true") {
        click(&toggle);
    }
    let el = el.clone();
    wait_until("the panel's fields", 5000, move || {
        query(&el, ".wb-more__panel:not([hidden]) input").is_some()
    })
    .await;
}

fn field(el: &Element, key: &str) -> Element {
    by(el, &format!(".wb-more__panel [data-filter={key}]"))
}

/// A backup with every field the filters need.
async fn sample() -> Backup {
    Client::new(devserver_url(), Auth::Token(STAFF_TOKEN.into()))
        .list_backups(&BackupQuery {
            page_size: Some(300),
            ..BackupQuery::default()
        })
        .await
        .expect("a page")
        .items
        .into_iter()
        .find(|b| {
            [
                &b.backend_id,
                &b.service_name,
                &b.customer_abbreviation,
                &b.customer_native_name,
                &b.project_uuid,
                &b.customer_uuid,
                &b.tenant_uuid,
            ]
            .iter()
            .all(|v| v.as_deref().is_some_and(|v| !v.is_empty()))
        })
        .expect("a backup with every field")
}

type Case = (
    &'static str,
    String,
    &'static str,
    String,
    Box<dyn Fn(&mut BackupQuery)>,
);

#[wasm_bindgen_test]
async fn each_more_filter_narrows_the_list_as_the_server_does_and_its_chip_removes_it() {
    reset().await;
    let b = sample().await;
    let s = |v: &Option<String>| v.clone().unwrap();
    let tenant = s(&b.tenant_uuid);
    let cases: Vec<Case> = vec![
        (
            "name_exact",
            b.name.clone(),
            "name_exact",
            b.name.clone(),
            {
                let v = b.name.clone();
                Box::new(move |q| q.name_exact = Some(v.clone()))
            },
        ),
        (
            "backend_id",
            s(&b.backend_id),
            "backend_id",
            s(&b.backend_id),
            {
                let v = s(&b.backend_id);
                Box::new(move |q| q.backend_id = Some(v.clone()))
            },
        ),
        (
            "external_ip",
            "203.0.113.10".into(),
            "external_ip",
            "203.0.113.10".into(),
            Box::new(|q| q.external_ip = Some("203.0.113.10".into())),
        ),
        (
            "provider",
            s(&b.service_name),
            "service_settings_name",
            s(&b.service_name),
            {
                let v = s(&b.service_name);
                Box::new(move |q| q.service_settings_name = Some(v.clone()))
            },
        ),
        (
            "customer_abbreviation",
            s(&b.customer_abbreviation),
            "customer_abbreviation",
            s(&b.customer_abbreviation),
            {
                let v = s(&b.customer_abbreviation);
                Box::new(move |q| q.customer_abbreviation = Some(v.clone()))
            },
        ),
        (
            "customer_native_name",
            s(&b.customer_native_name),
            "customer_native_name",
            s(&b.customer_native_name),
            {
                let v = s(&b.customer_native_name);
                Box::new(move |q| q.customer_native_name = Some(v.clone()))
            },
        ),
        (
            "project_uuid",
            s(&b.project_uuid),
            "project_uuid",
            s(&b.project_uuid),
            {
                let v = s(&b.project_uuid);
                Box::new(move |q| q.project_uuid = Some(v.clone()))
            },
        ),
        (
            "customer_uuid",
            s(&b.customer_uuid),
            "customer_uuid",
            s(&b.customer_uuid),
            {
                let v = s(&b.customer_uuid);
                Box::new(move |q| q.customer_uuid = Some(v.clone()))
            },
        ),
        (
            "tenant",
            format!("https://waldur.example/api/openstack-tenants/{tenant}/"),
            "tenant_uuid",
            tenant.clone(),
            {
                let url = format!("{}/api/openstack-tenants/{tenant}/", devserver_url());
                Box::new(move |q| q.tenant = Some(url.clone()))
            },
        ),
        ("backup_uuid", b.uuid.clone(), "uuid", b.uuid.clone(), {
            let v = b.uuid.clone();
            Box::new(move |q| q.uuid = Some(v.clone()))
        }),
    ];
    let m = mount_table(devserver_url(), STAFF_TOKEN, settings());
    loaded(&m.el).await;
    let everything = shown_uuids(&m.el);
    for (key, typed, param, sent, filter) in cases {
        clear_requests().await;
        let want = server_page(STAFF_TOKEN, |q| filter(q)).await;
        assert_ne!(want, everything, "{key} narrows the list");
        open_panel(&m.el).await;
        type_into(&field(&m.el, key), &typed);
        wait_for_request(param, &sent).await;
        let el = m.el.clone();
        let w = want.clone();
        wait_until(&format!("{key}: the server's rows"), 5000, move || {
            shown_uuids(&el) == w && (!w.is_empty() || query(&el, ".wb-empty").is_some())
        })
        .await;
        assert_eq!(
            field(&m.el, key).get_attribute("aria-invalid"),
            None,
            "{key}"
        );
        let chip = chips(&m.el);
        assert_eq!(chip.len(), 1, "{key}: one chip {chip:?}");
        assert!(chip[0].ends_with(typed.trim()), "{key}: {chip:?}");
        // Its chip removes it: the list is whole again, and the field is empty.
        clear_requests().await;
        click(&by(&m.el, ".wb-chip:not(.wb-chip--fixed) .wb-chip__remove"));
        let el = m.el.clone();
        let all = everything.clone();
        wait_until(&format!("{key}: removed"), 5000, move || {
            chips(&el).is_empty() && shown_uuids(&el) == all
        })
        .await;
        assert!(
            list_requests().await.iter().all(|p| !has_key(p, param)),
            "{key} is no longer sent"
        );
        let input: web_sys::HtmlInputElement = field(&m.el, key).unchecked_into();
        assert_eq!(input.value(), "", "{key}");
        // With the panel open, focus goes to the field whose chip went away.
        assert_eq!(
            focused()
                .and_then(|f| f.get_attribute("data-filter"))
                .as_deref(),
            Some(key)
        );
    }
}

#[wasm_bindgen_test]
async fn a_malformed_value_is_marked_at_its_field_and_never_sent() {
    reset().await;
    let m = mount_table(devserver_url(), STAFF_TOKEN, settings());
    loaded(&m.el).await;
    open_panel(&m.el).await;
    let cases = [
        ("project_uuid", "0a1b2c3d", Msg::MoreUuidInvalid),
        ("customer_uuid", "alpha", Msg::MoreUuidInvalid),
        (
            "backup_uuid",
            "0a1b2c3d-0000-0000-0000",
            Msg::MoreUuidInvalid,
        ),
        (
            "tenant",
            "https://waldur.example/api/openstack-instances/x/",
            Msg::MoreTenantInvalid,
        ),
        ("external_ip", "203.0.113", Msg::MoreIpInvalid),
    ];
    clear_requests().await;
    for (key, bad, why) in cases {
        let input = field(&m.el, key);
        type_into(&input, bad);
        next_frames().await;
        assert_eq!(
            input.get_attribute("aria-invalid").as_deref(),
            Some("true"),
            "{key}"
        );
        let note = input
            .get_attribute("aria-describedby")
            .unwrap_or_else(|| panic!("{key}: the field names its message"));
        let note = by(&m.el, &format!("[id='{note}']"));
        assert_eq!(text(&note), why.english(), "{key}");
    }
    // Well past the debounce: nothing of it went to the server, and no chip claims it.
    sleep(600).await;
    for pairs in list_requests().await {
        for (key, bad, _) in cases {
            assert!(
                !pairs.iter().any(|(_, v)| v == bad),
                "{key}={bad} was sent: {pairs:?}"
            );
        }
        for key in [
            "project_uuid",
            "customer_uuid",
            "uuid",
            "tenant",
            "tenant_uuid",
            "external_ip",
        ] {
            assert!(!has_key(&pairs, key), "{key} was sent: {pairs:?}");
        }
    }
    assert!(chips(&m.el).is_empty(), "{:?}", chips(&m.el));
    let violations = axe_violations(&m.el).await;
    assert!(violations.is_empty(), "{violations:?}");
    assert_eq!(text(&by(&m.el, ".wb-more__toggle")), "More filters▾");
    // Corrected, it is sent and the mark goes away.
    let uuid = m.ctx.store.rows.get_untracked()[0].uuid.clone();
    let input = field(&m.el, "backup_uuid");
    type_into(&input, &uuid.to_ascii_uppercase());
    wait_for_request("uuid", &uuid.to_ascii_lowercase()).await;
    assert_eq!(input.get_attribute("aria-invalid"), None);
    let el = m.el.clone();
    wait_until("one row", 5000, move || shown_uuids(&el) == [uuid.clone()]).await;
}

#[wasm_bindgen_test]
async fn more_filters_round_trip_through_the_page_url() {
    reset().await;
    let b = sample().await;
    let tenant = b.tenant_uuid.clone().unwrap();
    let tenant_url = format!("https://waldur.example/api/openstack-tenants/{tenant}/");
    let history = window().history().unwrap();
    let path = window().location().pathname().unwrap();
    let start = format!(
        "{path}?keep=1&name_exact={}&tenant={}&backup_uuid={}&can_manage=true",
        js_sys::encode_uri_component(&b.name),
        js_sys::encode_uri_component(&tenant_url),
        b.uuid
    );
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&start))
        .unwrap();
    clear_requests().await;
    let m = mount_table(
        devserver_url(),
        STAFF_TOKEN,
        Settings {
            url_sync: true,
            ..settings()
        },
    );
    wait_for_request("uuid", &b.uuid).await;
    let first = list_requests()
        .await
        .into_iter()
        .find(|p| has(p, "uuid", &b.uuid))
        .unwrap();
    assert!(has(&first, "name_exact", &b.name), "{first:?}");
    assert!(has(&first, "tenant_uuid", &tenant), "{first:?}");
    assert!(has(&first, "can_manage", "true"), "{first:?}");
    let el = m.el.clone();
    wait_until("four chips", 5000, move || chips(&el).len() == 4).await;
    assert_eq!(text(&by(&m.el, ".wb-more__toggle")), "More filters (4)▾");
    open_panel(&m.el).await;
    let value = |key: &str| {
        field(&m.el, key)
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    };
    assert_eq!(value("name_exact"), b.name);
    assert_eq!(value("tenant"), tenant_url);
    assert_eq!(value("backup_uuid"), b.uuid);
    let manage: web_sys::HtmlInputElement = field(&m.el, "can_manage").unchecked_into();
    assert!(manage.checked());
    // A change is written back with the same keys; the host's own key stays.
    click(&manage);
    wait_until("URL updated", 3000, || {
        !window().location().search().unwrap().contains("can_manage")
    })
    .await;
    let search = window().location().search().unwrap();
    assert!(search.contains("keep=1"), "{search}");
    assert!(
        search.contains(&format!("backup_uuid={}", b.uuid)),
        "{search}"
    );
    assert!(
        search.contains("tenant=https%3A%2F%2Fwaldur.example"),
        "{search}"
    );
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
}

#[wasm_bindgen_test]
async fn only_backups_i_can_manage_narrows_the_list_as_the_server_does() {
    reset().await;
    let m = mount_table(devserver_url(), SUPPORT_TOKEN, settings());
    loaded(&m.el).await;
    let want = server_page(SUPPORT_TOKEN, |q| q.can_manage = Some(true)).await;
    assert_ne!(
        want,
        shown_uuids(&m.el),
        "support users manage less than they see"
    );
    clear_requests().await;
    open_panel(&m.el).await;
    click(&field(&m.el, "can_manage"));
    wait_for_request("can_manage", "true").await;
    let el = m.el.clone();
    let w = want.clone();
    wait_until("the server's rows", 5000, move || {
        shown_uuids(&el) == w && (!w.is_empty() || query(&el, ".wb-empty").is_some())
    })
    .await;
    assert_eq!(chips(&m.el), ["Only backups I can manage"]);
    click(&by(&m.el, ".wb-chip__remove"));
    let el = m.el.clone();
    wait_until("removed", 5000, move || chips(&el).is_empty()).await;
    let manage: web_sys::HtmlInputElement = field(&m.el, "can_manage").unchecked_into();
    assert!(!manage.checked());
}

#[wasm_bindgen_test]
async fn a_2024_waldur_is_not_offered_only_backups_i_can_manage() {
    reset().await;
    control("POST", "settings", Some(r#"{"profile": "2024"}"#)).await;
    // Another address of the same server: what the page learns of it stays with it.
    let port = devserver_url().rsplit(':').next().unwrap();
    let base = format!("http://localhost:{port}");
    let m = mount_table(
        &base,
        STAFF_TOKEN,
        Settings {
            page_size: 300,
            ..Settings::default()
        },
    );
    loaded(&m.el).await;
    open_panel(&m.el).await;
    let el = m.el.clone();
    wait_until("the note replaces the checkbox", 5000, move || {
        query(&el, ".wb-more__unsupported").is_some()
    })
    .await;
    assert_eq!(
        text(&by(&m.el, ".wb-more__unsupported")),
        Msg::MoreCanManageUnsupported.english()
    );
    assert!(query(&m.el, "[data-filter=can_manage]").is_none());
    // Every other filter is still there.
    assert_eq!(query_all(&m.el, ".wb-more__panel input").len(), 10);
    reset().await;
}

#[wasm_bindgen_test]
async fn the_hosts_scope_keeps_its_filters_out_of_the_panel() {
    reset().await;
    let b = sample().await;
    let project = b.project_uuid.clone().unwrap();
    // A link carries another project: the host's stands, and no chip claims the link's.
    let other = "0a1b2c3d00000000000000000000000f";
    let history = window().history().unwrap();
    let path = window().location().pathname().unwrap();
    history
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?project_uuid={other}&backend_id=b1")),
        )
        .unwrap();
    clear_requests().await;
    let mut s = settings();
    s.scope.project_uuid = Some(project.clone());
    s.url_sync = true;
    let m = mount_table(devserver_url(), STAFF_TOKEN, s);
    wait_for_request("backend_id", "b1").await;
    for pairs in list_requests().await {
        assert!(has(&pairs, "project_uuid", &project), "{pairs:?}");
        assert!(!pairs.iter().any(|(_, v)| v == other), "{pairs:?}");
    }
    let el = m.el.clone();
    wait_until("only the link's own filter is a chip", 3000, move || {
        chips(&el) == ["Backend ID: b1"]
    })
    .await;
    wait_until("the overridden key leaves the URL", 3000, || {
        !window()
            .location()
            .search()
            .unwrap()
            .contains("project_uuid")
    })
    .await;
    open_panel(&m.el).await;
    assert!(query(&m.el, "[data-filter=project_uuid]").is_none());
    assert!(query(&m.el, "[data-filter=customer_uuid]").is_some());
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
}

#[wasm_bindgen_test]
async fn more_filters_speak_the_widgets_language() {
    reset().await;
    let ours = [
        Msg::MoreFilters,
        Msg::MoreNameExact,
        Msg::MoreBackendId,
        Msg::MoreExternalIp,
        Msg::MoreServiceProvider,
        Msg::MoreOrgAbbreviation,
        Msg::MoreOrgNativeName,
        Msg::MoreProjectUuid,
        Msg::MoreOrgUuid,
        Msg::MoreTenant,
        Msg::MoreBackupUuid,
        Msg::MoreIpPlaceholder,
        Msg::MoreTenantPlaceholder,
        Msg::MoreUuidInvalid,
        Msg::MoreCanManage,
    ];
    for lang in ["de", "es", "et", "fr", "nl"] {
        let m = mount_table(
            devserver_url(),
            STAFF_TOKEN,
            Settings {
                locale: Some(lang.into()),
                ..settings()
            },
        );
        loaded(&m.el).await;
        let i18n = m.ctx.i18n;
        let el = m.el.clone();
        wait_until(&format!("{lang} catalog"), 5000, move || {
            !untrack(|| i18n.is_loading())
                && text(&by(&el, ".wb-more__toggle")).starts_with(&i18n.text(Msg::MoreFilters))
        })
        .await;
        open_panel(&m.el).await;
        type_into(&field(&m.el, "project_uuid"), "nope");
        next_frames().await;
        let panel = by(&m.el, ".wb-more__panel");
        let mut seen = text(&by(&m.el, ".wb-more")) + &text(&panel);
        for input in query_all(&panel, "input") {
            for attr in ["placeholder", "aria-label", "title"] {
                seen += &input.get_attribute(attr).unwrap_or_default();
            }
        }
        let mut translated = 0;
        for msg in ours {
            let english = msg.english();
            if untrack(|| i18n.text(msg)) == english {
                continue;
            }
            translated += 1;
            assert!(!seen.contains(english), "{lang}: “{english}” in {seen}");
        }
        assert!(
            translated >= 14,
            "{lang}: only {translated} texts translated"
        );
    }
}

#[wasm_bindgen_test]
async fn at_360_px_the_panel_wraps_into_the_widgets_width() {
    reset().await;
    let m = mount_table(devserver_url(), STAFF_TOKEN, settings());
    m.el.unchecked_ref::<web_sys::HtmlElement>()
        .style()
        .set_property("width", "360px")
        .unwrap();
    loaded(&m.el).await;
    open_panel(&m.el).await;
    type_into(
        &field(&m.el, "tenant"),
        "https://waldur.example/api/openstack-instances/0a1b2c3d00000000000000000000000f/",
    );
    next_frames().await;
    let right = m.el.get_bounding_client_rect().right();
    let toggle = by(&m.el, ".wb-more__toggle");
    assert!(toggle.get_bounding_client_rect().right() <= right + 0.5);
    let panel = by(&m.el, ".wb-more__panel");
    assert!(
        panel.scroll_width() <= panel.client_width(),
        "the panel scrolls sideways"
    );
    for part in query_all(&panel, "input, label, .wb-field__error") {
        let r = part.get_bounding_client_rect();
        assert!(r.width() > 0.0, "{} is shown", part.outer_html());
        assert!(r.right() <= right + 0.5, "{} sticks out", part.outer_html());
    }
    // One field per row: each input starts below the one before.
    let tops: Vec<f64> = query_all(&panel, "input[type=text]")
        .iter()
        .map(|i| i.get_bounding_client_rect().top())
        .collect();
    assert!(tops.windows(2).all(|w| w[1] > w[0]), "{tops:?}");
}
