//! "Create backup" in a real browser against the dev server: the happy path, every error kind,
//! availability from the instance's state, one request per double click, and accessibility.

use std::cell::RefCell;
use std::rc::Rc;

use crate::support::{
    add_fault, advance_clock, axe_violations, clear_faults, clear_requests, click, devserver_url,
    document, focused, get_str, mount_point, press_key, query, query_all, requests_to, reset,
    sleep, text, type_into, wait_until, window, STAFF_TOKEN,
};
use leptos::prelude::*;
use waldur_backups::api::{Auth, BackupQuery, Client, ResourceState};
use waldur_backups::components::styles::WIDGET_CSS;
use waldur_backups::components::{CreateBackupButton, HostEvent, Settings, WidgetContext};
use waldur_backups::state::Scope;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

type Events = Rc<RefCell<Vec<HostEvent>>>;

struct Mounted {
    root: HtmlElement,
    events: Events,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

fn api() -> Client {
    Client::new(devserver_url(), Auth::Token(STAFF_TOKEN.into()))
}

fn install_styles() {
    if query(&document().document_element().unwrap(), "style#wb-test-css").is_none() {
        let style = document().create_element("style").unwrap();
        style.set_id("wb-test-css");
        style.set_text_content(Some(WIDGET_CSS));
        document().head().unwrap().append_child(&style).unwrap();
    }
}

/// Mounts a widget root scoped to one instance, with the Create backup button.
fn mount(instance_uuid: &str) -> Mounted {
    install_styles();
    let root = mount_point();
    let events: Events = Rc::default();
    let uuid = instance_uuid.to_string();
    let sink = events.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let ctx = WidgetContext::new(
            api(),
            Settings {
                scope: Scope {
                    instance_uuid: Some(uuid.clone()),
                    ..Scope::default()
                },
                ..Settings::default()
            },
            Some(Rc::new(move |e| sink.borrow_mut().push(e))),
        );
        ctx.provide();
        view! { <div class="wb-root"><CreateBackupButton instance_uuid=uuid.clone()/></div> }
    });
    Mounted {
        root,
        events,
        _handle: Box::new(handle),
    }
}

/// The UUID of the demo instance with this name.
async fn instance_uuid(name: &str) -> String {
    // The instance list has no name filter: read every name and pick ours.
    let url = format!(
        "{}/api/openstack-instances/?field=name&field=uuid&page_size=300",
        devserver_url()
    );
    let init = web_sys::RequestInit::new();
    let headers = web_sys::Headers::new().unwrap();
    headers
        .set("Authorization", &format!("Token {STAFF_TOKEN}"))
        .unwrap();
    init.set_headers(&headers);
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str_and_init(&url, &init))
        .await
        .unwrap()
        .unchecked_into();
    let list: js_sys::Array = JsFuture::from(response.json().unwrap())
        .await
        .unwrap()
        .unchecked_into();
    list.iter()
        .find(|i| get_str(i, "name").as_deref() == Some(name))
        .and_then(|i| get_str(&i, "uuid"))
        .unwrap_or_else(|| panic!("no instance named {name}"))
}

fn create_button(root: &Element) -> HtmlElement {
    query(root, ".wb-create__button")
        .expect("the Create backup button")
        .unchecked_into()
}

fn dialog(root: &Element) -> Option<Element> {
    query(root, "[role=dialog]")
}

fn name_input(root: &Element) -> HtmlInputElement {
    query(root, "input[name=name]")
        .expect("the name input")
        .unchecked_into()
}

fn submit_button(root: &Element) -> Element {
    query(root, ".wb-create__submit").expect("the submit button")
}

fn top_errors(root: &Element) -> String {
    query(root, ".wb-create__errors")
        .map(|e| text(&e))
        .unwrap_or_default()
}

