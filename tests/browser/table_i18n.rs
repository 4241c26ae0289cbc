//! The backup table in German, Spanish, Estonian, French and Dutch: no English text of the
//! catalog is left in what it shows or names (toolbar, filters, chips, headers, rows, the
//! States list, an open row menu, the pager, the empty table, an export's result and the
//! "Keep until…" dialog), and a live `locale` change re-renders headers, buttons and rows.

use crate::support::document;
use crate::support::*;
use leptos::prelude::*;
use waldur_backups::api::Backup;
use waldur_backups::components::Settings;
use waldur_backups::i18n::{Msg, Text};
use waldur_backups::state::{Column, Scope};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::Element;

#[wasm_bindgen(inline_js = "
// Every text node (hidden ones too: screen readers read them) and every accessible name,
// title and placeholder under `root`, one per line; style and script contents are skipped.
export function perceived_text(root) {
  const out = [];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) { out.push(node.data); return; }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const tag = node.tagName.toLowerCase();
    if (tag === 'style' || tag === 'script' || tag === 'template') return;
    for (const a of ['aria-label', 'aria-description', 'title', 'placeholder', 'alt']) {
      const v = node.getAttribute(a);
      if (v) out.push(v);
    }
    if (node.shadowRoot) walk(node.shadowRoot);
    for (const c of node.childNodes) walk(c);
  };
  walk(root);
  return out.join('\\n');
}
")]
extern "C" {
    fn perceived_text(root: &Element) -> String;
}

const LANGUAGES: [&str; 5] = ["de", "es", "et", "fr", "nl"];

fn mount_table(settings: Settings) -> MountedTable {
    let timings = TableTimings {
        poll_base_ms: 60_000,
        poll_max_ms: 60_000,
        ..TableTimings::default()
    };
    mount_table_at(devserver_url(), STAFF_TOKEN, settings, timings)
}

fn settings_in(tag: &str) -> Settings {
    Settings {
        locale: Some(tag.into()),
        columns: Column::ALL.to_vec(),
        is_staff: true,
        ..Settings::default()
    }
}

fn by(el: &Element, selector: &str) -> Element {
    query(el, selector).unwrap_or_else(|| panic!("no element {selector}"))
}

/// Waits until the widget shows `tag` and its rows are drawn.
async fn ready_in(m: &MountedTable, tag: &'static str) {
    let i18n = m.ctx.i18n;
    wait_until(&format!("the table in {tag}"), 8000, || {
        untrack(|| i18n.language().tag == tag) && !query_all(&m.el, "tr.wb-row").is_empty()
    })
    .await;
    next_frames().await;
}

