//! Forms that keep up with the person filling them, in headless Chromium against the dev
//! server: messages that follow their values after a submit, the restore dialog's flavor
//! choice, server errors on the field they are about, and the new instance followed to the end.

use crate::support::*;
use leptos::prelude::*;
use serde_json::json;
use waldur_backups::api::{Auth, Backup, Client, ListQuery, ResourceState};
use waldur_backups::components::{mount_widget, RestoreDialog, Settings, WidgetContext};
use waldur_backups::state::Scope;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

fn client() -> Client {
    Client::new(devserver_url(), Auth::Token(STAFF_TOKEN.into()))
}

struct Mounted {
    root: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

impl Mounted {
    fn el(&self) -> Element {
        self.root.clone().into()
    }
    fn must(&self, selector: &str) -> Element {
        query(&self.el(), selector).unwrap_or_else(|| panic!("no element {selector}"))
    }
}

fn widget(settings: Settings) -> Mounted {
    let root = mount_point();
    let handle = mount_widget(root.clone(), client(), settings, None);
    Mounted {
        root,
        _handle: Box::new(handle),
    }
}

/// The text of the elements an element's `aria-describedby` names.
fn description(el: &Element) -> String {
    el.get_attribute("aria-describedby")
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|id| crate::support::document().get_element_by_id(id))
        .map(|e| text(&e))
        .collect::<Vec<_>>()
        .join(" ")
}

fn invalid(el: &Element) -> bool {
    el.get_attribute("aria-invalid").as_deref() == Some("true")
}

/// The UUID of the demo instance with this name.
async fn instance_uuid(name: &str) -> String {
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
    let response: web_sys::Response =
        JsFuture::from(crate::support::window().fetch_with_str_and_init(&url, &init))
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

/// An OK backup of the named source instance with `ports` ports.
async fn backup_of(instance: &str, ports: usize) -> Backup {
    let all: Vec<Backup> = client()
        .list_all("/api/openstack-backups/", ListQuery::default())
        .await
        .expect("backups load");
    all.into_iter()
        .find(|b| {
            b.state == ResourceState::Ok
                && b.instance_name.as_deref() == Some(instance)
                && b.instance_ports.len() == ports
        })
        .unwrap_or_else(|| panic!("an OK backup of {instance} with {ports} ports"))
}

#[wasm_bindgen_test]
async fn edit_form_messages_follow_the_value_once_saved() {
    reset().await;
    let m = widget(Settings::default());
    wait_until("an OK row", 8000, || {
        query(&m.el(), "tr.wb-row[data-state=OK]").is_some()
    })
    .await;
    click(&query(&m.must("tr.wb-row[data-state=OK]"), "td.wb-col-name").unwrap());
    wait_until("the Edit button", 5000, || {
        query(&m.el(), "[data-action=edit]").is_some()
    })
    .await;
    click(&m.must("[data-action=edit]"));
    wait_until("the form", 3000, || {
        query(&m.el(), ".wb-drawer__form input[name=name]").is_some()
    })
    .await;
    let name = m.must(".wb-drawer__form input[name=name]");
    type_into(&name, &"n".repeat(151));
    sleep(50).await;
    assert!(!invalid(&name), "no message before the first Save");
    click(&m.must("[data-action=save]"));
    wait_until("the message", 3000, || invalid(&name)).await;
    assert!(
        description(&name).contains("Use at most 150 characters (now 151)."),
        "{}",
        description(&name)
    );
    type_into(&name, &"n".repeat(152));
    wait_until("the count follows", 3000, || {
        description(&name).contains("(now 152)")
    })
    .await;
    type_into(&name, &"n".repeat(150));
    wait_until("the message goes when fixed", 3000, || !invalid(&name)).await;
    assert!(!description(&name).contains("Use at most"));
    // Emptied, it says what is missing.
    type_into(&name, "");
    wait_until("the blank name", 3000, || invalid(&name)).await;
    assert!(description(&name).contains("Enter a name."));
}

#[wasm_bindgen_test]
async fn create_form_messages_follow_the_value_once_submitted() {
    reset().await;
    let uuid = instance_uuid("web-02").await;
    let m = widget(Settings {
        scope: Scope {
            instance_uuid: Some(uuid),
            ..Scope::default()
        },
        ..Settings::default()
    });
    wait_until("Create backup is enabled", 8000, || {
        query(&m.el(), ".wb-create__button:not([disabled])").is_some()
    })
    .await;
    click(&m.must(".wb-create__button"));
    wait_until("the dialog", 3000, || {
        query(&m.el(), "[role=dialog]").is_some()
    })
    .await;
    let name = m.must("[role=dialog] input[name=name]");
    type_into(&name, &"x".repeat(151));
    click(&m.must(".wb-create__submit"));
    wait_until("the message", 3000, || invalid(&name)).await;
    assert!(description(&name).contains("Use at most 150 characters (now 151)."));
    wait_for_focus_on(&name, "focus on the field to fix").await;
    type_into(&name, "nightly");
    wait_until("the message goes", 3000, || !invalid(&name)).await;
    assert!(!description(&name).contains("Use at most"));
}

fn mount_restore(backup: Backup, settings: Settings) -> Mounted {
    let root = mount_point();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let ctx = WidgetContext::new(client(), settings, None);
        ctx.provide();
        view! { <div class="wb-root"><RestoreDialog backup on_close=|_| {} poll_base_ms=100/></div> }
    });
    Mounted {
        root,
        _handle: Box::new(handle),
    }
}

