//! Several widgets on one page: each one's landmarks ("Backups", "Filter backups", "Pages")
//! carry its own label (the `label` option or attribute, or one naming its scope), and axe
//! finds no duplicate landmark and nothing serious.

mod host;

use e2e::browser;
use host::*;
use serde_json::json;

#[tokio::test]
async fn two_mounted_widgets_and_an_element_have_distinct_landmark_names_and_pass_axe() {
    let b = browser().await;
    reset(&b).await;
    open_page(&b, "two-widgets.html").await;
    wait_rows(&b, "the first project's widget", &light("first")).await;
    wait_rows(&b, "the second project's widget", &light("second")).await;
    wait_rows(&b, "the element", &shadow("element")).await;

    let names = b
        .js(
            "const names = (root) => [
               root.querySelector('section.wb-table').getAttribute('aria-label'),
               root.querySelector('[role=search]').getAttribute('aria-label'),
               root.querySelector('nav.wb-pagination').getAttribute('aria-label'),
             ];
             return [names(document.getElementById('first')), names(document.getElementById('second')),
                     names(document.getElementById('element').shadowRoot)];",
            vec![],
        )
        .await;
    let names: Vec<Vec<String>> = serde_json::from_value(names).unwrap();
    assert_eq!(
        names[2],
        ["All backups", "Filter all backups", "Pages of all backups"],
        "the element's label attribute"
    );
    for widget in &names[..2] {
        assert!(
            widget[0].starts_with("Backups of project "),
            "named after its project: {names:?}"
        );
        assert_eq!(widget[1], format!("Filter b{}", &widget[0][1..]));
        assert_eq!(widget[2], format!("Pages of b{}", &widget[0][1..]));
    }
    assert_ne!(names[0], names[1], "each widget its own names");

    let violations = axe_violations(&b).await;
    assert!(violations.is_empty(), "axe: {violations:#?}");

    // A label given later renames the landmarks; taken away, the scope's name is back.
    b.js(
        "window.__host.handles[0].update({ label: 'Backups of the database project' });",
        vec![],
    )
    .await;
    b.wait_for(
        "the new label",
        "return document.querySelector('#first section.wb-table').getAttribute('aria-label') === 'Backups of the database project';",
    )
    .await;
    b.js(
        "window.__host.handles[0].update({ label: undefined });",
        vec![],
    )
    .await;
    b.wait_for(
        "the default label again",
        &format!(
            "return document.querySelector('#first section.wb-table').getAttribute('aria-label') === {};",
            json!(names[0][0])
        ),
    )
    .await;
    let page = record(&b).await;
    assert_eq!(page["errors"], json!([]), "{page}");
}
