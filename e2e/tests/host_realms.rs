//! Options made in another realm (a same-origin iframe's objects, arrays, functions and
//! promises: `instanceof Object` is false for them here) are accepted by `mountBackups`,
//! `handle.update` and the element's properties.

mod host;

use e2e::{base_url, browser};
use host::*;
use serde_json::json;

#[tokio::test]
async fn options_arrays_and_functions_from_an_iframe_are_accepted() {
    let b = browser().await;
    reset(&b).await;
    open_page(&b, "realm.html").await;
    let made = b
        .js(
            "const frame = document.getElementById('frame').contentWindow;
             const options = frame.makeOptions(arguments[0], arguments[1]);
             window.__host.handle = window.waldurBackups.mountBackups(document.getElementById('mounted'), options);
             return [options instanceof Object, Array.isArray(options.columns), options.columns instanceof Array];",
            vec![json!(base_url()), json!(TOKEN)],
        )
        .await;
    assert_eq!(
        made,
        json!([false, true, false]),
        "the options really are another realm's"
    );
    wait_rows(&b, "the mounted widget", &light("mounted")).await;
    // The foreign columns array and theme were read, the foreign getToken's promise awaited.
    let shown = b
        .js(
            "const m = document.getElementById('mounted');
             return [[...m.querySelectorAll('thead th')].map((th) => th.textContent.replace(/[^\\p{L} ]/gu, '').trim()).filter((t) => t),
                     m.querySelector('.wb-root').dataset.theme];",
            vec![],
        )
        .await;
    assert_eq!(shown, json!([["Name", "State", "Created"], "dark"]));

    // handle.update with another realm's object, array and callback.
    b.js(
        "const frame = document.getElementById('frame').contentWindow;
         window.__host.handle.update(frame.makeUpdate());",
        vec![],
    )
    .await;
    b.wait_for(
        "the update from the iframe",
        "const m = document.getElementById('mounted');
         const headers = [...m.querySelectorAll('thead th')].map((th) => th.textContent.replace(/[^\\p{L} ]/gu, '').trim()).filter((t) => t);
         return m.querySelector('.wb-root').dataset.theme === 'light' && headers.join() === 'Name,State';",
    )
    .await;

    // The element takes another realm's getToken as a property.
    b.js(
        "const frame = document.getElementById('frame').contentWindow;
         const element = document.getElementById('element');
         element.getToken = frame.makeGetter(arguments[1]);
         element.setAttribute('api-url', arguments[0]);",
        vec![json!(base_url()), json!(TOKEN)],
    )
    .await;
    wait_rows(&b, "the custom element", &shadow("element")).await;

    // The iframe's onError callback is called for an error (a revoked token).
    b.js(
        "window.__host.handle.update({ getToken: document.getElementById('frame').contentWindow.makeGetter('revoked') });",
        vec![],
    )
    .await;
    b.wait_for(
        "the iframe's onError callback",
        "return window.__host.frameErrors.length > 0;",
    )
    .await;
    let page = record(&b).await;
    assert_eq!(page["consoleErrors"], json!([]), "{page}");
}
