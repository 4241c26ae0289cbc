//! The standalone page's sign-in and the shared ui/ parts in German, Spanish, Estonian, French
//! and Dutch: switched with the page's own language switch (or the widget's language), no
//! English word of the catalog is left in what they show or in their accessible names.

use crate::support::{click, document, mount_point, query, query_all, text, wait_until, window};
use futures::future::LocalBoxFuture;
use leptos::mount::mount_to;
use leptos::prelude::*;
use std::collections::BTreeSet;
use waldur_backups::components::lazy::{ChunkUnavailable, LazyRegion};
use waldur_backups::components::ui::{Alert, ConfirmDialog, CopyButton};
use waldur_backups::i18n::{best_match, I18n, Msg, Text};
use waldur_backups::state::actions::Notice;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlSelectElement};

#[wasm_bindgen(inline_js = "
export function shown_text(root) {
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    if (!walker.currentNode.parentElement.closest('select')) out.push(walker.currentNode.textContent);
  }
  for (const el of [root, ...root.querySelectorAll('[aria-label], [title]')]) {
    for (const a of ['aria-label', 'title']) if (el.hasAttribute(a)) out.push(el.getAttribute(a));
  }
  return out.join('\\n');
}
")]
extern "C" {
    fn shown_text(root: &Element) -> String;
}

/// Storage keys of the standalone page (its session and its remembered language).
const SESSION_KEY: &str = "waldur-backups.session";
const LANGUAGE_KEY: &str = "waldur-backups.language";

