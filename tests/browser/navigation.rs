//! Moving through the list as a person does, in headless Chromium against the dev server:
//! pages past the end, Back and Forward with `urlSync`, page sizes from links, filters the API
//! cannot use, filters the host fixed, and what the live region says after each change.

use crate::support::*;
use waldur_backups::api::{Auth, BackupQuery, Client};
use waldur_backups::components::{mount_widget, Settings};
use waldur_backups::state::Scope;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

const LIST: &str = "/api/openstack-backups/";

#[wasm_bindgen(inline_js = "
export function watch_text(el) {
  const seen = [];
  let last = el.textContent.trim();
  new MutationObserver(() => {
    const now = el.textContent.trim();
    if (now !== last) { last = now; if (now) seen.push(now); }
  }).observe(el, { childList: true, characterData: true, subtree: true });
  return seen;
}
")]
extern "C" {
    /// Every non-empty text `el` shows from now on, each change once (what a screen reader
    /// would be given by a live region).
    fn watch_text(el: &Element) -> js_sys::Array;
}

struct Widget {
    el: Element,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Widget {
    fn drop(&mut self) {
        self.el.remove();
    }
}

impl Widget {
    fn must(&self, selector: &str) -> Element {
        query(&self.el, selector).unwrap_or_else(|| panic!("no element {selector}"))
    }
    fn rows(&self) -> Vec<Element> {
        query_all(&self.el, "tr.wb-row")
    }
    fn current_page(&self) -> Option<String> {
        query(&self.el, ".wb-page-number[aria-current=page]").map(|b| text(&b))
    }
    fn said(&self) -> String {
        text(&self.must(".wb-results-status"))
    }
    fn button(&self, label: &str) -> Element {
        self.must(&format!("button[aria-label='{label}']"))
    }
    fn filter(&self, name: &str) -> Element {
        self.must(&format!("[data-filter={name}]"))
    }
}

fn mount(settings: Settings) -> Widget {
    let el = mount_point();
    let client = Client::new(devserver_url(), Auth::Token(STAFF_TOKEN.into()));
    let handle = mount_widget(el.clone(), client, settings, None);
    Widget {
        el: el.unchecked_into(),
        _handle: Box::new(handle),
    }
}

fn synced() -> Settings {
    Settings {
        url_sync: true,
        ..Settings::default()
    }
}

/// Puts the test page at `search` (the table's keys only), as a link would open it.
fn open_link(search: &str) {
    let location = window().location();
    let url = format!("{}{search}", location.pathname().unwrap());
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(&url))
        .unwrap();
}

fn search() -> String {
    window().location().search().unwrap()
}

fn history_length() -> u32 {
    window().history().unwrap().length().unwrap()
}

async fn shows_rows(w: &Widget) {
    wait_until("rows are shown", 8000, || !w.rows().is_empty()).await;
}

async fn settled_on(w: &Widget, what: &str, said: impl Fn(&str) -> bool) {
    wait_until(what, 8000, || said(&w.said())).await;
}

async fn list_queries() -> Vec<String> {
    requests_to("GET", LIST)
        .await
        .iter()
        .filter(|r| get_str(r, "path").as_deref() == Some(LIST))
        .filter_map(|r| get_str(r, "query"))
        .collect()
}

#[wasm_bindgen_test]
async fn a_link_past_the_last_page_shows_the_last_page() {
    reset().await;
    open_link("?page=999");
    let before = history_length();
    let w = mount(synced());
    settled_on(&w, "the last page", |s| {
        s.starts_with("Page 999 does not exist")
    })
    .await;
    assert_eq!(
        w.said(),
        "Page 999 does not exist. Showing page 16, the last page. Page 16 of 16, 160 backups, sorted by name, ascending"
    );
    assert_eq!(w.current_page().as_deref(), Some("16"));
    assert_eq!(w.rows().len(), 10);
    let note = w.must(".wb-moved");
    assert_eq!(
        text(&note),
        "Page 999 does not exist. Showing page 16, the last page.Dismiss"
    );
    assert!(
        query(&w.el, ".wb-load-error").is_none(),
        "no error, no Retry"
    );
    assert!(search().contains("page=16"), "{}", search());
    assert_eq!(history_length(), before, "the broken entry is replaced");
    open_link("");
}

