//! One language's messages, looked up by [`Msg`], and how a message's text is chosen: the
//! translation when it has one that parses, else the English text.

use super::message_format::{format, Arg, NumberRules};
use super::messages::Msg;

/// The translated messages of one language, by message (a missing one shows in English).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalog {
    /// Every text in [`Msg::ALL`] order, NUL-separated, as the loader hands them over.
    texts: String,
    /// Where each text ends in `texts` (one allocation, not one per message).
    ends: Vec<u32>,
}

impl Catalog {
    /// From the texts in [`Msg::ALL`] order separated by NUL (what the loader hands over);
    /// an empty text is a missing message.
    pub fn from_nul_separated(texts: String) -> Catalog {
        let mut ends: Vec<u32> = texts
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == 0)
            .map(|(i, _)| i as u32)
            .collect();
        ends.push(texts.len() as u32);
        Catalog { texts, ends }
    }

    /// From `(key, text)` pairs, as in a `locales/<lang>.json`; unknown keys are ignored.
    pub fn from_entries<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> Catalog {
        let mut texts = vec![""; Msg::ALL.len()];
        for (key, text) in entries {
            if let Some(m) = Msg::ALL.iter().find(|m| m.key() == key) {
                texts[m.index()] = text;
            }
        }
        Catalog::from_nul_separated(texts.join("\0"))
    }

    /// The translation of `msg`, if the catalog has one.
    pub fn get(&self, msg: Msg) -> Option<&str> {
        let i = msg.index();
        let end = *self.ends.get(i)? as usize;
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize + 1,
        };
        Some(&self.texts[start..end]).filter(|t| !t.is_empty())
    }
}

/// The text of `msg` with `args`: from `catalog` with its language's `rules`, or, when there is
/// no catalog (English), no translation or one that does not parse, the English text with
/// English plural rules.
pub fn message_text(
    catalog: Option<&Catalog>,
    msg: Msg,
    args: &[(&str, Arg)],
    rules: &dyn NumberRules,
    english_rules: &dyn NumberRules,
) -> String {
    if let Some(Ok(text)) = catalog
        .and_then(|c| c.get(msg))
        .map(|t| format(t, args, rules))
    {
        return text;
    }
    let english = msg.english();
    // The English messages parse (tested), so the raw text is only a last resort.
    format(english, args, english_rules).unwrap_or_else(|_| english.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Catalog, message, arguments, expected text.
    type Case<'a> = (Option<&'a Catalog>, Msg, &'a [(&'a str, Arg)], &'a str);
    use crate::i18n::message_format::PluralCategory;

    struct Rules(&'static str);

    impl NumberRules for Rules {
        fn format_number(&self, value: f64) -> String {
            format!("{}{value}", self.0)
        }
        fn plural_category(&self, value: f64) -> PluralCategory {
            if value == 1.0 {
                PluralCategory::One
            } else {
                PluralCategory::Other
            }
        }
    }

    #[test]
    fn nul_separated_texts_line_up_with_the_messages() {
        let mut texts = vec![""; Msg::ALL.len()];
        texts[Msg::Save.index()] = "Speichern";
        let catalog = Catalog::from_nul_separated(texts.join("\0"));
        assert_eq!(catalog.get(Msg::Save), Some("Speichern"));
        assert_eq!(catalog.get(Msg::Refresh), None);
        // A short answer (an older file) leaves the rest missing.
        let short = Catalog::from_nul_separated("Aktualisieren".into());
        assert_eq!(short.get(Msg::Refresh), Some("Aktualisieren"));
        assert_eq!(short.get(Msg::Save), None);
        assert_eq!(Catalog::default().get(Msg::Refresh), None);
    }

    #[test]
    fn text_comes_from_the_catalog_else_from_english() {
        let catalog = Catalog::from_entries([
            ("Save", "Speichern"),
            (
                "BackupCount",
                "{count, plural, =0 {Keine Backups} one {# Backup} other {# Backups}}",
            ),
            // Broken translation: the English text is shown instead.
            ("DeleteBackupTitle", "Backup „{name“ löschen?"),
            ("NoSuchKey", "ignored"),
        ]);
        let de = Rules("de:");
        let en = Rules("en:");
        let name = [("name", Arg::from("db"))];
        let two = [("count", Arg::from(2))];
        let cases: &[Case] = &[
            (Some(&catalog), Msg::Save, &[], "Speichern"),
            (Some(&catalog), Msg::BackupCount, &two, "de:2 Backups"),
            (Some(&catalog), Msg::Refresh, &[], "Refresh"),
            (
                Some(&catalog),
                Msg::DeleteBackupTitle,
                &name,
                "Delete backup “db”?",
            ),
            (None, Msg::BackupCount, &two, "en:2 backups"),
        ];
        for (catalog, msg, args, expected) in cases {
            assert_eq!(
                message_text(*catalog, *msg, args, &de, &en),
                *expected,
                "{msg:?}"
            );
        }
    }
}

