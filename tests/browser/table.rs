//! The backup table in headless Chromium against the dev server: what reaches the server, what
//! a person sees, and how the keyboard and assistive technology experience it.

use crate::support::*;
use leptos::prelude::*;
use waldur_backups::api::{Auth, Client};
use waldur_backups::components::Settings;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

const LIST: &str = "/api/openstack-backups/";

fn mount_table(token: &str, settings: Settings, poll_ms: u32) -> MountedTable {
    let timings = TableTimings {
        poll_base_ms: poll_ms,
        poll_max_ms: poll_ms * 4,
        debounce_ms: 150,
    };
    mount_table_at(devserver_url(), token, settings, timings)
}

/// The URL and UUID of the first row's instance.
fn first_instance(m: &MountedTable) -> (String, String) {
    let url = m.ctx.store.rows.get_untracked()[0]
        .instance
        .clone()
        .unwrap();
    let uuid = waldur_backups::state::uuid_from_url(&url)
        .unwrap()
        .to_string();
    (url, uuid)
}

fn staff() -> MountedTable {
    mount_table(STAFF_TOKEN, Settings::default(), 2000)
}

fn rows(el: &Element) -> Vec<Element> {
    query_all(el, "tr.wb-row")
}

async fn loaded(el: &Element) {
    let el2 = el.clone();
    wait_until("rows are shown", 8000, move || !rows(&el2).is_empty()).await;
}

async fn list_queries() -> Vec<String> {
    requests_to("GET", LIST)
        .await
        .iter()
        .filter(|r| get_str(r, "path").as_deref() == Some(LIST))
        .filter_map(|r| get_str(r, "query"))
        .collect()
}

async fn wait_for_query(part: &str) -> String {
    for _ in 0..200 {
        if let Some(q) = list_queries().await.into_iter().find(|q| q.contains(part)) {
            return q;
        }
        sleep(30).await;
    }
    panic!(
        "no list request with {part}; got {:?}",
        list_queries().await
    );
}

fn by(el: &Element, selector: &str) -> Element {
    query(el, selector).unwrap_or_else(|| panic!("no element {selector}"))
}

fn range_text(el: &Element) -> String {
    text(&by(el, ".wb-pagination__range"))
}

#[wasm_bindgen_test]
async fn sorting_sends_o_and_marks_only_the_sorted_header() {
    reset().await;
    let m = staff();
    loaded(&m.el).await;
    clear_requests().await;
    click(&by(&m.el, "button[data-sort='created']"));
    wait_for_query("o=created").await;
    let th = by(&m.el, "th.wb-col-created");
    assert_eq!(th.get_attribute("aria-sort").as_deref(), Some("ascending"));
    assert_eq!(query_all(&m.el, "th[aria-sort]").len(), 1);
    click(&by(&m.el, "button[data-sort='created']"));
    wait_for_query("o=-created").await;
    let el = m.el.clone();
    wait_until("descending", 3000, move || {
        by(&el, "th.wb-col-created")
            .get_attribute("aria-sort")
            .as_deref()
            == Some("descending")
    })
    .await;
    click(&by(&m.el, "button[data-sort='project_name']"));
    wait_for_query("o=project_name").await;
    click(&by(&m.el, "button[data-sort='customer_name']"));
    wait_for_query("o=customer_name").await;
    click(&by(&m.el, "button[data-sort='state']"));
    wait_for_query("o=state").await;
    assert_eq!(query_all(&m.el, "th[aria-sort]").len(), 1);
}

