//! The detail drawer (with its edit form and discard question), the restore dialog (its form
//! and its result) and the create dialog (its button, form, errors and discard question) in
//! German, Spanish, Estonian, French and Dutch: no English text of the catalog is left in what
//! they show or in the names and hints they give controls, and a live language change
//! re-renders the open drawer in place.

use crate::support::*;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use waldur_backups::api::{Auth, Backup, Client, ListQuery, ResourceState};
use waldur_backups::components::{
    BackupDetailDrawer, CreateBackupButton, RestoreDialog, Settings, WidgetContext,
};
use waldur_backups::i18n::Msg;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, Node};

#[wasm_bindgen(inline_js = "
// Records every string of every JSON answer the page gets: what the server sent is data,
// shown as it is in every language (a security group described as 'PostgreSQL from web servers').
export function record_data() {
  if (window.__wbData) return;
  window.__wbData = new Set();
  const keep = (v) => {
    if (typeof v === 'string') { window.__wbData.add(v.trim()); }
    else if (Array.isArray(v)) { v.forEach(keep); }
    else if (v && typeof v === 'object') { Object.values(v).forEach(keep); }
  };
  const fetch0 = window.fetch;
  window.fetch = function (...args) {
    return fetch0.apply(this, args).then((r) => {
      // Only the API's answers: the catalogs are no data.
      if (r.url.includes('/api/') && (r.headers.get('Content-Type') || '').includes('json')) {
        r.clone().json().then(keep, () => {});
      }
      return r;
    });
  };
}
export function is_data(text) { return !!window.__wbData && window.__wbData.has(text.trim()); }
")]
extern "C" {
    fn record_data();
    fn is_data(text: &str) -> bool;
}

/// A language's catalog: key → text.
fn catalog(json: &str) -> serde_json::Map<String, serde_json::Value> {
    serde_json::from_str(json).expect("a catalog is a JSON object")
}

/// The text of `msg` in a catalog (the raw message, arguments unfilled).
fn translated(catalog: &serde_json::Map<String, serde_json::Value>, msg: Msg) -> &str {
    catalog
        .get(msg.key())
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("{} is in the catalog", msg.key()))
}

