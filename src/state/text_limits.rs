//! What the server accepts as a backup's name and description, checked the same way by every
//! form that names a backup (create and edit), with the same messages.

use crate::i18n::{Msg, Text};

/// Longest backup name the server accepts (characters).
pub const NAME_MAX: usize = 150;
/// Longest description the forms allow (characters).
pub const DESCRIPTION_MAX: usize = 2000;

/// What is wrong with a name, if anything; `empty` is the message for a blank name (the forms
/// word it for their context). The name is checked as sent: trimmed.
pub fn name_error(name: &str, empty: Msg) -> Option<Text> {
    let name = name.trim();
    let len = name.chars().count();
    if name.is_empty() {
        Some(Text::new(empty))
    } else if len > NAME_MAX {
        Some(too_long(NAME_MAX, len))
    } else {
        None
    }
}

/// "Use at most 150 characters (now 151)." (whole numbers as digits, as the field counts them).
fn too_long(max: usize, len: usize) -> Text {
    Text::new(Msg::TooLong)
        .arg("max", max.to_string())
        .arg("count", len.to_string())
}

/// What is wrong with a description, if anything.
pub fn description_error(description: &str) -> Option<Text> {
    let len = description.chars().count();
    (len > DESCRIPTION_MAX).then(|| too_long(DESCRIPTION_MAX, len))
}

/// The counter under a description field: "12 of 2000 characters".
pub fn description_count(description: &str) -> Text {
    Text::new(Msg::CharacterCount)
        .arg("count", description.chars().count().to_string())
        .arg("max", DESCRIPTION_MAX.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_required_trimmed_and_limited_in_characters() {
        assert_eq!(
            name_error("  ", Msg::EnterName).map(|t| t.english()),
            Some("Enter a name.".into())
        );
        assert_eq!(name_error(&"é".repeat(NAME_MAX), Msg::EnterName), None);
        assert_eq!(
            name_error(&format!(" {} ", "n".repeat(NAME_MAX)), Msg::EnterName),
            None
        );
        assert_eq!(
            name_error(&"n".repeat(NAME_MAX + 1), Msg::EnterName).map(|t| t.english()),
            Some("Use at most 150 characters (now 151).".into())
        );
    }

    #[test]
    fn descriptions_are_optional_and_limited() {
        assert_eq!(description_error(""), None);
        assert_eq!(description_error(&"d".repeat(DESCRIPTION_MAX)), None);
        assert_eq!(
            description_error(&"d".repeat(DESCRIPTION_MAX + 1)).map(|t| t.english()),
            Some("Use at most 2000 characters (now 2001).".into())
        );
        assert_eq!(description_count("äbc").english(), "3 of 2000 characters");
    }
}
