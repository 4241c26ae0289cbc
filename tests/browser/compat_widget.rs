//! The whole widget against the releases people run, the way a person uses it: a 2024 Waldur
//! (display labels, no staff state actions), Waldur's stock nginx (no CORS headers on error
//! replies, nor on a delete's 202), a support user and an organisation owner, and staff setting
//! a stuck backup's state. One dev server serves every case: each test switches its profile and
//! CORS mode through the control API.
//!
//! What the page learns about a server is kept per API address for the whole page, and every
//! browser test shares one page: each widget here talks to an address of its own
//! ([`fresh_address`], another spelling of 127.0.0.1), so none teaches another test's widget
//! that the server is a 2024 release or hides its error replies.

use std::cell::RefCell;
use std::rc::Rc;

use crate::support::*;
use leptos::prelude::*;
use waldur_backups::api::{Auth, Backup, BackupQuery, Client, ResourceState};
use waldur_backups::components::styles::WIDGET_CSS;
use waldur_backups::components::{BackupsWidget, HostEvent, Settings, WidgetContext};
use waldur_backups::state::Scope;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

const LIST: &str = "/api/openstack-backups/";

/// A mounted widget: its element, its context and the events it sent the host.
struct Widget {
    el: Element,
    ctx: WidgetContext,
    events: Rc<RefCell<Vec<HostEvent>>>,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Widget {
    fn drop(&mut self) {
        self.el.remove();
    }
}

fn mount(base: &str, token: &str, settings: Settings) -> Widget {
    let el = mount_point();
    let events = Rc::new(RefCell::new(Vec::new()));
    let sink = events.clone();
    let slot = Rc::new(RefCell::new(None));
    let out = slot.clone();
    let client = Client::new(base, Auth::Token(token.into()));
    let handle = leptos::mount::mount_to(el.clone(), move || {
        let ctx = WidgetContext::new(
            client,
            settings,
            Some(Rc::new(move |e| sink.borrow_mut().push(e))),
        );
        ctx.provide();
        *out.borrow_mut() = Some(ctx);
        view! {
            <style>{WIDGET_CSS}</style>
            <BackupsWidget poll_base_ms=60_000 />
        }
    });
    let ctx = slot.borrow_mut().take().expect("the context");
    Widget {
        el: el.unchecked_into(),
        ctx,
        events,
        _handle: Box::new(handle),
    }
}

impl Widget {
    fn rows(&self) -> Vec<Element> {
        query_all(&self.el, "tr.wb-row")
    }

    async fn loaded(&self) {
        wait_until("rows are shown", 8000, || !self.rows().is_empty()).await;
    }

    fn row(&self, uuid: &str) -> Element {
        query(&self.el, &format!("tr.wb-row[data-uuid='{uuid}']"))
            .unwrap_or_else(|| panic!("no row for {uuid}"))
    }

    fn must(&self, selector: &str) -> Element {
        query(&self.el, selector).unwrap_or_else(|| panic!("no element {selector}"))
    }

    fn text_of(&self, selector: &str) -> String {
        query(&self.el, selector)
            .map(|e| text(&e))
            .unwrap_or_default()
    }

    /// Opens the row menu of `uuid` and returns its items: key, enabled, and the reason shown.
    async fn menu(&self, uuid: &str) -> Vec<(String, bool, String)> {
        let row = self.row(uuid);
        click(&query(&row, ".wb-menu__button").expect("a menu button"));
        wait_until("the menu opens", 3000, || {
            query(&row, "[role='menu']").is_some()
        })
        .await;
        query_all(&row, "[role='menuitem']")
            .into_iter()
            .map(|item| {
                let off = item.get_attribute("aria-disabled").as_deref() == Some("true");
                // The reason is the item's description.
                let why = item
                    .get_attribute("aria-describedby")
                    .and_then(|id| crate::support::document().get_element_by_id(&id))
                    .map(|e| text(&e))
                    .unwrap_or_default();
                (
                    item.get_attribute("data-action").unwrap_or_default(),
                    !off,
                    why,
                )
            })
            .collect()
    }