async fn restore_loaded(m: &Mounted) {
    wait_until("the restore form", 8000, || {
        query(&m.el(), ".wb-restore__flavor select").is_some()
    })
    .await;
}

fn selected_text(select: &Element) -> String {
    let select: &web_sys::HtmlSelectElement = select.unchecked_ref();
    let value = select.value();
    query_all(select, "option")
        .into_iter()
        .find(|o| o.get_attribute("value").as_deref() == Some(value.as_str()))
        .map(|o| text(&o))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_restore_preselects_a_flavor_that_fits_and_says_why() {
    reset().await;
    let mut backup = backup_of("web-02", 2).await;
    let (min_ram, min_disk) = (
        backup.metadata.min_ram().unwrap(),
        backup.metadata.min_disk().unwrap(),
    );
    // Backed up on a flavor too small for its own image.
    backup.metadata = serde_json::from_value(
        json!({"flavor_name": "m1.tiny", "min_ram": min_ram, "min_disk": min_disk}),
    )
    .unwrap();
    let m = mount_restore(backup, Settings::default());
    restore_loaded(&m).await;
    let select = m.must(".wb-restore__flavor select");
    wait_until("a flavor is chosen", 3000, || {
        !selected_text(&select).is_empty()
    })
    .await;
    let chosen = selected_text(&select);
    assert!(chosen.starts_with("m1.small — "), "{chosen}");
    assert!(!chosen.contains("too small"), "{chosen}");
    let why = description(&select);
    assert!(
        why.contains(
            "m1.small is chosen, the smallest flavor that fits: the backup's own flavor, m1.tiny, is too small (512 MiB RAM, the backup needs at least"
        ),
        "{why}"
    );
    assert!(
        !why.contains("may not start"),
        "no warning for a flavor that fits"
    );
    // The chosen option's whole text is there to read (its title, and short option texts).
    assert_eq!(
        select.get_attribute("title").as_deref(),
        Some(chosen.as_str())
    );
    for option in query_all(&select, "option") {
        assert!(text(&option).chars().count() <= 64, "{}", text(&option));
    }
}

/// Sends the form as it is and waits for the server's 400 to be shown.
async fn submit_and_wait(m: &Mounted) {
    let sent = requests_to("POST", "/api/openstack-backups/").await.len();
    click(&m.must(".wb-restore__form button[type=submit]"));
    // This submit's answer, not the marks an earlier one left: the request reached the server
    // and the form is no longer busy with it.
    for _ in 0..100 {
        if requests_to("POST", "/api/openstack-backups/").await.len() > sent {
            break;
        }
        sleep(50).await;
    }
    wait_until("the answer", 5000, || {
        query(
            &m.el(),
            ".wb-restore__form button[type=submit][aria-busy=true]",
        )
        .is_none()
            && (query(&m.el(), "[aria-invalid=true]").is_some()
                || query(&m.el(), "[data-restore-error]").is_some())
    })
    .await;
    sleep(50).await;
}

#[wasm_bindgen_test]
async fn security_group_errors_mark_their_group_and_take_focus() {
    reset().await;
    let backup = backup_of("web-02", 2).await;
    let m = mount_restore(backup, Settings::default());
    restore_loaded(&m).await;
    let checked: Vec<Element> = query_all(&m.el(), ".wb-restore__groups input[type=checkbox]")
        .into_iter()
        .filter(|c| c.unchecked_ref::<HtmlInputElement>().checked())
        .collect();
    assert!(checked.len() >= 2, "the source's groups are chosen");
    // Waldur's shape: one object per group sent, the failing one with its own
    // non_field_errors.
    add_fault(
        r#"{"path": "/api/openstack-backups/", "method": "POST", "status": 400, "count": 1,
            "body": {"security_groups": [{}, {"non_field_errors": ["Invalid hyperlink - Object does not exist."]}]}}"#,
    )
    .await;
    submit_and_wait(&m).await;
    assert!(!invalid(&checked[0]), "the first group was fine");
    assert!(invalid(&checked[1]));
    assert_eq!(
        description(&checked[1]),
        "Invalid hyperlink - Object does not exist."
    );
    assert!(
        query(&m.el(), "[data-restore-error]").is_none(),
        "not a group message"
    );
    wait_for_focus_on(&checked[1], "focus on the first invalid field").await;
    // Changing the groups drops the message.
    click(&checked[1]);
    wait_until("the message goes", 3000, || !invalid(&checked[1])).await;
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn floating_ip_errors_mark_their_row_and_take_focus() {
    reset().await;
    let backup = backup_of("web-02", 2).await;
    let m = mount_restore(backup, Settings::default());
    restore_loaded(&m).await;
    let fips = query_all(&m.el(), ".wb-restore__row select")
        .into_iter()
        .filter(|s| query_all(s, "option[value=auto]").len() == 1)
        .collect::<Vec<_>>();
    assert_eq!(fips.len(), 2);
    // Both rows get a floating IP: the first a new one, the second a chosen address.
    let pick = |select: &Element, value: &str| {
        select
            .unchecked_ref::<web_sys::HtmlSelectElement>()
            .set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        select
            .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
            .unwrap();
    };
    pick(&fips[0], "auto");
    let address_option = query_all(&fips[1], "option")
        .into_iter()
        .find(|o| text(o).starts_with("203.0.113."))
        .expect("a free floating IP");
    let address = text(&address_option);
    pick(&fips[1], &address_option.get_attribute("value").unwrap());
    // Waldur names the floating IP by its string form.
    let message = format!(
        "Floating IP {address}:DOWN (alpha-prod (OpenStack tenant) (OpenStack)) is already booked for another instance creation"
    );
    add_fault(&format!(
        r#"{{"path": "/api/openstack-backups/", "method": "POST", "status": 400, "count": 1, "body": {{"floating_ips": [{message:?}]}}}}"#
    ))
    .await;
    submit_and_wait(&m).await;
    assert!(!invalid(&fips[0]));
    assert!(invalid(&fips[1]), "the row whose address it names");
    assert!(
        description(&fips[1]).contains(&message),
        "{}",
        description(&fips[1])
    );
    assert!(query(&m.el(), "[data-restore-error]").is_none());
    wait_for_focus_on(&fips[1], "focus on the row the message names").await;
    clear_faults().await;

    // An item's own errors go to the row that sent that item.
    add_fault(
        r#"{"path": "/api/openstack-backups/", "method": "POST", "status": 400, "count": 1,
            "body": {"floating_ips": [{"non_field_errors": ["Invalid hyperlink - Object does not exist."]}, {}]}}"#,
    )
    .await;
    submit_and_wait(&m).await;
    assert!(invalid(&fips[0]));
    assert!(!invalid(&fips[1]));
    wait_for_focus_on(&fips[0], "focus on the row that sent the item").await;
    clear_faults().await;
}

