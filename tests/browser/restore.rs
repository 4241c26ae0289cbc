//! The restore dialog in headless Chromium against the dev server: the exact body sent, every
//! server message in its place, loading failures, and accessibility in each state.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use crate::support::*;
use leptos::prelude::*;
use serde_json::{json, Value};
use waldur_backups::api::{Auth, Backup, Client, ListQuery, ResourceState};
use waldur_backups::components::{HostEvent, RestoreDialog, Settings, WidgetContext};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

fn client() -> Client {
    Client::new(devserver_url(), Auth::Token(STAFF_TOKEN.into()))
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

struct Mounted {
    root: HtmlElement,
    events: Rc<RefCell<Vec<HostEvent>>>,
    closes: Arc<AtomicU32>,
    _handle: Box<dyn std::any::Any>,
}

fn mount(backup: Backup, instance_url: Option<&str>) -> Mounted {
    let root = mount_point();
    let events = Rc::new(RefCell::new(Vec::new()));
    let closes = Arc::new(AtomicU32::new(0));
    let (ev, cl) = (events.clone(), closes.clone());
    let settings = Settings {
        instance_url: instance_url.map(str::to_owned),
        ..Default::default()
    };
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let ctx = WidgetContext::new(
            client(),
            settings,
            Some(Rc::new(move |e| ev.borrow_mut().push(e))),
        );
        ctx.provide();
        view! {
            <RestoreDialog backup on_close=move |_| { cl.fetch_add(1, Ordering::SeqCst); }/>
        }
    });
    Mounted {
        root,
        events,
        closes,
        _handle: Box::new(handle),
    }
}

/// Waits until the lists are loaded and the form is shown.
async fn loaded(root: &Element) {
    wait_until("the restore form to load", 5000, || {
        !labelled(root, "Flavor").is_empty()
    })
    .await;
}

/// The controls whose `<label>` reads `text`, in document order.
fn labelled(root: &Element, text: &str) -> Vec<Element> {
    query_all(root, "label")
        .into_iter()
        .filter(|l| crate::support::text(l) == text)
        .filter_map(|l| l.get_attribute("for"))
        .filter_map(|id| crate::support::document().get_element_by_id(&id))
        .collect()
}

fn one(root: &Element, label: &str) -> Element {
    labelled(root, label)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("a control labelled {label}"))
}

/// The text of the messages an element's `aria-describedby` points to.
fn description(el: &Element) -> String {
    el.get_attribute("aria-describedby")
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|id| crate::support::document().get_element_by_id(id))
        .map(|e| crate::support::text(&e))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Picks the option of a `<select>` whose text satisfies `pick`, as a user would.
