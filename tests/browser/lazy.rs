//! A lazily loaded part (the drawer, a dialog) as a user meets it when its chunk is slow or
//! cannot be fetched: the dialog's shell at once, a retry in place, then the part itself.
//!
//! The release bundle fetches parts from chunks; these tests (an unsplit build) drive the same
//! component with a stand-in loader whose answers each test gives.

use crate::support::*;
use futures::channel::oneshot;
use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use std::cell::RefCell;
use waldur_backups::components::lazy::{ChunkUnavailable, LazyDialog};
use waldur_backups::components::styles::WIDGET_CSS;
use waldur_backups::components::ui::ModalKind;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

thread_local! {
    /// Loads started and not answered yet, oldest first.
    static LOADS: RefCell<Vec<oneshot::Sender<Result<(), ()>>>> = const { RefCell::new(Vec::new()) };
}

/// The stand-in for a chunk's loader: pending until the test answers it.
fn load() -> LocalBoxFuture<'static, Result<(), ChunkUnavailable>> {
    let (tx, rx) = oneshot::channel();
    LOADS.with(|l| l.borrow_mut().push(tx));
    Box::pin(async move { rx.await.unwrap_or(Err(())).map_err(|()| ChunkUnavailable) })
}

/// Answers the oldest pending load (`Ok`: the chunk arrived; `Err`: it could not be fetched).
async fn answer(result: Result<(), ()>) {
    let tx = LOADS.with(|l| l.borrow_mut().remove(0));
    let _ = tx.send(result);
    sleep(30).await;
}

fn pending_loads() -> usize {
    LOADS.with(|l| l.borrow().len())
}

struct Mounted {
    root: HtmlElement,
    closed: RwSignal<u32>,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

impl Mounted {
    fn el(&self, selector: &str) -> Option<Element> {
        query(&self.root, selector)
    }
}

/// A page with an opener button and, after it is clicked, the lazily loaded "Backup details".
async fn open_part() -> Mounted {
    LOADS.with(|l| l.borrow_mut().clear());
    let root = mount_point();
    let style = crate::support::document().create_element("style").unwrap();
    style.set_text_content(Some(WIDGET_CSS));
    root.append_child(&style).unwrap();
    let closed = RwSignal::new(0u32);
    let open = RwSignal::new(false);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        // What every widget provides (its parts read their language from it).
        waldur_backups::i18n::I18n::new().provide();
        view! {
            <div class="wb-root">
                <button type="button" class="opener" on:click=move |_| open.set(true)>"Details"</button>
                <Show when=move || open.get()>
                    <LazyDialog
                        preload=load
                        kind=ModalKind::Drawer
                        title="Backup details"
                        on_close=move |_| {
                            closed.update(|n| *n += 1);
                            open.set(false);
                        }
                        content=|| Some(view! { <p class="the-part">"The part itself"</p> }.into_any())
                    />
                </Show>
            </div>
        }
    });
    let m = Mounted {
        root,
        closed,
        _handle: Box::new(handle),
    };
    let opener = m.el("button.opener").unwrap();
    opener.unchecked_ref::<HtmlElement>().focus().unwrap();
    click(&opener);
    sleep(30).await;
    m
}

#[wasm_bindgen_test]
async fn a_part_still_loading_shows_its_dialog_at_once() {
    let m = open_part().await;
    let dialog = m
        .el("[role=dialog]")
        .expect("the dialog's shell is there at once");
    let title_id = dialog.get_attribute("aria-labelledby").unwrap();
    let title = m.el(&format!("[id='{title_id}']")).unwrap();
    assert_eq!(text(&title), "Backup details");
    assert!(text(&dialog).contains("Loading…"), "{}", text(&dialog));
    assert!(
        dialog.query_selector("[aria-busy=true]").unwrap().is_some(),
        "the shell says it is busy"
    );
    assert!(m.el(".the-part").is_none());
    let focus = focused().unwrap();
    assert!(dialog.contains(Some(&focus)), "focus moved into the shell");
    assert_eq!(pending_loads(), 1, "one fetch of the part");

    answer(Ok(())).await;
    assert_eq!(text(&m.el(".the-part").unwrap()), "The part itself");
    assert!(!text(&m.root).contains("Loading…"), "the shell went");
}

#[wasm_bindgen_test]
async fn a_part_that_cannot_be_fetched_offers_a_retry_in_place() {
    let m = open_part().await;
    answer(Err(())).await;
    let alert = m
        .el("[role=dialog] [role=alert]")
        .expect("the failure is said");
    assert!(
        text(&alert).contains("could not be loaded"),
        "{}",
        text(&alert)
    );
    let retry = m.el("[role=dialog] button.wb-lazy__retry").unwrap();
    assert_eq!(text(&retry), "Retry");
    assert!(m.el(".the-part").is_none());

    retry.unchecked_ref::<HtmlElement>().focus().unwrap();
    click(&retry);
    sleep(30).await;
    assert_eq!(pending_loads(), 1, "Retry fetches the part again");
    assert!(text(&m.el("[role=dialog]").unwrap()).contains("Loading…"));
    let focus = focused().unwrap();
    assert!(
        m.el("[role=dialog]").unwrap().contains(Some(&focus)),
        "focus stays in the dialog, not on the page: {}",
        focus.outer_html()
    );

    answer(Ok(())).await;
    assert_eq!(text(&m.el(".the-part").unwrap()), "The part itself");
}

#[wasm_bindgen_test]
async fn the_shell_closes_like_the_dialog_and_focus_returns_to_the_opener() {
    let m = open_part().await;
    let close = m
        .el("[role=dialog] .wb-modal__actions button")
        .expect("a Close button");
    assert_eq!(text(&close), "Close");
    click(&close);
    sleep(30).await;
    assert_eq!(m.closed.get_untracked(), 1);
    assert!(m.el("[role=dialog]").is_none());
    assert_eq!(
        focused().and_then(|f| f.get_attribute("class")),
        Some("opener".into())
    );

    // Esc, while the fetch is still failing.
    click(&m.el("button.opener").unwrap());
    sleep(30).await;
    answer(Err(())).await;
    press_key(&m.el("[role=dialog]").unwrap(), "Escape", false);
    sleep(30).await;
    assert_eq!(m.closed.get_untracked(), 2);
}

#[wasm_bindgen_test]
async fn the_shell_has_no_serious_accessibility_violation_loading_or_failed() {
    let m = open_part().await;
    let v = axe_violations(&m.root).await;
    assert!(v.is_empty(), "loading: {v:?}");
    answer(Err(())).await;
    let v = axe_violations(&m.root).await;
    assert!(v.is_empty(), "failed: {v:?}");
}