#[wasm_bindgen_test]
async fn a_page_past_the_end_without_a_count_steps_back() {
    reset().await;
    add_fault(r#"{"path": "/api/openstack-backups/", "omit_result_count": true}"#).await;
    open_link("?page=17");
    let w = mount(synced());
    settled_on(&w, "one page back", |s| {
        s.starts_with("Page 17 does not exist")
    })
    .await;
    assert_eq!(
        w.said(),
        "Page 17 does not exist. Showing page 16, the last page. Page 16 of 16, 160 backups, sorted by name, ascending"
    );
    drop(w);
    // Far past the end, two misses lead to the first page rather than 998 more requests.
    clear_requests().await;
    open_link("?page=999");
    let w = mount(synced());
    settled_on(&w, "the first page", |s| {
        s.starts_with("Page 999 does not exist")
    })
    .await;
    assert_eq!(
        w.said(),
        "Page 999 does not exist. Showing page 1. Page 1 of 16, at least 10 backups, sorted by name, ascending"
    );
    // Pages asked for (the count probes are one-row pages of their own).
    let queries = list_queries().await;
    let probe = |q: &String| q.split('&').any(|p| p == "page_size=1");
    assert_eq!(
        queries.iter().filter(|q| probe(q)).count(),
        2,
        "{queries:?}"
    );
    let pages: Vec<String> = queries
        .iter()
        .filter(|q| !probe(q))
        .map(|q| {
            q.split('&')
                .find(|p| p.starts_with("page="))
                .unwrap_or("page=1")
                .to_string()
        })
        .collect();
    assert_eq!(pages, ["page=999", "page=998", "page=1"]);
    clear_faults().await;
    open_link("");
}

#[wasm_bindgen_test]
async fn deleting_every_row_of_the_last_page_shows_the_page_before() {
    reset().await;
    let w = mount(Settings::default());
    shows_rows(&w).await;
    click(&w.button("Last page"));
    settled_on(&w, "the last page", |s| s.starts_with("Page 16 of 16")).await;
    // Someone else removes every backup of the last page.
    let staff = Client::new(devserver_url(), Auth::Token(STAFF_TOKEN.into()));
    let last = staff
        .list_backups(&BackupQuery {
            page: Some(16),
            page_size: Some(10),
            ..BackupQuery::default()
        })
        .await
        .unwrap();
    for b in last.items {
        staff.unlink_backup(&b.uuid).await.unwrap();
    }
    click(&w.must(".wb-refresh"));
    settled_on(&w, "the page before", |s| {
        s.starts_with("Page 16 does not exist")
    })
    .await;
    assert_eq!(
        w.said(),
        "Page 16 does not exist. Showing page 15, the last page. Page 15 of 15, 150 backups, sorted by name, ascending"
    );
    assert_eq!(w.current_page().as_deref(), Some("15"));
    assert!(query(&w.el, ".wb-load-error").is_none());
    // No row of the deleted page is still shown.
    wait_until("fresh rows", 3000, || w.rows().len() == 10).await;
}

#[wasm_bindgen_test]
async fn back_and_forward_walk_through_pages_sorts_and_filters() {
    reset().await;
    open_link("");
    let w = mount(synced());
    shows_rows(&w).await;
    settled_on(&w, "page 1", |s| s.starts_with("Page 1 of 16")).await;
    let start = history_length();
    click(&w.button("Next page"));
    settled_on(&w, "page 2", |s| s.starts_with("Page 2 of 16")).await;
    click(&w.must("button[data-sort='created']"));
    settled_on(&w, "sorted", |s| s.contains("creation time")).await;
    type_into(&w.filter("name"), "db");
    wait_until("the typed filter in the URL", 3000, || {
        search().contains("q=db")
    })
    .await;
    assert_eq!(history_length(), start + 3, "one entry per settled change");

    window().history().unwrap().back().unwrap();
    wait_until("the filter is gone", 3000, || !search().contains("q=db")).await;
    settled_on(&w, "sorted, unfiltered", |s| {
        s.starts_with("Page 1 of 16") && s.contains("creation time")
    })
    .await;
    assert_eq!(
        w.filter("name")
            .unchecked_ref::<web_sys::HtmlInputElement>()
            .value(),
        ""
    );
    window().history().unwrap().back().unwrap();
    settled_on(&w, "page 2 by name", |s| {
        s == "Page 2 of 16, 160 backups, sorted by name, ascending"
    })
    .await;
    assert_eq!(w.current_page().as_deref(), Some("2"));
    window().history().unwrap().forward().unwrap();
    settled_on(&w, "sorted again", |s| s.contains("creation time")).await;
    window().history().unwrap().forward().unwrap();
    wait_until("the filter again", 3000, || {
        w.filter("name")
            .unchecked_ref::<web_sys::HtmlInputElement>()
            .value()
            == "db"
    })
    .await;
    assert_eq!(history_length(), start + 3, "walking adds nothing");
    drop(w);
    open_link("");
}

#[wasm_bindgen_test]
async fn typing_a_filter_adds_one_history_entry() {
    reset().await;
    open_link("");
    let w = mount(synced());
    shows_rows(&w).await;
    let start = history_length();
    for typed in ["w", "we", "web"] {
        type_into(&w.filter("name"), typed);
        sleep(40).await;
    }
    wait_until("the filter in the URL", 3000, || search().contains("q=web")).await;
    sleep(300).await;
    assert_eq!(history_length(), start + 1);
    drop(w);
    open_link("");
}

#[wasm_bindgen_test]
async fn back_closes_the_drawer() {
    reset().await;
    open_link("");
    let w = mount(synced());
    shows_rows(&w).await;
    let row = w.rows()[1].clone();
    let uuid = row.get_attribute("data-uuid").unwrap();
    click(&query(&row, "td.wb-col-name").unwrap());
    wait_until("the drawer", 3000, || {
        query(&w.el, ".wb-modal--drawer").is_some()
    })
    .await;
    wait_until("the URL names it", 3000, || {
        search().contains(&format!("backup={uuid}"))
    })
    .await;

    window().history().unwrap().back().unwrap();
    wait_until("the drawer closes", 3000, || {
        query(&w.el, ".wb-modal--drawer").is_none()
    })
    .await;
    assert!(!search().contains("backup="), "{}", search());

    window().history().unwrap().forward().unwrap();
    wait_until("the drawer again", 3000, || {
        query(&w.el, ".wb-modal--drawer").is_some()
    })
    .await;
    drop(w);
    open_link("");
}

#[wasm_bindgen_test]
async fn a_page_size_that_is_not_offered_becomes_the_next_offered_one() {
    reset().await;
    open_link("?page=3&page_size=7");
    let w = mount(synced());
    settled_on(&w, "a page", |s| s.starts_with("Page")).await;
    let select: web_sys::HtmlSelectElement = w.must(".wb-pagination select").unchecked_into();
    assert_eq!(select.value(), "10", "the size in use is the one shown");
    assert_eq!(w.rows().len(), 10);
    // Rows 15–21 asked for: they are on page 2 of 10.
    assert_eq!(w.current_page().as_deref(), Some("2"));
    assert!(
        !search().contains("page_size"),
        "the URL says what is shown: {}",
        search()
    );
    drop(w);
    open_link("");
    // A Leptos host's size is normalised the same way.
    let w = mount(Settings {
        page_size: 30,
        ..Settings::default()
    });
    shows_rows(&w).await;
    let select: web_sys::HtmlSelectElement = w.must(".wb-pagination select").unchecked_into();
    assert_eq!(select.value(), "50");
    assert_eq!(w.rows().len(), 50);
}

#[wasm_bindgen_test]
async fn an_instance_filter_that_is_no_instance_is_marked_and_sends_nothing() {
    reset().await;
    let w = mount(Settings::default());
    shows_rows(&w).await;
    clear_requests().await;
    let field = w.filter("instance");
    type_into(&field, "web-1");
    wait_until("the field is marked", 3000, || {
        field.get_attribute("aria-invalid").as_deref() == Some("true")
    })
    .await;
    let note = crate::support::document()
        .get_element_by_id(&field.get_attribute("aria-describedby").unwrap())
        .unwrap();
    assert_eq!(
        text(&note),
        "Enter the instance's UUID or its API URL (…/api/openstack-instances/UUID/)."
    );
    sleep(500).await;
    // (Refreshes of changing rows go on: none of them carries the text.)
    assert!(
        list_queries()
            .await
            .iter()
            .all(|q| !q.contains("instance=") && !q.contains("instance_uuid=")),
        "nothing is sent"
    );
    assert!(
        query(&w.el, ".wb-chips").is_none(),
        "no chip claims a filter"
    );
    // A real instance URL is used, and its chip shows.
    type_into(
        &field,
        "https://waldur.example/api/openstack-instances/0a1b2c3d00000000000000000000000f/",
    );
    wait_until("the chip", 3000, || query(&w.el, ".wb-chip").is_some()).await;
    assert!(field.get_attribute("aria-invalid").is_none());
    let mut sent = false;
    for _ in 0..100 {
        sent = list_queries().await.iter().any(|q| q.contains("instance="));
        if sent {
            break;
        }
        sleep(30).await;
    }
    assert!(sent, "the instance URL is sent");
}

#[wasm_bindgen_test]
async fn filters_fixed_by_the_host_are_read_only() {
    reset().await;
    let staff = Client::new(devserver_url(), Auth::Token(STAFF_TOKEN.into()));
    let first = staff
        .list_backups(&BackupQuery::default())
        .await
        .unwrap()
        .items
        .remove(0);
    let w = mount(Settings {
        scope: Scope {
            project_uuid: first.project_uuid.clone(),
            ..Scope::default()
        },
        ..Settings::default()
    });
    shows_rows(&w).await;
    let project: web_sys::HtmlInputElement = w.filter("project").unchecked_into();
    wait_until("the project's name", 3000, || {
        project.value() == first.project_name.clone().unwrap()
    })
    .await;
    assert!(project.read_only());
    let note = crate::support::document()
        .get_element_by_id(&project.get_attribute("aria-describedby").unwrap())
        .unwrap();
    assert_eq!(text(&note), "Set by this page");
    // Even input forced into it changes nothing.
    clear_requests().await;
    type_into(&project, "other");
    sleep(500).await;
    assert!(
        list_queries()
            .await
            .iter()
            .all(|q| !q.contains("project_name")),
        "the fixed field filters nothing of its own"
    );
    let organization: web_sys::HtmlInputElement = w.filter("customer").unchecked_into();
    assert!(
        !organization.read_only(),
        "what the host did not fix stays editable"
    );
}

#[wasm_bindgen_test]
async fn paging_is_announced_once() {
    reset().await;
    let w = mount(Settings::default());
    settled_on(&w, "page 1", |s| s.starts_with("Page 1 of 16")).await;
    let seen = watch_text(&w.must(".wb-results-status"));
    click(&w.button("Next page"));
    settled_on(&w, "page 2", |s| s.starts_with("Page 2")).await;
    click(&w.button("Last page"));
    settled_on(&w, "page 16", |s| s.starts_with("Page 16")).await;
    click(&w.button("First page"));
    settled_on(&w, "page 1", |s| s.starts_with("Page 1 of")).await;
    sleep(400).await;
    let said: Vec<String> = seen.iter().filter_map(|v| v.as_string()).collect();
    assert_eq!(
        said,
        [
            "Page 2 of 16, 160 backups, sorted by name, ascending",
            "Page 16 of 16, 160 backups, sorted by name, ascending",
            "Page 1 of 16, 160 backups, sorted by name, ascending",
        ]
    );
}

#[wasm_bindgen_test]
async fn sorting_and_page_size_are_announced_once() {
    reset().await;
    let w = mount(Settings::default());
    settled_on(&w, "page 1", |s| s.starts_with("Page 1 of 16")).await;
    let seen = watch_text(&w.must(".wb-results-status"));
    click(&w.must("button[data-sort='name']"));
    settled_on(&w, "descending", |s| s.contains("descending")).await;
    let select: web_sys::HtmlSelectElement = w.must(".wb-pagination select").unchecked_into();
    select.set_value("25");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    settled_on(&w, "25 a page", |s| s.starts_with("Page 1 of 7")).await;
    sleep(400).await;
    let said: Vec<String> = seen.iter().filter_map(|v| v.as_string()).collect();
    assert_eq!(
        said,
        [
            "Page 1 of 16, 160 backups, sorted by name, descending",
            "Page 1 of 7, 160 backups, sorted by name, descending",
        ]
    );
}

#[wasm_bindgen_test]
async fn without_a_count_the_total_is_what_the_pages_prove() {
    reset().await;
    add_fault(r#"{"path": "/api/openstack-backups/", "omit_result_count": true}"#).await;
    let w = mount(Settings::default());
    settled_on(&w, "page 1", |s| s.starts_with("Page 1")).await;
    click(&w.button("Next page"));
    settled_on(&w, "page 2", |s| s.starts_with("Page 2")).await;
    // The Link header names the last page; the count is only known to be at least 20.
    assert_eq!(
        w.said(),
        "Page 2 of 16, at least 20 backups, sorted by name, ascending"
    );
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn a_load_error_is_announced_once() {
    reset().await;
    let w = mount(Settings::default());
    settled_on(&w, "page 1", |s| s.starts_with("Page 1 of 16")).await;
    add_fault(r#"{"path": "/api/openstack-backups/", "method": "GET", "status": 503}"#).await;
    click(&w.button("Next page"));
    wait_until("the error", 5000, || {
        query(&w.el, ".wb-load-error").is_some()
    })
    .await;
    let alert = w.must(".wb-load-error");
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(w.said(), "", "the status region does not say it too");
    clear_faults().await;
    click(&w.must(".wb-load-error .wb-retry"));
    settled_on(&w, "page 2", |s| s.starts_with("Page 2 of 16")).await;
}
