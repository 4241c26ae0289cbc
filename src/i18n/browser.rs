//! What the browser tells and does for the messages: `Intl` numbers and plural rules, the page's
//! and the user's languages, and fetching `locales/<lang>.json` once per page.

use super::catalog::Catalog;
use super::languages::Language;
use super::message_format::{NumberRules, PluralCategory};
use super::messages::Msg;
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = "
// This file is served from <bundle dir>/snippets/<crate>/inline<N>.js, so the catalogs that the
// release build copies beside the bundle are found from here, wherever the bundle is hosted
// (a CDN included), whatever page imports it.
const here = import.meta.url;
const cut = here.lastIndexOf('/snippets/');
const bundle = cut < 0 ? new URL('./', here).href : here.slice(0, cut + 1);
let root = null;
const loads = new Map();
export function wb_i18n_set_root(url) { root = url ? new URL(url, document.baseURI).href : null; }
// One fetch per catalog and page; a failed one warns once, shows English, and is tried again
// the next time that language is chosen.
export function wb_i18n_load(tag, keys) {
  const url = (root === null ? new URL('locales/' + tag + '.json', bundle) : new URL(tag + '.json', root)).href;
  let p = loads.get(url);
  if (p === undefined) {
    p = fetch(url)
      .then((r) => { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then((o) => keys.split('\\n').slice(0, -1).map((k) => (typeof o[k] === 'string' ? o[k] : '')).join('\\0'))
      .catch((e) => {
        loads.delete(url);
        console.warn('waldur-backups: could not load the ' + tag + ' messages from ' + url + ' (' + ((e && e.message) || e) + '); showing English.');
        return null;
      });
    loads.set(url, p);
  }
  return p;
}
const plurals = new Map();
const numbers = new Map();
const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];
export function wb_i18n_plural(n, tag) {
  let r = plurals.get(tag);
  if (r === undefined) { r = new Intl.PluralRules(tag); plurals.set(tag, r); }
  return CATEGORIES.indexOf(r.select(n));
}
// A locale the browser rejects formats in the language instead.
export function wb_i18n_number(n, locale, tag) {
  let f = numbers.get(locale);
  if (f === undefined) {
    try { f = new Intl.NumberFormat(locale); } catch (e) { f = new Intl.NumberFormat(tag); }
    numbers.set(locale, f);
  }
  return f.format(n);
}
export function wb_i18n_page_lang() { return document.documentElement.lang || ''; }
export function wb_i18n_navigator_languages() {
  return (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || '']).join(',');
}
export function wb_i18n_plural_categories(tag) {
  return new Intl.PluralRules(tag).resolvedOptions().pluralCategories.join(' ');
}
")]
extern "C" {
    fn wb_i18n_set_root(url: &str);
    fn wb_i18n_load(tag: &str, keys: &str) -> js_sys::Promise;
    fn wb_i18n_plural(value: f64, tag: &str) -> i32;
    fn wb_i18n_number(value: f64, locale: &str, tag: &str) -> String;
    fn wb_i18n_page_lang() -> String;
    fn wb_i18n_navigator_languages() -> String;
    fn wb_i18n_plural_categories(tag: &str) -> String;
}

/// Numbers and plurals through `Intl`: plural rules of the message's language, numbers in the
/// `locale` option's format (or the language's).
pub(super) struct IntlRules<'a> {
    pub plural_tag: &'a str,
    pub number_locale: &'a str,
}

impl NumberRules for IntlRules<'_> {
    fn format_number(&self, value: f64) -> String {
        wb_i18n_number(value, self.number_locale, self.plural_tag)
    }

    fn plural_category(&self, value: f64) -> PluralCategory {
        usize::try_from(wb_i18n_plural(value, self.plural_tag))
            .ok()
            .and_then(|i| PluralCategory::ALL.get(i).copied())
            .unwrap_or(PluralCategory::Other)
    }
}

/// The host page's `<html lang>`, if set.
pub fn page_language() -> Option<String> {
    Some(wb_i18n_page_lang()).filter(|l| !l.trim().is_empty())
}

/// The user's languages, most preferred first (`navigator.languages`).
pub fn navigator_languages() -> Vec<String> {
    wb_i18n_navigator_languages()
        .split(',')
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The plural categories the browser's `Intl.PluralRules` uses for a language (what
/// [`Language::plurals`] must list).
pub fn browser_plural_categories(tag: &str) -> Vec<PluralCategory> {
    wb_i18n_plural_categories(tag)
        .split(' ')
        .filter_map(PluralCategory::parse)
        .collect()
}

/// Loads the page's catalogs from `url` (a directory holding `<lang>.json`) instead of the
/// `locales/` beside the bundle; `None` goes back to that. For hosts that serve their own
/// translations; applies to languages not loaded yet.
pub fn set_catalog_url(url: Option<&str>) {
    wb_i18n_set_root(url.unwrap_or(""));
    LOADED.with(|l| l.borrow_mut().clear());
}

thread_local! {
    /// Catalogs this page has loaded, shared by every widget on it.
    static LOADED: RefCell<Vec<(&'static str, Arc<Catalog>)>> = const { RefCell::new(Vec::new()) };
}

/// The catalog of `language` if this page loaded it already.
pub(super) fn loaded_catalog(language: &Language) -> Option<Arc<Catalog>> {
    LOADED.with(|l| {
        l.borrow()
            .iter()
            .find(|(tag, _)| *tag == language.tag)
            .map(|(_, c)| c.clone())
    })
}

/// Fetches the catalog of `language` (once per page); `None` when it could not be loaded (the
/// browser console says why).
pub(super) async fn load_catalog(language: &'static Language) -> Option<Arc<Catalog>> {
    if let Some(c) = loaded_catalog(language) {
        return Some(c);
    }
    let texts = JsFuture::from(wb_i18n_load(language.tag, Msg::KEYS))
        .await
        .ok()?
        .as_string()?;
    let catalog =
        loaded_catalog(language).unwrap_or_else(|| Arc::new(Catalog::from_nul_separated(&texts)));
    LOADED.with(|l| {
        let mut l = l.borrow_mut();
        if !l.iter().any(|(tag, _)| *tag == language.tag) {
            l.push((language.tag, catalog.clone()));
        }
    });
    Some(catalog)
}
