//! "Keep until…" for selected rows in headless Chromium against the dev server: each result
//! on a mix of OK and transitional backups, one request per backup, the table updated in
//! place, and the question before a date that has passed.

use crate::support::document;
use crate::support::*;
use leptos::prelude::*;
use waldur_backups::api::{Auth, Client};
use waldur_backups::components::{BackupTable, Settings, WidgetContext};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

const LIST: &str = "/api/openstack-backups/";

fn mount() -> (Element, Box<dyn std::any::Any>) {
    let el = mount_point();
    let client = Client::new(devserver_url(), Auth::Token(STAFF_TOKEN.into()));
    let settings = Settings {
        page_size: 300,
        columns: waldur_backups::state::Column::parse_list(["name", "state", "kept_until"])
            .unwrap(),
        ..Settings::default()
    };
    let handle = leptos::mount::mount_to(el.clone(), move || {
        WidgetContext::new(client, settings, None).provide();
        view! { <div class="wb-root"><BackupTable poll_base_ms=60000 poll_max_ms=60000 /></div> }
            .into_any()
    });
    (el.unchecked_into(), Box::new(handle))
}

async fn loaded(el: &Element) {
    wait_until("rows are shown", 8000, || {
        !query_all(el, "tr.wb-row").is_empty()
    })
    .await;
}

/// Selects `n` rows in state `state` (API spelling); returns their UUIDs.
fn select(el: &Element, state: &str, n: usize) -> Vec<String> {
    let rows: Vec<Element> = query_all(el, &format!("tr.wb-row[data-state='{state}']"))
        .into_iter()
        .take(n)
        .collect();
    assert_eq!(rows.len(), n, "{n} rows in {state}");
    rows.iter()
        .map(|r| {
            click(&query(r, "input.wb-row-check").unwrap());
            r.get_attribute("data-uuid").unwrap()
        })
        .collect()
}

fn button_named(root: &Element, name: &str) -> HtmlElement {
    query_all(root, "button")
        .into_iter()
        .find(|b| text(b) == name)
        .unwrap_or_else(|| panic!("a button {name}"))
        .unchecked_into()
}

fn dialog() -> Option<Element> {
    query(&document().body().unwrap(), "[role=dialog]")
}

async fn patches() -> Vec<String> {
    requests_to("PATCH", LIST)
        .await
        .iter()
        .filter_map(|r| get_str(r, "path"))
        .collect()
}

fn set_value(input: &Element, value: &str) {
    input
        .unchecked_ref::<web_sys::HtmlInputElement>()
        .set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn keep_until_on_ok_and_transitional_backups_reports_each_and_updates_rows_in_place() {
    reset().await;
    let (el, _handle) = mount();
    loaded(&el).await;
    let ok = select(&el, "OK", 5);
    let busy = select(&el, "CREATION_SCHEDULED", 2);
    clear_requests().await;
    button_named(&el, "Keep until… (7)").click();
    wait_until("the dialog", 4000, || {
        dialog().is_some_and(|d| text(&d).contains("Keep 7 backups until…"))
    })
    .await;
    let d = dialog().unwrap();
    set_value(
        &query(&d, "input[type=datetime-local]").unwrap(),
        "2031-03-04T05:06",
    );
    let apply = button_named(&d, "Apply to 7 backups");
    apply.click();
    apply.click();
    wait_until("every answer", 8000, || {
        dialog().is_some_and(|d| query(&d, ".wb-bulk-retention__result").is_some())
    })
    .await;
    let d = dialog().unwrap();
    let result = text(&query(&d, ".wb-bulk-retention__result").unwrap());
    assert!(
        result.starts_with("Retention changed for 5 backups; 2 backups refused."),
        "{result}"
    );
    let refused = query_all(&d, ".wb-bulk-retention__result li");
    assert_eq!(refused.len(), 2);
    assert!(
        refused.iter().all(|l| text(l).contains("OK")),
        "the server's reason"
    );
    assert_eq!(query_all(&d, ".wb-bulk-retention__done li").len(), 5);

    // One PATCH per backup, none twice.
    let mut sent = patches().await;
    assert_eq!(sent.len(), 7, "{sent:?}");
    sent.sort();
    sent.dedup();
    assert_eq!(sent.len(), 7, "no backup was sent twice");
    for uuid in ok.iter().chain(&busy) {
        assert!(sent.iter().any(|p| p.contains(uuid.as_str())), "{uuid}");
    }
    // The table shows the new retention without reloading its page.
    let lists = requests_to("GET", LIST).await.len();
    assert_eq!(lists, 0, "no list request");
    for uuid in &ok {
        let row = query(&el, &format!("tr.wb-row[data-uuid='{uuid}']")).unwrap();
        let kept = text(&query(&row, ".wb-col-kept_until").unwrap());
        assert!(kept.contains("2031"), "the new retention in place: {kept}");
    }
    assert!(axe_violations(&dialog().unwrap()).await.is_empty());
    button_named(&dialog().unwrap(), "Close").click();
    wait_until("the dialog closes", 3000, || dialog().is_none()).await;
}

#[wasm_bindgen_test]
async fn a_past_date_asks_first_and_sends_nothing_until_agreed() {
    reset().await;
    let (el, _handle) = mount();
    loaded(&el).await;
    select(&el, "OK", 2);
    clear_requests().await;
    button_named(&el, "Keep until… (2)").click();
    wait_until("the dialog", 4000, || dialog().is_some()).await;
    let d = dialog().unwrap();
    set_value(
        &query(&d, "input[type=datetime-local]").unwrap(),
        "2001-01-01T00:00",
    );
    button_named(&d, "Apply to 2 backups").click();
    wait_until("the question", 3000, || {
        dialog().is_some_and(|d| text(&d).contains("This date has already passed"))
    })
    .await;
    sleep(200).await;
    assert!(patches().await.is_empty(), "nothing sent before the answer");
    button_named(&dialog().unwrap(), "Change the date").click();
    wait_until("the form again", 3000, || {
        dialog().is_some_and(|d| query(&d, "input[type=datetime-local]").is_some())
    })
    .await;
    let d = dialog().unwrap();
    button_named(&d, "Apply to 2 backups").click();
    wait_until("the question again", 3000, || {
        dialog().is_some_and(|d| text(&d).contains("This date has already passed"))
    })
    .await;
    button_named(&dialog().unwrap(), "Set the past date anyway").click();
    wait_until("the result", 6000, || {
        dialog().is_some_and(|d| text(&d).contains("Retention changed for 2 backups."))
    })
    .await;
    assert_eq!(patches().await.len(), 2);
}