    fn close_menu(&self) {
        if let Some(menu) = query(&self.el, "[role='menu']") {
            press_key(&menu, "Escape", false);
        }
    }

    /// Runs a row menu item (the menu must be open).
    fn choose(&self, uuid: &str, action: &str) {
        let row = self.row(uuid);
        click(
            &query(&row, &format!("[role='menuitem'][data-action='{action}']"))
                .unwrap_or_else(|| panic!("no menu item {action}")),
        );
    }

    fn dialog(&self) -> Option<Element> {
        query(&self.el, "[role='alertdialog']")
    }

    fn button(&self, scope: &Element, label: &str) -> Element {
        query_all(scope, "button")
            .into_iter()
            .find(|b| text(b).trim() == label)
            .unwrap_or_else(|| panic!("no button “{label}”"))
    }

    async fn confirm(&self, label: &str) {
        wait_until("the question", 3000, || self.dialog().is_some()).await;
        let dialog = self.dialog().unwrap();
        click(&self.button(&dialog, label));
    }

    fn drawer(&self) -> Option<Element> {
        query(&self.el, ".wb-modal--drawer")
    }

    async fn open_drawer(&self, uuid: &str) -> Element {
        self.ctx.store.open_detail.set(Some(uuid.to_owned()));
        wait_until("the drawer shows the backup", 8000, || {
            query(&self.el, "[data-group=overview]").is_some()
        })
        .await;
        self.drawer().unwrap()
    }

    fn drawer_action(&self, action: &str) -> Element {
        self.must(&format!(".wb-drawer [data-action={action}]"))
    }

    fn notice(&self) -> String {
        self.text_of(".wb-notice")
    }

