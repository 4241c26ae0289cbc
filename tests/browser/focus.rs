//! Where focus goes after each action (the README's "Keyboard" section), in headless Chromium
//! against the dev server: it stays on the control used, or moves to the nearest sensible one,
//! and never falls to the page's body.

use crate::support::*;
use waldur_backups::api::{Auth, Client};
use waldur_backups::components::{mount_widget, Settings};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

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
    fn button(&self, label: &str) -> Element {
        self.must(&format!("button[aria-label='{label}']"))
    }
    fn button_with_text(&self, scope: &str, label: &str) -> Element {
        query_all(&self.must(scope), "button")
            .into_iter()
            .find(|b| text(b) == label)
            .unwrap_or_else(|| panic!("no button “{label}” in {scope}"))
    }
    fn said(&self) -> String {
        text(&self.must(".wb-results-status"))
    }
}

fn mount(token: &str) -> Widget {
    let el = mount_point();
    let client = Client::new(devserver_url(), Auth::Token(token.into()));
    let settings = Settings {
        is_staff: token == STAFF_TOKEN,
        ..Settings::default()
    };
    let handle = mount_widget(el.clone(), client, settings, None);
    Widget {
        el: el.unchecked_into(),
        _handle: Box::new(handle),
    }
}

/// The focused element, which must be a real control (not the body, not a removed node).
fn focus_is_on(what: &str) -> Element {
    let active = focused().unwrap_or_else(|| panic!("nothing has focus ({what})"));
    assert!(active.is_connected(), "focus on a removed element ({what})");
    assert_ne!(active.tag_name(), "BODY", "focus fell to the body ({what})");
    active
}

fn press(el: &Element) {
    el.unchecked_ref::<HtmlElement>().focus().unwrap();
    click(el);
}

async fn on_page(w: &Widget, n: u32) {
    wait_until(&format!("page {n}"), 8000, || {
        w.said().starts_with(&format!("Page {n} of"))
    })
    .await;
}

#[wasm_bindgen_test]
async fn focus_stays_on_the_pager_after_previous_page() {
    reset().await;
    let w = mount(STAFF_TOKEN);
    on_page(&w, 1).await;
    press(&w.button("Next page"));
    on_page(&w, 2).await;
    let previous = w.button("Previous page");
    press(&previous);
    on_page(&w, 1).await;
    sleep(100).await;
    assert_eq!(focus_is_on("after Previous page"), previous);
    assert_eq!(
        previous.get_attribute("aria-disabled").as_deref(),
        Some("true"),
        "there is no page before the first, and the button says so"
    );
}

#[wasm_bindgen_test]
async fn focus_stays_on_the_pager_after_first_next_and_last_page() {
    reset().await;
    let w = mount(STAFF_TOKEN);
    on_page(&w, 1).await;
    for (label, page) in [
        ("Last page", 16),
        ("First page", 1),
        ("Next page", 2),
        ("Last page", 16),
    ] {
        let button = w.button(label);
        press(&button);
        on_page(&w, page).await;
        sleep(100).await;
        assert_eq!(focus_is_on(label), button, "{label}");
    }
    // A number chosen keeps focus too, though the numbers around it change.
    let three = w.button("Page 15");
    press(&three);
    on_page(&w, 15).await;
    sleep(100).await;
    let active = focus_is_on("a page number");
    assert_eq!(
        active.get_attribute("aria-label").as_deref(),
        Some("Page 15")
    );
    assert_eq!(
        active.get_attribute("aria-current").as_deref(),
        Some("page")
    );
}

