//! "Export CSV" in headless Chromium against the dev server: the file a person gets (every
//! page of the filtered list, formulas neutralised), its progress, Cancel, the cap, and the
//! host's `exportCsv()`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::support::*;
use crate::support::{document, window};
use waldur_backups::api::{Auth, BackupPatch, BackupQuery, Client, ResourceState};
use waldur_backups::components::Settings;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::Element;

const LIST: &str = "/api/openstack-backups/";

fn mount_table(settings: Settings) -> MountedTable {
    mount_table_at(
        devserver_url(),
        STAFF_TOKEN,
        settings,
        TableTimings::default(),
    )
}

async fn loaded(el: &Element) {
    let el = el.clone();
    wait_until("rows are shown", 8000, move || {
        !query_all(&el, "tr.wb-row").is_empty()
    })
    .await;
}

fn export_button(el: &Element) -> Element {
    query(el, ".wb-export__button").expect("an Export CSV button")
}

/// Downloads the widget offers: (file name, blob URL). The link's click is caught before the
/// browser saves anything.
#[derive(Clone, Default)]
struct Downloads(Rc<RefCell<Vec<(String, String)>>>);

impl Downloads {
    fn watch() -> Self {
        let seen = Downloads::default();
        let list = seen.0.clone();
        let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let Some(a) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlAnchorElement>().ok())
            else {
                return;
            };
            if a.has_attribute("download") {
                ev.prevent_default();
                list.borrow_mut().push((a.download(), a.href()));
            }
        });
        document()
            .add_event_listener_with_callback_and_bool(
                "click",
                listener.as_ref().unchecked_ref(),
                true,
            )
            .unwrap();
        listener.forget();
        seen
    }

    fn count(&self) -> usize {
        self.0.borrow().len()
    }

    /// The last download's name and bytes.
    async fn last(&self) -> (String, Vec<u8>) {
        let (name, href) = self.0.borrow().last().cloned().expect("a download");
        let response: web_sys::Response = JsFuture::from(window().fetch_with_str(&href))
            .await
            .unwrap()
            .unchecked_into();
        let buffer = JsFuture::from(response.array_buffer().unwrap())
            .await
            .unwrap();
        (name, js_sys::Uint8Array::new(&buffer).to_vec())
    }
}

/// The records of an RFC 4180 file (quoted fields, doubled quotes, CRLF line ends).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "the file ends with CRLF"
    );
    records
}

fn column(records: &[Vec<String>], header: &str) -> Vec<String> {
    let i = records[0]
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no {header} column in {:?}", records[0]));
    records[1..].iter().map(|r| r[i].clone()).collect()
}

fn notice_text(el: &Element) -> String {
    query(el, ".wb-export__result")
        .map(|n| text(&n))
        .unwrap_or_default()
}

async fn export_requests() -> Vec<String> {
    requests_to("GET", LIST)
        .await
        .iter()
        .filter_map(|r| get_str(r, "query"))
        .filter(|q| q.contains("page_size=300"))
        .collect()
}

