//! The tenant's quotas in the restore dialog, in headless Chromium against the dev server: a
//! choice the server would refuse is flagged at its field with the numbers before sending,
//! sending stays possible, and an unreadable tenant says "quota unknown".

use crate::support::document;
use crate::support::*;
use leptos::prelude::*;
use waldur_backups::api::{Auth, Backup, Client, ListQuery, ResourceState};
use waldur_backups::components::{RestoreDialog, Settings, WidgetContext};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

fn client() -> Client {
    Client::new(devserver_url(), Auth::Token(STAFF_TOKEN.into()))
}

async fn backup_of(instance: &str) -> Backup {
    let all: Vec<Backup> = client()
        .list_all("/api/openstack-backups/", ListQuery::default())
        .await
        .expect("backups load");
    all.into_iter()
        .find(|b| b.state == ResourceState::Ok && b.instance_name.as_deref() == Some(instance))
        .unwrap_or_else(|| panic!("an OK backup of {instance}"))
}

fn mount(backup: Backup) -> (HtmlElement, Box<dyn std::any::Any>) {
    let root = mount_point();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        WidgetContext::new(client(), Settings::default(), None).provide();
        view! { <RestoreDialog backup on_close=|_| {} /> }
    });
    (root, Box::new(handle))
}

fn control_labelled(root: &Element, label: &str) -> Option<Element> {
    query_all(root, "label")
        .into_iter()
        .find(|l| text(l) == label)
        .and_then(|l| l.get_attribute("for"))
        .and_then(|id| document().get_element_by_id(&id))
}

async fn loaded(root: &Element) {
    wait_until("the restore form", 6000, || {
        control_labelled(root, "Flavor").is_some()
    })
    .await;
}

fn choose(select: &Element, pick: impl Fn(&str) -> bool) {
    let option = query_all(select, "option")
        .into_iter()
        .find(|o| pick(&text(o)))
        .expect("a matching option");
    select
        .unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value(&option.get_attribute("value").unwrap_or_default());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
}

fn note(root: &Element, field: &str) -> String {
    query(root, &format!(".wb-quota[data-field='{field}']"))
        .map(|n| text(&n))
        .unwrap_or_default()
}

fn flagged(root: &Element, field: &str) -> Option<Element> {
    query(
        root,
        &format!(".wb-quota[data-field='{field}'] .wb-quota__exceeded"),
    )
}

fn submit(root: &Element) -> HtmlElement {
    query(root, "button[type=submit]")
        .expect("the Restore button")
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn a_flavor_past_the_ram_quota_is_flagged_with_the_numbers_before_the_server_refuses() {
    reset().await;
    // climate-hpc has 1 GiB of RAM left: the backup's own flavor needs more.
    let backup = backup_of("climate-node-2").await;
    let (root, _handle) = mount(backup);
    loaded(&root).await;
    wait_until("the RAM flag", 5000, || flagged(&root, "flavor").is_some()).await;
    let flag = flagged(&root, "flavor").unwrap();
    assert_eq!(flag.get_attribute("role").as_deref(), Some("alert"));
    let said = text(&flag);
    assert!(
        said.contains("This choice would exceed the tenant's quota")
            && said.contains("RAM: needs")
            && said.contains("only 1 GiB of"),
        "{said}"
    );
    assert!(
        note(&root, "flavor").contains("Instances: needs 1,"),
        "{}",
        note(&root, "flavor")
    );
    assert!(
        !submit(&root).has_attribute("disabled"),
        "sending stays possible"
    );

    // The server agrees with the flag.
    clear_requests().await;
    submit(&root).click();
    wait_until("the server's quota answer", 5000, || {
        query(&root, "[data-restore-error]").is_some_and(|e| text(&e).contains("ram quota limit"))
    })
    .await;

    // A flavor that fits clears the flag and shows what is left.
    choose(&control_labelled(&root, "Flavor").unwrap(), |t| {
        t.starts_with("m1.tiny")
    });
    wait_until("the flag goes", 3000, || flagged(&root, "flavor").is_none()).await;
    let fits = note(&root, "flavor");
    assert!(fits.contains("RAM: needs 512 MiB, 1 GiB of"), "{fits}");
    assert!(axe_violations(&root).await.is_empty());
}

#[wasm_bindgen_test]
async fn a_new_floating_ip_past_its_quota_is_flagged_at_the_networks() {
    reset().await;
    let backup = backup_of("web-01").await;
    let tenant = backup.tenant_uuid.clone().unwrap();
    let all = control("GET", "quotas", None).await;
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    let used = all
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tenant_uuid"] == tenant.as_str())
        .and_then(|t| {
            t["quotas"]
                .as_array()?
                .iter()
                .find(|q| q["name"] == "floating_ip_count")
                .and_then(|q| q["usage"].as_i64())
        })
        .unwrap();
    control(
        "POST",
        "quotas",
        Some(&format!(
            r#"{{"tenant_uuid": "{tenant}", "quotas": {{"floating_ip_count": {{"limit": {used}}}}}}}"#
        )),
    )
    .await;
    let (root, _handle) = mount(backup);
    loaded(&root).await;
    assert!(flagged(&root, "networks").is_none());
    let fip = control_labelled(&root, "Floating IP").expect("a network row");
    choose(&fip, |t| t == "Assign a new one automatically");
    wait_until("the floating IP flag", 3000, || {
        flagged(&root, "networks").is_some()
    })
    .await;
    let said = text(&flagged(&root, "networks").unwrap());
    assert!(
        said.contains(&format!("Floating IPs: needs 1, only 0 of {used} left.")),
        "{said}"
    );
}

#[wasm_bindgen_test]
async fn an_unreadable_tenant_says_quota_unknown_and_the_dialog_works() {
    reset().await;
    add_fault(r#"{"path": "/api/openstack-tenants/", "status": 500}"#).await;
    let backup = backup_of("web-01").await;
    let (root, _handle) = mount(backup);
    loaded(&root).await;
    wait_until("quota unknown", 5000, || {
        note(&root, "flavor").starts_with("Quota unknown")
    })
    .await;
    assert!(flagged(&root, "flavor").is_none());
    assert!(!submit(&root).has_attribute("disabled"));
    clear_faults().await;
}