#[wasm_bindgen_test]
async fn focus_moves_to_the_next_row_after_unlinking_from_the_drawer() {
    reset().await;
    let w = mount(STAFF_TOKEN);
    on_page(&w, 1).await;
    let row = w.rows()[2].clone();
    let gone = row.get_attribute("data-uuid").unwrap();
    row.unchecked_ref::<HtmlElement>().focus().unwrap();
    press_key(&row, "Enter", false);
    wait_until("the drawer", 5000, || {
        query(&w.el, "[data-action=unlink]").is_some()
    })
    .await;
    press(&w.must("[data-action=unlink]"));
    wait_until("the question", 3000, || {
        query(&w.el, "[role=alertdialog]").is_some()
    })
    .await;
    press(&w.button_with_text("[role=alertdialog]", "Unlink"));
    wait_until("the drawer closes", 5000, || {
        query(&w.el, ".wb-modal--drawer").is_none()
    })
    .await;
    sleep(150).await;
    let active = focus_is_on("after unlinking");
    assert_eq!(active.tag_name(), "TR", "a row has focus");
    let now = active.get_attribute("data-uuid").unwrap();
    assert_ne!(now, gone, "not the unlinked one");
    assert_eq!(
        w.rows().iter().position(|r| *r == active),
        Some(2),
        "the row that took its place"
    );
}

#[wasm_bindgen_test]
async fn focus_stays_in_the_drawer_when_its_backup_is_deleted_then_returns_to_the_rows() {
    reset().await;
    let w = mount(STAFF_TOKEN);
    on_page(&w, 1).await;
    let row = w.must("tr.wb-row[data-state=OK]");
    let index = w.rows().iter().position(|r| *r == row).unwrap();
    row.unchecked_ref::<HtmlElement>().focus().unwrap();
    press_key(&row, "Enter", false);
    wait_until("the drawer", 5000, || {
        query(&w.el, "[data-action=delete]").is_some()
    })
    .await;
    let delete = w.must("[data-action=delete]");
    press(&delete);
    wait_until("the question", 3000, || {
        query(&w.el, "[role=alertdialog]").is_some()
    })
    .await;
    press(&w.button_with_text("[role=alertdialog]", "Delete backup"));
    wait_until("deletion scheduled", 5000, || {
        query(&w.el, "[role=alertdialog]").is_none()
            && query(&w.el, ".wb-drawer").is_some_and(|d| text(&d).contains("Deletion"))
    })
    .await;
    sleep(100).await;
    assert_eq!(focus_is_on("after confirming"), delete, "back on Delete");
    // The cloud removes it; the drawer says so and its Close button takes focus.
    advance_clock(600).await;
    wait_until("the backup is gone", 15000, || {
        query(&w.el, ".wb-drawer__gone").is_some()
    })
    .await;
    sleep(150).await;
    assert!(focus_is_on("after the backup went")
        .class_list()
        .contains("wb-drawer__close"));
    press(&w.must(".wb-drawer__close"));
    wait_until("the drawer closes", 3000, || {
        query(&w.el, ".wb-modal--drawer").is_none()
    })
    .await;
    sleep(150).await;
    let active = focus_is_on("after closing");
    assert_eq!(active.tag_name(), "TR");
    assert_eq!(
        w.rows().iter().position(|r| *r == active),
        Some(index.min(w.rows().len() - 1))
    );
}

#[wasm_bindgen_test]
async fn removing_a_filter_moves_focus_to_its_field() {
    reset().await;
    let w = mount(STAFF_TOKEN);
    on_page(&w, 1).await;
    type_into(&w.must("[data-filter=description]"), "nightly");
    type_into(&w.must("[data-filter=name]"), "web");
    wait_until("two chips", 3000, || {
        query_all(&w.el, ".wb-chip").len() == 2
    })
    .await;
    let remove = w.must(".wb-chip__remove[aria-label='Remove filter Description: nightly']");
    press(&remove);
    wait_until("one chip", 3000, || query_all(&w.el, ".wb-chip").len() == 1).await;
    sleep(100).await;
    assert_eq!(
        focus_is_on("after removing a chip")
            .get_attribute("data-filter")
            .as_deref(),
        Some("description")
    );
    press(&w.must(".wb-chips__clear"));
    wait_until("no chips", 3000, || query(&w.el, ".wb-chip").is_none()).await;
    sleep(100).await;
    assert_eq!(
        focus_is_on("after Clear all")
            .get_attribute("data-filter")
            .as_deref(),
        Some("name")
    );
}