/// Mounts for an OK instance and opens the dialog.
async fn open_dialog(instance: &str) -> Mounted {
    let m = mount(&instance_uuid(instance).await);
    let root: Element = m.root.clone().into();
    wait_until("the button is enabled", 3000, || {
        !create_button(&root)
            .unchecked_ref::<web_sys::HtmlButtonElement>()
            .disabled()
    })
    .await;
    open_with_click(&root).await;
    m
}

/// Clicks the Create backup button the way a mouse does (focus first) and waits for the dialog.
async fn open_with_click(root: &Element) {
    let button = create_button(root);
    button.focus().unwrap();
    click(&button);
    wait_until("the dialog opens", 2000, || dialog(root).is_some()).await;
}

fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

fn json_keys(value: &wasm_bindgen::JsValue) -> Vec<String> {
    let mut keys: Vec<String> = js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    keys.sort();
    keys
}

#[wasm_bindgen_test]
async fn creating_a_backup_sends_the_form_closes_and_the_backup_moves_on() {
    reset().await;
    let m = open_dialog("web-01").await;
    let root: Element = m.root.clone().into();
    let uuid = instance_uuid("web-01").await;

    assert_eq!(
        name_input(&root).value(),
        format!("web-01-backup-{}", today())
    );
    assert_eq!(
        focused().map(|f| f.get_attribute("name")),
        Some(Some("name".into())),
        "focus starts on the name"
    );
    type_into(&name_input(&root), "web-01 before upgrade");
    type_into(
        &query(&root, "textarea[name=description]").unwrap(),
        "Taken by the widget test",
    );
    click(&query(&root, "input[type=radio][value='1w']").unwrap());
    clear_requests().await;
    click(&submit_button(&root));
    wait_until("the dialog closes", 5000, || dialog(&root).is_none()).await;

    let posts = requests_to("POST", "/api/openstack-instances/").await;
    assert_eq!(posts.len(), 1, "one request");
    let body = js_sys::Reflect::get(&posts[0], &"body".into()).unwrap();
    assert_eq!(json_keys(&body), ["description", "kept_until", "name"]);
    assert_eq!(
        get_str(&body, "name").as_deref(),
        Some("web-01 before upgrade")
    );
    assert_eq!(
        get_str(&body, "description").as_deref(),
        Some("Taken by the widget test")
    );
    let kept = get_str(&body, "kept_until").unwrap();
    let week_ms = js_sys::Date::parse(&kept) - js_sys::Date::now();
    assert!(
        (6.9 * 86_400_000.0..7.1 * 86_400_000.0).contains(&week_ms),
        "kept_until {kept} is a week from now"
    );
    assert!(kept.ends_with('Z'), "{kept} is UTC");

    let created = m.events.borrow().iter().find_map(|e| match e {
        HostEvent::BackupCreated(b) => Some(b.clone()),
        _ => None,
    });
    let created = created.expect("a BackupCreated event");
    assert_eq!(created.name, "web-01 before upgrade");
    assert!(text(&query(&root, ".wb-create__status").unwrap())
        .contains("Backup “web-01 before upgrade” is being created"));
    assert_eq!(
        focused().map(|f| f.class_name().contains("wb-create__button")),
        Some(true),
        "focus returns to the button"
    );

    let find = || async {
        let q = BackupQuery {
            instance_uuid: Some(uuid.clone()),
            name_exact: Some("web-01 before upgrade".into()),
            ..Default::default()
        };
        let page = api().list_backups(&q).await.unwrap();
        assert_eq!(page.items.len(), 1);
        page.items[0].clone()
    };
    let listed = find().await;
    assert_eq!(listed.uuid, created.uuid);
    assert_eq!(listed.state, ResourceState::CreationScheduled);
    advance_clock(3).await;
    assert_eq!(find().await.state, ResourceState::Creating);
    advance_clock(3).await;
    assert_eq!(find().await.state, ResourceState::Ok);
}