    fn errors_shown(&self) -> Vec<String> {
        query_all(&self.el, ".wb-alert--error")
            .iter()
            .map(text)
            .collect()
    }
}

/// One backup the user sees, picked from a list query.
async fn pick(token: &str, query: BackupQuery, pick: impl Fn(&Backup) -> bool) -> Backup {
    let api = Client::new(devserver_url(), Auth::Token(token.into()));
    let page = api
        .list_backups(&BackupQuery {
            page_size: Some(300),
            ..query
        })
        .await
        .expect("the list loads");
    page.items
        .into_iter()
        .find(pick)
        .expect("a backup to work on")
}

async fn assert_accessible(root: &Element, state: &str) {
    let violations = axe_violations(root).await;
    assert!(violations.is_empty(), "axe ({state}): {violations:#?}");
}

fn in_project(name: &'static str) -> impl Fn(&Backup) -> bool {
    move |b| b.project_name.as_deref() == Some(name) && b.state == ResourceState::Ok
}

/// The `state` values of the backup lists received, one string per request.
async fn states_sent() -> Vec<String> {
    requests_to("GET", LIST)
        .await
        .iter()
        .filter(|r| get_str(r, "path").as_deref() == Some(LIST))
        .filter_map(|r| get_str(r, "query"))
        .filter(|q| q.contains("state="))
        .filter(|q| !q.contains("uuid="))
        .map(|q| {
            q.split('&')
                .filter_map(|p| p.strip_prefix("state="))
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect()
}

fn page_search() -> String {
    crate::support::window()
        .location()
        .search()
        .unwrap_or_default()
}

fn set_page_search(search: &str) {
    let path = crate::support::window().location().pathname().unwrap();
    crate::support::window()
        .history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}")),
        )
        .unwrap();
}

fn synced() -> Settings {
    Settings {
        url_sync: true,
        page_size: 50,
        ..Settings::default()
    }
}

#[wasm_bindgen_test]
async fn on_2024_ticking_erred_shows_the_erred_backups_and_the_page_url_keeps_the_enum() {
    set_server_profile("2024", "django").await;
    set_page_search("");
    let w = mount(&fresh_address(), ADMIN_TOKEN, synced());
    w.loaded().await;
    click(&w.must("input[type=checkbox][data-state=ERRED]"));
    wait_until("only erred backups", 8000, || {
        let rows = w.rows();
        !rows.is_empty()
            && rows
                .iter()
                .all(|r| r.get_attribute("data-state").as_deref() == Some("ERRED"))
    })
    .await;
    assert!(w.text_of(".wb-rows").contains("Erred"));
    assert!(w.errors_shown().is_empty(), "{:?}", w.errors_shown());
    // The first page showed labels: the filter went out as a label, once.
    assert_eq!(states_sent().await, ["Erred"]);
    assert!(page_search().contains("state=ERRED"), "{}", page_search());
    drop(w);
    set_page_search("");
}

#[wasm_bindgen_test]
async fn on_2024_a_filter_from_the_page_url_is_respelled_once_and_no_error_shows() {
    for cors in ["django", "nginx-stock"] {
        let base = fresh_address();
        set_server_profile("2024", cors).await;
        set_page_search("?state=ERRED");
        let w = mount(&base, ADMIN_TOKEN, synced());
        w.loaded().await;
        assert!(w
            .rows()
            .iter()
            .all(|r| r.get_attribute("data-state").as_deref() == Some("ERRED")));
        // A 400 (readable or hidden), then the label; the error is never shown.
        assert_eq!(states_sent().await, ["ERRED", "Erred"], "{cors}");
        assert!(
            w.errors_shown().is_empty(),
            "{cors}: {:?}",
            w.errors_shown()
        );
        assert!(page_search().contains("state=ERRED"), "{}", page_search());
        drop(w);
        set_page_search("");
    }
}

#[wasm_bindgen_test]
async fn a_refused_list_is_sent_once_and_its_error_said_once() {
    set_server_profile("8.1", "django").await;
    // A host scope with a bad UUID: the server's 400, one request, one message (not also
    // repeated by the results live region).
    let settings = Settings {
        scope: Scope {
            project_uuid: Some("0".repeat(31)),
            ..Scope::default()
        },
        ..Settings::default()
    };
    let w = mount(&fresh_address(), ADMIN_TOKEN, settings);
    wait_until("the error", 8000, || !w.errors_shown().is_empty()).await;
    sleep(300).await;
    let errors = w.errors_shown();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("Enter a valid UUID."), "{errors:?}");
    let all = w.el.text_content().unwrap_or_default();
    assert_eq!(all.matches("Enter a valid UUID.").count(), 1, "{all}");
    assert_eq!(requests_to("GET", LIST).await.len(), 1, "sent once");
}

