//! The commands a person runs on a backup: when each is allowed, what is asked before a
//! destructive one, and what is said after it. The table and the drawer both use these, so a
//! command reads the same wherever it is started.

use crate::api::{Backup, BackupState};

/// Why an action is unavailable, in words shown to the user (for a tooltip or disabled menu item).
pub type Denied = &'static str;

const NEEDS_OK: Denied = "Available when the backup is OK";
const NEEDS_OK_OR_ERRED: Denied = "Available when the backup is OK or erred";

/// Whether name, description and retention can be changed (only when OK).
pub fn can_edit(state: &BackupState) -> Result<(), Denied> {
    if *state == BackupState::Ok {
        Ok(())
    } else {
        Err(NEEDS_OK)
    }
}

/// Whether the backup can be deleted (OK or erred).
pub fn can_delete(state: &BackupState) -> Result<(), Denied> {
    match state {
        BackupState::Ok | BackupState::Erred => Ok(()),
        _ => Err(NEEDS_OK_OR_ERRED),
    }
}

/// Whether a new instance can be restored from the backup (only when OK).
pub fn can_restore(state: &BackupState) -> Result<(), Denied> {
    if *state == BackupState::Ok {
        Ok(())
    } else {
        Err(NEEDS_OK)
    }
}

/// Whether the backup can be synchronised from OpenStack (OK or erred).
pub fn can_pull(state: &BackupState) -> Result<(), Denied> {
    match state {
        BackupState::Ok | BackupState::Erred => Ok(()),
        _ => Err(NEEDS_OK_OR_ERRED),
    }
}

/// Whether the backup can be removed from Waldur only (any state, staff users only).
pub fn can_unlink(_state: &BackupState, is_staff: bool) -> Result<(), Denied> {
    if is_staff {
        Ok(())
    } else {
        Err("Only staff can unlink")
    }
}

/// How a message is shown: its colour, and whether it interrupts (`alert`) or waits (`status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Something was done.
    Success,
    /// Worth knowing before going on.
    Warning,
    /// Something failed.
    Error,
}

impl Tone {
    /// The CSS modifier (`wb-alert--error`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Success => "success",
            Tone::Warning => "warning",
            Tone::Error => "error",
        }
    }
}

/// A message after a command ("Deletion of “db” was scheduled."), with optional details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// How it is shown.
    pub tone: Tone,
    /// The sentence.
    pub text: String,
    /// One line per item it is about (each failure of a bulk delete).
    pub details: Vec<String>,
}

impl Notice {
    /// A success message.
    pub fn success(text: impl Into<String>) -> Self {
        Notice {
            tone: Tone::Success,
            text: text.into(),
            details: Vec::new(),
        }
    }

    /// A warning.
    pub fn warning(text: impl Into<String>) -> Self {
        Notice {
            tone: Tone::Warning,
            text: text.into(),
            details: Vec::new(),
        }
    }

    /// An error message.
    pub fn error(text: impl Into<String>) -> Self {
        Notice {
            tone: Tone::Error,
            text: text.into(),
            details: Vec::new(),
        }
    }

    /// Several messages of equal weight, shown as a list.
    pub fn list(tone: Tone, lines: Vec<String>) -> Self {
        Notice {
            tone,
            text: String::new(),
            details: lines,
        }
    }

    /// Whether it reports a failure.
    pub fn is_error(&self) -> bool {
        self.tone == Tone::Error
    }
}

/// A command on one backup that the table and the drawer both offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Delete the backup and its snapshots (asks first).
    Delete,
    /// Remove the record from Waldur only (staff; asks first).
    Unlink,
    /// Read the backup again from OpenStack ("Pull from cloud" wherever it is offered).
    Pull,
}

/// The one name of [`Command::Pull`], in the row menu and in the drawer alike.
pub const PULL_LABEL: &str = "Pull from cloud";

/// What is asked before a destructive command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The dialog's title, naming the backup.
    pub title: String,
    /// What will happen, in plain words.
    pub message: String,
    /// The confirming button.
    pub confirm_label: &'static str,
}

impl Command {
    /// Whether the command is allowed for a backup in `state` (for this user).
    pub fn allowed(self, state: &BackupState, is_staff: bool) -> Result<(), Denied> {
        match self {
            Command::Delete => can_delete(state),
            Command::Unlink => can_unlink(state, is_staff),
            Command::Pull => can_pull(state),
        }
    }