#[wasm_bindgen_test]
async fn closing_the_restore_dialog_returns_focus_to_the_row_menu() {
    reset().await;
    let w = mount(STAFF_TOKEN);
    on_page(&w, 1).await;
    let row = w.must("tr.wb-row[data-state=OK]");
    let menu = query(&row, ".wb-menu__button").unwrap();
    menu.unchecked_ref::<HtmlElement>().focus().unwrap();
    press_key(&menu, "Enter", false);
    wait_until("the menu", 3000, || {
        query(&row, "[role=menuitem][data-action=restore]").is_some()
    })
    .await;
    let item = query(&row, "[role=menuitem][data-action=restore]").unwrap();
    press_key(&item, "Enter", false);
    wait_until("the restore dialog", 5000, || {
        query(&w.el, ".wb-restore").is_some()
    })
    .await;
    sleep(100).await;
    let dialog = w.must(".wb-restore");
    press_key(&focus_is_on("in the dialog"), "Escape", false);
    wait_until("the dialog closes", 3000, || {
        query(&w.el, ".wb-restore").is_none()
    })
    .await;
    drop(dialog);
    sleep(150).await;
    assert_eq!(focus_is_on("after closing the dialog"), menu);
}

/// Records, on every DOM change under `root`, whether focus is on the page's body then: what a
/// keyboard or screen-reader user would meet between a part leaving and focus moving on.
fn watch_for_body_focus(root: &Element) -> js_sys::Array {
    let seen = js_sys::Array::new();
    let watch = js_sys::Function::new_with_args(
        "root, seen",
        "new MutationObserver(() => { const a = document.activeElement; \
           if (!a || a === document.body) seen.push('body'); }) \
         .observe(root, {childList: true, subtree: true});",
    );
    watch.call2(&JsValue::NULL, root, &seen).unwrap();
    seen
}

#[wasm_bindgen_test]
async fn saving_an_edit_returns_focus_to_edit() {
    reset().await;
    let w = mount(STAFF_TOKEN);
    on_page(&w, 1).await;
    let row = w.must("tr.wb-row[data-state=OK]");
    row.unchecked_ref::<HtmlElement>().focus().unwrap();
    press_key(&row, "Enter", false);
    wait_until("the drawer", 5000, || {
        query(&w.el, "[data-action=edit]").is_some()
    })
    .await;
    press(&w.must("[data-action=edit]"));
    wait_until("the form", 3000, || {
        query(&w.el, ".wb-drawer__form input[name=name]").is_some()
    })
    .await;
    sleep(100).await;
    let name = focus_is_on("the edit form");
    assert_eq!(name.get_attribute("name").as_deref(), Some("name"));
    type_into(&name, "renamed for focus");
    let body_focus = watch_for_body_focus(&w.el);
    press(&w.must("[data-action=save]"));
    wait_until("saved", 5000, || query(&w.el, ".wb-drawer__form").is_none()).await;
    sleep(150).await;
    assert_eq!(
        body_focus.length(),
        0,
        "focus was on the body while the form gave way to Edit"
    );
    assert_eq!(
        focus_is_on("after saving")
            .get_attribute("data-action")
            .as_deref(),
        Some("edit")
    );
    // Cancel returns there too.
    press(&w.must("[data-action=edit]"));
    wait_until("the form", 3000, || {
        query(&w.el, "[data-action=cancel-edit]").is_some()
    })
    .await;
    let body_focus = watch_for_body_focus(&w.el);
    press(&w.must("[data-action=cancel-edit]"));
    wait_until("closed", 3000, || {
        query(&w.el, ".wb-drawer__form").is_none()
    })
    .await;
    sleep(150).await;
    assert_eq!(body_focus.length(), 0, "focus was on the body after cancel");
    assert_eq!(
        focus_is_on("after cancel")
            .get_attribute("data-action")
            .as_deref(),
        Some("edit")
    );
}
