//! The message syntax: a small, documented subset of ICU MessageFormat, parsed and formatted in
//! pure Rust. Numbers and plural categories come from a [`NumberRules`] (the browser's `Intl`
//! in the widget, a table in native tests), so this file runs under plain `cargo test`.
//!
//! | syntax | meaning |
//! |---|---|
//! | `{name}` | the argument `name`: text as given, a number formatted for the locale |
//! | `{n, number}` | the argument `n` as a number formatted for the locale |
//! | `{n, plural, =0 {…} one {…} other {…}}` | the case for `n`: an exact `=N` match first, then `n`'s plural category, then `other` (required); inside a case `#` is `n` formatted for the locale, and cases may hold arguments and further plurals (`#` is then the innermost plural's number) |
//! | `''` | one apostrophe |
//! | `'{…}'`, `'#'` | quoted literal text: an apostrophe right before `{`, `}` (or `#` inside a plural case) starts it, the next lone apostrophe ends it; any other apostrophe is a plain character, so French `l'instance` needs no escaping |
//!
//! Not supported (a message using them fails to parse, which the catalog tests catch):
//! `select`, `selectordinal`, plural `offset:`, number styles (`{n, number, percent}`), dates.
//! An argument the caller did not give is shown as `{name}`, as ICU does, so the gap is visible
//! but the sentence is not lost.

use std::collections::BTreeSet;
use std::fmt;

/// A CLDR plural category, as `Intl.PluralRules.prototype.select` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PluralCategory {
    /// `zero`.
    Zero,
    /// `one`.
    One,
    /// `two`.
    Two,
    /// `few`.
    Few,
    /// `many`.
    Many,
    /// `other`, the category every language has.
    Other,
}

impl PluralCategory {
    /// Every category, in the order `Intl.PluralRules` lists them.
    pub const ALL: [PluralCategory; 6] = [
        PluralCategory::Zero,
        PluralCategory::One,
        PluralCategory::Two,
        PluralCategory::Few,
        PluralCategory::Many,
        PluralCategory::Other,
    ];

    /// The CLDR keyword (`"one"`).
    pub fn keyword(self) -> &'static str {
        match self {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// The category named by a CLDR keyword; `None` for anything else.
    pub fn parse(keyword: &str) -> Option<PluralCategory> {
        Self::ALL.into_iter().find(|c| c.keyword() == keyword)
    }
}

/// How one language writes numbers and picks plural forms (the browser's `Intl` in the widget).
pub trait NumberRules {
    /// `value` as the locale writes it (`1.000` in German).
    fn format_number(&self, value: f64) -> String;
    /// The plural category of `value` in the language.
    fn plural_category(&self, value: f64) -> PluralCategory;
}

/// A value for a named argument.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A number: formatted for the locale, and what plurals choose by.
    Number(f64),
    /// Text, inserted as given (a backup's name, a date already formatted).
    Text(String),
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Number(value as f64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i8, i16, i32, i64, f32, f64);

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

/// Named arguments of one message: `vec![("count", 3.into()), ("name", name.into())]`.
pub type Args = Vec<(&'static str, Arg)>;

/// Why a message could not be parsed (reported by the catalog tests; at run time the widget
/// falls back to the English message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageError {
    /// Character offset where the problem was found.
    pub at: usize,
    /// What is wrong.
    pub problem: &'static str,
}

impl fmt::Display for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.problem, self.at)
    }
}

impl std::error::Error for MessageError {}

/// What a plural case is chosen by.
#[derive(Clone, Debug, PartialEq)]
pub enum Selector {
    /// `=N`: exactly this number.
    Exact(f64),
    /// A plural category keyword.
    Category(PluralCategory),
}

/// One piece of a parsed message.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Literal text.
    Text(String),
    /// `{name}`.
    Arg(String),
    /// `{name, number}`.
    Number(String),
    /// `#` inside a plural case.
    Hash,
    /// `{name, plural, …}`.
    Plural {
        /// The argument it chooses by.
        name: String,
        /// The cases in the order written.
        cases: Vec<(Selector, Vec<Part>)>,
    },
}

/// Parses a message into its parts.
pub fn parse(message: &str) -> Result<Vec<Part>, MessageError> {
    let chars: Vec<char> = message.chars().collect();
    let mut parser = Parser { chars, pos: 0 };
    let parts = parser.parts(false)?;
    match parser.peek() {
        None => Ok(parts),
        Some(_) => Err(parser.error("a `}` closes nothing")),
    }
}