/// The literal parts of an English message outside its arguments and plural cases, trimmed
/// of punctuation: "Restore “{name}”" gives "Restore".
fn literal_parts(message: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut depth = 0usize;
    for c in message.chars() {
        match c {
            '{' => {
                depth += 1;
                parts.push(String::new());
            }
            '}' => depth = depth.saturating_sub(1),
            c if depth == 0 => parts.last_mut().expect("a part").push(c),
            _ => {}
        }
    }
    parts
        .into_iter()
        .map(|p| p.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .collect()
}

/// Whether a part is something a user would read as English: a phrase of more than one word,
/// or one word of four letters or more.
fn is_telling(part: &str) -> bool {
    part.contains(' ') || part.chars().filter(|c| c.is_alphabetic()).count() >= 4
}

/// What the English catalog says that must not be seen in a language: each telling part of
/// each message, unless the language writes it the same in that message ("Name", "OK").
fn english_parts_for(catalog: &serde_json::Map<String, serde_json::Value>) -> Vec<(Msg, String)> {
    Msg::ALL
        .iter()
        .flat_map(|&m| {
            let own = translated(catalog, m).to_owned();
            literal_parts(m.english())
                .into_iter()
                .filter(|p| is_telling(p))
                .filter(move |p| !own.contains(p.as_str()))
                .map(move |p| (m, p))
        })
        .collect()
}

/// Whether `needle` occurs in `hay` as whole words (no letter or digit either side).
fn has_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Everything under `root` a person reads or hears that is not data the server sent: each text
/// node on its own line, and the accessible names, descriptions, tooltips and placeholders of
/// its elements.
fn exposed(root: &Element) -> String {
    let mut out = Vec::new();
    let mut push = |text: String| {
        if !is_data(&text) {
            out.push(text);
        }
    };
    for el in std::iter::once(root.clone()).chain(query_all(root, "*")) {
        let nodes = el.child_nodes();
        for i in 0..nodes.length() {
            if let Some(n) = nodes.item(i).filter(|n| n.node_type() == Node::TEXT_NODE) {
                push(n.text_content().unwrap_or_default());
            }
        }
        for attr in [
            "aria-label",
            "aria-description",
            "aria-roledescription",
            "title",
            "placeholder",
        ] {
            if let Some(v) = el.get_attribute(attr) {
                push(v);
            }
        }
    }
    out.join("\n")
}

/// Fails with every English catalog text found in what `root` exposes in language `tag`.
fn assert_no_english(root: &Element, tag: &str, place: &str) {
    let (_, json) = crate::support::CATALOGS
        .iter()
        .find(|(t, _)| *t == tag)
        .expect("a language we have");
    let shown = exposed(root);
    let found: Vec<String> = english_parts_for(&catalog(json))
        .into_iter()
        .filter(|(_, part)| has_words(&shown, part))
        .map(|(m, part)| format!("“{part}” ({})", m.key()))
        .collect();
    assert!(
        found.is_empty(),
        "{place} in {tag} shows English: {}\n--- what it shows ---\n{shown}",
        found.join(", ")
    );
}

fn client() -> Client {
    Client::new(devserver_url(), Auth::Token(STAFF_TOKEN.into()))
}

/// A mounted part of the widget in one language.
struct Mounted {
    root: HtmlElement,
    ctx: WidgetContext,
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
    fn must(&self, selector: &str) -> Element {
        self.el(selector)
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }
    /// Waits until the widget shows the language it was given.
    async fn shows(&self, tag: &str) {
        let ctx = self.ctx;
        wait_until(&format!("the {tag} messages"), 5000, || {
            untrack(|| ctx.i18n.language().tag == tag)
        })
        .await;
    }
}

/// Mounts `part` in a staff user's widget whose `locale` is `tag`.
fn mount(tag: &str, part: impl FnOnce(WidgetContext) -> AnyView + 'static) -> Mounted {
    record_data();
    let root = mount_point();
    let made: Rc<RefCell<Option<WidgetContext>>> = Rc::default();
    let out = made.clone();
    let settings = Settings {
        locale: Some(tag.to_owned()),
        is_staff: true,
        ..Settings::default()
    };
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let ctx = WidgetContext::new(client(), settings, None);
        ctx.provide();
        *out.borrow_mut() = Some(ctx);
        view! { <div class="wb-root">{part(ctx)}</div> }
    });
    let ctx = made.borrow_mut().take().expect("mounted");
    Mounted {
        root,
        ctx,
        _handle: Box::new(handle),
    }
}

/// Every backup, as the staff user sees them.
async fn all_backups() -> Vec<Backup> {
    client()
        .list_all("/api/openstack-backups/", ListQuery::default())
        .await
        .expect("backups load")
}

/// An OK backup with restorations and network settings: the drawer shows every group.
async fn rich_backup() -> Backup {
    all_backups()
        .await
        .into_iter()
        .find(|b| {
            b.state == ResourceState::Ok
                && !b.restorations.is_empty()
                && !b.instance_security_groups.is_empty()
                && b.tenant_uuid.is_some()
        })
        .expect("an OK backup with restorations and security groups")
}

/// Mounts the drawer for `uuid` in `tag` and waits until it shows the backup in it.
async fn open_drawer(tag: &str, uuid: &str) -> Mounted {
    let uuid = uuid.to_owned();
    let m = mount(tag, move |ctx| {
        ctx.store.open_detail.set(Some(uuid));
        let shown = Signal::derive(move || ctx.store.open_detail.get().unwrap_or_default());
        view! { <BackupDetailDrawer uuid=shown on_close=|_| {}/> }.into_any()
    });
    m.shows(tag).await;
    wait_until("the drawer shows the backup", 8000, || {
        m.el("[data-group=overview]").is_some() && m.el("[data-action=edit]").is_some()
    })
    .await;
    // The folded parts (traceback, network settings of a restoration) are open, as a reader
    // would open them.
    for d in query_all(&m.root, "details") {
        d.set_attribute("open", "").unwrap();
    }
    m
}

