//! The widgets' languages in a real browser: texts switch in place, plurals and numbers follow
//! each language through `Intl`, catalogs come from `locales/`, a missing one leaves English
//! with one warning, and API requests say which language the widget speaks.

use crate::support::{
    devserver_url, document, mount_point, query, reset, text, type_into, wait_until,
};
use leptos::mount::mount_to;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use waldur_backups::api::{Auth, BackupQuery, Client};
use waldur_backups::components::{Settings, WidgetContext};
use waldur_backups::i18n::{best_match, set_catalog_url, I18n, Language, Msg, LANGUAGES};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

#[wasm_bindgen(inline_js = "
// Records what the page sends: the Accept-Language of every fetch, and console warnings.
export function start_recording() {
  if (!window.__wbRec) {
    window.__wbRec = { languages: [], warnings: [] };
    const fetch0 = window.fetch;
    window.fetch = function (input, init) {
      const r = input instanceof Request ? input : new Request(input, init);
      window.__wbRec.languages.push([r.url, r.headers.get('Accept-Language') || '']);
      // Catalogs of another build: en.json with other keys.
      if (r.url.includes('/stale-catalogs/')) {
        const body = r.url.endsWith('/en.json') ? { Reload: 'Reload' } : { Reload: 'Neu laden', Refresh: 'Aktualisieren' };
        return Promise.resolve(new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } }));
      }
      return fetch0.apply(this, arguments);
    };
    const warn0 = console.warn;
    console.warn = function (...args) { window.__wbRec.warnings.push(args.join(' ')); return warn0.apply(this, args); };
  }
  window.__wbRec.languages.length = 0;
  window.__wbRec.warnings.length = 0;
}
export function sent_languages(path) {
  return window.__wbRec.languages.filter(([u]) => u.includes(path)).map(([, l]) => l).join(',');
}
export function warnings() { return window.__wbRec.warnings.join('\\n'); }
export function plural_categories(tag) {
  return new Intl.PluralRules(tag).resolvedOptions().pluralCategories.join(' ');
}
export function warning_count() { return window.__wbRec.warnings.length; }
")]
extern "C" {
    fn start_recording();
    fn sent_languages(path: &str) -> String;
    fn warnings() -> String;
    fn warning_count() -> u32;
    fn plural_categories(tag: &str) -> String;
}

/// What a mount closure hands back to the test.
type Slot<T> = Rc<Cell<Option<T>>>;

/// Language, its "Refresh", and counts with their expected texts.
type Case<'a> = (&'a str, &'a str, Vec<(u64, String)>);

fn language(tag: &str) -> &'static Language {
    best_match(tag).expect("a language we have")
}

/// A small view built the way the widgets use the mechanism.
#[component]
fn Sample(count: RwSignal<u64>) -> impl IntoView {
    let i18n = I18n::expect();
    view! {
        <section>
            <button class="refresh" aria-label=i18n.t(Msg::Refresh)>
                {i18n.t(Msg::Refresh)}
            </button>
            <p class="count">
                {i18n.t_with(Msg::BackupCount, move || vec![("count", count.get().into())])}
            </p>
            <h2 class="title">
                {i18n.t_with(Msg::DeleteBackupTitle, || vec![("name", "db-1".into())])}
            </h2>
            <input class="draft" />
        </section>
    }
}

struct Mounted {
    root: web_sys::HtmlElement,
    i18n: I18n,
    count: RwSignal<u64>,
    _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    fn text(&self, selector: &str) -> String {
        text(&self.find(selector))
    }

    fn find(&self, selector: &str) -> Element {
        query(&self.root, selector).unwrap_or_else(|| panic!("{selector} is shown"))
    }

    async fn show_language(&self, tag: &'static str, refresh: &str) {
        self.i18n.set_language(language(tag));
        wait_until(&format!("the texts are in {tag}"), 5000, || {
            self.text(".refresh") == refresh
        })
        .await;
    }
}

/// Mounts [`Sample`] with its own handle (English at first).
fn mount_sample() -> Mounted {
    let root = mount_point();
    let made: Slot<(I18n, RwSignal<u64>)> = Rc::default();
    let out = made.clone();
    let handle = mount_to(root.clone(), move || {
        let i18n = I18n::new();
        i18n.provide();
        let count = RwSignal::new(1);
        out.set(Some((i18n, count)));
        view! { <Sample count=count /> }
    });
    let (i18n, count) = made.take().expect("mounted");
    Mounted {
        root,
        i18n,
        count,
        _handle: Box::new(handle),
    }
}

