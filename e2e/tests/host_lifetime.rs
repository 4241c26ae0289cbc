//! How long a widget lives: until `unmount()` or until its element leaves the document,
//! whoever holds the handle. A dropped handle survives garbage collection; a removed element
//! takes its widget with it; a moved one keeps it.

mod host;

use e2e::{base_url, browser, launch, Browser};
use host::*;
use serde_json::json;

/// Renames a backup of `root_js`'s widget through the API (as another user of the portal
/// might), then searches for the new name in the widget and waits for its row.
async fn renamed_row_shows(b: &Browser, what: &str, root_js: &str) {
    let uuid = b
        .js(
            &format!("return {root_js}.querySelector('tr.wb-row[data-state=OK]').dataset.uuid;"),
            vec![],
        )
        .await;
    let uuid = uuid.as_str().expect("rows carry their backup's UUID");
    let name = format!("renamed while the handle was gone {}", &uuid[..6]);
    let status = b
        .client
        .execute_async(
            "const [api, token, uuid, name, done] = arguments;
             fetch(`${api}/api/openstack-backups/${uuid}/`, {
               method: 'PATCH', body: JSON.stringify({ name }),
               headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
             }).then((r) => done(r.status));",
            vec![json!(base_url()), json!(TOKEN), json!(uuid), json!(name)],
        )
        .await
        .unwrap();
    assert_eq!(status, json!(200), "the rename is accepted");
    b.js(
        &format!(
            "const input = {root_js}.querySelector('input[type=search]');
             input.value = arguments[0];
             input.dispatchEvent(new Event('input', {{ bubbles: true }}));"
        ),
        vec![json!(name)],
    )
    .await;
    b.wait_for(
        &format!("the new name in {what}"),
        &format!(
            "const rows = [...{root_js}.querySelectorAll('tr.wb-row')];
             return rows.length === 1 && rows[0].dataset.uuid === {} && rows[0].textContent.includes({});",
            json!(uuid),
            json!(name)
        ),
    )
    .await;
}

/// Lets the collector run until a probe object's finalizer has run: every handle nobody
/// holds has been collected and finalized by then.
async fn collect_garbage(b: &Browser) {
    let collected = b
        .client
        .execute_async(
            "const done = arguments[0];
             let finalized = false;
             const registry = new FinalizationRegistry(() => { finalized = true; });
             (() => { registry.register({ probe: new Array(1000).fill(0) }, 'probe'); })();
             const deadline = Date.now() + 10000;
             const round = () => {
               window.gc();
               if (finalized) { window.gc(); setTimeout(() => done(true), 200); }
               else if (Date.now() > deadline) { done(false); }
               else { setTimeout(round, 50); }
             };
             round();",
            vec![],
        )
        .await
        .expect("window.gc is exposed (--js-flags=--expose-gc)");
    assert_eq!(collected, json!(true), "a collection ran and finalized");
}

#[tokio::test]
async fn a_widget_whose_handle_was_dropped_survives_garbage_collection_and_updates() {
    if std::env::var("E2E_ENGINE").is_ok_and(|e| !e.is_empty() && e != "chromium") {
        println!(
            "skipped: forcing a garbage collection needs Chromium's --expose-gc (this run: {})",
            std::env::var("E2E_ENGINE").unwrap()
        );
        return;
    }
    let b = launch(&["--js-flags=--expose-gc"])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    reset(&b).await;
    open_page(&b, "lifetime.html").await;
    b.js(
        "mountAndDrop(document.getElementById('a'), {});
         appendElement(document.getElementById('right'));",
        vec![],
    )
    .await;
    wait_rows(&b, "the mounted widget", &light("a")).await;
    let element = "document.querySelector('waldur-backups').shadowRoot";
    wait_rows(&b, "the element", element).await;

    collect_garbage(&b).await;
    collect_garbage(&b).await;

    // Still there, and still working: a change on the server shows after Refresh.
    wait_rows(&b, "the mounted widget after collection", &light("a")).await;
    wait_rows(&b, "the element after collection", element).await;
    renamed_row_shows(&b, "the mounted widget", &light("a")).await;
    renamed_row_shows(&b, "the element", element).await;
    let page = record(&b).await;
    assert_eq!(page["consoleErrors"], json!([]), "{page}");
}