/// The translation of `msg` in a catalog file.
fn translation(catalog: &str, msg: Msg) -> String {
    let value = js_sys::JSON::parse(catalog).expect("a catalog is JSON");
    js_sys::Reflect::get(&value, &msg.key().into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The words of a text, lower case: runs of letters (any script), apostrophes split them.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A message's English text without its placeholders and plural syntax (`{name}`, `{count,
/// plural, …}` keep only the case texts).
fn english_words(msg: Msg) -> Vec<String> {
    let mut plain = String::new();
    let mut depth = 0;
    let mut skipping = false;
    for c in msg.english().chars() {
        match c {
            '{' => {
                depth += 1;
                skipping = true;
            }
            '}' => {
                depth -= 1;
                skipping = false;
            }
            // Inside an argument, its name and keywords (`count, plural, one`) are not text;
            // the text of its cases starts at the next brace.
            _ if skipping => {}
            _ => plain.push(c),
        }
        let _ = depth;
    }
    words(&plain)
}

/// What the English catalog must not leak into a language: the whole English text of each
/// message without arguments whose translation differs, and every English word of 4 or more
/// letters that the language's catalog never uses itself (loanwords such as "Backup", "Token"
/// or "Widget" are the language's own words too).
struct English {
    phrases: Vec<String>,
    words: BTreeSet<String>,
}

impl English {
    fn against(catalog: &str) -> English {
        let own: BTreeSet<String> = Msg::ALL
            .iter()
            .flat_map(|m| words(&translation(catalog, *m)))
            .collect();
        let differs = |m: &&Msg| translation(catalog, **m) != m.english();
        let phrases = Msg::ALL
            .iter()
            .filter(differs)
            .map(|m| m.english())
            .filter(|e| !e.contains('{') && e.chars().filter(|c| c.is_alphabetic()).count() >= 4)
            .map(str::to_owned)
            .collect();
        let words = Msg::ALL
            .iter()
            .filter(differs)
            .flat_map(|m| english_words(*m))
            .filter(|w| w.chars().count() >= 4 && !own.contains(w))
            .collect();
        English { phrases, words }
    }

    /// The English phrases and words found in `shown`.
    fn found_in(&self, shown: &str) -> Vec<String> {
        let shown_words: BTreeSet<String> = words(shown).into_iter().collect();
        let mut found: Vec<String> = self
            .phrases
            .iter()
            .filter(|p| {
                shown.match_indices(p.as_str()).any(|(at, _)| {
                    let before = shown[..at].chars().next_back();
                    let after = shown[at + p.len()..].chars().next();
                    !before.is_some_and(char::is_alphabetic)
                        && !after.is_some_and(char::is_alphabetic)
                })
            })
            .map(|p| format!("phrase “{p}”"))
            .collect();
        found.extend(
            self.words
                .iter()
                .filter(|w| shown_words.contains(*w))
                .map(|w| format!("word “{w}”")),
        );
        found
    }
}

/// What `root` shows and names: its text (the language list's own names excepted: each
/// language is named in itself) and every `aria-label` and `title`.
fn shown_and_named(root: &Element) -> String {
    shown_text(root)
}

fn assert_no_english(what: &str, tag: &str, catalog: &str, root: &Element) {
    let shown = shown_and_named(root);
    let found = English::against(catalog).found_in(&shown);
    assert!(
        found.is_empty(),
        "{what} in {tag} shows English: {}\n--- shown ---\n{shown}",
        found.join(", ")
    );
}

fn forget_the_page() {
    for store in [window().session_storage(), window().local_storage()] {
        let store = store.unwrap().unwrap();
        store.remove_item(SESSION_KEY).unwrap();
        store.remove_item(LANGUAGE_KEY).unwrap();
    }
}

fn remembered_language() -> Option<String> {
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(LANGUAGE_KEY)
        .unwrap()
}

/// Picks `tag` in the page's language switch, as a person does.
fn pick_language(root: &Element, tag: &str) {
    let select: HtmlSelectElement = query(root, ".wb-page__language select")
        .expect("the language switch")
        .unchecked_into();
    select.set_value(tag);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_sign_in_page_speaks_each_language_its_switch_picks() {
    forget_the_page();
    let html = document().document_element().unwrap();
    let served_lang = html.get_attribute("lang");
    let root = mount_point();
    waldur_backups::standalone::start(root.clone());
    wait_until("the sign-in form", 5000, || {
        query(&root, "form.wb-signin button[type=submit]").is_some()
    })
    .await;
    // A refused submit shows the form's own error too.
    let submit = query(&root, "form.wb-signin button[type=submit]").unwrap();
    let error = query(&root, "form.wb-signin .wb-field__error").unwrap();
    click(&submit);
    wait_until("the missing address is named", 2000, || {
        text(&error) == Msg::EnterApiAddress.english()
    })
    .await;

    for (tag, catalog) in crate::support::CATALOGS {
        pick_language(&root, tag);
        let sign_in = translation(catalog, Msg::SignIn);
        wait_until(&format!("the sign-in form in {tag}"), 5000, || {
            text(&submit) == sign_in
        })
        .await;
        assert_eq!(
            text(&error),
            translation(catalog, Msg::EnterApiAddress),
            "the form's error follows the language"
        );
        assert_eq!(
            text(&query(&root, ".wb-signin__title").unwrap()),
            translation(catalog, Msg::SignInTitle)
        );
        assert_eq!(
            html.get_attribute("lang").as_deref(),
            Some(tag),
            "the document says its language"
        );
        assert_eq!(document().title(), translation(catalog, Msg::PageTitle));
        assert_no_english("the sign-in page", tag, catalog, &root);
    }
    assert_eq!(
        remembered_language(),
        None,
        "a language is not remembered unless asked"
    );

    // Ticking "Remember" keeps the language shown; a later pick replaces it; unticking forgets.
    let remember = query(&root, ".wb-page__language input[type=checkbox]").unwrap();
    click(&remember);
    assert_eq!(remembered_language().as_deref(), Some("nl"));
    pick_language(&root, "et");
    assert_eq!(remembered_language().as_deref(), Some("et"));
    click(&remember);
    assert_eq!(remembered_language(), None);

    pick_language(&root, "en");
    wait_until("the sign-in form in English again", 2000, || {
        text(&submit) == Msg::SignIn.english()
    })
    .await;
    root.remove();
    match served_lang {
        Some(l) => html.set_attribute("lang", &l).unwrap(),
        None => html.remove_attribute("lang").unwrap(),
    }
    forget_the_page();
}

/// Alerts (retry, dismiss), a confirmation, a copy button and a part that could not be
/// loaded, in the language of `i18n`.
#[component]
fn SharedParts() -> impl IntoView {
    let i18n = I18n::expect();
    fn unavailable() -> LocalBoxFuture<'static, Result<(), ChunkUnavailable>> {
        Box::pin(async { Err(ChunkUnavailable) })
    }
    view! {
        <div class="parts">
            <Alert notice=Notice::error(Text::new(Msg::ErrorNetwork)) on_retry=|_| ()/>
            <Alert notice=Notice::warning(Text::new(Msg::ErrorTimeout)) on_dismiss=|_| ()/>
            <CopyButton value=Signal::derive(|| "5f0c…".to_string()) label=i18n.t(Msg::Copy)/>
            <LazyRegion preload=unavailable content=|| None/>
            <ConfirmDialog
                title=i18n.t_with(Msg::DeleteBackupTitle, || vec![("name", "db-nightly".into())])
                message=i18n.t(Msg::DeleteBackupMessage)
                confirm_label=i18n.t(Msg::DeleteBackupConfirm)
                danger=true
                on_confirm=|_| ()
                on_cancel=|_| ()
            />
        </div>
    }
}

#[wasm_bindgen_test]
async fn shared_parts_speak_the_widget_language() {
    let root = mount_point();
    let i18n = I18n::new();
    let _handle = mount_to(root.clone(), move || {
        i18n.provide();
        view! { <SharedParts /> }
    });
    wait_until("the part that failed to load", 3000, || {
        query(&root, ".wb-lazy__retry").is_some()
    })
    .await;
    let retry_buttons = query_all(&root, ".wb-retry, .wb-lazy__retry");
    assert_eq!(retry_buttons.len(), 2, "the alert's Retry and the part's");
    assert!(retry_buttons
        .iter()
        .all(|b| text(b) == Msg::Retry.english()));

    for (tag, catalog) in crate::support::CATALOGS {
        i18n.set_language(best_match(tag).unwrap());
        let cancel = translation(catalog, Msg::Cancel);
        wait_until(&format!("the parts in {tag}"), 5000, || {
            query_all(&root, "button").iter().any(|b| text(b) == cancel)
        })
        .await;
        let retry = translation(catalog, Msg::Retry);
        assert!(
            retry_buttons.iter().all(|b| text(b) == retry),
            "Retry in {tag}, in place"
        );
        let dismiss = query(&root, ".wb-alert--warning button").unwrap();
        assert_eq!(text(&dismiss), translation(catalog, Msg::Dismiss));
        assert_no_english("the shared parts", tag, catalog, &root);
    }
    root.remove();
}

#[wasm_bindgen_test]
fn the_leak_check_finds_english_words_and_phrases() {
    let (_, de) = crate::support::CATALOGS[0];
    let english = English::against(de);
    // A whole message, a word of one, and nothing in German text or loanwords.
    assert!(!english.found_in("Sign in").is_empty());
    assert!(!english.found_in("Anmelden · Dismiss").is_empty());
    assert!(english.found_in("Anmelden mit Token im Browser").is_empty());
    assert!(english
        .found_in(&translation(de, Msg::TokenHint))
        .is_empty());
}