#[wasm_bindgen_test]
async fn the_drawer_and_its_edit_form_speak_each_language() {
    reset().await;
    let backup = rich_backup().await;
    for (tag, _) in crate::support::CATALOGS {
        let m = open_drawer(tag, &backup.uuid).await;
        assert_no_english(&m.root, tag, "the drawer");

        click(&m.must("[data-action=edit]"));
        wait_until("the edit form", 3000, || {
            m.el("form input[name=name]").is_some()
        })
        .await;
        assert_no_english(&m.root, tag, "the drawer's edit form");

        // A blank name sent: the form's own message; then leaving with edits asks first.
        type_into(&m.must("form input[name=name]"), "");
        click(&m.must("[data-action=save]"));
        wait_until("the name's message", 3000, || {
            m.el("form [aria-invalid=true]").is_some()
        })
        .await;
        click(&m.must("[data-action=cancel-edit]"));
        wait_until("the discard question", 3000, || {
            m.el("[role=alertdialog]").is_some()
        })
        .await;
        assert_no_english(&m.root, tag, "the drawer's discard question");
    }
}

#[wasm_bindgen_test]
async fn the_restore_dialog_and_its_result_speak_each_language() {
    reset().await;
    let backup = all_backups()
        .await
        .into_iter()
        .find(|b| {
            b.state == ResourceState::Ok
                && b.instance_name.as_deref() == Some("web-02")
                && b.instance_ports.len() == 2
        })
        .expect("an OK backup of web-02 with two ports");
    for (tag, _) in crate::support::CATALOGS {
        let b = backup.clone();
        let m = mount(tag, move |_| {
            view! { <RestoreDialog backup=b on_close=|_| {} poll_base_ms=50/> }.into_any()
        });
        m.shows(tag).await;
        wait_until("the restore form", 8000, || {
            m.el(".wb-restore__flavor select").is_some()
                && m.el("[data-restore-summary] li").is_some()
        })
        .await;
        // A second network row, so both rows' texts are there.
        let add = query_all(&m.root, ".wb-restore__networks > button")
            .into_iter()
            .last()
            .expect("the Add network button");
        click(&add);
        next_frames().await;
        assert_no_english(&m.root, tag, "the restore form");

        // Without the added row (it has no subnet yet), the restore is sent.
        let remove = query_all(&m.root, ".wb-restore__row > button")
            .into_iter()
            .last()
            .expect("a Remove button");
        click(&remove);
        wait_until("the form can be sent", 3000, || {
            m.el("button[type=submit]")
                .is_some_and(|b| !b.has_attribute("disabled"))
        })
        .await;
        click(&m.must("button[type=submit]"));
        wait_until("the restore's result", 8000, || {
            m.el("[data-instance-name]").is_some()
        })
        .await;
        next_frames().await;
        assert_no_english(&m.root, tag, "the restore result");
    }
}

#[wasm_bindgen_test]
async fn the_create_dialog_speaks_each_language() {
    reset().await;
    let instance = all_backups()
        .await
        .into_iter()
        .find(|b| b.instance_name.as_deref() == Some("web-01"))
        .and_then(|b| b.instance)
        .and_then(|url| waldur_backups::state::uuid_from_url(&url).map(str::to_owned))
        .expect("the instance web-01");
    for (tag, _) in crate::support::CATALOGS {
        let uuid = instance.clone();
        let m = mount(tag, move |_| {
            view! { <CreateBackupButton instance_uuid=uuid/> }.into_any()
        });
        m.shows(tag).await;
        wait_until("the Create backup button works", 8000, || {
            m.el(".wb-create__button")
                .is_some_and(|b| !b.has_attribute("disabled"))
        })
        .await;
        assert_no_english(&m.root, tag, "the Create backup button");

        click(&m.must(".wb-create__button"));
        wait_until("the create dialog", 8000, || {
            m.el(".wb-create__form input[name=name]").is_some()
        })
        .await;
        // The custom date shows its own label and field.
        let custom = query_all(&m.root, ".wb-create__choice input[type=radio]")
            .into_iter()
            .last()
            .expect("the retention choices");
        click(&custom);
        next_frames().await;
        assert_no_english(&m.root, tag, "the create dialog");

        // A blank name sent: the form's message; Cancel with edits asks first.
        type_into(&m.must(".wb-create__form input[name=name]"), "");
        click(&m.must(".wb-create__submit"));
        wait_until("the name's message", 3000, || {
            m.el(".wb-create__form [aria-invalid=true]").is_some()
        })
        .await;
        let cancel = query_all(&m.root, ".wb-create__form .wb-modal__actions button")
            .into_iter()
            .next()
            .expect("Cancel");
        click(&cancel);
        wait_until("the discard question", 3000, || {
            m.el("[role=alertdialog]").is_some()
        })
        .await;
        assert_no_english(
            &m.root,
            tag,
            "the create dialog's errors and discard question",
        );
    }
}