/// The English phrases of the catalog the widget shows in another language: for each
/// message whose text in the language differs, the parts of its English text between
/// arguments that are more than one word or a word of four letters or more, unless the
/// language's own messages use them too ("OK", "CSV", "Floating IPs" in German, "Page" and
/// "Description" in French).
fn english_phrases(m: &MountedTable) -> Vec<(Msg, String)> {
    let i18n = m.ctx.i18n;
    let all_translated: String = untrack(|| {
        Msg::ALL
            .iter()
            .map(|&msg| i18n.text(msg))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let mut out = Vec::new();
    for &msg in Msg::ALL {
        let english = Text::new(msg).english();
        if english == untrack(|| i18n.text(msg)) {
            continue;
        }
        for part in fragments(&english) {
            let words = part.split_whitespace().count();
            let letters = part.chars().filter(|c| c.is_alphabetic()).count();
            if (words > 1 || letters >= 4) && !contains_words(&all_translated, &part) {
                out.push((msg, part));
            }
        }
    }
    out
}

/// The literal parts of a rendered message between its `{argument}` gaps and `#` numbers,
/// trimmed of spaces and punctuation.
fn fragments(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => {
                depth += 1;
                parts.push(std::mem::take(&mut current));
            }
            '}' if depth > 0 => depth -= 1,
            '#' => parts.push(std::mem::take(&mut current)),
            _ if depth == 0 => current.push(c),
            _ => {}
        }
    }
    parts.push(current);
    parts
        .into_iter()
        .map(|p| p.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whether `phrase` occurs in `text` as whole words (case matters: "Backups" is German too).
fn contains_words(text: &str, phrase: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    text.match_indices(phrase).any(|(at, _)| {
        !word(text[..at].chars().next_back()) && !word(text[at + phrase.len()..].chars().next())
    })
}

/// What the rows' data says (names, descriptions, projects, UUIDs, the server's errors): data
/// stays as it is in every language, so it is taken out before looking for English.
fn data_strings(rows: &[Backup]) -> Vec<String> {
    let mut data: Vec<String> = rows
        .iter()
        .flat_map(|b| {
            [
                Some(b.name.clone()),
                Some(b.uuid.clone()),
                b.description.clone(),
                b.instance.clone(),
                b.instance_name.clone(),
                b.project_name.clone(),
                b.project_uuid.clone(),
                b.customer_name.clone(),
                b.customer_uuid.clone(),
                b.service_name.clone(),
                b.tenant_uuid.clone(),
                b.error_message.clone(),
            ]
        })
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect();
    // Longest first, so a name that holds another is taken out whole.
    data.sort_by_key(|s| std::cmp::Reverse(s.len()));
    data.dedup();
    data
}

/// What `root` shows and names, without the data; an export's file name
/// (`backups-2026-12-01.csv`) is data too.
fn perceived_without_data(root: &Element, data: &[String]) -> String {
    let mut shown = perceived_text(root);
    for d in data {
        shown = shown.replace(d.as_str(), "\n");
    }
    shown
        .split_whitespace()
        .map(|w| {
            if w.contains("backups-") && w.contains(".csv") {
                "\u{1}"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Fails with every English phrase found in `root`, and where.
fn assert_no_english(m: &MountedTable, root: &Element, tag: &str, state: &str) {
    let data = m.ctx.store.rows.with_untracked(|rows| data_strings(rows));
    let shown = perceived_without_data(root, &data);
    let found: Vec<String> = english_phrases(m)
        .into_iter()
        .filter(|(_, phrase)| contains_words(&shown, phrase))
        .map(|(msg, phrase)| format!("{phrase:?} ({msg:?})"))
        .collect();
    assert!(
        found.is_empty(),
        "{tag}, {state}: English left: {found:?}\nin: {shown}"
    );
    assert!(
        !shown.trim().is_empty(),
        "{tag}, {state}: something is shown"
    );
}

fn dialog() -> Option<Element> {
    query(&document().body().unwrap(), "[role=dialog]")
}

#[wasm_bindgen_test]
async fn the_table_shows_no_english_in_each_language() {
    for tag in LANGUAGES {
        reset().await;
        let m = mount_table(settings_in(tag));
        ready_in(&m, tag).await;
        assert_no_english(&m, &m.el, tag, "loaded");

        // Two rows selected: the bulk actions show.
        let rows = query_all(&m.el, "tr.wb-row");
        for r in rows.iter().take(2) {
            click(&by(r, "input.wb-row-check"));
        }
        let el = m.el.clone();
        wait_until("the bulk actions", 3000, move || {
            query(&el, ".wb-bulk-delete").is_some() && query(&el, ".wb-bulk-retention").is_some()
        })
        .await;
        assert_no_english(&m, &m.el, tag, "rows selected");

        // The States list, open.
        click(&by(&m.el, ".wb-states__button"));
        let el = m.el.clone();
        wait_until("the States list", 3000, move || {
            by(&el, ".wb-states__button")
                .get_attribute("aria-expanded")
                .as_deref()
                == Some("true")
        })
        .await;
        assert_no_english(&m, &m.el, tag, "States list open");
        press_key(&by(&m.el, ".wb-states__button"), "Escape", false);

        // A row menu, open, on an erred row and on an OK one (disabled items say why).
        for state in ["ERRED", "OK"] {
            let row = query(&m.el, &format!("tr.wb-row[data-state='{state}']"))
                .unwrap_or_else(|| rows[0].clone());
            click(&by(&row, ".wb-menu__button"));
            let el = m.el.clone();
            wait_until("the row menu", 3000, move || {
                query(&el, ".wb-menu__list [role='menuitem']").is_some()
            })
            .await;
            assert_no_english(&m, &m.el, tag, &format!("menu of a {state} row open"));
            press_key(
                &by(&m.el, ".wb-menu__list [role='menuitem']"),
                "Escape",
                false,
            );
        }

        // "Keep until…" for the selection.
        click(&by(&m.el, ".wb-bulk-retention"));
        wait_until("the Keep until dialog", 6000, || {
            dialog().is_some_and(|d| query(&d, "input[type=datetime-local]").is_some())
        })
        .await;
        let d = dialog().unwrap();
        assert_no_english(&m, &d, tag, "Keep until… dialog");
        press_key(&d, "Escape", false);
        wait_until("the dialog closes", 3000, || dialog().is_none()).await;

        // An export's result.
        let downloads = prevent_downloads();
        click(&by(&m.el, ".wb-export__button"));
        let el = m.el.clone();
        wait_until("the export's result", 15000, move || {
            query(&el, ".wb-export__result").is_some()
        })
        .await;
        assert_no_english(&m, &m.el, tag, "export saved");
        stop_preventing(downloads);
    }
}

#[wasm_bindgen_test]
async fn a_scoped_and_filtered_table_shows_no_english_in_each_language() {
    reset().await;
    let probe = mount_table(settings_in("en"));
    ready_in(&probe, "en").await;
    let first = probe.ctx.store.rows.get_untracked()[0].clone();
    drop(probe);
    for tag in LANGUAGES {
        let settings = Settings {
            scope: Scope {
                customer_uuid: first.customer_uuid.clone(),
                tenant_uuid: first.tenant_uuid.clone(),
                ..Scope::default()
            },
            ..settings_in(tag)
        };
        let m = mount_table(settings);
        ready_in(&m, tag).await;
        // Fixed chips and "Set by this page".
        assert!(
            query(&m.el, ".wb-chip--fixed").is_some(),
            "{tag}: fixed chips"
        );
        assert_no_english(&m, &m.el, tag, "scoped");

        // Instance text the API cannot filter by, and a name nothing matches: the hint,
        // removable chips, Clear all, and the empty table with Clear filters.
        type_into(&by(&m.el, "input[data-filter=instance]"), "qq");
        type_into(&by(&m.el, "input[data-filter=name]"), "qqqq-zz");
        let el = m.el.clone();
        wait_until("the empty table", 8000, move || {
            query(&el, ".wb-empty__clear").is_some() && query(&el, ".wb-field__error").is_some()
        })
        .await;
        assert_no_english(&m, &m.el, tag, "filtered to nothing");
    }
}

#[wasm_bindgen_test]
async fn a_live_locale_change_re_renders_headers_buttons_and_rows() {
    reset().await;
    let m = mount_table(settings_in("en"));
    ready_in(&m, "en").await;
    // The header's text without its sort icon.
    let header = || {
        text(&by(&m.el, "button[data-sort='state']"))
            .trim_end_matches(['▲', '▼', '↕'])
            .to_string()
    };
    let refresh = || text(&by(&m.el, ".wb-refresh"));
    let menu_label = || {
        by(&m.el, "tr.wb-row .wb-menu__button")
            .get_attribute("aria-label")
            .unwrap_or_default()
    };
    let card_label = || {
        by(&m.el, "tr.wb-row td.wb-col-state")
            .get_attribute("data-label")
            .unwrap_or_default()
    };
    assert_eq!(header(), "State");
    assert_eq!(refresh(), "Refresh");
    assert!(menu_label().starts_with("Actions for "), "{}", menu_label());
    assert_eq!(card_label(), "State");
    let rows_before = query_all(&m.el, "tr.wb-row").len();

    for (tag, state, refresh_text, actions_for) in [
        ("de", "Zustand", "Aktualisieren", "Aktionen für "),
        ("fr", "État", "Actualiser", "Actions pour "),
        ("en", "State", "Refresh", "Actions for "),
    ] {
        m.ctx.settings.update(|s| s.locale = Some(tag.into()));
        wait_until(&format!("the header in {tag}"), 8000, || {
            header() == state && refresh() == refresh_text
        })
        .await;
        let el = m.el.clone();
        wait_until(&format!("the rows in {tag}"), 3000, move || {
            by(&el, "tr.wb-row .wb-menu__button")
                .get_attribute("aria-label")
                .is_some_and(|l| l.starts_with(actions_for))
        })
        .await;
        assert_eq!(card_label(), state, "the cards' field names follow");
        assert_eq!(query_all(&m.el, "tr.wb-row").len(), rows_before);
    }
}

#[wasm_bindgen(inline_js = "
export function prevent_downloads() {
  const f = (ev) => { if (ev.target instanceof HTMLAnchorElement && ev.target.hasAttribute('download')) ev.preventDefault(); };
  document.addEventListener('click', f, true);
  return f;
}
export function stop_preventing(f) { document.removeEventListener('click', f, true); }
")]
extern "C" {
    fn prevent_downloads() -> JsValue;
    fn stop_preventing(f: JsValue);
}