fn choose(select: &Element, pick: impl Fn(&str) -> bool) -> String {
    let option = query_all(select, "option")
        .into_iter()
        .find(|o| pick(&crate::support::text(o)))
        .expect("a matching option");
    let value = option.get_attribute("value").unwrap_or_default();
    select
        .unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value(&value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    value
}

fn submit_button(root: &Element) -> HtmlElement {
    query(root, "button[type=submit]")
        .expect("the Restore button")
        .unchecked_into()
}

fn disabled(el: &Element) -> bool {
    el.has_attribute("disabled")
}

fn top_error(root: &Element) -> String {
    query(root, "[data-restore-error]")
        .map(|e| crate::support::text(&e))
        .unwrap_or_default()
}

async fn restore_posts() -> Vec<wasm_bindgen::JsValue> {
    requests_to("POST", "/api/openstack-backups/").await
}

fn body_of(request: &wasm_bindgen::JsValue) -> Value {
    let body = js_sys::Reflect::get(request, &"body".into()).unwrap();
    let text = js_sys::JSON::stringify(&body).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

async fn assert_accessible(root: &Element, state: &str) {
    let violations = axe_violations(root).await;
    assert!(violations.is_empty(), "axe ({state}): {violations:#?}");
}

#[wasm_bindgen_test]
async fn a_full_form_sends_exactly_the_contract_body_and_shows_the_new_instance() {
    reset().await;
    let backup = backup_of("web-02", 2).await;
    let tenant = backup.tenant_uuid.clone().unwrap();
    let m = mount(backup.clone(), None);
    loaded(&m.root).await;
    assert_accessible(&m.root, "loaded").await;

    let name = one(&m.root, "New instance name");
    wait_for_focus_on(&name, "the first field has focus once loaded").await;
    assert_eq!(name.get_attribute("placeholder").as_deref(), Some("web-02"));
    type_into(&name, "web-02 restored");
    let flavor_url = choose(&one(&m.root, "Flavor"), |t| t.starts_with("m1.medium"));
    // Preselected: default and ssh; make it default and web.
    let default = one(&m.root, "default — Default security group");
    let web = one(&m.root, "web — HTTP and HTTPS from anywhere");
    let ssh = one(&m.root, "ssh — SSH from the office");
    assert!(default
        .unchecked_ref::<web_sys::HtmlInputElement>()
        .checked());
    assert!(ssh.unchecked_ref::<web_sys::HtmlInputElement>().checked());
    click(&ssh);
    click(&web);

    let subnets = labelled(&m.root, "Subnet");
    assert_eq!(subnets.len(), 2, "one row per source port");
    let ips = labelled(&m.root, "Fixed IP (optional)");
    type_into(&ips[0], "10.0.0.77");
    let fips = labelled(&m.root, "Floating IP");
    choose(&fips[0], |t| t == "Assign a new one automatically");
    let fip_url = choose(&fips[1], |t| t.starts_with("203.0.113."));
    let summary = || crate::support::text(&query(&m.root, "[data-restore-summary]").unwrap());
    wait_until("the summary to follow the form", 2000, || {
        let s = summary();
        s.contains("“web-02 restored” with flavor m1.medium")
            && s.contains("Security groups: default, web.")
            && s.contains("fixed IP 10.0.0.77, a new floating IP")
    })
    .await;

    clear_requests().await;
    let submit = submit_button(&m.root);
    assert!(!disabled(&submit));
    submit.click();
    wait_until("the new instance", 5000, || {
        query(&m.root, "[data-instance-name]").is_some()
    })
    .await;

    let posts = restore_posts().await;
    assert_eq!(posts.len(), 1);
    assert_eq!(
        get_str(&posts[0], "path").unwrap(),
        format!("/api/openstack-backups/{}/restore/", backup.uuid)
    );
    let subnet_list = client().list_subnets(&tenant, &[]).await.unwrap();
    let subnet = |i: usize| {
        let url = subnets[i]
            .unchecked_ref::<web_sys::HtmlSelectElement>()
            .value();
        subnet_list.iter().find(|s| s.url == url).unwrap().clone()
    };
    let groups = client().list_security_groups(&tenant, &[]).await.unwrap();
    let group_url = |n: &str| groups.iter().find(|g| g.name == n).unwrap().url.clone();
    let (s0, s1) = (subnet(0), subnet(1));
    assert_eq!(
        body_of(&posts[0]),
        json!({
            "flavor": flavor_url,
            "name": "web-02 restored",
            "security_groups": [{"url": group_url("default")}, {"url": group_url("web")}],
            "ports": [
                {"subnet": s0.url, "fixed_ips": [{"ip_address": "10.0.0.77", "subnet_id": s0.backend_id.unwrap()}]},
                {"subnet": s1.url}
            ],
            "floating_ips": [
                {"subnet": s0.url},
                {"subnet": s1.url, "url": fip_url}
            ]
        })
    );

    let done = crate::support::text(&query(&m.root, ".wb-restore__done").unwrap());
    assert!(done.contains("web-02 restored"), "{done}");
    assert!(done.contains("Creation scheduled"), "{done}");
    assert!(m
        .events
        .borrow()
        .iter()
        .any(|e| matches!(e, HostEvent::RestoreStarted { backup_uuid, instance } if *backup_uuid == backup.uuid && instance.name == "web-02 restored")));
    next_frames().await;
    assert_eq!(
        focused().map(|f| crate::support::text(&f)).as_deref(),
        Some("Close"),
        "focus moves to the result"
    );
    assert_accessible(&m.root, "success").await;
    // Without a URL pattern there is no page to open: the UUID to find it by, with a copy
    // button, instead of a button that does nothing on a page without a host.
    assert!(
        query_all(&m.root, "button, a")
            .iter()
            .all(|b| !crate::support::text(b).starts_with("Open instance")),
        "no dead Open instance control"
    );
    let instance_uuid = m
        .events
        .borrow()
        .iter()
        .find_map(|e| match e {
            HostEvent::RestoreStarted { instance, .. } => Some(instance.uuid.clone()),
            _ => None,
        })
        .unwrap();
    let shown = crate::support::text(&query(&m.root, "[data-instance-uuid]").unwrap());
    assert_eq!(shown, instance_uuid);
    assert!(query(
        &m.root,
        ".wb-restore__done button[aria-label=\"Copy the new instance's UUID\"]"
    )
    .is_some());
    // The backup is fetched again, so table and drawer can show the new restoration.
    sleep(200).await;
    let gets = requests_to("GET", &format!("/api/openstack-backups/{}/", backup.uuid)).await;
    assert!(
        !gets.is_empty(),
        "the backup was refreshed after the restore"
    );
}

#[wasm_bindgen_test]
async fn a_double_click_sends_one_request_and_the_link_uses_the_hosts_pattern() {
    reset().await;
    let backup = backup_of("web-02", 2).await;
    let m = mount(backup, Some("/instances/{uuid}"));
    loaded(&m.root).await;
    add_fault(r#"{"path": "/api/openstack-backups/", "method": "POST", "latency_ms": 400}"#).await;
    clear_requests().await;
    let submit = submit_button(&m.root);
    submit.click();
    submit.click();
    sleep(50).await;
    submit.click();
    assert!(disabled(&submit), "disabled while the request runs");
    wait_until("the new instance", 5000, || {
        query(&m.root, "[data-instance-name]").is_some()
    })
    .await;
    assert_eq!(restore_posts().await.len(), 1);
    let link = query(&m.root, ".wb-restore__done a").expect("a link to the instance");
    assert!(link
        .get_attribute("href")
        .unwrap()
        .starts_with("/instances/"));
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn every_server_message_lands_in_its_place_and_input_is_kept() {
    reset().await;
    let backup = backup_of("web-02", 2).await;
    let m = mount(backup, None);
    loaded(&m.root).await;
    type_into(&one(&m.root, "New instance name"), "kept name");
    let fips = labelled(&m.root, "Floating IP");
    choose(&fips[0], |t| t == "Assign a new one automatically");
    let fip_url = choose(&fips[1], |t| t.starts_with("203.0.113."));
    let fip_address = {
        let sel = &fips[1];
        query_all(sel, "option")
            .into_iter()
            .find(|o| o.get_attribute("value").as_deref() == Some(fip_url.as_str()))
            .map(|o| crate::support::text(&o))
            .unwrap()
    };
    let subnet_name = |i: usize| {
        let sel = &labelled(&m.root, "Subnet")[i];
        let t = query_all(sel, "option")
            .into_iter()
            .find(|o| {
                o.get_attribute("value").as_deref()
                    == Some(&*sel.unchecked_ref::<web_sys::HtmlSelectElement>().value())
            })
            .map(|o| crate::support::text(&o))
            .unwrap();
        t.split(" (").next().unwrap().to_string()
    };
    let (s0, s1) = (subnet_name(0), subnet_name(1));

    enum Place {
        Top,
        Flavor,
        Groups,
        Subnet(usize),
        Floating(usize),
    }
    let cases: Vec<(Value, &str, Place)> = vec![
        (
            json!({"non_field_errors": ["OpenStack instance should have bootable volume."]}),
            "OpenStack instance should have bootable volume.",
            Place::Top,
        ),
        (
            json!({"flavor": ["Flavor is not visible in tenant."]}),
            "Flavor is not visible in tenant.",
            Place::Flavor,
        ),
        (
            json!({"security_groups": ["Security group web does not belong to the same tenant as instance."]}),
            "Security group web does not belong",
            Place::Groups,
        ),
        (
            json!({"ports": [format!("Subnet {s1} does not belong to the same tenant as instance.")]}),
            "does not belong to the same tenant as instance.",
            Place::Subnet(1),
        ),
        (
            json!({"non_field_errors": [format!("It is impossible to connect to subnet {s0} twice.")]}),
            "It is impossible to connect to subnet",
            Place::Top,
        ),
        (
            json!({"floating_ips": [format!("SubNet {s0} is not connected to router.")]}),
            "is not connected to router.",
            Place::Floating(0),
        ),
        (
            json!({"floating_ips": [format!("SubNet {s1} is not connected to instance.")]}),
            "is not connected to instance.",
            Place::Floating(1),
        ),
        (
            json!({"floating_ips": [format!("Floating IP {fip_address} is already booked for another instance creation")]}),
            "is already booked for another instance creation",
            Place::Floating(1),
        ),
        (
            json!({"floating_ips": [format!("Floating IP {fip_address} does not belong to the same tenant as instance.")]}),
            "does not belong to the same tenant as instance.",
            Place::Floating(1),
        ),
        (
            json!({"non_field_errors": [format!("It is impossible to use subnet {s0} twice.")]}),
            "It is impossible to use subnet",
            Place::Top,
        ),
        (
            json!(["One or more quotas were exceeded: ram quota limit: 65536, requires 66560."]),
            "One or more quotas were exceeded",
            Place::Top,
        ),
    ];
    for (i, (body, expected, place)) in cases.into_iter().enumerate() {
        clear_faults().await;
        add_fault(&json!({"path": "/api/openstack-backups/", "method": "POST", "status": 400, "body": body, "count": 1}).to_string()).await;
        submit_button(&m.root).click();
        let root = m.root.clone();
        let target: Box<dyn Fn() -> String> = match place {
            Place::Top => Box::new(move || top_error(&root)),
            Place::Flavor => Box::new(move || description(&one(&root, "Flavor"))),
            Place::Groups => {
                Box::new(move || description(&query(&root, ".wb-restore__groups").unwrap()))
            }
            Place::Subnet(r) => Box::new(move || description(&labelled(&root, "Subnet")[r])),
            Place::Floating(r) => Box::new(move || description(&labelled(&root, "Floating IP")[r])),
        };
        wait_until(&format!("case {i}: {expected}"), 3000, || {
            target().contains(expected)
        })
        .await;
        if !matches!(place, Place::Top) {
            assert!(
                top_error(&m.root).is_empty(),
                "case {i}: no top error for a field error"
            );
        }
        // Focus moves to the first error.
        next_frames().await;
        let f = focused().expect("something has focus");
        let focus_ok = match place {
            Place::Top => f.has_attribute("data-error-anchor"),
            _ => f.get_attribute("aria-invalid").as_deref() == Some("true"),
        };
        assert!(
            focus_ok,
            "case {i}: focus on the first error, got {:?}",
            f.outer_html()
        );
        // The input is kept.
        assert_eq!(
            one(&m.root, "New instance name")
                .unchecked_ref::<web_sys::HtmlInputElement>()
                .value(),
            "kept name"
        );
        assert_eq!(
            labelled(&m.root, "Floating IP")[1]
                .unchecked_ref::<web_sys::HtmlSelectElement>()
                .value(),
            fip_url
        );
        if matches!(i, 1 | 2 | 5) {
            assert_accessible(&m.root, "field error").await;
        }
        if i == 1 {
            // Choosing another flavor answers the message.
            choose(&one(&m.root, "Flavor"), |t| t.starts_with("m1.large"));
            wait_until("the flavor message to go", 2000, || {
                !description(&one(&m.root, "Flavor")).contains(expected)
            })
            .await;
        }
    }
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn the_real_quota_error_shows_at_the_top() {
    reset().await;
    // climate-hpc is nearly out of RAM: the preselected flavor exceeds its quota.
    let backup = backup_of("climate-node-2", 2).await;
    let m = mount(backup, None);
    loaded(&m.root).await;
    submit_button(&m.root).click();
    wait_until("the quota message", 5000, || {
        top_error(&m.root).contains("One or more quotas were exceeded: ram quota limit")
    })
    .await;
    assert_accessible(&m.root, "server error").await;
}

#[wasm_bindgen_test]
async fn conflict_and_server_failures_keep_the_input_and_offer_retry() {
    reset().await;
    let backup = backup_of("web-02", 2).await;
    let m = mount(backup.clone(), None);
    loaded(&m.root).await;
    type_into(&one(&m.root, "New instance name"), "after failure");

    add_fault(r#"{"path": "/api/openstack-backups/", "method": "POST", "status": 409, "body": {"detail": "Valid states for operation: OK."}, "count": 1}"#).await;
    clear_requests().await;
    submit_button(&m.root).click();
    wait_until("the conflict message", 3000, || {
        top_error(&m.root).contains("Valid states for operation: OK.")
    })
    .await;
    sleep(200).await;
    assert!(
        !requests_to("GET", &format!("/api/openstack-backups/{}/", backup.uuid))
            .await
            .is_empty(),
        "the backup is refreshed after a conflict"
    );

    add_fault(
        r#"{"path": "/api/openstack-backups/", "method": "POST", "status": 503, "count": 1}"#,
    )
    .await;
    submit_button(&m.root).click();
    wait_until("the server error", 3000, || {
        top_error(&m.root).contains("HTTP 503")
    })
    .await;
    assert_accessible(&m.root, "server error").await;
    assert_eq!(
        one(&m.root, "New instance name")
            .unchecked_ref::<web_sys::HtmlInputElement>()
            .value(),
        "after failure"
    );
    let retry = query_all(&m.root, "button")
        .into_iter()
        .find(|b| crate::support::text(b) == "Retry")
        .expect("a Retry button");
    click(&retry);
    wait_until("the new instance", 5000, || {
        query(&m.root, "[data-instance-name]")
            .is_some_and(|e| crate::support::text(&e) == "after failure")
    })
    .await;
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn small_flavors_are_marked_with_the_reason() {
    reset().await;
    let backup = backup_of("web-02", 2).await;
    let min_ram = backup.metadata.min_ram().expect("metadata.min_ram");
    assert!(min_ram > 512);
    let m = mount(backup, None);
    loaded(&m.root).await;
    let flavor = one(&m.root, "Flavor");
    let tiny = query_all(&flavor, "option")
        .into_iter()
        .find(|o| crate::support::text(o).starts_with("m1.tiny"))
        .unwrap();
    // Short in the list, so the chosen option reads whole; the reason is its description.
    assert!(
        crate::support::text(&tiny).ends_with("(too small)"),
        "{}",
        crate::support::text(&tiny)
    );
    choose(&flavor, |t| t.starts_with("m1.tiny"));
    wait_until("the warning", 2000, || {
        description(&one(&m.root, "Flavor")).contains("Too small")
    })
    .await;
    assert!(description(&flavor).contains("may not start"));
    assert!(description(&flavor).contains("Too small: 512 MiB RAM, the backup needs at least"));
}

#[wasm_bindgen_test]
async fn a_subnet_used_in_one_row_cannot_be_chosen_in_another() {
    reset().await;
    let backup = backup_of("web-02", 2).await;
    let m = mount(backup, None);
    loaded(&m.root).await;
    let subnets = labelled(&m.root, "Subnet");
    let first = subnets[0]
        .unchecked_ref::<web_sys::HtmlSelectElement>()
        .value();
    let same_in_second = query_all(&subnets[1], "option")
        .into_iter()
        .find(|o| o.get_attribute("value").as_deref() == Some(first.as_str()))
        .unwrap();
    assert!(disabled(&same_in_second));
    assert!(crate::support::text(&same_in_second).contains("used by network 1"));

    // A new row takes a free subnet; storage has no router, so no floating IP.
    let add = query_all(&m.root, "button")
        .into_iter()
        .find(|b| crate::support::text(b) == "Add network")
        .unwrap();
    click(&add);
    wait_until("a third row", 2000, || {
        labelled(&m.root, "Subnet").len() == 3
    })
    .await;
    let fip = labelled(&m.root, "Floating IP")[2].clone();
    assert!(disabled(&fip));
    assert!(
        description(&fip).contains("not connected to a router"),
        "{}",
        description(&fip)
    );

    // An address outside the subnet's range keeps the form from being sent.
    let ip = labelled(&m.root, "Fixed IP (optional)")[2].clone();
    type_into(&ip, "192.168.1.1");
    wait_until("the range message", 2000, || {
        description(&ip).contains("is not inside the subnet's range")
    })
    .await;
    assert!(disabled(&submit_button(&m.root)));
    assert_eq!(ip.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_accessible(&m.root, "invalid").await;

    let remove = query_all(&m.root, "button")
        .into_iter()
        .find(|b| b.get_attribute("aria-label").as_deref() == Some("Remove network 3"))
        .unwrap();
    click(&remove);
    wait_until("two rows", 2000, || labelled(&m.root, "Subnet").len() == 2).await;
    assert!(!disabled(&submit_button(&m.root)));
}

#[wasm_bindgen_test]
async fn a_list_that_fails_to_load_says_which_and_can_be_retried() {
    reset().await;
    let backup = backup_of("web-02", 2).await;
    let tenant = backup.tenant_uuid.clone().unwrap();
    add_fault(r#"{"path": "/api/openstack-flavors/", "status": 500, "count": 1}"#).await;
    clear_requests().await;
    let m = mount(backup, None);
    wait_until("the load error", 5000, || {
        crate::support::text(&m.root).contains("Could not load the flavors")
    })
    .await;
    assert!(disabled(&submit_button(&m.root)));
    assert!(labelled(&m.root, "Flavor").is_empty());
    let retry = query_all(&m.root, "button")
        .into_iter()
        .find(|b| crate::support::text(b) == "Retry")
        .unwrap();
    click(&retry);
    loaded(&m.root).await;
    assert!(!crate::support::text(&m.root).contains("Could not load"));
    assert_eq!(m.closes.load(Ordering::SeqCst), 0, "the dialog stayed open");
    // Only the failed list was asked again; the free floating IPs of the tenant, few fields.
    assert_eq!(requests_to("GET", "/api/openstack-flavors/").await.len(), 2);
    assert_eq!(requests_to("GET", "/api/openstack-subnets/").await.len(), 1);
    let fip_query = get_str(
        &requests_to("GET", "/api/openstack-floating-ips/").await[0],
        "query",
    )
    .unwrap();
    assert!(
        fip_query.contains("free=true")
            && fip_query.contains(&format!("tenant_uuid={tenant}"))
            && fip_query.contains("field=address"),
        "{fip_query}"
    );
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn escape_asks_first_when_the_form_was_changed() {
    reset().await;
    let backup = backup_of("web-02", 2).await;
    let m = mount(backup, None);
    loaded(&m.root).await;
    let name = one(&m.root, "New instance name");
    press_key(&name, "Escape", false);
    assert_eq!(
        m.closes.load(Ordering::SeqCst),
        1,
        "an unchanged form closes at once"
    );

    type_into(&name, "changed");
    press_key(&name, "Escape", false);
    wait_until("the question", 2000, || {
        crate::support::text(&m.root).contains("Discard this restore?")
    })
    .await;
    assert_eq!(m.closes.load(Ordering::SeqCst), 1);
    let discard = query_all(&m.root, "button")
        .into_iter()
        .find(|b| crate::support::text(b) == "Discard")
        .unwrap();
    click(&discard);
    assert_eq!(m.closes.load(Ordering::SeqCst), 2);
}

#[wasm_bindgen_test]
async fn more_than_twenty_flavors_get_a_search_box() {
    reset().await;
    let backup = backup_of("web-02", 2).await;
    let flavors: Vec<Value> = (1..=25)
        .map(|i| {
            json!({
                "url": format!("{}/api/openstack-flavors/f{i:02}/", devserver_url()),
                "uuid": format!("f{i:02}"),
                "name": if i == 25 { "gpu.a100".to_string() } else { format!("std.{i:02}") },
                "cores": i, "ram": 1024 * i, "disk": 10240 * i
            })
        })
        .collect();
    add_fault(
        &json!({"path": "/api/openstack-flavors/", "status": 200, "body": flavors, "count": 1})
            .to_string(),
    )
    .await;
    let m = mount(backup, None);
    loaded(&m.root).await;
    let search = one(&m.root, "Search flavors");
    let flavor = one(&m.root, "Flavor");
    assert_eq!(query_all(&flavor, "option:not([disabled])").len(), 25);
    type_into(&search, "gpu");
    wait_until("the search to filter", 2000, || {
        let shown: Vec<String> = query_all(&flavor, "option:not([disabled])")
            .iter()
            .map(crate::support::text)
            .collect();
        shown.len() == 1 && shown[0].starts_with("gpu.a100 — 25 vCPUs, 25 GiB RAM")
    })
    .await;
    clear_faults().await;
}