    /// What is said when it was accepted; `answer` is the server's own text (pull sends one).
    pub fn done(self, name: &str, answer: Option<&str>) -> Notice {
        Notice::success(match self {
            Command::Delete => format!(
                "Deletion of “{name}” was scheduled. It disappears when the cloud has removed it."
            ),
            Command::Unlink => format!("“{name}” was unlinked."),
            Command::Pull => format!(
                "“{name}”: {}",
                answer.unwrap_or("Pull operation was scheduled.")
            ),
        })
    }

    /// What is said when it failed for the reason `why`.
    pub fn failed(self, name: &str, why: &str) -> Notice {
        Notice::error(match self {
            Command::Delete => format!("Could not delete “{name}”: {why}"),
            Command::Unlink => format!("Could not unlink “{name}”: {why}"),
            Command::Pull => format!("Could not pull “{name}” from the cloud: {why}"),
        })
    }
}

/// A destructive command waiting for the user's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Confirmation {
    /// Delete one backup.
    Delete(Backup),
    /// Unlink one backup (staff).
    Unlink(Backup),
    /// Delete the selected backups.
    BulkDelete(Vec<Backup>),
}

fn delete_question(title: String) -> Question {
    Question {
        title,
        message: "The backup and its snapshots are deleted from the cloud (OpenStack) and from \
                  Waldur. Instances restored from it are not affected. This cannot be undone."
            .into(),
        confirm_label: "Delete backup",
    }
}

impl Confirmation {
    /// The question asked, naming the backup (or, for several, counting and listing them).
    pub fn question(&self) -> Question {
        match self {
            Confirmation::Delete(b) => delete_question(format!("Delete backup “{}”?", b.name)),
            Confirmation::Unlink(b) => Question {
                title: format!("Unlink backup “{}”?", b.name),
                message: "This removes the backup's record from Waldur only. The backup stays \
                          in the cloud (OpenStack) untouched, and Waldur no longer shows or \
                          manages it."
                    .into(),
                confirm_label: "Unlink",
            },
            Confirmation::BulkDelete(list) if list.len() == 1 => {
                delete_question("Delete 1 backup?".into())
            }
            Confirmation::BulkDelete(list) => {
                let mut names = String::new();
                for b in list {
                    if !names.is_empty() {
                        names.push_str(", ");
                    }
                    names.push_str(&b.name);
                }
                Question {
                    title: format!("Delete {} backups?", list.len()),
                    message: format!(
                        "These backups and their snapshots are deleted from the cloud \
                         (OpenStack) and from Waldur: {names}. Instances restored from them are \
                         not affected. This cannot be undone."
                    ),
                    confirm_label: "Delete backups",
                }
            }
        }
    }
}

/// Outcome of a bulk delete: which backups were scheduled for deletion, which failed and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BulkResult {
    /// Names of backups whose deletion was scheduled.
    pub done: Vec<String>,
    /// Name and reason of each backup that could not be deleted.
    pub failed: Vec<(String, String)>,
}

impl BulkResult {
    /// One-line summary ("Deletion scheduled for 2 backups; 1 failed").
    pub fn summary(&self) -> String {
        let n = self.done.len();
        let noun = if n == 1 { "backup" } else { "backups" };
        match self.failed.len() {
            0 => format!("Deletion scheduled for {n} {noun}"),
            f => format!("Deletion scheduled for {n} {noun}; {f} failed"),
        }
    }

    /// The message shown after it: the summary, and one line per failure.
    pub fn notice(&self) -> Notice {
        Notice {
            tone: if self.failed.is_empty() {
                Tone::Success
            } else {
                Tone::Error
            },
            text: self.summary(),
            details: self
                .failed
                .iter()
                .map(|(name, why)| format!("{name}: {why}"))
                .collect(),
        }
    }
}