async fn restore_now(m: &Mounted) {
    click(&m.must(".wb-restore__form button[type=submit]"));
    wait_until("the restore is accepted", 5000, || {
        query(&m.el(), ".wb-restore__done").is_some()
    })
    .await;
}

fn outcome(m: &Mounted) -> String {
    query(&m.el(), ".wb-restore__done")
        .map(|e| text(&e))
        .unwrap_or_default()
}

fn said(m: &Mounted) -> String {
    query_all(&m.el(), ".wb-restore > p[role=status]")
        .first()
        .map(text)
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn after_a_restore_the_new_instance_is_followed_until_it_is_ok() {
    reset().await;
    let backup = backup_of("web-02", 2).await;
    let m = mount_restore(backup, Settings::default());
    restore_loaded(&m).await;
    type_into(
        &query(&m.el(), ".wb-restore__form input[type=text]").unwrap(),
        "followed",
    );
    restore_now(&m).await;
    assert!(
        outcome(&m).starts_with("Restore started"),
        "{}",
        outcome(&m)
    );
    assert_eq!(
        said(&m),
        "Restore started: the new instance “followed” is being created."
    );
    let uuid = text(&m.must("[data-instance-uuid]"));
    advance_clock(600).await;
    wait_until("the instance is OK", 8000, || {
        m.must(".wb-restore__done")
            .get_attribute("data-instance-state")
            .as_deref()
            == Some("OK")
    })
    .await;
    assert!(
        outcome(&m).starts_with("Restore finished"),
        "{}",
        outcome(&m)
    );
    assert!(outcome(&m).contains("is ready"));
    assert_eq!(said(&m), "The new instance “followed” is ready.");
    // It stops asking once the instance is OK.
    let path = format!("/api/openstack-instances/{uuid}/");
    clear_requests().await;
    sleep(500).await;
    assert!(
        requests_to("GET", &path).await.is_empty(),
        "no more requests"
    );
}

#[wasm_bindgen_test]
async fn a_restore_that_fails_in_the_cloud_shows_its_error() {
    reset().await;
    let backup = backup_of("web-02", 2).await;
    let m = mount_restore(backup, Settings::default());
    restore_loaded(&m).await;
    restore_now(&m).await;
    let uuid = text(&m.must("[data-instance-uuid]"));
    // The backend fails after the 201, as a real OpenStack can.
    add_fault(&format!(
        r#"{{"path": "/api/openstack-instances/{uuid}/", "method": "GET", "status": 200,
             "body": {{"uuid": "{uuid}", "name": "web-02", "state": "Erred",
                       "error_message": "No valid host was found. There are not enough hosts available."}}}}"#
    ))
    .await;
    wait_until("the failure", 8000, || {
        outcome(&m).starts_with("Restore failed")
    })
    .await;
    assert!(
        outcome(&m).contains("No valid host was found."),
        "{}",
        outcome(&m)
    );
    assert!(said(&m).starts_with("The new instance “web-02” could not be created. No valid host"));
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn following_the_new_instance_stops_when_the_dialog_closes() {
    reset().await;
    let backup = backup_of("web-02", 2).await;
    let m = mount_restore(backup, Settings::default());
    restore_loaded(&m).await;
    restore_now(&m).await;
    let uuid = text(&m.must("[data-instance-uuid]"));
    let path = format!("/api/openstack-instances/{uuid}/");
    sleep(400).await;
    assert!(
        !requests_to("GET", &path).await.is_empty(),
        "asked while open"
    );
    drop(m);
    sleep(100).await;
    clear_requests().await;
    sleep(800).await;
    assert!(
        requests_to("GET", &path).await.is_empty(),
        "not after closing"
    );
}
