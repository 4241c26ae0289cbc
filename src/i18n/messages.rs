//! Every message the widgets show, with its English text (built into the bundle). The variant
//! name is the message's key in `locales/<lang>.json`.
//!
//! Adding a message: add a line below (a doc comment saying where it appears, then
//! `Key = "English text",`), run `WB_WRITE_LOCALES=1 cargo test -p waldur-backups --lib i18n`
//! to rewrite `locales/en.json`, and add the key to every other `locales/*.json` (the catalog
//! tests name what is missing).

/// Declares [`Msg`] with the English text of each message.
macro_rules! messages {
    ($( $(#[doc = $doc:literal])+ $key:ident = $english:literal, )+) => {
        /// A message of the widgets' interface; its text comes from the widget's language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u16)]
        pub enum Msg {
            $( $(#[doc = $doc])+ $key, )+
        }

        impl Msg {
            /// Every message, in declaration order (the order of [`Msg::index`]).
            pub const ALL: &'static [Msg] = &[$(Msg::$key),+];

            /// Every key, one per line, in declaration order (`locales/en.json`'s order).
            pub const KEYS: &'static str = concat!($(stringify!($key), "\n"),+);

            /// A hash of [`Msg::KEYS`] (32-bit FNV-1a): the loader reads the keys from
            /// `locales/en.json` and checks them with it, so the bundle carries no keys.
            pub const KEYS_HASH: u32 = fnv1a(Self::KEYS.as_bytes());

            const ENGLISH: &'static [&'static str] = &[$($english),+];

            /// The English text, as declared.
            pub fn english(self) -> &'static str {
                Self::ENGLISH[self as usize]
            }
        }
    };
}

messages! {
    /// The button that loads the shown backups again.
    Refresh = "Refresh",
    /// Closes a dialog or form without changing anything.
    Cancel = "Cancel",
    /// Sends an edit form.
    Save = "Save",
    /// Label of the standalone page's language switch.
    Language = "Language",
    /// How many backups there are (table summary, announcements).
    BackupCount = "{count, plural, =0 {No backups} one {# backup} other {# backups}}",
    /// Title of the confirmation before a backup is deleted.
    DeleteBackupTitle = "Delete backup “{name}”?",

    // ---- api/ and state/: texts that pure logic returns as `Text` ----

    // ---- the table: filters, header, rows, pager, row menu, bulk actions ----

    // ---- the drawer, the restore dialog and the create dialog ----

    // ---- sign-in, the standalone page, embedding, shared ui/ parts ----

    // ---- operator tools: export, quotas, bulk retention, more filters ----
}

/// 32-bit FNV-1a, at compile time (the loader's JavaScript computes the same).
const fn fnv1a(bytes: &[u8]) -> u32 {
    let mut hash = 0x811c_9dc5_u32;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    hash
}

impl Msg {
    /// Its position in [`Msg::ALL`] (and in a loaded catalog).
    pub fn index(self) -> usize {
        self as usize
    }

    /// Its key in `locales/<lang>.json`: the variant's name.
    pub fn key(self) -> &'static str {
        Self::KEYS
            .lines()
            .nth(self.index())
            .expect("one key per message")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_english_texts_line_up_with_the_messages() {
        assert_eq!(Msg::KEYS.lines().count(), Msg::ALL.len());
        assert_eq!(Msg::ENGLISH.len(), Msg::ALL.len());
        for (i, m) in Msg::ALL.iter().enumerate() {
            assert_eq!(m.index(), i);
        }
        assert_eq!(Msg::Refresh.key(), "Refresh");
        assert_eq!(Msg::DeleteBackupTitle.key(), "DeleteBackupTitle");
        assert_eq!(Msg::Save.english(), "Save");
    }

    #[test]
    fn the_keys_hash_is_fnv1a() {
        // Published FNV-1a test vectors.
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a(b"foobar"), 0xbf9c_f968);
        assert_eq!(Msg::KEYS_HASH, fnv1a(Msg::KEYS.as_bytes()));
    }
}
