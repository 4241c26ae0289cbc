//! How the widget is painted in its light and dark themes, read off screenshots: what computed
//! styles cannot show, such as an engine drawing a native control its own way (WebKit drew the
//! dark theme's select as a light box with near-white text).

use e2e::{browser, Browser};
use serde_json::json;

/// Contrast ratio of two relative luminances (WCAG).
fn contrast(a: f64, b: f64) -> f64 {
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// The custom element's page-size select, painted in `theme`: (background, text) luminances,
/// taken as the median pixel and the pixel farthest from it.
async fn select_in_theme(b: &Browser, theme: &str) -> (f64, f64, String) {
    b.js(
        "document.querySelector('waldur-backups').setAttribute('theme', arguments[0]);",
        vec![json!(theme)],
    )
    .await;
    b.wait_for(
        "the theme applied",
        &format!(
            "return document.querySelector('waldur-backups').shadowRoot.querySelector('.wb-root').dataset.theme === '{theme}';"
        ),
    )
    .await;
    let select = b
        .js(
            "return document.querySelector('waldur-backups').shadowRoot.querySelector('select.wb-select');",
            vec![],
        )
        .await;
    assert!(select.is_object(), "the page-size select is shown");
    // Inside the 1 px border and the rounded corners.
    let pixels = b.pixels_of(&select, 4.0).await;
    let l = pixels.luminances();
    assert!(!l.is_empty(), "the select has pixels on screen");
    let background = l[l.len() / 2];
    let farthest = if background > 0.5 {
        l[0]
    } else {
        l[l.len() - 1]
    };
    let saved = pixels.save(&format!("select-{theme}-{:?}", b.engine).to_lowercase());
    (background, farthest, saved)
}

#[tokio::test]
async fn the_page_size_select_is_painted_in_the_widgets_theme() {
    let b = browser().await;
    b.open("/embed.html").await;
    b.control("POST", "reset", Some(json!({}))).await;
    b.reload().await;
    b.wait_for(
        "rows in the custom element",
        "const r = document.querySelector('waldur-backups').shadowRoot; return r && r.querySelectorAll('tr.wb-row').length > 0;",
    )
    .await;

    let (background, text, shot) = select_in_theme(&b, "light").await;
    assert!(
        background > 0.8,
        "light theme: the select is a light box (luminance {background:.3}; {shot})"
    );
    assert!(
        contrast(background, text) >= 4.5,
        "light theme: the select's text is readable (contrast {:.1}; {shot})",
        contrast(background, text)
    );

    let (background, text, shot) = select_in_theme(&b, "dark").await;
    assert!(
        background < 0.05,
        "dark theme: the select is a dark box (luminance {background:.3}; {shot})"
    );
    assert!(
        contrast(background, text) >= 4.5,
        "dark theme: the select's text is readable (contrast {:.1}; {shot})",
        contrast(background, text)
    );
}
