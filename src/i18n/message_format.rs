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
//! but the sentence is not lost. A plural given text instead of a number reads it as a whole
//! number, or takes `other`.

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
    /// Byte offset where the problem was found.
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
#[derive(Clone, Copy, Debug, PartialEq)]
enum Selector {
    /// `=N`: exactly this whole number.
    Exact(u32),
    /// A plural category keyword.
    Category(PluralCategory),
}

/// What a message uses: the catalog tests compare it across languages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    /// Every argument name, plural arguments included.
    pub arguments: BTreeSet<String>,
    /// Each plural's argument and the categories it has cases for (inner plurals first).
    pub plurals: Vec<(String, BTreeSet<PluralCategory>)>,
}

/// Checks that `message` parses and tells what it uses.
pub fn outline(message: &str) -> Result<Outline, MessageError> {
    let mut parser = Parser {
        src: message,
        pos: 0,
        args: &[],
        rules: &NoRules,
        seen: Outline::default(),
    };
    parser.whole(None)?;
    Ok(parser.seen)
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
    let mut out = String::with_capacity(message.len() + 16);
    let mut parser = Parser {
        src: message,
        pos: 0,
        args,
        rules,
        seen: (),
    };
    parser.whole(Some(&mut out))?;
    Ok(out)
}

/// What the parser reports besides the text: nothing when formatting (so the bundle carries no
/// bookkeeping), the [`Outline`] when checking.
trait Seen {
    fn argument(&mut self, name: &str);
    fn plural(&mut self, name: &str, cases: &[(Selector, usize)]);
}

impl Seen for () {
    fn argument(&mut self, _: &str) {}
    fn plural(&mut self, _: &str, _: &[(Selector, usize)]) {}
}

impl Seen for Outline {
    fn argument(&mut self, name: &str) {
        self.arguments.insert(name.to_owned());
    }
    fn plural(&mut self, name: &str, cases: &[(Selector, usize)]) {
        let categories = cases
            .iter()
            .filter_map(|(s, _)| match s {
                Selector::Category(c) => Some(*c),
                Selector::Exact(_) => None,
            })
            .collect();
        self.plurals.push((name.to_owned(), categories));
    }
}

/// Rules for [`outline`], which formats nothing.
struct NoRules;

impl NumberRules for NoRules {
    fn format_number(&self, _: f64) -> String {
        String::new()
    }
    fn plural_category(&self, _: f64) -> PluralCategory {
        PluralCategory::Other
    }
}

/// Digits as a number. Whole numbers only, and by hand: `str::parse` for floats would pull
/// `dec2flt` and its 10 KB of tables into the bundle, and for integers 700 bytes of generics.
fn whole_number(digits: &str) -> Option<u32> {
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0u32, |n, b| {
        let d = b.checked_sub(b'0').filter(|d| *d < 10)?;
        n.checked_mul(10)?.checked_add(u32::from(d))
    })
}

fn lookup<'a>(args: &'a [(&str, Arg)], name: &str) -> Option<&'a Arg> {
    args.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
}

fn write_value(value: Option<&Arg>, name: &str, rules: &dyn NumberRules, out: &mut String) {
    match value {
        Some(Arg::Number(n)) => out.push_str(&rules.format_number(*n)),
        Some(Arg::Text(t)) => out.push_str(t),
        // As ICU does: the gap is visible, the sentence is not lost.
        None => {
            out.push('{');
            out.push_str(name);
            out.push('}');
        }
    }
}

/// The start of the case for `number`: an exact match first, then its category, then `other`
/// (which parsing ensured).
fn choose_case(cases: &[(Selector, usize)], number: Option<f64>, rules: &dyn NumberRules) -> usize {
    let find = |wanted: Selector| cases.iter().find(|(s, _)| *s == wanted).map(|(_, at)| *at);
    number
        .and_then(|n| {
            let exact = cases.iter().find(|(s, _)| match s {
                Selector::Exact(e) => f64::from(*e) == n,
                Selector::Category(_) => false,
            });
            exact
                .map(|(_, at)| *at)
                .or_else(|| find(Selector::Category(rules.plural_category(n))))
        })
        .or_else(|| find(Selector::Category(PluralCategory::Other)))
        .unwrap_or(0)
}

