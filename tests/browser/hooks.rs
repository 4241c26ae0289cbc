//! The hooks on their own, in headless Chromium: each under an `Owner`, signals in, effects
//! out, with short timers where timing matters (no dev server needed).

use std::cell::RefCell;
use std::rc::Rc;

use crate::support::{sleep, wait_until, window};
use leptos::prelude::*;
use waldur_backups::api::{OrderField, ResourceState};
use waldur_backups::components::hooks::{use_backoff_poll, use_debounce, use_table_view};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

/// A fresh owner on the effects executor, as a component's would be.
fn owner() -> Owner {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.set();
    owner
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// What a caller of the poller does: on each refresh asked for, note the time, "load", and
/// schedule the next once the load has settled.
fn record_dues(poll: waldur_backups::components::hooks::BackoffPoll) -> Rc<RefCell<Vec<f64>>> {
    let times = Rc::new(RefCell::new(Vec::new()));
    let out = times.clone();
    Effect::new(move |_| {
        if poll.due() > 0 {
            out.borrow_mut().push(now());
            poll.schedule();
        }
    });
    times
}

#[wasm_bindgen_test]
async fn debounce_runs_once_with_the_last_value_after_calls_settle() {
    let _owner = owner();
    let typed = RwSignal::new(String::new());
    let sent = RwSignal::new(Vec::<String>::new());
    let search = use_debounce(80, move || sent.update(|s| s.push(typed.get_untracked())));
    for text in ["d", "db", "db-n"] {
        typed.set(text.into());
        search.call();
        sleep(20).await;
    }
    assert!(sent.get_untracked().is_empty(), "nothing while typing");
    wait_until("the settled value", 2000, || {
        !sent.get_untracked().is_empty()
    })
    .await;
    sleep(200).await;
    assert_eq!(sent.get_untracked(), ["db-n"]);
}

#[wasm_bindgen_test]
async fn debounce_flush_runs_now_and_drops_the_wait() {
    let _owner = owner();
    let runs = RwSignal::new(0);
    let apply = use_debounce(60, move || runs.update(|n| *n += 1));
    apply.call();
    apply.flush();
    assert_eq!(runs.get_untracked(), 1, "ran at once");
    sleep(200).await;
    assert_eq!(
        runs.get_untracked(),
        1,
        "the dropped wait does not run it again"
    );
}

#[wasm_bindgen_test]
async fn debounce_wait_ends_with_its_owner() {
    let _owner = owner();
    let runs = RwSignal::new(0);
    let inner = Owner::new();
    let apply = inner.with(|| use_debounce(40, move || runs.update(|n| *n += 1)));
    apply.call();
    inner.cleanup();
    sleep(200).await;
    assert_eq!(runs.get_untracked(), 0);
}

#[wasm_bindgen_test]
async fn poll_asks_with_growing_gaps_and_stops_when_nothing_changes() {
    let _owner = owner();
    let transitional = RwSignal::new(true);
    let start = now();
    let poll = use_backoff_poll(transitional.into(), 30, 240);
    let times = record_dues(poll);
    wait_until("five refreshes", 5000, || times.borrow().len() >= 5).await;
    let mut at = vec![start];
    at.extend(times.borrow().iter().take(5));
    let gaps: Vec<f64> = at.windows(2).map(|w| w[1] - w[0]).collect();
    // A timer never fires early (a millisecond of rounding aside); it may fire late.
    for (gap, least) in gaps.iter().zip([30.0, 60.0, 120.0, 240.0, 240.0]) {
        assert!(*gap >= least - 2.0, "gaps {gaps:?}");
    }
    transitional.set(false);
    sleep(50).await;
    let asked = times.borrow().len();
    sleep(600).await;
    assert_eq!(
        times.borrow().len(),
        asked,
        "no refresh once nothing changes"
    );
}

#[wasm_bindgen_test]
async fn poll_waits_while_the_page_is_hidden() {
    let _owner = owner();
    let document = window().document().unwrap();
    let hidden = js_sys::Object::new();
    js_sys::Reflect::set(&hidden, &"value".into(), &JsValue::TRUE).unwrap();
    js_sys::Reflect::set(&hidden, &"configurable".into(), &JsValue::TRUE).unwrap();
    js_sys::Object::define_property(&document, &"hidden".into(), &hidden);
    assert!(document.hidden());

    let transitional = RwSignal::new(true);
    let poll = use_backoff_poll(transitional.into(), 30, 240);
    let times = record_dues(poll);
    sleep(400).await;
    let while_hidden = times.borrow().len();
    js_sys::Reflect::delete_property(&document, &"hidden".into()).unwrap();
    assert_eq!(while_hidden, 0, "no refresh while hidden");
    wait_until("a refresh once shown", 2000, || !times.borrow().is_empty()).await;
}

#[wasm_bindgen_test]
async fn poll_starts_when_something_changes_and_now_asks_at_once() {
    let _owner = owner();
    let transitional = RwSignal::new(false);
    let poll = use_backoff_poll(transitional.into(), 30, 240);
    let times = record_dues(poll);
    poll.schedule();
    sleep(200).await;
    assert!(times.borrow().is_empty(), "nothing changes: no refresh");
    transitional.set(true);
    let started = now();
    wait_until("a refresh after the first delay", 2000, || {
        !times.borrow().is_empty()
    })
    .await;
    assert!(times.borrow()[0] - started >= 28.0);
    let due = untrack(|| poll.due());
    poll.now();
    assert_eq!(untrack(|| poll.due()), due + 1, "asked at once");
}

#[wasm_bindgen_test]
async fn typed_filters_reach_the_view_once_and_other_changes_at_once() {
    let _owner = owner();
    let open = RwSignal::new(None::<String>);
    let table = use_table_view(25, false, open, 60);
    let changes = Rc::new(RefCell::new(0));
    let out = changes.clone();
    Effect::new(move |first: Option<()>| {
        table.view.track();
        if first.is_some() {
            *out.borrow_mut() += 1;
        }
    });
    sleep(10).await;
    for text in ["d", "db", "db-n"] {
        table.type_filters(|d| d.name = text.into());
        sleep(15).await;
    }
    assert_eq!(
        table.draft.get_untracked().name,
        "db-n",
        "the inputs follow"
    );
    assert_eq!(
        table.view.get_untracked().filters.name,
        "",
        "the view waits"
    );
    wait_until("the typed name", 2000, || {
        table.view.get_untracked().filters.name == "db-n"
    })
    .await;
    sleep(150).await;
    assert_eq!(*changes.borrow(), 1, "one change for the whole word");

    table.type_filters(|d| d.name = "web".into());
    table.set_filters(|d| d.toggle_state(&ResourceState::Ok));
    let v = table.view.get_untracked();
    assert_eq!(v.filters.name, "web", "what was being typed goes along");
    assert_eq!(v.filters.states, [ResourceState::Ok]);
    assert_eq!(v.page_size, 25);
    sleep(150).await;
    assert_eq!(*changes.borrow(), 2, "and is not sent again");
}

#[wasm_bindgen_test]
async fn the_view_starts_from_the_page_url_and_is_written_back() {
    let _owner = owner();
    let location = window().location();
    let before = format!(
        "{}{}",
        location.pathname().unwrap(),
        location.search().unwrap()
    );
    let history = window().history().unwrap();
    let url = format!(
        "{}?keep=1&q=db&page=2&backup=abc",
        location.pathname().unwrap()
    );
    history
        .replace_state_with_url(&JsValue::NULL, "", Some(&url))
        .unwrap();

    let open = RwSignal::new(None::<String>);
    let table = use_table_view(10, true, open, 60);
    let v = table.view.get_untracked();
    assert_eq!(v.filters.name, "db");
    assert_eq!(table.draft.get_untracked().name, "db");
    assert_eq!(v.page, 2);
    assert_eq!(open.get_untracked().as_deref(), Some("abc"));

    table.view.update(|v| v.toggle_sort(OrderField::Created));
    open.set(None);
    let written = || window().location().search().unwrap();
    wait_until("the URL follows", 2000, || written().contains("o=created")).await;
    let search = written();
    history
        .replace_state_with_url(&JsValue::NULL, "", Some(&before))
        .unwrap();
    assert!(search.contains("keep=1"), "the host's keys stay: {search}");
    assert!(search.contains("q=db"), "{search}");
    assert!(!search.contains("backup="), "closed: {search}");
}