/// The drawer's texts that must change with the language: its headings, the close button's
/// name and tooltip, the actions' group name and the edit form's labels.
fn drawer_texts(m: &Mounted) -> Vec<String> {
    let close = m.must(".wb-drawer__close");
    let mut texts: Vec<String> = query_all(&m.root, ".wb-drawer__heading, .wb-drawer__title")
        .iter()
        .map(text)
        .collect();
    texts.push(close.get_attribute("aria-label").unwrap_or_default());
    texts.push(close.get_attribute("title").unwrap_or_default());
    texts.extend(
        query_all(
            &m.root,
            ".wb-drawer__form label, .wb-drawer__form legend, .wb-detail__label",
        )
        .iter()
        .map(text),
    );
    texts
}

#[wasm_bindgen_test]
async fn the_open_drawer_follows_a_live_language_change() {
    reset().await;
    let backup = rich_backup().await;
    let m = open_drawer("de", &backup.uuid).await;
    click(&m.must("[data-action=edit]"));
    wait_until("the edit form", 3000, || {
        m.el("form input[name=name]").is_some()
    })
    .await;
    type_into(&m.must("form input[name=name]"), "typed before the change");
    let german = drawer_texts(&m);
    let de = catalog(crate::support::CATALOGS[0].1);
    assert!(
        german
            .iter()
            .any(|t| t == translated(&de, Msg::DrawerOverview)),
        "German headings: {german:?}"
    );

    // The host sets another `locale`: the same drawer, its texts in French.
    let ctx = m.ctx;
    ctx.settings.update(|s| s.locale = Some("fr".into()));
    m.shows("fr").await;
    next_frames().await;
    let french = drawer_texts(&m);
    assert_eq!(french.len(), german.len(), "the same parts: {french:?}");
    let unchanged: Vec<_> = german
        .iter()
        .zip(&french)
        .filter(|(g, f)| g == f && !["Description", "UUID"].contains(&g.as_str()))
        .collect();
    // A few words are the same in both ("Description", names); most must change.
    assert!(
        unchanged.len() * 4 < german.len(),
        "texts that stayed German: {unchanged:?}"
    );
    let fr = catalog(crate::support::CATALOGS[3].1);
    for msg in [Msg::DrawerOverview, Msg::KeepUntil, Msg::DrawerClose] {
        let want = translated(&fr, msg);
        assert!(
            french.iter().any(|t| t == want),
            "{} in French (“{want}”): {french:?}",
            msg.key()
        );
    }
    assert_no_english(&m.root, "fr", "the drawer after the change");
    // What the user typed survives the change.
    let name: web_sys::HtmlInputElement = m.must("form input[name=name]").unchecked_into();
    assert_eq!(name.value(), "typed before the change");

    // And back to English, where the host asks for it.
    ctx.settings.update(|s| s.locale = Some("en".into()));
    m.shows("en").await;
    next_frames().await;
    let english = drawer_texts(&m);
    for msg in [Msg::DrawerOverview, Msg::KeepUntil, Msg::DrawerClose] {
        assert!(
            english.iter().any(|t| t == msg.english()),
            "{} in English: {english:?}",
            msg.key()
        );
    }
}