/// One pass over a message's bytes (every syntax character is ASCII, so slicing between them
/// keeps UTF-8 intact). Writes the text when given an output; skips (checking the syntax) when
/// not, which is how plural cases that are not chosen are passed over.
struct Parser<'a, S> {
    src: &'a str,
    pos: usize,
    args: &'a [(&'a str, Arg)],
    rules: &'a dyn NumberRules,
    seen: S,
}

impl<'a, S: Seen> Parser<'a, S> {
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.src.as_bytes().get(self.pos + offset).copied()
    }

    fn error(&self, problem: &'static str) -> MessageError {
        MessageError {
            at: self.pos,
            problem,
        }
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, b: u8, problem: &'static str) -> Result<(), MessageError> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(problem))
        }
    }

    fn whole(&mut self, out: Option<&mut String>) -> Result<(), MessageError> {
        self.message(out, None, false)?;
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("a `}` closes nothing")),
        }
    }

    /// Text and arguments up to a `}` that is not ours (or the end). `hash` is what `#` stands
    /// for: the innermost plural's value.
    fn message(
        &mut self,
        mut out: Option<&mut String>,
        hash: Option<&Arg>,
        in_plural: bool,
    ) -> Result<(), MessageError> {
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if matches!(b, b'{' | b'}' | b'\'') || (in_plural && b == b'#') {
                    break;
                }
                self.pos += 1;
            }
            if let Some(o) = out.as_deref_mut() {
                o.push_str(&self.src[start..self.pos]);
            }
            match self.peek() {
                None | Some(b'}') => return Ok(()),
                Some(b'\'') => self.apostrophe(out.as_deref_mut(), in_plural),
                Some(b'#') => {
                    self.pos += 1;
                    if let Some(o) = out.as_deref_mut() {
                        write_value(hash, "#", self.rules, o);
                    }
                }
                Some(_) => self.argument(out.as_deref_mut())?,
            }
        }
    }

    /// ICU's apostrophe rules: `''` is one apostrophe; one before a syntax character starts a
    /// quoted literal up to the next lone apostrophe (or the end); any other is just text.
    fn apostrophe(&mut self, mut out: Option<&mut String>, in_plural: bool) {
        let next = self.peek_at(1);
        let special = matches!(next, Some(b'{' | b'}')) || (in_plural && next == Some(b'#'));
        let doubled = next == Some(b'\'');
        self.pos += if doubled { 2 } else { 1 };
        if !special {
            if let Some(o) = out.as_deref_mut() {
                o.push('\'');
            }
            return;
        }
        loop {
            let start = self.pos;
            while self.peek().is_some_and(|b| b != b'\'') {
                self.pos += 1;
            }
            if let Some(o) = out.as_deref_mut() {
                o.push_str(&self.src[start..self.pos]);
            }
            if self.peek().is_none() {
                return;
            }
            if self.peek_at(1) != Some(b'\'') {
                self.pos += 1;
                return;
            }
            if let Some(o) = out.as_deref_mut() {
                o.push('\'');
            }
            self.pos += 2;
        }
    }

    fn name(&mut self) -> Result<&'a str, MessageError> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.error("an argument needs a name (letters, digits, `_`)"));
        }
        Ok(&self.src[start..self.pos])
    }

    /// `{name}`, `{name, number}` or `{name, plural, …}`, starting at `{`.
    fn argument(&mut self, out: Option<&mut String>) -> Result<(), MessageError> {
        self.pos += 1;
        self.skip_space();
        let name = self.name()?;
        self.seen.argument(name);
        self.skip_space();
        if self.peek() == Some(b',') {
            self.pos += 1;
            self.skip_space();
            let kind = self.name()?;
            self.skip_space();
            match kind {
                "number" => {}
                "plural" => {
                    self.expect(b',', "expected `,` after `plural`")?;
                    return self.plural(name, out);
                }
                _ => return Err(self.error("unsupported argument type (use `number` or `plural`)")),
            }
            self.expect(b'}', "number styles are not supported: expected `}`")?;
        } else {
            self.expect(b'}', "expected `}` or `,` after the argument name")?;
        }
        if let Some(o) = out {
            write_value(lookup(self.args, name), name, self.rules, o);
        }
        Ok(())
    }

    /// The cases of a plural up to and including its closing `}`; writes the chosen one.
    fn plural(&mut self, name: &'a str, out: Option<&mut String>) -> Result<(), MessageError> {
        let mut cases: Vec<(Selector, usize)> = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                Some(b'}') => {
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
            self.expect(b'{', "expected `{` to start the plural case")?;
            cases.push((selector, self.pos));
            self.message(None, None, true)?;
            self.expect(b'}', "a plural case is not closed with `}`")?;
        }
        if !cases
            .iter()
            .any(|(s, _)| *s == Selector::Category(PluralCategory::Other))
        {
            return Err(self.error("a plural needs an `other` case"));
        }
        self.seen.plural(name, &cases);
        let Some(out) = out else { return Ok(()) };
        let Some(value) = lookup(self.args, name) else {
            write_value(None, name, self.rules, out);
            return Ok(());
        };
        let number = match value {
            Arg::Number(n) => Some(*n),
            Arg::Text(t) => whole_number(t.trim_ascii()).map(f64::from),
        };
        let end = self.pos;
        self.pos = choose_case(&cases, number, self.rules);
        self.message(Some(out), Some(value), true)?;
        self.pos = end;
        Ok(())
    }

    fn selector(&mut self) -> Result<Selector, MessageError> {
        if self.peek() == Some(b'=') {
            self.pos += 1;
            let start = self.pos;
            while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.pos += 1;
            }
            return whole_number(&self.src[start..self.pos])
                .map(Selector::Exact)
                .ok_or_else(|| self.error("`=` needs a whole number (`=0`)"));
        }
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        let word = &self.src[start..self.pos];
        if word == "offset" {
            return Err(self.error("plural `offset:` is not supported"));
        }
        PluralCategory::parse(word)
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
                "fractional exact case",
                "{n, plural, =1.5 {x} other {y}}",
                "expected `{`",
            ),
            (
                "exact case without a number",
                "{n, plural, = {x} other {y}}",
                "whole number",
            ),
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
            let err = outline(message).expect_err(what);
            assert!(
                err.problem.contains(expected),
                "{what}: {message} gave {err}"
            );
            assert!(format(message, &[], &ENGLISH).is_err(), "{what}");
        }
    }

    #[test]
    fn outlines_arguments_and_plural_categories() {
        let found = outline(
            "{n, plural, =0 {none} one {# of {name}} other {{m, plural, other {#}} of {x, number}}}",
        )
        .unwrap();
        let names: Vec<_> = found.arguments.iter().map(String::as_str).collect();
        assert_eq!(names, ["m", "n", "name", "x"]);
        assert_eq!(found.plurals.len(), 2);
        // Inner plurals come first: a plural is recorded once its cases are read.
        assert_eq!(found.plurals[0].0, "m");
        assert_eq!(found.plurals[1].0, "n");
        assert_eq!(
            found.plurals[1].1.iter().copied().collect::<Vec<_>>(),
            [PluralCategory::One, PluralCategory::Other]
        );
        assert_eq!(outline("Save"), Ok(Outline::default()));
    }

    #[test]
    fn whole_numbers_are_read_by_hand() {
        let cases: &[(&str, Option<u32>)] = &[
            ("0", Some(0)),
            ("42", Some(42)),
            ("4294967295", Some(u32::MAX)),
            ("4294967296", None),
            ("", None),
            ("-1", None),
            ("1.5", None),
            ("1a", None),
        ];
        for (digits, expected) in cases {
            assert_eq!(whole_number(digits), *expected, "{digits:?}");
        }
    }

    #[test]
    fn plural_keywords_round_trip() {
        for c in PluralCategory::ALL {
            assert_eq!(PluralCategory::parse(c.keyword()), Some(c));
        }
        assert_eq!(PluralCategory::parse("several"), None);
    }
}
