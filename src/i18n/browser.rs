//! What the browser tells and does for the messages: `Intl` numbers and plural rules, the page's
//! and the user's languages, and fetching `locales/<lang>.json` once per page.

use super::catalog::Catalog;
use super::languages::Language;
use super::message_format::{NumberRules, PluralCategory};
use super::messages::Msg;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

// Kept short: this text is part of every first load. What it does:
// - `base`: this file is served from <bundle dir>/snippets/<crate>/inline<N>.js, so the
//   catalogs the release build copies beside the bundle are found from here, wherever the bundle
//   is hosted (a CDN included), whatever page imports it; `wb_i18n_set_root` overrides it.
// - `wb_i18n_load`: one load per language and page, shared by its widgets. The bundle holds no
//   keys: `en.json` gives them in message order, checked against the bundle's hash of them (so
//   a stale `en.json` cannot shift every message). Texts come back NUL-separated, in that order.
//   A failure warns once, answers `null`, and is tried again the next time.
// - Plural rules and number formats are cached per locale; a locale `Intl` rejects formats
//   numbers in the language instead.
#[wasm_bindgen(inline_js = "
const u=import.meta.url,at=u.lastIndexOf('/snippets/'),base=at<0?new URL('./',u).href:u.slice(0,at+1);
let root=null;const got=new Map(),loads=new Map(),pr=new Map(),nf=new Map();
export function wb_i18n_set_root(r){root=r?new URL(r,document.baseURI).href:null}
function get(t){const url=root===null?new URL('locales/'+t+'.json',base).href:new URL(t+'.json',root).href;let p=got.get(url);
if(!p){p=fetch(url).then(r=>{if(!r.ok)throw Error('HTTP '+r.status+' for '+url);return r.json()});p.catch(()=>got.delete(url));got.set(url,p)}return p}
function fnv(s){let h=0x811c9dc5;for(let i=0;i<s.length;i++){h=Math.imul(h^s.charCodeAt(i),0x01000193)}return h>>>0}
export function wb_i18n_load(tag,hash){const k=(root??base)+tag;let p=loads.get(k);
if(!p){p=Promise.all([get('en'),get(tag)]).then(([en,o])=>{const keys=Object.keys(en);
if(fnv(keys.join('\\n')+'\\n')!==hash)throw Error('its en.json is not the one this bundle was built with');
return keys.map(x=>typeof o[x]=='string'?o[x]:'').join('\\0')}).catch(e=>{loads.delete(k);
console.warn('waldur-backups: could not load the '+tag+' messages ('+(e&&e.message||e)+'); showing English.');return null});loads.set(k,p)}return p}
const C=['zero','one','two','few','many','other'];
export function wb_i18n_plural(n,t){let r=pr.get(t);if(!r){r=new Intl.PluralRules(t);pr.set(t,r)}return C.indexOf(r.select(n))}
export function wb_i18n_number(n,l,t){let f=nf.get(l);if(!f){try{f=new Intl.NumberFormat(l)}catch(e){f=new Intl.NumberFormat(t)}nf.set(l,f)}return f.format(n)}
export function wb_i18n_page_lang(){return document.documentElement.lang||''}
export function wb_i18n_navigator_languages(){return(navigator.languages&&navigator.languages.length?navigator.languages:[navigator.language||'']).join(',')}
")]
extern "C" {
    fn wb_i18n_set_root(url: &str);
    fn wb_i18n_load(tag: &str, keys_hash: u32) -> js_sys::Promise;
    fn wb_i18n_plural(value: f64, tag: &str) -> i32;
    fn wb_i18n_number(value: f64, locale: &str, tag: &str) -> String;
    fn wb_i18n_page_lang() -> String;
    fn wb_i18n_navigator_languages() -> String;
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
    Some(wb_i18n_page_lang()).filter(|l| !l.trim_ascii().is_empty())
}

/// The user's languages, most preferred first (`navigator.languages`), comma-separated.
pub fn navigator_languages() -> String {
    wb_i18n_navigator_languages()
}

/// Loads the page's catalogs from `url` (a directory holding `en.json` and the other
/// `<lang>.json`) instead of the `locales/` beside the bundle; `None` goes back to that. For
/// hosts that serve their own translations; applies to languages chosen from now on.
pub fn set_catalog_url(url: Option<&str>) {
    wb_i18n_set_root(url.unwrap_or(""));
}

/// Fetches the catalog of `language` (once per page: the browser keeps the answer); `None`
/// when it could not be loaded (the browser console says why).
pub(super) async fn load_catalog(language: &'static Language) -> Option<Catalog> {
    let texts = JsFuture::from(wb_i18n_load(language.tag, Msg::KEYS_HASH))
        .await
        .ok()?
        .as_string()?;
    Some(Catalog::from_nul_separated(texts))
}