/// The message with its arguments filled in, numbers and plurals per `rules`.
pub fn format(
    message: &str,
    args: &[(&str, Arg)],
    rules: &dyn NumberRules,
) -> Result<String, MessageError> {
    // Most messages are plain text: no parse, no allocation beyond the copy.
    if !message.contains(['{', '}', '\'']) {
        return Ok(message.to_owned());
    }
    let parts = parse(message)?;
    let mut out = String::with_capacity(message.len() + 16);
    write_parts(&parts, args, rules, None, &mut out);
    Ok(out)
}

/// The names of the arguments a message uses, plural arguments included.
pub fn argument_names(parts: &[Part]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    visit(parts, &mut |part| match part {
        Part::Arg(n) | Part::Number(n) | Part::Plural { name: n, .. } => {
            names.insert(n.clone());
        }
        Part::Text(_) | Part::Hash => {}
    });
    names
}

/// The plural categories of every plural in a message (one set per plural, in order).
pub fn plural_categories(parts: &[Part]) -> Vec<(String, BTreeSet<PluralCategory>)> {
    let mut found = Vec::new();
    visit(parts, &mut |part| {
        if let Part::Plural { name, cases } = part {
            let categories = cases
                .iter()
                .filter_map(|(s, _)| match s {
                    Selector::Category(c) => Some(*c),
                    Selector::Exact(_) => None,
                })
                .collect();
            found.push((name.clone(), categories));
        }
    });
    found
}

fn visit(parts: &[Part], f: &mut dyn FnMut(&Part)) {
    for part in parts {
        f(part);
        if let Part::Plural { cases, .. } = part {
            for (_, case) in cases {
                visit(case, f);
            }
        }
    }
}

fn lookup<'a>(args: &'a [(&str, Arg)], name: &str) -> Option<&'a Arg> {
    args.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
}

fn write_missing(name: &str, out: &mut String) {
    out.push('{');
    out.push_str(name);
    out.push('}');
}

fn write_value(value: &Arg, rules: &dyn NumberRules, out: &mut String) {
    match value {
        Arg::Number(n) => out.push_str(&rules.format_number(*n)),
        Arg::Text(t) => out.push_str(t),
    }
}

/// `hash` is the innermost plural's value, what `#` stands for.
fn write_parts(
    parts: &[Part],
    args: &[(&str, Arg)],
    rules: &dyn NumberRules,
    hash: Option<&Arg>,
    out: &mut String,
) {
    for part in parts {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::Arg(name) | Part::Number(name) => match lookup(args, name) {
                Some(v) => write_value(v, rules, out),
                None => write_missing(name, out),
            },
            Part::Hash => match hash {
                Some(v) => write_value(v, rules, out),
                None => out.push('#'),
            },
            Part::Plural { name, cases } => {
                let Some(value) = lookup(args, name) else {
                    write_missing(name, out);
                    continue;
                };
                let number = match value {
                    Arg::Number(n) => Some(*n),
                    Arg::Text(t) => t.trim().parse::<f64>().ok(),
                };
                let case = choose_case(cases, number, rules);
                write_parts(case, args, rules, Some(value), out);
            }
        }
    }
}