#[wasm_bindgen_test]
async fn the_host_chooses_and_orders_columns_and_service_sorts_too() {
    reset().await;
    let settings = Settings {
        columns: waldur_backups::state::Column::parse_list(["service", "name", "state"]).unwrap(),
        ..Settings::default()
    };
    let m = mount_table(STAFF_TOKEN, settings, 2000);
    loaded(&m.el).await;
    let headers: Vec<String> = query_all(&m.el, "thead th")
        .iter()
        .map(text)
        .map(|t| t.trim_end_matches(['↕', '▲', '▼']).trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(headers, vec!["Service provider", "Name", "State"]);
    clear_requests().await;
    click(&by(&m.el, "button[data-sort='service_name']"));
    wait_for_query("o=service_name").await;
}

#[wasm_bindgen_test]
async fn each_filter_reaches_the_server_as_its_parameter() {
    reset().await;
    let m = staff();
    loaded(&m.el).await;
    let (_, instance_uuid) = first_instance(&m);
    clear_requests().await;
    type_into(&by(&m.el, "input[data-filter='project']"), "Alpha");
    wait_for_query("project_name=Alpha").await;
    type_into(&by(&m.el, "input[data-filter='customer']"), "Acme");
    wait_for_query("customer_name=Acme").await;
    type_into(&by(&m.el, "input[data-filter='description']"), "nightly");
    wait_for_query("description=nightly").await;
    type_into(&by(&m.el, "input[data-filter='name']"), "db");
    wait_for_query("name=db").await;
    type_into(&by(&m.el, "input[data-filter='instance']"), &instance_uuid);
    wait_for_query(&format!("instance_uuid={instance_uuid}")).await;
    click(&by(&m.el, "input[data-state='ERRED']"));
    let q = wait_for_query("state=ERRED").await;
    assert!(q.contains("name=db") && q.contains("page=1"), "{q}");
    // Chips for each, and "Clear all" removes them.
    let el = m.el.clone();
    wait_until("chips", 3000, move || query_all(&el, ".wb-chip").len() == 6).await;
    clear_requests().await;
    let clear = query_all(&m.el, "button")
        .into_iter()
        .find(|b| text(b) == "Clear all")
        .unwrap();
    click(&clear);
    let el = m.el.clone();
    wait_until("chips gone", 3000, move || {
        query_all(&el, ".wb-chip").is_empty()
    })
    .await;
    wait_for_query("page=1&page_size=10").await;
}

/// Waits until "Create backup" is shown and enabled (`true`) or gone (`false`).
async fn create_button_shown(el: &Element, shown: bool) {
    let el = el.clone();
    wait_until("the Create backup button", 5000, move || {
        let button = el.query_selector(".wb-create__button").unwrap();
        if shown {
            button.is_some_and(|b| !b.has_attribute("disabled"))
        } else {
            button.is_none()
        }
    })
    .await;
}

#[wasm_bindgen_test]
async fn choosing_or_typing_an_instance_offers_to_back_it_up() {
    reset().await;
    let m = staff();
    loaded(&m.el).await;
    assert!(m.el.query_selector(".wb-create__button").unwrap().is_none());
    let (instance_url, instance_uuid) = first_instance(&m);
    // A click on a row's instance narrows the table to that instance's backups.
    clear_requests().await;
    click(&by(&rows(&m.el)[0], ".wb-instance"));
    wait_for_query(&format!("instance_uuid={instance_uuid}")).await;
    assert_eq!(m.ctx.store.open_detail.get_untracked(), None);
    let input: web_sys::HtmlInputElement =
        by(&m.el, "input[data-filter='instance']").unchecked_into();
    assert_eq!(input.value(), instance_uuid);
    // Its chip names it rather than showing the UUID.
    let name = m.ctx.store.rows.get_untracked()[0]
        .instance_name
        .clone()
        .unwrap();
    let el = m.el.clone();
    let want = format!("Instance: {name}");
    wait_until("the chip names the instance", 3000, move || {
        query_all(&el, ".wb-chip span")
            .iter()
            .any(|c| text(c) == want)
    })
    .await;
    create_button_shown(&m.el, true).await;
    type_into(&by(&m.el, "input[data-filter='instance']"), "");
    create_button_shown(&m.el, false).await;
    // An instance URL typed in the filter works as well as a UUID.
    type_into(&by(&m.el, "input[data-filter='instance']"), &instance_url);
    create_button_shown(&m.el, true).await;
    // Sorting or paging keeps the same button (no new instance check).
    let button = by(&m.el, ".wb-create__button");
    clear_requests().await;
    click(&by(&m.el, "th button.wb-sort"));
    wait_for_query("o=").await;
    assert!(by(&m.el, ".wb-create__button").is_same_node(Some(&button)));
    type_into(&by(&m.el, "input[data-filter='instance']"), "");
    create_button_shown(&m.el, false).await;
}

#[wasm_bindgen_test]
async fn fixed_scope_is_sent_and_cannot_be_removed() {
    reset().await;
    let probe = staff();
    loaded(&probe.el).await;
    let project = probe.ctx.store.rows.get_untracked()[0]
        .project_uuid
        .clone()
        .unwrap();
    clear_requests().await;
    let mut settings = Settings::default();
    settings.scope.project_uuid = Some(project.clone());
    let m = mount_table(STAFF_TOKEN, settings, 2000);
    loaded(&m.el).await;
    wait_for_query(&format!("project_uuid={project}")).await;
    let fixed = by(&m.el, ".wb-chip--fixed");
    assert!(query(&fixed, "button").is_none());
}

#[wasm_bindgen_test]
async fn pagination_follows_the_headers() {
    reset().await;
    let m = staff();
    loaded(&m.el).await;
    let el = m.el.clone();
    wait_until("range", 3000, move || {
        range_text(&el).starts_with("1–10 of ")
    })
    .await;
    let total: u64 = range_text(&m.el)
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(rows(&m.el).len(), 10);
    clear_requests().await;
    click(&by(&m.el, "button[aria-label='Next page']"));
    wait_for_query("page=2").await;
    let el = m.el.clone();
    let want = format!("11–20 of {total}");
    wait_until("page 2", 3000, move || range_text(&el) == want).await;
    click(&by(&m.el, "button[aria-label='Last page']"));
    let last = total.div_ceil(10);
    wait_for_query(&format!("page={last}")).await;
    let el = m.el.clone();
    wait_until("last page", 3000, move || {
        range_text(&el).ends_with(&format!("–{total} of {total}"))
    })
    .await;
    // The page size choice reaches the server.
    let select = by(&m.el, ".wb-pagination select");
    select
        .unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value("25");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    wait_for_query("page_size=25").await;
}

#[wasm_bindgen_test]
async fn pagination_degrades_without_a_total() {
    reset().await;
    add_fault(r#"{"path": "/api/openstack-backups/", "method": "GET", "omit_result_count": true}"#)
        .await;
    let m = staff();
    loaded(&m.el).await;
    let el = m.el.clone();
    wait_until("range without total", 3000, move || {
        range_text(&el) == "1–10"
    })
    .await;
    click(&by(&m.el, "button[aria-label='Next page']"));
    wait_for_query("page=2").await;
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn typing_a_search_sends_one_request() {
    reset().await;
    let m = staff();
    loaded(&m.el).await;
    sleep(200).await;
    clear_requests().await;
    let input = by(&m.el, "input[data-filter='name']");
    let word = "backupsxyz";
    for i in 1..=word.len() {
        type_into(&input, &word[..i]);
        sleep(40).await;
    }
    sleep(700).await;
    let queries = list_queries().await;
    assert_eq!(queries.len(), 1, "{queries:?}");
    assert!(queries[0].contains("name=backupsxyz"));
}

#[wasm_bindgen_test]
async fn a_late_older_answer_does_not_replace_a_newer_one() {
    reset().await;
    let m = staff();
    loaded(&m.el).await;
    let name = m.ctx.store.rows.get_untracked()[0].name.clone();
    let prefix: String = name.chars().take(4).collect();
    add_fault(r#"{"path": "/api/openstack-backups/", "method": "GET", "hold": true, "count": 2}"#)
        .await;
    clear_requests().await;
    let input = by(&m.el, "input[data-filter='name']");
    type_into(&input, "zzzz-nothing");
    wait_for_query("name=zzzz-nothing").await;
    type_into(&input, &prefix);
    wait_for_query(&format!("name={prefix}")).await;
    release_held("reverse").await;
    let el = m.el.clone();
    let p = prefix.to_lowercase();
    wait_until("newer rows shown", 5000, move || {
        let r = rows(&el);
        !r.is_empty()
            && r.iter()
                .all(|row| text(&by(row, ".wb-name")).to_lowercase().contains(&p))
    })
    .await;
    sleep(500).await;
    assert!(
        !rows(&m.el).is_empty(),
        "the older, empty answer replaced the newer one"
    );
    assert!(query(&m.el, ".wb-empty").is_none());
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn polling_runs_while_rows_change_and_stops_after() {
    reset().await;
    let m = mount_table(STAFF_TOKEN, Settings::default(), 150);
    loaded(&m.el).await;
    click(&by(&m.el, "input[data-state='CREATING']"));
    wait_for_query("state=CREATING").await;
    let el = m.el.clone();
    wait_until("creating rows", 5000, move || {
        let r = rows(&el);
        !r.is_empty()
            && r.iter()
                .all(|row| row.get_attribute("data-state").as_deref() == Some("CREATING"))
    })
    .await;
    let first = rows(&m.el)[0].clone();
    clear_requests().await;
    sleep(1000).await;
    assert!(list_queries().await.len() >= 2, "polls while transitional");
    // Time passes on the server: the backups finish and leave the CREATING filter.
    advance_clock(24 * 3600).await;
    let el = m.el.clone();
    wait_until("no transitional rows", 8000, move || {
        rows(&el)
            .iter()
            .all(|row| row.get_attribute("data-state").as_deref() != Some("CREATING"))
    })
    .await;
    // A poll already sent when the rows finished may still be answered on a loaded machine.
    sleep(1000).await;
    clear_requests().await;
    sleep(1500).await;
    assert_eq!(list_queries().await.len(), 0, "polling stopped");
    drop(first);
}

#[wasm_bindgen_test]
async fn a_search_typed_while_a_refresh_is_due_is_sent_once() {
    reset().await;
    let settings = Settings {
        page_size: 100,
        ..Default::default()
    };
    // Transitional rows on the page: a refresh is due 1.5 s after it loaded.
    let m = mount_table(STAFF_TOKEN, settings, 1500);
    loaded(&m.el).await;
    assert!(
        rows(&m.el).iter().any(|r| {
            let s = r.get_attribute("data-state").unwrap_or_default();
            s != "OK" && s != "ERRED"
        }),
        "the first page has a transitional row"
    );
    // The search's answer is held past the moment the refresh was due.
    add_fault(r#"{"path": "/api/openstack-backups/", "method": "GET", "hold": true, "count": 1}"#)
        .await;
    clear_requests().await;
    type_into(&by(&m.el, "input[data-filter='name']"), "zzzz-nothing");
    wait_for_query("name=zzzz-nothing").await;
    sleep(2000).await;
    release_held("fifo").await;
    let el = m.el.clone();
    wait_until("nothing matches", 5000, move || {
        query(&el, ".wb-empty").is_some()
    })
    .await;
    sleep(500).await;
    let searches: Vec<String> = list_queries()
        .await
        .into_iter()
        .filter(|q| q.contains("name=zzzz-nothing"))
        .collect();
    assert_eq!(searches.len(), 1, "{searches:?}");
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn polling_updates_rows_in_place() {
    reset().await;
    let settings = Settings {
        page_size: 100,
        ..Default::default()
    };
    let m = mount_table(STAFF_TOKEN, settings, 150);
    loaded(&m.el).await;
    let el = m.el.clone();
    wait_until("a transitional row", 5000, move || {
        rows(&el).iter().any(|r| {
            let s = r.get_attribute("data-state").unwrap_or_default();
            s != "OK" && s != "ERRED"
        })
    })
    .await;
    let before: Vec<Element> = rows(&m.el);
    let uuids: Vec<String> = before
        .iter()
        .map(|r| r.get_attribute("data-uuid").unwrap())
        .collect();
    let _ = before[0].unchecked_ref::<HtmlElement>().focus();
    advance_clock(60).await;
    sleep(800).await;
    let after = rows(&m.el);
    let after_uuids: Vec<String> = after
        .iter()
        .map(|r| r.get_attribute("data-uuid").unwrap())
        .collect();
    // Rows still shown are the same DOM nodes (updated in place, not re-created); focus stays.
    let mut kept = 0;
    for (u, node) in uuids.iter().zip(before.iter()) {
        if let Some(i) = after_uuids.iter().position(|a| a == u) {
            assert!(node.is_same_node(Some(&after[i])), "row {u} was re-created");
            kept += 1;
        }
    }
    assert!(kept > 0);
    if after_uuids.first() == uuids.first() {
        assert!(focused().is_some_and(|f| f.is_same_node(Some(&before[0]))));
    }
}

#[wasm_bindgen_test]
async fn empty_states_tell_nothing_exists_from_nothing_matches() {
    reset().await;
    let m = mount_table(NOBODY_TOKEN, Settings::default(), 2000);
    let el = m.el.clone();
    wait_until("empty", 5000, move || query(&el, ".wb-empty").is_some()).await;
    assert_eq!(text(&by(&m.el, ".wb-empty__message")), "No backups yet");
    assert!(query(&m.el, ".wb-empty__clear").is_none());
    assert!(
        axe_violations(&m.el).await.is_empty(),
        "{:?}",
        axe_violations(&m.el).await
    );

    let m2 = staff();
    loaded(&m2.el).await;
    type_into(
        &by(&m2.el, "input[data-filter='name']"),
        "no-such-backup-anywhere",
    );
    let el = m2.el.clone();
    wait_until("no match", 5000, move || query(&el, ".wb-empty").is_some()).await;
    assert_eq!(
        text(&by(&m2.el, ".wb-empty__message")),
        "No backups match these filters"
    );
    click(&by(&m2.el, ".wb-empty__clear"));
    loaded(&m2.el).await;
}

#[wasm_bindgen_test]
async fn an_error_shows_the_message_and_retry_works() {
    reset().await;
    add_fault(r#"{"path": "/api/openstack-backups/", "method": "GET", "status": 500, "count": 1}"#)
        .await;
    let m = staff();
    let el = m.el.clone();
    wait_until("error", 5000, move || {
        query(&el, ".wb-load-error").is_some()
    })
    .await;
    assert!(!text(&by(&m.el, ".wb-load-error p")).is_empty());
    let v = axe_violations(&m.el).await;
    assert!(v.is_empty(), "{v:?}");
    click(&by(&m.el, ".wb-retry"));
    loaded(&m.el).await;
    let el = m.el.clone();
    wait_until("error gone", 3000, move || {
        query(&el, ".wb-load-error").is_none()
    })
    .await;
}

#[wasm_bindgen_test]
async fn loading_and_loaded_states_pass_axe() {
    reset().await;
    add_fault(r#"{"path": "/api/openstack-backups/", "method": "GET", "hold": true, "count": 1}"#)
        .await;
    let m = staff();
    let el = m.el.clone();
    wait_until("skeleton", 3000, move || {
        query_all(&el, ".wb-skeleton").len() == 10
    })
    .await;
    let v = axe_violations(&m.el).await;
    assert!(v.is_empty(), "loading: {v:?}");
    release_held("fifo").await;
    loaded(&m.el).await;
    assert!(query(&m.el, ".wb-skeleton").is_none());
    let v = axe_violations(&m.el).await;
    assert!(v.is_empty(), "loaded: {v:?}");
    let live = by(&m.el, "[aria-live='polite']");
    let el = live.clone();
    wait_until("announced", 3000, move || {
        text(&el).starts_with("Page 1 of 16, 160 backups")
    })
    .await;
}

fn row_with_state(el: &Element, state: &str) -> Option<Element> {
    rows(el)
        .into_iter()
        .find(|r| r.get_attribute("data-state").as_deref() == Some(state))
}

async fn menu_of(row: &Element) -> Vec<(String, bool)> {
    click(&by(row, ".wb-menu__button"));
    let r = row.clone();
    wait_until("menu open", 3000, move || {
        query(&r, "[role='menu']").is_some()
    })
    .await;
    let items = query_all(row, "[role='menuitem']")
        .into_iter()
        .map(|i| {
            (
                i.get_attribute("data-action").unwrap_or_default(),
                i.get_attribute("aria-disabled").as_deref() != Some("true"),
            )
        })
        .collect();
    press_key(&by(row, "[role='menu']"), "Escape", false);
    items
}

#[wasm_bindgen_test]
async fn each_menu_action_is_enabled_exactly_in_its_states() {
    reset().await;
    let settings = Settings {
        page_size: 100,
        is_staff: true,
        ..Default::default()
    };
    let m = mount_table(STAFF_TOKEN, settings.clone(), 60_000);
    loaded(&m.el).await;
    for state in [
        "CREATION_SCHEDULED",
        "CREATING",
        "UPDATE_SCHEDULED",
        "UPDATING",
        "DELETION_SCHEDULED",
        "DELETING",
        "OK",
        "ERRED",
    ] {
        let row = row_with_state(&m.el, state).unwrap_or_else(|| panic!("a row in {state}"));
        let items = menu_of(&row).await;
        let ok = state == "OK";
        let ok_or_erred = ok || state == "ERRED";
        let want = vec![
            ("details".to_string(), true),
            ("restore".to_string(), ok),
            ("edit".to_string(), ok),
            ("delete".to_string(), ok_or_erred),
            ("pull".to_string(), ok_or_erred),
            ("unlink".to_string(), true),
            // Staff on 8.1 also set a stuck backup's state.
            ("set-ok".to_string(), !ok),
            ("set-erred".to_string(), state != "ERRED"),
        ];
        assert_eq!(items, want, "{state}");
    }
    // Without staff there is no Unlink.
    let m2 = mount_table(ADMIN_TOKEN, Settings::default(), 60_000);
    loaded(&m2.el).await;
    let items = menu_of(&rows(&m2.el)[0]).await;
    assert!(items.iter().all(|(k, _)| k != "unlink"));
}

#[wasm_bindgen_test]
async fn menu_actions_open_the_drawer_and_dialog_and_delete_after_confirming() {
    reset().await;
    let settings = Settings {
        page_size: 50,
        ..Default::default()
    };
    let m = mount_table(STAFF_TOKEN, settings, 60_000);
    loaded(&m.el).await;
    let row = row_with_state(&m.el, "OK").unwrap();
    let uuid = row.get_attribute("data-uuid").unwrap();
    click(&by(&row, ".wb-menu__button"));
    let r = row.clone();
    wait_until("menu", 3000, move || {
        query(&r, "[data-action='details']").is_some()
    })
    .await;
    click(&by(&row, "[data-action='details']"));
    assert_eq!(m.ctx.store.open_detail.get_untracked(), Some(uuid.clone()));
    click(&by(&row, ".wb-menu__button"));
    let r = row.clone();
    wait_until("menu", 3000, move || {
        query(&r, "[data-action='restore']").is_some()
    })
    .await;
    clear_requests().await;
    click(&by(&row, "[data-action='restore']"));
    // Rows hold only the listed fields: the dialog opens on the whole backup, fetched first.
    let store = m.ctx.store;
    wait_until("restore dialog's backup", 5000, move || {
        store.restore_for.with_untracked(Option::is_some)
    })
    .await;
    assert_eq!(
        m.ctx.store.restore_for.get_untracked().map(|b| b.uuid),
        Some(uuid.clone())
    );
    assert_eq!(requests_to("GET", &format!("{LIST}{uuid}/")).await.len(), 1);
    click(&by(&row, ".wb-menu__button"));
    let r = row.clone();
    wait_until("menu", 3000, move || {
        query(&r, "[data-action='delete']").is_some()
    })
    .await;
    click(&by(&row, "[data-action='delete']"));
    let el = m.el.clone();
    wait_until("confirm", 3000, move || {
        query(&el, "[role='alertdialog']").is_some()
    })
    .await;
    let name = text(&by(&row, ".wb-name"));
    assert!(text(&by(&m.el, "[role='alertdialog'] h2")).contains(&name));
    clear_requests().await;
    click(&by(&m.el, "[role='alertdialog'] .wb-button--danger"));
    let el = m.el.clone();
    let u = uuid.clone();
    wait_until("deletion scheduled", 5000, move || {
        query(&el, &format!("tr[data-uuid='{u}']"))
            .and_then(|r| r.get_attribute("data-state"))
            .as_deref()
            == Some("DELETION_SCHEDULED")
    })
    .await;
    assert_eq!(
        requests_to("DELETE", &format!("{LIST}{uuid}/")).await.len(),
        1
    );
}

#[wasm_bindgen_test]
async fn bulk_delete_reports_each_failure() {
    reset().await;
    let settings = Settings {
        page_size: 50,
        ..Default::default()
    };
    let m = mount_table(STAFF_TOKEN, settings, 60_000);
    loaded(&m.el).await;
    let ok = row_with_state(&m.el, "OK").unwrap();
    let creating = row_with_state(&m.el, "CREATING").unwrap();
    let creating_name = text(&by(&creating, ".wb-name"));
    click(&by(&ok, ".wb-row-check"));
    click(&by(&creating, ".wb-row-check"));
    let el = m.el.clone();
    wait_until("bulk button", 3000, move || {
        query(&el, ".wb-bulk-delete").is_some()
    })
    .await;
    click(&by(&m.el, ".wb-bulk-delete"));
    let el = m.el.clone();
    wait_until("confirm", 3000, move || {
        query(&el, "[role='alertdialog']").is_some()
    })
    .await;
    assert_eq!(
        text(&by(&m.el, "[role='alertdialog'] h2")),
        "Delete 2 backups?"
    );
    click(&by(&m.el, "[role='alertdialog'] .wb-button--danger"));
    let el = m.el.clone();
    wait_until("result", 5000, move || query(&el, ".wb-notice").is_some()).await;
    let notice = text(&by(&m.el, ".wb-notice"));
    assert!(
        notice.contains("Deletion scheduled for 1 backup; 1 failed"),
        "{notice}"
    );
    assert!(notice.contains(&creating_name), "{notice}");
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_rows_and_enter_opens_details() {
    reset().await;
    let m = staff();
    loaded(&m.el).await;
    let r = rows(&m.el);
    assert_eq!(r[0].get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(r[1].get_attribute("tabindex").as_deref(), Some("-1"));
    r[0].unchecked_ref::<HtmlElement>().focus().unwrap();
    press_key(&r[0], "ArrowDown", false);
    assert!(focused().is_some_and(|f| f.is_same_node(Some(&r[1]))));
    let el = m.el.clone();
    wait_until("roving tabindex", 2000, move || {
        rows(&el)[1].get_attribute("tabindex").as_deref() == Some("0")
    })
    .await;
    press_key(&r[1], "ArrowDown", false);
    press_key(&r[2], "ArrowUp", false);
    assert!(focused().is_some_and(|f| f.is_same_node(Some(&r[1]))));
    press_key(&r[1], "Enter", false);
    assert_eq!(
        m.ctx.store.open_detail.get_untracked(),
        r[1].get_attribute("data-uuid")
    );
}

#[wasm_bindgen_test]
async fn clicking_a_row_opens_its_details_but_its_controls_do_not() {
    reset().await;
    let m = staff();
    loaded(&m.el).await;
    let r = rows(&m.el);
    let click = |row: &Element, selector: &str| {
        by(row, selector).unchecked_ref::<HtmlElement>().click();
    };
    // The checkbox selects, the menu button opens the menu: neither opens the drawer.
    click(&r[0], "input.wb-row-check");
    click(&r[0], ".wb-menu__button");
    assert_eq!(m.ctx.store.open_detail.get_untracked(), None);
    // A click on the name (or anywhere plain) opens the row's details and closes the menu.
    click(&r[1], ".wb-name");
    assert_eq!(
        m.ctx.store.open_detail.get_untracked(),
        r[1].get_attribute("data-uuid")
    );
    assert!(m.el.query_selector("[role=menu]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn url_sync_restores_the_view_and_writes_changes_back() {
    reset().await;
    let history = crate::support::window().history().unwrap();
    let path = crate::support::window().location().pathname().unwrap();
    history
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!(
                "{path}?keep=1&state=OK&page=2&o=-created&backup=abc"
            )),
        )
        .unwrap();
    clear_requests().await;
    let settings = Settings {
        url_sync: true,
        ..Default::default()
    };
    let m = mount_table(STAFF_TOKEN, settings, 60_000);
    loaded(&m.el).await;
    let q = wait_for_query("state=OK").await;
    assert!(q.contains("o=-created") && q.contains("page=2"), "{q}");
    assert_eq!(
        m.ctx.store.open_detail.get_untracked().as_deref(),
        Some("abc")
    );
    click(&by(&m.el, "button[data-sort='name']"));
    wait_for_query("o=name").await;
    wait_until("URL updated", 3000, || {
        crate::support::window()
            .location()
            .search()
            .unwrap()
            .contains("o=name")
    })
    .await;
    let search = crate::support::window().location().search().unwrap();
    assert!(
        search.contains("keep=1") && search.contains("state=OK"),
        "{search}"
    );
    assert!(
        !search.contains("page=2"),
        "sorting went back to page 1: {search}"
    );
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
}

#[wasm_bindgen_test]
async fn mount_widget_shows_the_table_in_a_themed_root() {
    reset().await;
    let el = mount_point();
    let client = Client::new(devserver_url(), Auth::Token(STAFF_TOKEN.into()));
    let _handle =
        waldur_backups::components::mount_widget(el.clone(), client, Settings::default(), None);
    let root = by(&el, ".wb-root");
    assert!(root.get_attribute("data-theme").is_some());
    loaded(&el).await;
}

#[wasm_bindgen_test]
async fn row_menu_works_from_the_keyboard() {
    reset().await;
    let settings = Settings {
        is_staff: true,
        ..Default::default()
    };
    let m = mount_table(STAFF_TOKEN, settings, 60_000);
    loaded(&m.el).await;
    let row = row_with_state(&m.el, "OK").unwrap();
    let uuid = row.get_attribute("data-uuid").unwrap();
    let button = by(&row, ".wb-menu__button");
    let action = || focused().and_then(|f| f.get_attribute("data-action"));
    let _ = button.unchecked_ref::<HtmlElement>().focus();

    // ArrowDown opens the menu on its first item; arrows, Home and End move and wrap.
    press_key(&button, "ArrowDown", false);
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let menu = by(&row, "[role='menu']");
    assert_eq!(
        button.get_attribute("aria-controls"),
        menu.get_attribute("id")
    );
    assert_eq!(action().as_deref(), Some("details"));
    press_key(&focused().unwrap(), "ArrowDown", false);
    assert_eq!(action().as_deref(), Some("restore"));
    press_key(&focused().unwrap(), "End", false);
    assert_eq!(action().as_deref(), Some("set-erred"));
    press_key(&focused().unwrap(), "ArrowDown", false);
    assert_eq!(action().as_deref(), Some("details"));
    press_key(&focused().unwrap(), "ArrowUp", false);
    assert_eq!(action().as_deref(), Some("set-erred"));
    press_key(&focused().unwrap(), "Home", false);
    assert_eq!(action().as_deref(), Some("details"));

    // Escape closes it and gives focus back to its button.
    press_key(&focused().unwrap(), "Escape", false);
    assert!(query(&row, "[role='menu']").is_none());
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(focused().is_some_and(|f| f.is_same_node(Some(&button))));

    // ArrowUp opens it on the last item; Enter on an item runs it and closes the menu.
    press_key(&button, "ArrowUp", false);
    assert_eq!(action().as_deref(), Some("set-erred"));
    press_key(&focused().unwrap(), "Home", false);
    press_key(&focused().unwrap(), "Enter", false);
    assert!(query(&row, "[role='menu']").is_none());
    assert_eq!(m.ctx.store.open_detail.get_untracked(), Some(uuid));
    assert!(focused().is_some_and(|f| f.is_same_node(Some(&button))));

    // Only one menu is open at a time, and clicking elsewhere closes it.
    click(&button);
    let other = rows(&m.el)
        .into_iter()
        .find(|r| !r.is_same_node(Some(&row)))
        .unwrap();
    click(&by(&other, ".wb-menu__button"));
    assert_eq!(query_all(&m.el, "[role='menu']").len(), 1);
    assert!(query(&other, "[role='menu']").is_some());
    let _ = by(&m.el, "input[data-filter='name']")
        .unchecked_ref::<HtmlElement>()
        .focus();
    assert!(query(&m.el, "[role='menu']").is_none());
}

#[wasm_bindgen_test]
async fn dates_follow_the_hosts_locale() {
    reset().await;
    let settings = Settings {
        locale: Some("de-DE".into()),
        ..Default::default()
    };
    let m = mount_table(STAFF_TOKEN, settings, 60_000);
    loaded(&m.el).await;
    // German medium date: "27.11.2026, 14:00".
    let exact = by(&m.el, "time.wb-time").get_attribute("title").unwrap();
    let digits: String = exact.chars().take(10).collect();
    assert!(
        digits
            .chars()
            .enumerate()
            .all(|(i, c)| if i == 2 || i == 5 {
                c == '.'
            } else {
                c.is_ascii_digit()
            }),
        "{exact}"
    );
}

/// A retention date within a day shows the "Expires soon" badge, and a screen reader hears the
/// explanation once: the badge is hidden from it, since the explanation starts with the same
/// words (it heard "Expired: Expired: the server deletes…" before).
#[wasm_bindgen_test]
async fn a_retention_date_within_a_day_is_seen_as_a_badge_and_read_out_once() {
    reset().await;
    let first = staff();
    loaded(&first.el).await;
    let uuid = first.ctx.store.rows.get_untracked()[0].uuid.clone();
    drop(first);
    let soon = js_sys::Date::new(&(js_sys::Date::now() + 2.0 * 3600.0 * 1000.0).into())
        .to_iso_string()
        .as_string()
        .unwrap();
    let patch = waldur_backups::api::BackupPatch {
        kept_until: Some(Some(soon)),
        ..Default::default()
    };
    Client::new(devserver_url(), Auth::Token(STAFF_TOKEN.into()))
        .patch_backup(&uuid, &patch)
        .await
        .expect("the retention date is saved");

    let m = staff();
    loaded(&m.el).await;
    let index = m
        .ctx
        .store
        .rows
        .get_untracked()
        .iter()
        .position(|b| b.uuid == uuid)
        .expect("the backup is still on the first page");
    let cell = query(&rows(&m.el)[index], ".wb-col-kept_until .wb-kept__warning")
        .expect("a warning beside the date");
    let badge = query(&cell, ".wb-kept__badge").unwrap();
    assert_eq!(text(&badge).trim(), "Expires soon");
    assert_eq!(badge.get_attribute("aria-hidden").as_deref(), Some("true"));
    let heard: String = query_all(&cell, ":scope > :not([aria-hidden=true])")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        heard.trim(),
        "Expires within 24 hours, then the server deletes it"
    );
    assert_eq!(
        cell.get_attribute("title").as_deref(),
        Some("Expires within 24 hours, then the server deletes it")
    );
}