#[wasm_bindgen_test]
async fn keeping_forever_sends_only_the_name() {
    reset().await;
    let m = open_dialog("web-02").await;
    let root: Element = m.root.clone().into();
    clear_requests().await;
    click(&submit_button(&root));
    wait_until("the dialog closes", 5000, || dialog(&root).is_none()).await;
    let posts = requests_to("POST", "/api/openstack-instances/").await;
    assert_eq!(posts.len(), 1);
    let body = js_sys::Reflect::get(&posts[0], &"body".into()).unwrap();
    assert_eq!(json_keys(&body), ["name"]);
}

#[wasm_bindgen_test]
async fn a_double_click_sends_one_request() {
    reset().await;
    let m = open_dialog("db-primary").await;
    let root: Element = m.root.clone().into();
    add_fault(r#"{"path": "/api/openstack-instances/", "method": "POST", "latency_ms": 400}"#)
        .await;
    clear_requests().await;
    let submit = submit_button(&root);
    click(&submit);
    click(&submit);
    sleep(50).await;
    click(&submit);
    wait_until("the dialog closes", 5000, || dialog(&root).is_none()).await;
    assert_eq!(
        requests_to("POST", "/api/openstack-instances/").await.len(),
        1
    );
    let created = m
        .events
        .borrow()
        .iter()
        .filter(|e| matches!(e, HostEvent::BackupCreated(_)))
        .count();
    assert_eq!(created, 1);
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn a_field_error_marks_the_field_keeps_the_input_and_takes_focus() {
    reset().await;
    let m = open_dialog("web-01").await;
    let root: Element = m.root.clone().into();
    type_into(&name_input(&root), "my-backup");
    type_into(&query(&root, "textarea[name=description]").unwrap(), "kept");
    add_fault(
        r#"{"path": "/api/openstack-instances/", "method": "POST", "status": 400, "count": 1,
            "body": {"name": ["Backup with this name already exists."]}}"#,
    )
    .await;
    click(&submit_button(&root));
    wait_until("the name error shows", 5000, || {
        name_input(&root).get_attribute("aria-invalid").as_deref() == Some("true")
    })
    .await;
    let input = name_input(&root);
    assert_eq!(input.value(), "my-backup");
    let described = input.get_attribute("aria-describedby").unwrap();
    let error = described
        .split(' ')
        .filter_map(|id| query(&root, &format!("[id='{id}']")))
        .find(|e| e.class_name().contains("wb-field__error"))
        .expect("the error is linked to the input");
    assert_eq!(text(&error), "Backup with this name already exists.");
    wait_until("focus moves to the name", 3000, || {
        focused().and_then(|f| f.get_attribute("name")).as_deref() == Some("name")
    })
    .await;
    assert_eq!(
        query(&root, "textarea[name=description]")
            .unwrap()
            .unchecked_into::<web_sys::HtmlTextAreaElement>()
            .value(),
        "kept"
    );
    assert!(dialog(&root).is_some());
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn a_quota_error_shows_at_the_top_and_keeps_the_input() {
    reset().await;
    // Tenant lumiere-cloud has no snapshot quota left.
    let m = open_dialog("bibliothèque-web").await;
    let root: Element = m.root.clone().into();
    type_into(&name_input(&root), "over-quota");
    click(&submit_button(&root));
    wait_until("the quota error shows", 5000, || {
        top_errors(&root).contains("One or more quotas were exceeded")
    })
    .await;
    assert_eq!(name_input(&root).value(), "over-quota");
    assert!(name_input(&root).get_attribute("aria-invalid").is_none());
    wait_until("focus moves to the message", 3000, || {
        focused().is_some_and(|f| f.class_name().contains("wb-create__errors"))
    })
    .await;
    assert!(dialog(&root).is_some());
}

#[wasm_bindgen_test]
async fn a_conflict_shows_the_servers_message_and_keeps_the_input() {
    reset().await;
    let m = open_dialog("web-01").await;
    let root: Element = m.root.clone().into();
    type_into(&name_input(&root), "conflicting");
    add_fault(
        r#"{"path": "/api/openstack-instances/", "method": "POST", "status": 409, "count": 1,
            "body": {"detail": "Valid states for operation: OK."}}"#,
    )
    .await;
    click(&submit_button(&root));
    wait_until("the server's message shows", 5000, || {
        top_errors(&root).contains("Valid states for operation: OK.")
    })
    .await;
    assert_eq!(name_input(&root).value(), "conflicting");
    let errors = m
        .events
        .borrow()
        .iter()
        .filter(|e| {
            matches!(
                e,
                HostEvent::Error {
                    status: Some(409),
                    ..
                }
            )
        })
        .count();
    assert_eq!(errors, 1, "the host hears about the failure");
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn a_dropped_connection_keeps_the_input_and_a_retry_succeeds() {
    reset().await;
    let m = open_dialog("web-01").await;
    let root: Element = m.root.clone().into();
    type_into(&name_input(&root), "after-the-drop");
    add_fault(
        // Browsers silently repeat a request whose reused connection was reset (Firefox more
        // often than Chromium), so drop more than any of them repeats.
        r#"{"path": "/api/openstack-instances/", "method": "POST", "drop_connection": true, "count": 10}"#,
    )
    .await;
    click(&submit_button(&root));
    wait_until("the network error shows", 10000, || {
        !top_errors(&root).is_empty() || dialog(&root).is_none()
    })
    .await;
    assert!(dialog(&root).is_some(), "the dialog stays open");
    assert!(
        top_errors(&root).contains("Could not reach"),
        "{}",
        top_errors(&root)
    );
    assert_eq!(name_input(&root).value(), "after-the-drop");
    assert!(dialog(&root).is_some());
    clear_faults().await;
    click(&submit_button(&root));
    wait_until("the retry closes the dialog", 5000, || {
        dialog(&root).is_none()
    })
    .await;
}

#[wasm_bindgen_test]
async fn an_empty_name_is_caught_before_any_request() {
    reset().await;
    let m = open_dialog("web-01").await;
    let root: Element = m.root.clone().into();
    type_into(&name_input(&root), "   ");
    clear_requests().await;
    click(&submit_button(&root));
    wait_until("the name error shows", 2000, || {
        name_input(&root).get_attribute("aria-invalid").as_deref() == Some("true")
    })
    .await;
    assert!(requests_to("POST", "/api/openstack-instances/")
        .await
        .is_empty());
}

#[wasm_bindgen_test]
async fn the_button_is_disabled_with_the_reason_when_the_instance_is_not_ok() {
    reset().await;
    let m = mount(&instance_uuid("broken-vm").await);
    let root: Element = m.root.clone().into();
    wait_until("the reason shows", 3000, || {
        query(&root, ".wb-create__reason")
            .is_some_and(|r| text(&r) == "Available when the instance is OK (now: Erred)")
    })
    .await;
    let button = create_button(&root);
    assert!(button
        .unchecked_ref::<web_sys::HtmlButtonElement>()
        .disabled());
    let reason_id = query(&root, ".wb-create__reason").unwrap().id();
    assert_eq!(
        button.get_attribute("aria-describedby").as_deref(),
        Some(reason_id.as_str())
    );
    click(&button);
    sleep(50).await;
    assert!(dialog(&root).is_none());
}

#[wasm_bindgen_test]
async fn a_failed_instance_load_offers_a_retry() {
    reset().await;
    let uuid = instance_uuid("web-01").await;
    add_fault(
        r#"{"path": "/api/openstack-instances/", "method": "GET", "status": 500, "count": 1}"#,
    )
    .await;
    let m = mount(&uuid);
    let root: Element = m.root.clone().into();
    wait_until("the retry shows", 3000, || {
        query(&root, ".wb-create__retry").is_some()
    })
    .await;
    assert!(create_button(&root)
        .unchecked_ref::<web_sys::HtmlButtonElement>()
        .disabled());
    click(&query(&root, ".wb-create__retry").unwrap());
    wait_until("the button is enabled", 3000, || {
        !create_button(&root)
            .unchecked_ref::<web_sys::HtmlButtonElement>()
            .disabled()
    })
    .await;
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn escape_closes_at_once_unless_something_was_typed() {
    reset().await;
    let m = open_dialog("web-01").await;
    let root: Element = m.root.clone().into();
    press_key(&name_input(&root), "Escape", false);
    wait_until("the dialog closes", 2000, || dialog(&root).is_none()).await;
    assert_eq!(
        focused().map(|f| f.class_name().contains("wb-create__button")),
        Some(true)
    );

    open_with_click(&root).await;
    type_into(&name_input(&root), "typed");
    press_key(&name_input(&root), "Escape", false);
    wait_until("the question shows", 2000, || {
        query(&root, "[role=alertdialog]").is_some()
    })
    .await;
    // Keep editing: the input is still there.
    let cancel = query_all(&root, "[role=alertdialog] button")
        .into_iter()
        .find(|b| text(b) == "Cancel")
        .unwrap();
    click(&cancel);
    wait_until("the question goes away", 2000, || {
        query(&root, "[role=alertdialog]").is_none()
    })
    .await;
    assert_eq!(name_input(&root).value(), "typed");
    press_key(&name_input(&root), "Escape", false);
    wait_until("the question shows again", 2000, || {
        query(&root, "[role=alertdialog]").is_some()
    })
    .await;
    let discard = query_all(&root, "[role=alertdialog] button")
        .into_iter()
        .find(|b| text(b) == "Discard")
        .unwrap();
    click(&discard);
    wait_until("the dialog closes", 2000, || dialog(&root).is_none()).await;
}

#[wasm_bindgen_test]
async fn a_custom_date_in_the_past_is_an_error_on_its_field() {
    reset().await;
    let m = open_dialog("web-01").await;
    let root: Element = m.root.clone().into();
    click(&query(&root, "input[type=radio][value=custom]").unwrap());
    wait_until("the date input shows", 2000, || {
        query(&root, "input[type=datetime-local]").is_some()
    })
    .await;
    let date = query(&root, "input[type=datetime-local]").unwrap();
    assert!(!date.unchecked_ref::<HtmlInputElement>().value().is_empty());
    type_into(&date, "2001-01-01T10:00");
    clear_requests().await;
    click(&submit_button(&root));
    wait_until("the date error shows", 2000, || {
        query(&root, "input[type=datetime-local]")
            .and_then(|d| d.get_attribute("aria-invalid"))
            .as_deref()
            == Some("true")
    })
    .await;
    assert!(requests_to("POST", "/api/openstack-instances/")
        .await
        .is_empty());
    wait_until("focus moves to the date", 3000, || {
        focused().and_then(|f| f.get_attribute("type")).as_deref() == Some("datetime-local")
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_dialog_with_errors_has_no_serious_accessibility_violations() {
    reset().await;
    let m = open_dialog("bibliothèque-web").await;
    let root: Element = m.root.clone().into();
    type_into(&name_input(&root), "");
    click(&submit_button(&root));
    wait_until("the name error shows", 2000, || {
        name_input(&root).get_attribute("aria-invalid").as_deref() == Some("true")
    })
    .await;
    let violations = axe_violations(&root).await;
    assert!(violations.is_empty(), "{violations:#?}");
    type_into(&name_input(&root), "over-quota");
    click(&submit_button(&root));
    wait_until("the quota error shows", 5000, || {
        top_errors(&root).contains("quotas were exceeded")
    })
    .await;
    let violations = axe_violations(&root).await;
    assert!(violations.is_empty(), "{violations:#?}");
}