#[wasm_bindgen_test]
async fn texts_switch_language_in_place_and_keep_what_was_typed() {
    let m = mount_sample();
    assert_eq!(m.text(".refresh"), "Refresh");
    assert_eq!(
        m.find(".refresh").get_attribute("aria-label").as_deref(),
        Some("Refresh")
    );
    assert_eq!(m.text(".title"), "Delete backup “db-1”?");
    let button = m.find(".refresh");
    let input = m.find(".draft");
    type_into(&input, "my draft");

    m.show_language("de", "Aktualisieren").await;
    assert_eq!(
        m.find(".refresh").get_attribute("aria-label").as_deref(),
        Some("Aktualisieren")
    );
    assert_eq!(m.text(".title"), "Backup „db-1“ löschen?");
    assert_eq!(m.text(".count"), "1 Backup");

    m.show_language("et", "Värskenda").await;
    assert_eq!(m.text(".title"), "Kas kustutada varukoopia „db-1“?");
    assert_eq!(m.text(".count"), "1 varukoopia");

    m.show_language("en", "Refresh").await;
    assert_eq!(m.text(".title"), "Delete backup “db-1”?");

    // Same elements, not a re-render: focus, selection and typed text survive a switch.
    assert!(button.is_same_node(Some(&m.find(".refresh"))));
    assert!(input.is_same_node(Some(&m.find(".draft"))));
    assert_eq!(
        input.unchecked_ref::<HtmlInputElement>().value(),
        "my draft"
    );
}

#[wasm_bindgen_test]
async fn plurals_and_numbers_follow_each_language() {
    let m = mount_sample();
    let nnbsp = '\u{202f}';
    let cases: &[Case] = &[
        (
            "en",
            "Refresh",
            vec![
                (0, "No backups".into()),
                (1, "1 backup".into()),
                (2, "2 backups".into()),
                (1000, "1,000 backups".into()),
            ],
        ),
        (
            "de",
            "Aktualisieren",
            vec![
                (0, "Keine Backups".into()),
                (1, "1 Backup".into()),
                (2, "2 Backups".into()),
                (1000, "1.000 Backups".into()),
            ],
        ),
        (
            "et",
            "Värskenda",
            vec![
                (1, "1 varukoopia".into()),
                (2, "2 varukoopiat".into()),
                // Estonian groups thousands only from five digits on.
                (1000, "1000 varukoopiat".into()),
                (10000, "10\u{a0}000 varukoopiat".into()),
            ],
        ),
        (
            "fr",
            "Actualiser",
            vec![
                (1, "1 sauvegarde".into()),
                (2, "2 sauvegardes".into()),
                (1000, format!("1{nnbsp}000 sauvegardes")),
                // French `many`: a million takes "de".
                (1_000_000, format!("1{nnbsp}000{nnbsp}000 de sauvegardes")),
            ],
        ),
        (
            "es",
            "Actualizar",
            vec![
                (1, "1 copia de seguridad".into()),
                (2, "2 copias de seguridad".into()),
                (1000, "1000 copias de seguridad".into()),
                (1_000_000, "1.000.000 de copias de seguridad".into()),
            ],
        ),
        (
            "nl",
            "Vernieuwen",
            vec![
                (1, "1 back-up".into()),
                (2, "2 back-ups".into()),
                (1000, "1.000 back-ups".into()),
            ],
        ),
    ];
    for (tag, refresh, counts) in cases {
        m.show_language(tag, refresh).await;
        for (n, expected) in counts {
            m.count.set(*n);
            wait_until(&format!("{tag} {n}: {expected}"), 2000, || {
                m.text(".count") == *expected
            })
            .await;
        }
    }
    // The `locale` option's format wins for numbers; the words stay the language's.
    m.i18n.set_number_locale(Some("de-CH".into()));
    m.show_language("de", "Aktualisieren").await;
    m.count.set(1000);
    // Engines' ICU versions differ in the Swiss apostrophe (' or ’); either is
    // Swiss, the German point is not.
    wait_until("Swiss grouping", 2000, || {
        let shown = m.text(".count");
        shown == "1'000 Backups" || shown == "1\u{2019}000 Backups"
    })
    .await;
}

#[wasm_bindgen_test]
fn the_plural_categories_listed_are_the_browsers() {
    for l in LANGUAGES {
        let listed: Vec<_> = l.plurals.iter().map(|c| c.keyword()).collect();
        assert_eq!(
            plural_categories(l.tag),
            listed.join(" "),
            "Intl.PluralRules('{}') categories",
            l.tag
        );
    }
}

