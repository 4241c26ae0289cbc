//! The widgets' languages: English built in, German, Spanish, Estonian, French and Dutch
//! fetched from `locales/<lang>.json` beside the bundle when chosen.
//!
//! - [`Msg`] ([`messages`]) declares every message with its English text; its name is the key
//!   in the catalogs. Messages use a small subset of ICU MessageFormat ([`message_format`]):
//!   `{name}`, `{n, number}`, `{n, plural, =0 {…} one {# backup} other {# backups}}`.
//! - [`LANGUAGES`] ([`languages`]) is the one list of languages; [`choose_language`] picks one
//!   from the `locale` option, the page's `<html lang>` and `navigator.languages`.
//! - In the browser, `I18n` is a widget's handle: its language as a signal and
//!   `i18n.t(Msg::Refresh)` as a `Signal<String>`, so a language change re-renders every text
//!   in place. Numbers and plural categories come from `Intl.NumberFormat` and
//!   `Intl.PluralRules`. Each catalog is fetched once per page, relative to the bundle's own
//!   URL; a failed fetch leaves the widget in English with one console warning.
//!
//! Why our own catalog: measured on a Leptos 0.8 app with 40 messages and one plural (release,
//! `wasm-opt -Oz`, gzip), a typed catalog with English consts and the other languages fetched
//! into the browser's JSON parser added 8.0 KB to the first load; `fluent-bundle` 0.16 added
//! 59 KB and `leptos_i18n` 0.6 (`dynamic_load`) 90 KB, against an issue budget of 5 KB for
//! English users. A `serde_json` map instead of the browser's parser alone cost 21 KB, which is
//! why catalogs are parsed by `JSON.parse` and handed over as one string.
//!
//! In this bundle (release, gzip, same tree with and without): the mechanism adds 4.0 KB
//! (wasm 2.9, JS 1.1) and the first translated text 2.8 KB more (the formatter); each further
//! text costs about 10 bytes more than a literal. Keys stay out of the bundle (the loader reads
//! them from `locales/en.json`), and no float parsing is linked (13 KB of tables).

pub mod catalog;
pub mod languages;
pub mod message_format;
pub mod messages;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod handle;

pub use catalog::{message_text, Catalog};
pub use languages::{best_match, choose_language, Language, ENGLISH, LANGUAGES};
pub use message_format::{
    format, outline, Arg, Args, MessageError, NumberRules, Outline, PluralCategory,
};
pub use messages::Msg;
pub use text::{EnglishRules, Text};

#[cfg(target_arch = "wasm32")]
pub use browser::{navigator_languages, page_language, set_catalog_url};
#[cfg(target_arch = "wasm32")]
pub use handle::I18n;