#[wasm_bindgen_test]
async fn the_csv_of_a_filtered_list_holds_every_page_with_formulas_neutralised() {
    control(
        "POST",
        "reset",
        Some(r#"{"backups": 700, "hostile": true}"#),
    )
    .await;
    let client = Client::new(devserver_url(), Auth::Token(STAFF_TOKEN.into()));
    // Names a spreadsheet would run as formulas.
    let ok = client
        .list_backups(&BackupQuery {
            state: vec![ResourceState::Ok],
            page_size: Some(3),
            ..Default::default()
        })
        .await
        .unwrap()
        .items;
    let hostile = [
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
    ];
    for (b, name) in ok.iter().zip(hostile) {
        let patch = BackupPatch {
            name: Some(name.into()),
            ..Default::default()
        };
        client.patch_backup(&b.uuid, &patch).await.unwrap();
    }

    let downloads = Downloads::watch();
    let m = mount_table(Settings::default());
    loaded(&m.el).await;
    click(&query(&m.el, "input[data-state='OK']").unwrap());
    let el = m.el.clone();
    wait_until("the OK filter chip", 4000, move || {
        !query_all(&el, ".wb-chip").is_empty()
    })
    .await;
    loaded(&m.el).await;
    sleep(300).await;
    clear_requests().await;
    click(&export_button(&m.el));
    let el = m.el.clone();
    wait_until("the export's result", 15000, move || {
        notice_text(&el).starts_with("Saved")
    })
    .await;

    // What the server lists for the same filter, across all pages.
    let mut expected = Vec::new();
    let mut page = 1;
    loop {
        let p = client
            .list_backups(&BackupQuery {
                state: vec![ResourceState::Ok],
                page: Some(page),
                page_size: Some(100),
                ..Default::default()
            })
            .await
            .unwrap();
        let done = p.items.len() < 100;
        expected.extend(p.items);
        if done {
            break;
        }
        page += 1;
    }
    assert!(
        expected.len() > 300,
        "the filter spans several export pages"
    );

    let (name, bytes) = downloads.last().await;
    assert!(
        name.starts_with("backups-") && name.ends_with(".csv") && name.len() == 22,
        "{name}"
    );
    assert_eq!(
        bytes[..3],
        [0xEF, 0xBB, 0xBF],
        "UTF-8 with a byte-order mark"
    );
    let records = parse_csv(std::str::from_utf8(&bytes[3..]).unwrap());
    assert_eq!(
        column(&records, "UUID"),
        expected.iter().map(|b| b.uuid.clone()).collect::<Vec<_>>(),
        "every matching backup, once, in the list's order"
    );
    let names = column(&records, "Name");
    for (b, shown) in expected.iter().zip(&names) {
        if hostile.contains(&b.name.as_str()) {
            assert_eq!(*shown, format!("'{}", b.name), "neutralised");
        } else {
            assert_eq!(*shown, b.name, "other names as they are");
        }
    }
    assert!(names.iter().any(|n| n == "<script>alert(1)</script>"));
    assert_eq!(
        column(&records, "State")
            .iter()
            .collect::<std::collections::BTreeSet<_>>(),
        [&"OK".to_string()].into_iter().collect()
    );
    // The table's first page is the file's first rows.
    let shown: Vec<String> = query_all(&m.el, "tr.wb-row")
        .iter()
        .filter_map(|r| r.get_attribute("data-uuid"))
        .collect();
    assert!(!shown.is_empty());
    assert_eq!(shown[..], column(&records, "UUID")[..shown.len()]);
    // Paged at 300 with the table's filter.
    let queries = export_requests().await;
    assert_eq!(queries.len(), expected.len().div_ceil(300), "{queries:?}");
    assert!(
        queries.iter().all(|q| q.contains("state=OK")),
        "{queries:?}"
    );
    let total = expected.len().to_string();
    let grouped = format!(
        "{},{}",
        &total[..total.len() - 3],
        &total[total.len() - 3..]
    );
    assert!(
        notice_text(&m.el).contains(&format!("{total} backups"))
            || notice_text(&m.el).contains(&format!("{grouped} backups")),
        "{}",
        notice_text(&m.el)
    );
}

#[wasm_bindgen_test]
async fn cancelling_an_export_stops_its_requests_and_saves_nothing() {
    control("POST", "reset", Some(r#"{"backups": 700}"#)).await;
    let downloads = Downloads::watch();
    let before = downloads.count();
    let m = mount_table(Settings::default());
    loaded(&m.el).await;
    add_fault(r#"{"path": "/api/openstack-backups/", "method": "GET", "latency_ms": 1200}"#).await;
    clear_requests().await;
    click(&export_button(&m.el));
    let el = m.el.clone();
    wait_until("progress after the first page", 8000, move || {
        query(&el, ".wb-export__progress-text").is_some_and(|p| text(&p).contains("300 of"))
    })
    .await;
    let progress = query(&m.el, ".wb-export__progress-text").unwrap();
    assert!(
        text(&progress).starts_with("Exporting: 300 of 7"),
        "{}",
        text(&progress)
    );
    assert_eq!(
        export_button(&m.el)
            .get_attribute("aria-disabled")
            .as_deref(),
        Some("true"),
        "a second export cannot start meanwhile"
    );
    click(&query(&m.el, ".wb-export__cancel").expect("Cancel export"));
    let el = m.el.clone();
    wait_until("the cancel notice", 4000, move || {
        notice_text(&el).starts_with("Export cancelled. Nothing was saved.")
    })
    .await;
    sleep(2500).await;
    clear_faults().await;
    let queries = export_requests().await;
    // Page 1, and page 2 if it had left the browser when Cancel aborted it (Chromium sends
    // it at once; Firefox may abort it before it reaches the server): never a page after.
    assert!(
        (1..=2).contains(&queries.len()) && queries[0].contains("page=1"),
        "page 1 and at most the cancelled page 2: {queries:?}"
    );
    assert!(!queries.iter().any(|q| q.contains("page=3")));
    assert_eq!(downloads.count(), before, "nothing was saved");
    assert!(query(&m.el, ".wb-export__panel").is_none());
    assert_eq!(
        focused().map(|f| f.class_name()).unwrap_or_default(),
        export_button(&m.el).class_name(),
        "focus returns to Export CSV"
    );
}

#[wasm_bindgen_test]
async fn past_the_cap_the_file_holds_the_first_rows_and_the_widget_says_so() {
    control("POST", "reset", Some(r#"{"backups": 500}"#)).await;
    let downloads = Downloads::watch();
    let settings = Settings {
        export_max_rows: 250,
        ..Settings::default()
    };
    let m = mount_table(settings);
    loaded(&m.el).await;
    clear_requests().await;
    click(&export_button(&m.el));
    let el = m.el.clone();
    wait_until("the export's result", 10000, move || {
        notice_text(&el).starts_with("Saved")
    })
    .await;
    let notice = notice_text(&m.el);
    assert!(
        notice.contains("with the first 250 of 500 backups")
            && notice.contains("at most 250 rows")
            && notice.contains("Narrow the filters"),
        "{notice}"
    );
    assert_eq!(
        query(&m.el, ".wb-export__result")
            .unwrap()
            .get_attribute("role")
            .as_deref(),
        Some("alert")
    );
    let (_, bytes) = downloads.last().await;
    let records = parse_csv(std::str::from_utf8(&bytes[3..]).unwrap());
    assert_eq!(records.len(), 251, "the header and 250 rows");
    assert_eq!(
        export_requests().await.len(),
        1,
        "no page past the cap is asked for"
    );
    assert!(axe_violations(&m.el).await.is_empty());
}

#[wasm_bindgen_test]
async fn a_hosts_export_csv_resolves_with_the_file_and_rejects_after_unmount() {
    control("POST", "reset", Some(r#"{"backups": 40}"#)).await;
    let downloads = Downloads::watch();
    let before = downloads.count();
    let el = mount_point();
    let options = js_sys::Object::new();
    for (key, value) in [("apiUrl", devserver_url()), ("token", STAFF_TOKEN)] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).unwrap();
    }
    let handle = waldur_backups::embed::mount_backups(el.clone(), options.into()).unwrap();
    loaded(&el).await;
    let second = Rc::new(Cell::new(None));
    let first = handle.export_csv();
    // A second call while one runs is refused, and sends nothing more.
    let refused = JsFuture::from(handle.export_csv()).await.unwrap_err();
    second.set(Some(
        js_sys::Reflect::get(&refused, &"message".into())
            .unwrap()
            .as_string()
            .unwrap(),
    ));
    let result = JsFuture::from(first).await.expect("the export resolves");
    let get = |k: &str| js_sys::Reflect::get(&result, &k.into()).unwrap();
    assert_eq!(get("rows").as_f64(), Some(40.0));
    assert_eq!(get("total").as_f64(), Some(40.0));
    assert_eq!(get("truncated").as_bool(), Some(false));
    let filename = get("filename").as_string().unwrap();
    let csv = get("csv").as_string().unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(parse_csv(&csv[3..]).len(), 41);
    assert_eq!(
        downloads.count(),
        before + 1,
        "the browser was offered the file"
    );
    assert_eq!(downloads.last().await.0, filename);
    assert_eq!(
        second.take().as_deref(),
        Some("waldur-backups: an export is already running")
    );
    assert!(text(&el).contains(&format!("Saved {filename}: 40 backups.")));
    handle.unmount();
    let gone = JsFuture::from(handle.export_csv()).await.unwrap_err();
    assert!(js_sys::Reflect::get(&gone, &"message".into())
        .unwrap()
        .as_string()
        .unwrap()
        .contains("unmounted"));
}
