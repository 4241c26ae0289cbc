//! [`Text`]: a message with its arguments, as pure logic (`state/`, `api/`) returns it, so that
//! the widget can show it in its own language. Tests on the native target read it in English.

use super::message_format::{Arg, Args, NumberRules, PluralCategory};
use super::{message_text, Msg};

/// A message and its named arguments, not yet in a language.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// Which message.
    pub msg: Msg,
    /// Its named arguments.
    pub args: Args,
}

impl Text {
    /// A message without arguments.
    pub fn new(msg: Msg) -> Text {
        Text {
            msg,
            args: Vec::new(),
        }
    }

    /// A message with named arguments.
    pub fn with(msg: Msg, args: Args) -> Text {
        Text { msg, args }
    }

    /// Adds one named argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Text {
        self.args.push((name, value.into()));
        self
    }

    /// The English text (numbers written as en-US does, English plurals), for native tests
    /// and for the browser console.
    pub fn english(&self) -> String {
        message_text(None, self.msg, &self.args, &EnglishRules, &EnglishRules)
    }
}

impl From<Msg> for Text {
    fn from(msg: Msg) -> Text {
        Text::new(msg)
    }
}

/// English number and plural rules without the browser: whole numbers grouped by commas,
/// "one" for exactly 1.
pub struct EnglishRules;

impl NumberRules for EnglishRules {
    fn format_number(&self, value: f64) -> String {
        if value.fract() != 0.0 || !value.is_finite() || value.abs() >= 1e15 {
            return value.to_string();
        }
        let digits = (value.abs() as u64).to_string();
        let mut out = String::new();
        if value < 0.0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    fn plural_category(&self, value: f64) -> PluralCategory {
        if value == 1.0 {
            PluralCategory::One
        } else {
            PluralCategory::Other
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_text_fills_arguments_and_plurals() {
        assert_eq!(Text::new(Msg::Refresh).english(), "Refresh");
        assert_eq!(
            Text::new(Msg::BackupCount).arg("count", 1).english(),
            "1 backup"
        );
        assert_eq!(
            Text::new(Msg::BackupCount).arg("count", 12345).english(),
            "12,345 backups"
        );
        assert_eq!(
            Text::new(Msg::BackupCount).arg("count", 0).english(),
            "No backups"
        );
        assert_eq!(
            Text::new(Msg::DeleteBackupTitle)
                .arg("name", "db-1")
                .english(),
            "Delete backup “db-1”?"
        );
    }

    #[test]
    fn english_numbers_are_grouped_by_thousands() {
        for (n, shown) in [
            (0.0, "0"),
            (999.0, "999"),
            (1000.0, "1,000"),
            (-1234567.0, "-1,234,567"),
            (1.5, "1.5"),
        ] {
            assert_eq!(EnglishRules.format_number(n), shown);
        }
    }
}