#[tokio::test]
async fn a_widget_whose_element_leaves_the_document_is_unmounted() {
    let b = browser().await;
    reset(&b).await;
    open_page(&b, "lifetime.html").await;
    // Straight in the page, in an element inside a removed section, and in a host's shadow root.
    b.js(
        "const host = document.getElementById('shadow-host').attachShadow({ mode: 'open' });
         const inShadow = document.createElement('div');
         host.append(inShadow);
         const nested = document.createElement('div');
         document.getElementById('right').append(nested);
         window.handles = {
           direct: waldurBackups.mountBackups(document.getElementById('a'), options({})),
           nested: waldurBackups.mountBackups(nested, options({})),
           shadow: waldurBackups.mountBackups(inShadow, options({})),
         };
         window.inShadow = inShadow;",
        vec![],
    )
    .await;
    wait_rows(&b, "the direct widget", &light("a")).await;
    wait_rows(&b, "the widget in a shadow root", "window.inShadow").await;

    b.js("document.getElementById('a').remove();", vec![]).await;
    b.wait_for(
        "the removed element's widget to unmount",
        "return !handles.direct.mounted;",
    )
    .await;
    b.js("document.getElementById('right').remove();", vec![])
        .await;
    b.wait_for(
        "the widget in a removed section to unmount",
        "return !handles.nested.mounted;",
    )
    .await;
    b.js("window.inShadow.remove();", vec![]).await;
    b.wait_for(
        "the widget removed from a shadow root to unmount",
        "return !handles.shadow.mounted;",
    )
    .await;

    // Gone means gone: no request after the last answer arrived.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    b.control("DELETE", "requests", None).await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let log = b.control("GET", "requests", None).await;
    assert_eq!(log, json!([]), "no request from unmounted widgets");
}

#[tokio::test]
async fn moving_the_element_within_one_task_keeps_the_widget_and_its_state() {
    let b = browser().await;
    reset(&b).await;
    open_page(&b, "lifetime.html").await;
    b.js(
        "window.handle = waldurBackups.mountBackups(document.getElementById('a'), options({}));
         appendElement(document.getElementById('left'));",
        vec![],
    )
    .await;
    wait_rows(&b, "the mounted widget", &light("a")).await;
    let element = "document.querySelector('waldur-backups').shadowRoot";
    wait_rows(&b, "the element", element).await;
    b.js(
        "window.before = [document.querySelector('#a tr.wb-row'),
                          document.querySelector('waldur-backups').shadowRoot.querySelector('tr.wb-row')];
         const right = document.getElementById('right');
         right.append(document.getElementById('a'));
         right.append(document.querySelector('waldur-backups'));",
        vec![],
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let kept = b
        .js(
            "return [handle.mounted, before.map((row) => row.isConnected),
                     document.querySelector('#right #a tr.wb-row') === before[0],
                     document.querySelector('#right waldur-backups').shadowRoot.querySelector('tr.wb-row') === before[1]];",
            vec![],
        )
        .await;
    assert_eq!(
        kept,
        json!([true, [true, true], true, true]),
        "the same rows, not a new mount"
    );
}

#[tokio::test]
async fn a_widget_mounted_before_its_element_is_in_the_page_lives_once_it_is_inserted() {
    let b = browser().await;
    reset(&b).await;
    open_page(&b, "lifetime.html").await;
    b.js(
        "window.later = document.createElement('div');
         window.handle = waldurBackups.mountBackups(later, options({}));
         // Other DOM changes while it waits outside the page.
         document.getElementById('left').append(document.createElement('p'));",
        vec![],
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(b.js("return handle.mounted;", vec![]).await, json!(true));
    b.js("document.getElementById('right').append(later);", vec![])
        .await;
    wait_rows(&b, "the widget inserted late", "window.later").await;
    b.js("later.remove();", vec![]).await;
    b.wait_for("it unmounts once removed", "return !handle.mounted;")
        .await;
}