#[wasm_bindgen_test]
async fn a_catalog_that_cannot_load_leaves_english_and_warns_once() {
    start_recording();
    set_catalog_url(Some("/no-such-directory/"));
    let first = mount_sample();
    let second = mount_sample();
    first.i18n.set_language(language("nl"));
    second.i18n.set_language(language("nl"));
    wait_until("the failed load settles", 5000, || {
        untrack(|| first.i18n.requested().is_english() && second.i18n.requested().is_english())
    })
    .await;
    assert_eq!(first.text(".refresh"), "Refresh");
    assert_eq!(second.text(".title"), "Delete backup “db-1”?");
    assert!(!untrack(|| first.i18n.is_loading()));
    assert_eq!(
        warning_count(),
        1,
        "one warning for one failed fetch: {}",
        warnings()
    );
    assert!(
        warnings().contains("nl") && warnings().contains("showing English"),
        "{}",
        warnings()
    );

    // Chosen again once the catalogs are reachable, the language loads.
    set_catalog_url(None);
    first.show_language("nl", "Vernieuwen").await;
}

#[wasm_bindgen_test]
async fn catalogs_of_another_build_are_refused_with_a_warning() {
    start_recording();
    set_catalog_url(Some("/stale-catalogs/"));
    let m = mount_sample();
    m.i18n.set_language(language("de"));
    wait_until("the refused load settles", 5000, || {
        untrack(|| m.i18n.requested().is_english())
    })
    .await;
    set_catalog_url(None);
    assert_eq!(m.text(".refresh"), "Refresh");
    assert_eq!(warning_count(), 1, "{}", warnings());
    assert!(
        warnings().contains("not the one this bundle was built with"),
        "{}",
        warnings()
    );
}

/// Mounts [`Sample`] inside a widget context (the way the widgets get their handle).
fn mount_in_widget(locale: Option<&str>) -> (Mounted, WidgetContext) {
    let root = mount_point();
    let made: Slot<(WidgetContext, RwSignal<u64>)> = Rc::default();
    let out = made.clone();
    let settings = Settings {
        locale: locale.map(str::to_owned),
        ..Settings::default()
    };
    let handle = mount_to(root.clone(), move || {
        let client = Client::new(
            devserver_url(),
            Auth::Token(crate::support::STAFF_TOKEN.into()),
        );
        let ctx = WidgetContext::new(client, settings, None);
        ctx.provide();
        let count = RwSignal::new(1);
        out.set(Some((ctx, count)));
        view! { <Sample count=count /> }
    });
    let (ctx, count) = made.take().expect("mounted");
    let m = Mounted {
        root,
        i18n: ctx.i18n,
        count,
        _handle: Box::new(handle),
    };
    (m, ctx)
}

#[wasm_bindgen_test]
async fn requests_carry_the_widget_language_as_accept_language() {
    reset().await;
    start_recording();
    let (m, ctx) = mount_in_widget(Some("de-AT"));
    wait_until("German", 5000, || m.text(".refresh") == "Aktualisieren").await;
    let page = ctx.client().list_backups(&BackupQuery::default()).await;
    assert!(page.is_ok(), "the server takes the header: {page:?}");
    assert_eq!(sent_languages("/api/openstack-backups/"), "de");

    // A live `locale` change: new texts and the new language on the next request.
    ctx.settings.update(|s| s.locale = Some("et".into()));
    wait_until("Estonian", 5000, || m.text(".refresh") == "Värskenda").await;
    ctx.client()
        .list_backups(&BackupQuery::default())
        .await
        .expect("a page");
    assert_eq!(sent_languages("/api/openstack-backups/"), "de,et");

    // A new client from the host (new token or URL) keeps the language.
    ctx.set_client(Client::new(
        devserver_url(),
        Auth::Token(crate::support::STAFF_TOKEN.into()),
    ));
    ctx.client()
        .list_backups(&BackupQuery::default())
        .await
        .expect("a page");
    assert_eq!(sent_languages("/api/openstack-backups/"), "de,et,et");
}

#[wasm_bindgen_test]
async fn without_a_locale_the_page_language_chooses() {
    let html = document().document_element().expect("<html>");
    let before = html.get_attribute("lang");
    html.set_attribute("lang", "fr-BE").unwrap();
    let (m, _ctx) = mount_in_widget(None);
    match before {
        Some(lang) => html.set_attribute("lang", &lang).unwrap(),
        None => html.remove_attribute("lang").unwrap(),
    }
    wait_until("French", 5000, || m.text(".refresh") == "Actualiser").await;
    assert_eq!(
        m.text(".title"),
        "Supprimer la sauvegarde «\u{a0}db-1\u{a0}»\u{202f}?"
    );
}