/// An exact match first, then the number's category, then `other` (which parsing ensured).
fn choose_case<'a>(
    cases: &'a [(Selector, Vec<Part>)],
    number: Option<f64>,
    rules: &dyn NumberRules,
) -> &'a [Part] {
    let find = |wanted: &Selector| {
        cases
            .iter()
            .find(|(s, _)| s == wanted)
            .map(|(_, p)| p.as_slice())
    };
    if let Some(n) = number {
        if let Some(p) = find(&Selector::Exact(n)) {
            return p;
        }
        if let Some(p) = find(&Selector::Category(rules.plural_category(n))) {
            return p;
        }
    }
    find(&Selector::Category(PluralCategory::Other)).unwrap_or(&[])
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn error(&self, problem: &'static str) -> MessageError {
        MessageError {
            at: self.pos,
            problem,
        }
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// Text and arguments up to a `}` that is not ours (or the end).
    fn parts(&mut self, in_plural: bool) -> Result<Vec<Part>, MessageError> {
        let mut parts = Vec::new();
        let mut text = String::new();
        while let Some(c) = self.peek() {
            match c {
                '}' => break,
                '{' => {
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(self.argument()?);
                }
                '#' if in_plural => {
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(Part::Hash);
                    self.pos += 1;
                }
                '\'' => self.apostrophe(in_plural, &mut text),
                _ => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Ok(parts)
    }

    /// ICU's apostrophe rules: `''` is one apostrophe; one before a syntax character starts a
    /// quoted literal up to the next lone apostrophe (or the end); any other is just text.
    fn apostrophe(&mut self, in_plural: bool, text: &mut String) {
        let next = self.peek_at(1);
        if next == Some('\'') {
            text.push('\'');
            self.pos += 2;
            return;
        }
        let special = matches!(next, Some('{' | '}')) || (in_plural && next == Some('#'));
        if !special {
            text.push('\'');
            self.pos += 1;
            return;
        }
        self.pos += 1;
        while let Some(c) = self.peek() {
            if c == '\'' {
                if self.peek_at(1) == Some('\'') {
                    text.push('\'');
                    self.pos += 2;
                    continue;
                }
                self.pos += 1;
                return;
            }
            text.push(c);
            self.pos += 1;
        }
    }

    fn name(&mut self) -> Result<String, MessageError> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.error("an argument needs a name (letters, digits, `_`)"));
        }
        Ok(self.chars[start..self.pos].iter().collect())
    }

    fn expect(&mut self, c: char, problem: &'static str) -> Result<(), MessageError> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(problem))
        }
    }

    /// `{name}`, `{name, number}` or `{name, plural, …}`, starting at `{`.
    fn argument(&mut self) -> Result<Part, MessageError> {
        self.pos += 1;
        self.skip_space();
        let name = self.name()?;
        self.skip_space();
        match self.peek() {
            Some('}') => {
                self.pos += 1;
                return Ok(Part::Arg(name));
            }
            Some(',') => self.pos += 1,
            _ => return Err(self.error("expected `}` or `,` after the argument name")),
        }
        self.skip_space();
        let kind = self.name()?;
        self.skip_space();
        match kind.as_str() {
            "number" => {
                self.expect('}', "number styles are not supported: expected `}`")?;
                Ok(Part::Number(name))
            }
            "plural" => {
                self.expect(',', "expected `,` after `plural`")?;
                let cases = self.cases()?;
                Ok(Part::Plural { name, cases })
            }
            _ => Err(self.error("unsupported argument type (use `number` or `plural`)")),
        }
    }

    /// Plural cases up to and including the closing `}`.
    fn cases(&mut self) -> Result<Vec<(Selector, Vec<Part>)>, MessageError> {
        let mut cases: Vec<(Selector, Vec<Part>)> = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                Some('}') => {
                    self.pos += 1;
                    break;
                }
                None => return Err(self.error("a plural is not closed with `}`")),
                _ => {}
            }
            let selector = self.selector()?;
            if cases.iter().any(|(s, _)| *s == selector) {
                return Err(self.error("a plural case is given twice"));
            }
            self.skip_space();
            self.expect('{', "expected `{` to start the plural case")?;
            let parts = self.parts(true)?;
            self.expect('}', "a plural case is not closed with `}`")?;
            cases.push((selector, parts));
        }
        if !cases
            .iter()
            .any(|(s, _)| *s == Selector::Category(PluralCategory::Other))
        {
            return Err(self.error("a plural needs an `other` case"));
        }
        Ok(cases)
    }

    fn selector(&mut self) -> Result<Selector, MessageError> {
        if self.peek() == Some('=') {
            self.pos += 1;
            let start = self.pos;
            while self.peek().is_some_and(|c| c.is_ascii_digit() || c == '.') {
                self.pos += 1;
            }
            let digits: String = self.chars[start..self.pos].iter().collect();
            return digits
                .parse::<f64>()
                .map(Selector::Exact)
                .map_err(|_| self.error("`=` needs a number (`=0`)"));
        }
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        let word: String = self.chars[start..self.pos].iter().collect();
        if word == "offset" {
            return Err(self.error("plural `offset:` is not supported"));
        }
        PluralCategory::parse(&word)
            .map(Selector::Category)
            .ok_or_else(|| {
                self.pos = start;
                self.error("unknown plural category (zero, one, two, few, many, other or =N)")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What, message, arguments, expected text.
    type Case<'a> = (&'a str, &'a str, Vec<(&'a str, Arg)>, &'a str);

    /// English-like rules with a marked number format, so tests see where numbers were formatted.
    struct Rules {
        /// Categories by exact value; anything else is `other`.
        categories: &'static [(f64, PluralCategory)],
    }

    impl NumberRules for Rules {
        fn format_number(&self, value: f64) -> String {
            // Thousands with a dot, like German: shows the formatter was used.
            let n = value as i64;
            if n.abs() >= 1000 {
                format!("{}.{:03}", n / 1000, (n % 1000).abs())
            } else {
                n.to_string()
            }
        }
        fn plural_category(&self, value: f64) -> PluralCategory {
            self.categories
                .iter()
                .find(|(v, _)| *v == value)
                .map(|(_, c)| *c)
                .unwrap_or(PluralCategory::Other)
        }
    }

    const ENGLISH: Rules = Rules {
        categories: &[(1.0, PluralCategory::One)],
    };
    /// French-like: 0 and 1 are `one`, a million is `many`.
    const FRENCH: Rules = Rules {
        categories: &[
            (0.0, PluralCategory::One),
            (1.0, PluralCategory::One),
            (1_000_000.0, PluralCategory::Many),
        ],
    };

    fn args(list: &[(&'static str, Arg)]) -> Vec<(&'static str, Arg)> {
        list.to_vec()
    }

    #[test]
    fn formats_each_supported_construct() {
        let backups = "{count, plural, =0 {No backups} one {# backup} other {# backups}}";
        let cases: &[Case] = &[
            ("plain text", "Refresh", args(&[]), "Refresh"),
            (
                "named text argument",
                "Delete backup “{name}”?",
                args(&[("name", "db-1".into())]),
                "Delete backup “db-1”?",
            ),
            (
                "spaces inside braces",
                "Hello { name }!",
                args(&[("name", "Ann".into())]),
                "Hello Ann!",
            ),
            (
                "a simple argument given a number is formatted",
                "{n} left",
                args(&[("n", 12345.into())]),
                "12.345 left",
            ),
            (
                "number argument",
                "{n, number} MiB",
                args(&[("n", 2048.into())]),
                "2.048 MiB",
            ),
            (
                "number argument given text inserts the text",
                "{n, number} MiB",
                args(&[("n", "many".into())]),
                "many MiB",
            ),
            (
                "exact plural case",
                backups,
                args(&[("count", 0.into())]),
                "No backups",
            ),
            ("one", backups, args(&[("count", 1.into())]), "1 backup"),
            ("other", backups, args(&[("count", 2.into())]), "2 backups"),
            (
                "# is formatted as a number",
                backups,
                args(&[("count", 1000.into())]),
                "1.000 backups",
            ),
            (
                "plural given a numeric string",
                backups,
                args(&[("count", "1".into())]),
                "1 backup",
            ),
            (
                "plural given text that is no number takes other",
                backups,
                args(&[("count", "some".into())]),
                "some backups",
            ),
            (
                "arguments inside a plural case",
                "{n, plural, one {# backup of {instance}} other {# backups of {instance}}}",
                args(&[("n", 3.into()), ("instance", "vm-7".into())]),
                "3 backups of vm-7",
            ),
            (
                "nested plural: # is the innermost plural's number",
                "{a, plural, one {{b, plural, one {# file} other {# files}} in # folder} other {{b, plural, one {# file} other {# files}} in # folders}}",
                args(&[("a", 2.into()), ("b", 1.into())]),
                "1 file in 2 folders",
            ),
            ("# outside a plural is text", "Rule #{n}", args(&[("n", 4.into())]), "Rule #4"),
            (
                "missing argument is shown by name",
                "Delete backup “{name}”?",
                args(&[]),
                "Delete backup “{name}”?",
            ),
            (
                "missing plural argument is shown by name",
                backups,
                args(&[]),
                "{count}",
            ),
            (
                "unused arguments are ignored",
                "Save",
                args(&[("count", 3.into())]),
                "Save",
            ),
        ];
        for (what, message, given, expected) in cases {
            assert_eq!(
                format(message, given, &ENGLISH).as_deref(),
                Ok(*expected),
                "{what}: {message}"
            );
        }
    }

    #[test]
    fn apostrophes_follow_icu_rules() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "a lone apostrophe is text",
                "Supprimer l'instance {name}",
                "Supprimer l'instance vm",
            ),
            ("a doubled apostrophe is one", "It''s {name}", "It's vm"),
            (
                "quoted braces are text",
                "Use '{name}' in the pattern",
                "Use {name} in the pattern",
            ),
            (
                "a quoted closing brace is text",
                "a '}' b {name}",
                "a } b vm",
            ),
            (
                "doubled apostrophe inside a quote",
                "'{it''s}' {name}",
                "{it's} vm",
            ),
            (
                "an unterminated quote runs to the end",
                "x '{name}",
                "x {name}",
            ),
            (
                "apostrophe at the very end",
                "Rock 'n' roll'",
                "Rock 'n' roll'",
            ),
        ];
        for (what, message, expected) in cases {
            assert_eq!(
                format(message, &args(&[("name", "vm".into())]), &ENGLISH).as_deref(),
                Ok(*expected),
                "{what}: {message}"
            );
        }
        // Inside a plural case a quoted `#` is text, a bare one the number.
        assert_eq!(
            format(
                "{n, plural, other {'#'# items}}",
                &args(&[("n", 5.into())]),
                &ENGLISH
            )
            .as_deref(),
            Ok("#5 items")
        );
    }

    #[test]
    fn a_category_the_message_lacks_falls_back_to_other() {
        let message = "{n, plural, one {# sauvegarde} other {# sauvegardes}}";
        // A million is `many` in French; the message has no `many` case.
        assert_eq!(
            format(message, &args(&[("n", 1_000_000.into())]), &FRENCH).as_deref(),
            Ok("1000.000 sauvegardes")
        );
        // And 0 is `one` in French.
        assert_eq!(
            format(message, &args(&[("n", 0.into())]), &FRENCH).as_deref(),
            Ok("0 sauvegarde")
        );
        let with_many =
            "{n, plural, one {# sauvegarde} many {# de sauvegardes} other {# sauvegardes}}";
        assert_eq!(
            format(with_many, &args(&[("n", 1_000_000.into())]), &FRENCH).as_deref(),
            Ok("1000.000 de sauvegardes")
        );
    }

    #[test]
    fn an_exact_case_wins_over_the_category() {
        let message = "{n, plural, =1 {just one} one {# item} other {# items}}";
        assert_eq!(
            format(message, &args(&[("n", 1.into())]), &ENGLISH).as_deref(),
            Ok("just one")
        );
    }

    #[test]
    fn rejects_what_the_subset_does_not_support() {
        let cases: &[(&str, &str, &str)] = &[
            ("unclosed argument", "Hello {name", "expected `}` or `,`"),
            ("stray closing brace", "Hello }", "closes nothing"),
            ("empty argument", "Hello {}", "needs a name"),
            (
                "select",
                "{g, select, other {x}}",
                "unsupported argument type",
            ),
            ("number style", "{n, number, percent}", "number styles"),
            (
                "plural without other",
                "{n, plural, one {x}}",
                "needs an `other`",
            ),
            (
                "unknown category",
                "{n, plural, several {x} other {y}}",
                "unknown plural category",
            ),
            ("offset", "{n, plural, offset:1 other {x}}", "offset"),
            (
                "case given twice",
                "{n, plural, one {a} one {b} other {c}}",
                "twice",
            ),
            (
                "unclosed case",
                "{n, plural, other {x",
                "case is not closed",
            ),
            (
                "unclosed plural",
                "{n, plural, other {x}",
                "plural is not closed",
            ),
        ];
        for (what, message, expected) in cases {
            let err = parse(message).expect_err(what);
            assert!(
                err.problem.contains(expected),
                "{what}: {message} gave {err}"
            );
            assert!(format(message, &[], &ENGLISH).is_err(), "{what}");
        }
    }

    #[test]
    fn lists_arguments_and_plural_categories() {
        let parts = parse(
            "{n, plural, =0 {none} one {# of {name}} other {{m, plural, other {#}} of {x, number}}}",
        )
        .unwrap();
        let names: Vec<_> = argument_names(&parts).into_iter().collect();
        assert_eq!(names, ["m", "n", "name", "x"]);
        let plurals = plural_categories(&parts);
        assert_eq!(plurals.len(), 2);
        assert_eq!(plurals[0].0, "n");
        assert_eq!(
            plurals[0].1.iter().copied().collect::<Vec<_>>(),
            [PluralCategory::One, PluralCategory::Other]
        );
        assert_eq!(plurals[1].0, "m");
    }

    #[test]
    fn plural_keywords_round_trip() {
        for c in PluralCategory::ALL {
            assert_eq!(PluralCategory::parse(c.keyword()), Some(c));
        }
        assert_eq!(PluralCategory::parse("several"), None);
    }
}