/// What is said when the whole backup could not be fetched for the restore dialog.
pub fn restore_open_failed(name: &str, why: &str) -> Notice {
    Notice::error(format!("Could not open the restore of “{name}”: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use BackupState as S;

    #[test]
    fn action_rules_per_state() {
        for s in S::ALL.iter().chain([S::Other("X".into())].iter()) {
            let ok = *s == S::Ok;
            let ok_or_erred = matches!(s, S::Ok | S::Erred);
            assert_eq!(can_edit(s).is_ok(), ok, "edit {s:?}");
            assert_eq!(can_restore(s).is_ok(), ok, "restore {s:?}");
            assert_eq!(can_delete(s).is_ok(), ok_or_erred, "delete {s:?}");
            assert_eq!(can_pull(s).is_ok(), ok_or_erred, "pull {s:?}");
            assert_eq!(can_unlink(s, true), Ok(()));
            assert_eq!(can_unlink(s, false), Err("Only staff can unlink"));
        }
        assert_eq!(
            can_restore(&S::Erred),
            Err("Available when the backup is OK")
        );
        assert_eq!(
            can_delete(&S::Creating),
            Err("Available when the backup is OK or erred")
        );
    }

    #[test]
    fn each_command_follows_its_rule() {
        for s in S::ALL {
            for staff in [false, true] {
                assert_eq!(Command::Delete.allowed(&s, staff), can_delete(&s));
                assert_eq!(Command::Pull.allowed(&s, staff), can_pull(&s));
                assert_eq!(Command::Unlink.allowed(&s, staff), can_unlink(&s, staff));
            }
        }
    }

    fn backup(name: &str) -> Backup {
        Backup {
            name: name.into(),
            ..Backup::default()
        }
    }

    #[test]
    fn destructive_commands_ask_naming_the_backup() {
        let cases = [
            (
                Confirmation::Delete(backup("db")),
                "Delete backup “db”?",
                "cannot be undone",
                "Delete backup",
            ),
            (
                Confirmation::Unlink(backup("db")),
                "Unlink backup “db”?",
                "untouched",
                "Unlink",
            ),
        ];
        for (asked, title, says, label) in cases {
            let q = asked.question();
            assert_eq!(q.title, title);
            assert!(q.message.contains(says), "{}", q.message);
            assert_eq!(q.confirm_label, label);
        }
    }

    #[test]
    fn outcome_texts_name_the_backup_and_keep_the_servers_words() {
        let cases = [
            (
                Command::Delete.done("db", None),
                Tone::Success,
                "Deletion of “db” was scheduled. It disappears when the cloud has removed it.",
            ),
            (
                Command::Unlink.done("db", None),
                Tone::Success,
                "“db” was unlinked.",
            ),
            (
                Command::Pull.done("db", Some("Pull operation was scheduled")),
                Tone::Success,
                "“db”: Pull operation was scheduled",
            ),
            (
                Command::Pull.done("db", None),
                Tone::Success,
                "“db”: Pull operation was scheduled.",
            ),
            (
                Command::Delete.failed("db", "Conflict."),
                Tone::Error,
                "Could not delete “db”: Conflict.",
            ),
            (
                Command::Unlink.failed("db", "Forbidden."),
                Tone::Error,
                "Could not unlink “db”: Forbidden.",
            ),
            (
                Command::Pull.failed("db", "Pull operation is not implemented."),
                Tone::Error,
                "Could not pull “db” from the cloud: Pull operation is not implemented.",
            ),
            (
                restore_open_failed("db", "Not found."),
                Tone::Error,
                "Could not open the restore of “db”: Not found.",
            ),
        ];
        for (notice, tone, text) in cases {
            assert_eq!(notice.tone, tone, "{text}");
            assert_eq!(notice.text, text);
            assert!(notice.details.is_empty());
        }
    }

    #[test]
    fn bulk_delete_asks_with_the_count_and_lists_the_names() {
        let three = Confirmation::BulkDelete(vec![backup("a"), backup("b"), backup("c")]);
        let q = three.question();
        assert_eq!(q.title, "Delete 3 backups?");
        assert!(q.message.contains("a, b, c"), "{}", q.message);
        assert!(q.message.contains("cannot be undone"), "{}", q.message);
        assert_eq!(q.confirm_label, "Delete backups");
        let one = Confirmation::BulkDelete(vec![backup("a")]).question();
        assert_eq!(one.title, "Delete 1 backup?");
        assert_eq!(
            one.message,
            Confirmation::Delete(backup("a")).question().message
        );
        assert_eq!(one.confirm_label, "Delete backup");
    }

    #[test]
    fn bulk_outcome_summarises_and_lists_each_failure() {
        let r = BulkResult {
            done: vec!["a".into(), "b".into()],
            failed: vec![(
                "c".into(),
                "Available when the backup is OK or erred".into(),
            )],
        };
        assert_eq!(r.summary(), "Deletion scheduled for 2 backups; 1 failed");
        let n = r.notice();
        assert_eq!(n.tone, Tone::Error);
        assert_eq!(n.details, ["c: Available when the backup is OK or erred"]);
        let all = BulkResult {
            done: vec!["a".into()],
            failed: Vec::new(),
        };
        assert_eq!(
            all.notice(),
            Notice::success("Deletion scheduled for 1 backup")
        );
    }
}
