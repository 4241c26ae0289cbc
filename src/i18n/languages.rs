//! The languages the widget speaks (the one list the loader, the language choice and the tests
//! read) and how a widget picks one.

use super::message_format::PluralCategory;
use PluralCategory::{Many, One, Other};

/// A language the widget speaks.
#[derive(Debug, PartialEq, Eq)]
pub struct Language {
    /// Its BCP 47 primary language subtag (`"de"`), also the name of its `locales/<tag>.json`.
    pub tag: &'static str,
    /// Its name in itself, for a language switch (`"Deutsch"`).
    pub name: &'static str,
    /// The plural categories its cardinal numbers use, as `Intl.PluralRules` in Chromium lists
    /// them (`resolvedOptions().pluralCategories`); every plural in its catalog has each of them.
    pub plurals: &'static [PluralCategory],
}

/// Every language, English (built in) first. Adding a language: add `locales/<tag>.json` and
/// one line here; the catalog tests check the two agree.
pub const LANGUAGES: &[Language] = &[
    Language {
        tag: "en",
        name: "English",
        plurals: &[One, Other],
    },
    Language {
        tag: "de",
        name: "Deutsch",
        plurals: &[One, Other],
    },
    Language {
        tag: "es",
        name: "Español",
        plurals: &[One, Many, Other],
    },
    Language {
        tag: "et",
        name: "Eesti",
        plurals: &[One, Other],
    },
    Language {
        tag: "fr",
        name: "Français",
        plurals: &[One, Many, Other],
    },
    Language {
        tag: "nl",
        name: "Nederlands",
        plurals: &[One, Other],
    },
];

/// English: built into the bundle, and what the widget falls back to.
pub const ENGLISH: &Language = &LANGUAGES[0];

impl Language {
    /// Whether this is English (no catalog to fetch).
    pub fn is_english(&self) -> bool {
        self.tag == ENGLISH.tag
    }
}

/// The language we have for a BCP 47 tag, by its primary subtag: `de-AT` → German,
/// `nl_BE` → Dutch, `pt` → none.
pub fn best_match(tag: &str) -> Option<&'static Language> {
    let primary = tag.trim_ascii().split(['-', '_']).next()?;
    if primary.is_empty() {
        return None;
    }
    LANGUAGES
        .iter()
        .find(|l| l.tag.eq_ignore_ascii_case(primary))
}

/// The widget's language. A `locale` option is the host's instruction: its language, or English
/// when we do not have it. Without one, the host page's `<html lang>` if we have that language,
/// else the first of the browser's `navigator.languages` we have, else English.
/// `navigator_languages` is the list joined with commas, as the browser gives it.
pub fn choose_language(
    locale_option: Option<&str>,
    page_lang: Option<&str>,
    navigator_languages: &str,
) -> &'static Language {
    if let Some(option) = locale_option.filter(|o| !o.trim_ascii().is_empty()) {
        return best_match(option).unwrap_or(ENGLISH);
    }
    page_lang
        .and_then(best_match)
        .or_else(|| navigator_languages.split(',').find_map(best_match))
        .unwrap_or(ENGLISH)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What, `locale` option, page language, browser languages, expected tag.
    type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, String, &'a str);

    #[test]
    fn best_match_uses_the_primary_language() {
        let cases: &[(&str, Option<&str>)] = &[
            ("de", Some("de")),
            ("de-AT", Some("de")),
            ("DE-ch", Some("de")),
            ("nl_BE", Some("nl")),
            ("es-419", Some("es")),
            ("fr-CA", Some("fr")),
            ("et-EE", Some("et")),
            ("en-GB", Some("en")),
            (" en ", Some("en")),
            ("pt", None),
            ("pt-BR", None),
            ("deu", None),
            ("", None),
            ("-de", None),
            ("*", None),
        ];
        for (tag, expected) in cases {
            assert_eq!(best_match(tag).map(|l| l.tag), *expected, "{tag:?}");
        }
    }

    #[test]
    fn the_option_wins_then_the_page_then_the_browser() {
        let nav = |list: &[&str]| list.join(",");
        let cases: &[Case] = &[
            ("nothing known", None, None, nav(&[]), "en"),
            ("option", Some("de-AT"), Some("fr"), nav(&["nl"]), "de"),
            (
                "an option we lack gives English, not the page's language",
                Some("pt"),
                Some("fr"),
                nav(&["nl"]),
                "en",
            ),
            (
                "blank option is no option",
                Some("  "),
                Some("fr"),
                nav(&[]),
                "fr",
            ),
            ("page language", None, Some("nl-BE"), nav(&["de"]), "nl"),
            (
                "page language we lack: the browser's",
                None,
                Some("pt"),
                nav(&["pt-BR", "es", "de"]),
                "es",
            ),
            ("empty page language", None, Some(""), nav(&["et"]), "et"),
            (
                "first browser language we have",
                None,
                None,
                nav(&["ru", "fi", "de-DE", "fr"]),
                "de",
            ),
            (
                "browser languages we lack",
                None,
                None,
                nav(&["ru", "fi"]),
                "en",
            ),
        ];
        for (what, option, page, navigator, expected) in cases {
            assert_eq!(
                choose_language(*option, *page, navigator).tag,
                *expected,
                "{what}"
            );
        }
    }

    #[test]
    fn english_comes_first_and_every_tag_is_unique() {
        assert!(ENGLISH.is_english());
        assert_eq!(ENGLISH.tag, "en");
        for (i, l) in LANGUAGES.iter().enumerate() {
            assert_eq!(l.is_english(), i == 0, "{}", l.tag);
            assert!(
                l.plurals.contains(&PluralCategory::Other),
                "{} lists no `other`",
                l.tag
            );
            assert!(
                LANGUAGES[..i].iter().all(|o| o.tag != l.tag),
                "{} is listed twice",
                l.tag
            );
            assert_eq!(best_match(l.tag), Some(l));
        }
    }
}