/// The catalogs in `locales/`: one per language, each with exactly the English keys.
#[cfg(test)]
mod files {
    use crate::i18n::languages::{Language, LANGUAGES};
    use crate::i18n::message_format::outline;
    use crate::i18n::messages::Msg;
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    fn dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales")
    }

    /// `locales/en.json` as the built-in messages make it (declaration order, two-space indent).
    fn english_file() -> String {
        let lines: Vec<String> = Msg::ALL
            .iter()
            .map(|m| {
                format!(
                    "  {}: {}",
                    serde_json::to_string(m.key()).unwrap(),
                    serde_json::to_string(m.english()).unwrap()
                )
            })
            .collect();
        format!("{{\n{}\n}}\n", lines.join(",\n"))
    }

    /// A language's file as key → text; panics naming the file when it is not a flat object of
    /// strings.
    fn read(language: &Language) -> Vec<(String, String)> {
        write_english_if_asked();
        let path = dir().join(format!("{}.json", language.tag));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        let object = value
            .as_object()
            .unwrap_or_else(|| panic!("{} is not a JSON object", path.display()));
        object
            .iter()
            .map(|(k, v)| {
                let text = v.as_str().unwrap_or_else(|| {
                    panic!("{}: the value of {k} is not a string", path.display())
                });
                (k.clone(), text.to_owned())
            })
            .collect()
    }

    #[test]
    fn every_language_has_a_file_and_every_file_a_language() {
        let files: BTreeSet<String> = std::fs::read_dir(dir())
            .expect("locales/ exists")
            .filter_map(|e| {
                let path = e.ok()?.path();
                (path.extension()? == "json")
                    .then(|| path.file_stem()?.to_str().map(str::to_owned))?
            })
            .collect();
        let listed: BTreeSet<String> = LANGUAGES.iter().map(|l| l.tag.to_owned()).collect();
        assert_eq!(
            files, listed,
            "locales/*.json and LANGUAGES (src/i18n/languages.rs) must name the same languages"
        );
    }

    /// With `WB_WRITE_LOCALES` set, writes `locales/en.json` once, before any test reads it.
    fn write_english_if_asked() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            if std::env::var_os("WB_WRITE_LOCALES").is_some() {
                std::fs::write(dir().join("en.json"), english_file())
                    .expect("locales/en.json is writable");
            }
        });
    }

    #[test]
    fn the_english_file_is_the_built_in_messages() {
        write_english_if_asked();
        let path = dir().join("en.json");
        let expected = english_file();
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            found == expected,
            "locales/en.json is not the messages of src/i18n/messages.rs; rewrite it with \
             `WB_WRITE_LOCALES=1 cargo test -p waldur-backups --lib i18n`"
        );
    }

    #[test]
    fn every_catalog_has_exactly_the_english_keys() {
        let english: BTreeSet<&str> = Msg::ALL.iter().map(|m| m.key()).collect();
        for language in LANGUAGES {
            let keys: BTreeSet<String> = read(language).into_iter().map(|(k, _)| k).collect();
            let keys: BTreeSet<&str> = keys.iter().map(String::as_str).collect();
            let missing: Vec<_> = english.difference(&keys).collect();
            let unknown: Vec<_> = keys.difference(&english).collect();
            assert!(
                missing.is_empty() && unknown.is_empty(),
                "locales/{}.json: missing {missing:?}, not messages {unknown:?}",
                language.tag
            );
        }
    }

    #[test]
    fn every_message_parses_with_the_english_arguments_and_is_not_empty() {
        for language in LANGUAGES {
            for (key, text) in read(language) {
                let Some(msg) = Msg::ALL.iter().find(|m| m.key() == key) else {
                    continue;
                };
                let at = format!("locales/{}.json {key}", language.tag);
                assert!(!text.trim().is_empty(), "{at} is empty");
                let found = outline(&text).unwrap_or_else(|e| panic!("{at}: {e}"));
                let english = outline(msg.english()).expect("the English messages parse");
                assert_eq!(
                    found.arguments, english.arguments,
                    "{at} must use the English message's arguments"
                );
            }
        }
    }

    #[test]
    fn every_plural_has_the_categories_its_language_needs() {
        for language in LANGUAGES {
            let needed: BTreeSet<_> = language.plurals.iter().copied().collect();
            for (key, text) in read(language) {
                let Ok(found) = outline(&text) else { continue };
                for (name, categories) in found.plurals {
                    assert_eq!(
                        categories, needed,
                        "locales/{}.json {key}: the plural of `{name}` needs exactly the \
                         categories {:?}",
                        language.tag, language.plurals
                    );
                }
            }
        }
    }
}