#[wasm_bindgen_test]
async fn behind_stock_nginx_the_drawer_saves_an_edit_and_says_plainly_why_a_pull_reads_nothing() {
    set_server_profile("8.1", "nginx-stock").await;
    let b = pick(
        ADMIN_TOKEN,
        BackupQuery::default(),
        in_project("Genomics pipeline"),
    )
    .await;
    let w = mount(&fresh_address(), ADMIN_TOKEN, Settings::default());
    w.loaded().await;
    w.open_drawer(&b.uuid).await;
    // An edit: the 200 carries CORS headers, as before.
    click(&w.drawer_action("edit"));
    wait_until("the edit form", 3000, || {
        query(&w.el, "form input[name=name]").is_some()
    })
    .await;
    type_into(&w.must("form input[name=name]"), "renamed-behind-nginx");
    click(&w.drawer_action("save"));
    wait_until("saved", 5000, || {
        w.text_of(".wb-drawer").contains("Changes saved.")
    })
    .await;
    assert!(w
        .text_of(".wb-drawer__title")
        .contains("renamed-behind-nginx"));

    // A refused edit: its 409 arrives without CORS headers. The form keeps the input and says
    // what is true.
    click(&w.drawer_action("edit"));
    wait_until("the edit form", 3000, || {
        query(&w.el, "form input[name=name]").is_some()
    })
    .await;
    type_into(&w.must("form input[name=name]"), "refused-edit");
    add_fault(r#"{"path": "/api/openstack-backups/", "method": "PATCH", "status": 409, "body": {"detail": "Valid states for operation: OK."}, "count": 1}"#).await;
    click(&w.drawer_action("save"));
    wait_until("the refusal", 8000, || {
        query(&w.el, ".wb-drawer__form-error").is_some()
    })
    .await;
    let said = w.text_of(".wb-drawer__form-error");
    assert!(said.contains("did not accept"), "{said}");
    assert!(said.contains("CORS headers"), "{said}");
    assert!(!said.contains("Could not reach"), "{said}");
    assert_eq!(
        w.must("form input[name=name]")
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value(),
        "refused-edit"
    );
    clear_faults().await;
    click(&w.drawer_action("cancel-edit"));
    wait_until("asked to discard", 3000, || w.dialog().is_some()).await;
    click(&w.button(&w.dialog().unwrap(), "Discard changes"));
    wait_until("the actions again", 3000, || {
        query(&w.el, ".wb-drawer [data-action=pull]").is_some()
    })
    .await;

    // Pull: Waldur answers 409 "not implemented", without CORS headers.
    clear_requests().await;
    click(&w.drawer_action("pull"));
    wait_until("the pull's outcome", 8000, || {
        w.text_of(".wb-drawer__notices").contains("Pull of")
    })
    .await;
    let said = w.text_of(".wb-drawer__notices");
    assert!(said.contains("could not be read in the browser"), "{said}");
    assert!(said.contains("Deployment"), "{said}");
    assert!(!said.contains("Could not reach"), "{said}");
    // The backup was read again, and is shown as it is.
    assert!(requests_to("GET", LIST)
        .await
        .iter()
        .any(|r| get_str(r, "query").is_some_and(|q| q.contains(&format!("uuid={}", b.uuid)))));
    assert!(w
        .text_of(".wb-drawer__title")
        .contains("renamed-behind-nginx"));
}

#[wasm_bindgen_test]
async fn behind_stock_nginx_a_delete_whose_202_is_hidden_is_reported_as_done() {
    set_server_profile("8.1", "nginx-stock").await;
    let b = pick(
        ADMIN_TOKEN,
        BackupQuery::default(),
        in_project("Genomics pipeline"),
    )
    .await;
    let settings = Settings {
        scope: Scope {
            instance_uuid: b
                .instance
                .as_deref()
                .and_then(waldur_backups::state::uuid_from_url)
                .map(str::to_owned),
            ..Scope::default()
        },
        ..Settings::default()
    };
    let w = mount(&fresh_address(), ADMIN_TOKEN, settings);
    w.loaded().await;
    w.menu(&b.uuid).await;
    w.choose(&b.uuid, "delete");
    w.confirm("Delete backup").await;
    wait_until("the outcome", 8000, || !w.notice().is_empty()).await;
    assert!(
        w.notice().contains("Deletion of “") && w.notice().contains("was scheduled"),
        "{}",
        w.notice()
    );
    wait_until("the row follows", 5000, || {
        matches!(
            w.row(&b.uuid).get_attribute("data-state").as_deref(),
            Some("DELETION_SCHEDULED" | "DELETING")
        )
    })
    .await;
    assert!(w
        .events
        .borrow()
        .iter()
        .any(|e| matches!(e, HostEvent::BackupDeleted { uuid, .. } if *uuid == b.uuid)));
}

/// An OK backup of the instance without a bootable volume: every restore of it gets a 400.
async fn unbootable() -> Backup {
    pick(STAFF_TOKEN, BackupQuery::default(), |b| {
        b.instance_name.as_deref() == Some("ephemeral-worker") && b.state == ResourceState::Ok
    })
    .await
}

#[wasm_bindgen_test]
async fn a_restore_refused_with_a_400_says_why_on_2024_and_keeps_the_form_behind_stock_nginx() {
    set_server_profile("2024", "django").await;
    let b = unbootable().await;
    let settings = Settings {
        scope: Scope {
            instance_uuid: b
                .instance
                .as_deref()
                .and_then(waldur_backups::state::uuid_from_url)
                .map(str::to_owned),
            ..Scope::default()
        },
        ..Settings::default()
    };
    let w = mount(&fresh_address(), STAFF_TOKEN, settings);
    w.loaded().await;
    w.menu(&b.uuid).await;
    w.choose(&b.uuid, "restore");
    wait_until("the restore form", 8000, || {
        query(&w.el, ".wb-restore__form button[type=submit]")
            .is_some_and(|b| !b.has_attribute("disabled"))
    })
    .await;
    let name = query_all(&w.el, ".wb-restore__form input[type=text]")
        .into_iter()
        .next()
        .expect("the name field");
    type_into(&name, "kept-through-errors");
    let submit = w.must(".wb-restore__form button[type=submit]");
    click(&submit);
    wait_until("the server's reason", 8000, || {
        w.text_of("[data-restore-error]")
            .contains("OpenStack instance should have bootable volume.")
    })
    .await;

    // The same refusal behind Waldur's stock nginx: its reason cannot be read.
    control("POST", "settings", Some(r#"{"cors": "nginx-stock"}"#)).await;
    click(&submit);
    wait_until("the refusal", 8000, || {
        w.text_of("[data-restore-error]").contains("CORS headers")
    })
    .await;
    let said = w.text_of("[data-restore-error]");
    assert!(said.contains("did not accept"), "{said}");
    assert!(!said.contains("Could not reach"), "{said}");
    assert_eq!(
        name.unchecked_ref::<web_sys::HtmlInputElement>().value(),
        "kept-through-errors"
    );
    assert!(
        query(&w.el, ".wb-restore__form").is_some(),
        "the dialog stays"
    );
}

const CHANGES: [&str; 4] = ["restore", "edit", "delete", "pull"];

#[wasm_bindgen_test]
async fn a_support_user_is_never_offered_a_change_and_sends_none() {
    set_server_profile("8.1", "django").await;
    let w = mount(&fresh_address(), SUPPORT_TOKEN, Settings::default());
    w.loaded().await;
    let b = w.ctx.store.rows.get_untracked()[0].clone();
    let uuid = b.uuid.clone();
    // users/me answered: every change is off, with the reason as its description.
    let mut items = Vec::new();
    for _ in 0..50 {
        items = w.menu(&uuid).await;
        w.close_menu();
        if items.iter().any(|(_, on, _)| !on) {
            break;
        }
        sleep(50).await;
    }
    let keys: Vec<&str> = items.iter().map(|(k, _, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        ["details", "restore", "edit", "delete", "pull"],
        "no staff actions"
    );
    for (key, on, why) in &items {
        if CHANGES.contains(&key.as_str()) {
            assert!(!on, "{key} is off");
            assert_eq!(
                why, "Support users can view backups but not change them",
                "{key}"
            );
        }
    }
    // The drawer: the same actions disabled, the reason said in words.
    w.open_drawer(&uuid).await;
    for action in ["edit", "restore", "pull", "delete"] {
        let button = w.drawer_action(action);
        assert_eq!(
            button.get_attribute("aria-disabled").as_deref(),
            Some("true"),
            "{action}"
        );
        assert!(
            button.get_attribute("aria-describedby").is_some(),
            "{action}"
        );
    }
    assert!(w
        .text_of(".wb-drawer__read-only")
        .contains("Support users can view backups but not change them"));
    click(&w.drawer_action("edit"));
    click(&w.drawer_action("delete"));
    sleep(100).await;
    assert!(
        query(&w.el, "form input[name=name]").is_none(),
        "no edit form"
    );
    assert!(w.dialog().is_none(), "no question");
    // Selected rows cannot be deleted either.
    w.ctx.store.open_detail.set(None);
    wait_until("the drawer closes", 3000, || w.drawer().is_none()).await;
    click(&w.must("tr.wb-row .wb-row-check"));
    wait_until("the bulk action", 3000, || {
        query(&w.el, ".wb-bulk-delete").is_some()
    })
    .await;
    let bulk = w.must(".wb-bulk-delete");
    assert_eq!(bulk.get_attribute("aria-disabled").as_deref(), Some("true"));
    assert!(w.text_of(".wb-bulk-reason").contains("Support users"));
    click(&bulk);
    sleep(100).await;
    assert!(w.dialog().is_none());
    // Nothing but reads reached the server.
    let changes: Vec<String> = requests()
        .await
        .iter()
        .filter(|r| get_str(r, "method").as_deref() != Some("GET"))
        .filter_map(|r| get_str(&r, "path"))
        .collect();
    assert!(changes.is_empty(), "{changes:?}");
}

#[wasm_bindgen_test]
async fn an_owner_and_project_admin_may_change_what_is_hers_and_only_that_on_both_releases() {
    for profile in ["8.1", "2024"] {
        set_server_profile(profile, "django").await;
        let w = mount(
            &fresh_address(),
            ADMIN_TOKEN,
            Settings {
                page_size: 300,
                ..Settings::default()
            },
        );
        w.loaded().await;
        let rows = w.ctx.store.rows.get_untracked();
        let of = |project: &str| {
            rows.iter()
                .find(|b| {
                    b.project_name.as_deref() == Some(project) && b.state == ResourceState::Ok
                })
                .unwrap_or_else(|| panic!("an OK backup in {project}"))
                .uuid
                .clone()
        };
        // Admin of Genomics pipeline; owner of its organisation, so Climate models too (a 2024
        // Waldur sends no customer_uuid); only a member of Edge analytics.
        for (project, allowed) in [
            ("Genomics pipeline", true),
            ("Climate models", true),
            ("Edge analytics", false),
        ] {
            let uuid = of(project);
            let mut items = Vec::new();
            for _ in 0..50 {
                items = w.menu(&uuid).await;
                w.close_menu();
                let settled = items.iter().any(|(k, on, _)| k == "edit" && *on == allowed);
                if settled {
                    break;
                }
                sleep(50).await;
            }
            for (key, on, why) in &items {
                if CHANGES.contains(&key.as_str()) {
                    assert_eq!(*on, allowed, "{profile} {project} {key}");
                    if !allowed {
                        assert!(why.contains("administrator or manager role"), "{why}");
                    }
                }
            }
        }
    }
}

/// A backup stuck in "Creating" in a project alice administers.
async fn stuck() -> Backup {
    pick(
        STAFF_TOKEN,
        BackupQuery {
            state: vec![ResourceState::Creating],
            ..BackupQuery::default()
        },
        |_| true,
    )
    .await
}

#[wasm_bindgen_test]
async fn staff_set_a_stuck_backup_ok_from_the_menu_and_erred_with_a_message_from_the_drawer() {
    set_server_profile("8.1", "django").await;
    let b = stuck().await;
    let w = mount(
        &fresh_address(),
        STAFF_TOKEN,
        Settings {
            page_size: 300,
            ..Settings::default()
        },
    );
    w.loaded().await;
    let mut items = Vec::new();
    for _ in 0..50 {
        items = w.menu(&b.uuid).await;
        if items.iter().any(|(k, _, _)| k == "set-ok") {
            break;
        }
        w.close_menu();
        sleep(50).await;
    }
    assert!(
        items.contains(&("set-ok".into(), true, String::new())),
        "{items:?}"
    );
    w.choose(&b.uuid, "set-ok");
    wait_until("the question", 3000, || w.dialog().is_some()).await;
    assert!(text(&w.dialog().unwrap()).contains(&format!("Mark backup “{}” as OK?", b.name)));
    w.confirm("Set OK").await;
    wait_until("marked OK", 8000, || {
        w.row(&b.uuid).get_attribute("data-state").as_deref() == Some("OK")
    })
    .await;
    assert!(w.notice().contains("was marked as OK."), "{}", w.notice());

    // Set erred from the drawer, with a message typed in the question.
    w.open_drawer(&b.uuid).await;
    click(&w.drawer_action("set-erred"));
    wait_until("the question", 3000, || w.dialog().is_some()).await;
    let dialog = w.dialog().unwrap();
    let note = query(&dialog, "textarea").expect("a message field");
    assert!(text(&dialog).contains("Error message (optional)"));
    assert_accessible(&w.el, "the set erred question").await;
    type_into(&note, "Snapshot lost in OpenStack");
    click(&w.button(&dialog, "Set erred"));
    wait_until("erred, with the message", 8000, || {
        w.text_of(".wb-drawer")
            .contains("Snapshot lost in OpenStack")
    })
    .await;
    assert_eq!(
        w.row(&b.uuid).get_attribute("data-state").as_deref(),
        Some("ERRED")
    );
    assert!(w
        .text_of(".wb-drawer__notices")
        .contains("was marked as erred."));
    let sent = requests_to("POST", &format!("{LIST}{}/set_erred/", b.uuid)).await;
    let body = js_sys::Reflect::get(&sent[0], &"body".into()).unwrap();
    assert_eq!(
        String::from(js_sys::JSON::stringify(&body).unwrap()),
        r#"{"error_message":"Snapshot lost in OpenStack"}"#
    );
}

#[wasm_bindgen_test]
async fn on_2024_staff_are_told_plainly_and_set_ok_is_offered_no_more() {
    for cors in ["django", "nginx-stock"] {
        let base = fresh_address();
        set_server_profile("2024", cors).await;
        let b = stuck().await;
        let w = mount(
            &base,
            STAFF_TOKEN,
            Settings {
                page_size: 300,
                ..Settings::default()
            },
        );
        w.loaded().await;
        let mut items = Vec::new();
        for _ in 0..50 {
            items = w.menu(&b.uuid).await;
            if items.iter().any(|(k, _, _)| k == "set-ok") {
                break;
            }
            w.close_menu();
            sleep(50).await;
        }
        assert!(
            items.iter().any(|(k, _, _)| k == "set-ok"),
            "{cors}: {items:?}"
        );
        w.choose(&b.uuid, "set-ok");
        w.confirm("Set OK").await;
        wait_until("the outcome", 8000, || !w.notice().is_empty()).await;
        assert!(
            w.notice()
                .contains("This Waldur version does not support this action."),
            "{cors}: {}",
            w.notice()
        );
        assert_eq!(
            w.row(&b.uuid).get_attribute("data-state").as_deref(),
            Some("CREATING"),
            "unchanged"
        );
        let items = w.menu(&b.uuid).await;
        w.close_menu();
        assert!(
            !items.iter().any(|(k, _, _)| k == "set-ok"),
            "{cors}: {items:?}"
        );
        assert!(
            items.iter().any(|(k, _, _)| k == "unlink"),
            "staff keep Unlink"
        );
        w.open_drawer(&b.uuid).await;
        assert!(query(&w.el, ".wb-drawer [data-action=set-ok]").is_none());
        // Another widget of the same server knows it too.
        let other = mount(&base, STAFF_TOKEN, Settings::default());
        other.loaded().await;
        let first = other.ctx.store.rows.get_untracked()[0].uuid.clone();
        let mut items = Vec::new();
        for _ in 0..50 {
            // Once it knows the user is staff (Unlink), it still offers no Set OK.
            items = other.menu(&first).await;
            other.close_menu();
            if items.iter().any(|(k, _, _)| k == "unlink") {
                break;
            }
            sleep(50).await;
        }
        assert!(items.iter().any(|(k, _, _)| k == "unlink"), "{items:?}");
        assert!(!items.iter().any(|(k, _, _)| k == "set-ok"), "{items:?}");
    }
}
