//! The commands a person runs on a backup: when each is allowed, what is asked before a
//! destructive one, and what is said after it. The table and the drawer both use these, so a
//! command reads the same wherever it is started.

use crate::api::{Backup, Hidden, Intent, OptionalAction, ResourceState};
use crate::i18n::{Arg, Msg, Text};

use super::permissions::Access;
use super::table::{row_actions, RowAction};

/// Why an action is unavailable, in words shown to the user (for a tooltip or disabled menu
/// item): a message without arguments, shown with `i18n.text(denied)`.
pub type Denied = Msg;

const NEEDS_OK: Denied = Msg::NeedsOk;
const NEEDS_OK_OR_ERRED: Denied = Msg::NeedsOkOrErred;

/// Whether name, description and retention can be changed (only when OK).
pub fn can_edit(state: &ResourceState) -> Result<(), Denied> {
    if *state == ResourceState::Ok {
        Ok(())
    } else {
        Err(NEEDS_OK)
    }
}

/// Whether the backup can be deleted (OK or erred).
pub fn can_delete(state: &ResourceState) -> Result<(), Denied> {
    match state {
        ResourceState::Ok | ResourceState::Erred => Ok(()),
        _ => Err(NEEDS_OK_OR_ERRED),
    }
}

/// Whether a new instance can be restored from the backup (only when OK).
pub fn can_restore(state: &ResourceState) -> Result<(), Denied> {
    if *state == ResourceState::Ok {
        Ok(())
    } else {
        Err(NEEDS_OK)
    }
}

/// Whether the backup can be synchronised from OpenStack (OK or erred).
pub fn can_pull(state: &ResourceState) -> Result<(), Denied> {
    match state {
        ResourceState::Ok | ResourceState::Erred => Ok(()),
        _ => Err(NEEDS_OK_OR_ERRED),
    }
}

/// Whether a stuck backup can be marked OK (staff; any state but OK).
pub fn can_set_ok(state: &ResourceState) -> Result<(), Denied> {
    if *state == ResourceState::Ok {
        Err(Msg::AlreadyOk)
    } else {
        Ok(())
    }
}

/// Whether a stuck backup can be marked erred (staff; any state but erred).
pub fn can_set_erred(state: &ResourceState) -> Result<(), Denied> {
    if *state == ResourceState::Erred {
        Err(Msg::AlreadyErred)
    } else {
        Ok(())
    }
}

/// What is said when an action's reply was hidden from the browser and the backup, read again,
/// shows it was not accepted.
pub const HIDDEN_REFUSAL: Msg = Msg::HiddenRefusal;

/// What is said when a pull's reply was hidden: its 202 lacks CORS headers behind Waldur's stock
/// nginx just as its 409 does, so whether it was accepted cannot be told.
pub const HIDDEN_PULL: Msg = Msg::HiddenPull;

/// Whether the backup can be removed from Waldur only (any state, staff users only).
pub fn can_unlink(_state: &ResourceState, is_staff: bool) -> Result<(), Denied> {
    if is_staff {
        Ok(())
    } else {
        Err(Msg::OnlyStaffUnlink)
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
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// How it is shown.
    pub tone: Tone,
    /// The sentence.
    pub text: Text,
    /// One line per item it is about (each failure of a bulk delete).
    pub details: Vec<Text>,
}

impl Notice {
    /// A success message.
    pub fn success(text: impl Into<Text>) -> Self {
        Notice {
            tone: Tone::Success,
            text: text.into(),
            details: Vec::new(),
        }
    }

    /// A warning.
    pub fn warning(text: impl Into<Text>) -> Self {
        Notice {
            tone: Tone::Warning,
            text: text.into(),
            details: Vec::new(),
        }
    }

    /// An error message.
    pub fn error(text: impl Into<Text>) -> Self {
        Notice {
            tone: Tone::Error,
            text: text.into(),
            details: Vec::new(),
        }
    }

    /// Several messages of equal weight, shown as a list.
    pub fn list(tone: Tone, lines: Vec<Text>) -> Self {
        Notice {
            tone,
            text: Text::verbatim(""),
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
    /// Mark a stuck backup OK (staff; asks first).
    SetOk,
    /// Mark a stuck backup erred, with an optional message (staff; asks first).
    SetErred,
}

/// What is asked before a destructive command.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// The dialog's title, naming the backup.
    pub title: Text,
    /// What will happen, in plain words.
    pub message: Text,
    /// The confirming button.
    pub confirm_label: Msg,
    /// The label of an optional text the user may give with it (the error message of Set
    /// erred); `None` for a plain yes/no question.
    pub note_label: Option<Msg>,
}

impl Command {
    /// Whether the command is allowed for a backup in `state` (for this user).
    pub fn allowed(self, state: &ResourceState, is_staff: bool) -> Result<(), Denied> {
        match self {
            Command::Delete => can_delete(state),
            Command::Unlink => can_unlink(state, is_staff),
            Command::Pull => can_pull(state),
            Command::SetOk | Command::SetErred if !is_staff => Err(super::permissions::STAFF_ONLY),
            Command::SetOk => can_set_ok(state),
            Command::SetErred => can_set_erred(state),
        }
    }

    /// Whether this user may run the command on `backup` at all, whatever its state: staff-only
    /// commands need staff, the others a managing role where the backup lives (see
    /// [`Access`]). A command refused here is never sent.
    pub fn permitted(self, access: &Access, backup: &Backup) -> Result<(), Denied> {
        match self {
            Command::Unlink | Command::SetOk | Command::SetErred => access.staff_only(),
            Command::Delete | Command::Pull => access.can_change_backup(backup),
        }
    }

    /// The action some Waldur releases lack, if this is one.
    pub fn optional(self) -> Option<OptionalAction> {
        match self {
            Command::SetOk => Some(OptionalAction::SetOk),
            Command::SetErred => Some(OptionalAction::SetErred),
            _ => None,
        }
    }

    /// What the command does to the backup, for reading a reply the browser hid.
    pub fn intent(self) -> Intent {
        match self {
            Command::Delete => Intent::Delete,
            Command::Unlink => Intent::Remove,
            Command::Pull | Command::SetOk | Command::SetErred => Intent::Change,
        }
    }

    /// What is said when the reply was hidden and the backup, read again, tells `verdict`.
    pub fn hidden(self, name: &str, verdict: Hidden) -> Notice {
        match verdict {
            Hidden::Done => self.done(name, None),
            Hidden::Gone => Notice::error(Text::new(Msg::BackupGone).arg("name", name)),
            Hidden::Refused if self == Command::Pull => Notice::warning(
                Text::new(Msg::PullHidden)
                    .arg("name", name)
                    .arg("reason", Text::new(HIDDEN_PULL)),
            ),
            Hidden::Refused => self.failed(name, Text::new(HIDDEN_REFUSAL)),
        }
    }

    /// What is said when it was accepted; `answer` is the server's own text (pull sends one).
    pub fn done(self, name: &str, answer: Option<&str>) -> Notice {
        let text = match self {
            Command::Delete => Text::new(Msg::DeleteScheduled),
            Command::Unlink => Text::new(Msg::Unlinked),
            Command::Pull => Text::new(Msg::PullDone).arg(
                "answer",
                answer.map_or_else(|| Arg::from(Text::new(Msg::PullScheduled)), Arg::from),
            ),
            Command::SetOk => Text::new(Msg::MarkedOk),
            Command::SetErred => Text::new(Msg::MarkedErred),
        };
        Notice::success(text.arg("name", name))
    }

    /// What is said when it failed for the reason `why`.
    pub fn failed(self, name: &str, why: Text) -> Notice {
        let msg = match self {
            Command::Delete => Msg::DeleteFailed,
            Command::Unlink => Msg::UnlinkFailed,
            Command::Pull => Msg::PullFailed,
            Command::SetOk => Msg::SetOkFailed,
            Command::SetErred => Msg::SetErredFailed,
        };
        Notice::error(Text::new(msg).arg("name", name).arg("reason", why))
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
    /// Mark a stuck backup OK (staff).
    SetOk(Backup),
    /// Mark a stuck backup erred (staff), with a message the user may type.
    SetErred(Backup),
}

fn delete_question(title: Text) -> Question {
    Question {
        title,
        message: Text::new(Msg::DeleteBackupMessage),
        confirm_label: Msg::DeleteBackupConfirm,
        note_label: None,
    }
}

impl Confirmation {
    /// The question asked, naming the backup (or, for several, counting and listing them).
    pub fn question(&self) -> Question {
        match self {
            Confirmation::Delete(b) => {
                delete_question(Text::new(Msg::DeleteBackupTitle).arg("name", b.name.as_str()))
            }
            Confirmation::Unlink(b) => Question {
                title: Text::new(Msg::UnlinkBackupTitle).arg("name", b.name.as_str()),
                message: Text::new(Msg::UnlinkBackupMessage),
                confirm_label: Msg::UnlinkConfirm,
                note_label: None,
            },
            Confirmation::BulkDelete(list) if list.len() == 1 => {
                delete_question(Text::new(Msg::DeleteBackupsTitle).arg("count", 1))
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
                    title: Text::new(Msg::DeleteBackupsTitle).arg("count", list.len()),
                    message: Text::new(Msg::DeleteBackupsMessage).arg("names", names),
                    confirm_label: Msg::DeleteBackupsConfirm,
                    note_label: None,
                }
            }
            Confirmation::SetOk(b) => Question {
                title: Text::new(Msg::SetOkTitle).arg("name", b.name.as_str()),
                message: Text::new(Msg::SetOkMessage).arg("state", b.state.label()),
                confirm_label: Msg::SetOkConfirm,
                note_label: None,
            },
            Confirmation::SetErred(b) => Question {
                title: Text::new(Msg::SetErredTitle).arg("name", b.name.as_str()),
                message: Text::new(Msg::SetErredMessage).arg("state", b.state.label()),
                confirm_label: Msg::SetErredConfirm,
                note_label: Some(Msg::SetErredNoteLabel),
            },
        }
    }
}

/// Outcome of a bulk delete: which backups were scheduled for deletion, which failed and why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BulkResult {
    /// Names of backups whose deletion was scheduled.
    pub done: Vec<String>,
    /// Name and reason of each backup that could not be deleted.
    pub failed: Vec<(String, Text)>,
}

impl BulkResult {
    /// One-line summary ("Deletion scheduled for 2 backups; 1 failed").
    pub fn summary(&self) -> Text {
        let n = self.done.len();
        match self.failed.len() {
            0 => Text::new(Msg::BulkDeleteScheduled).arg("count", n),
            f => Text::new(Msg::BulkDeleteSomeFailed)
                .arg("count", n)
                .arg("failed", f),
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
                .map(|(name, why)| {
                    Text::new(Msg::NamedReason)
                        .arg("name", name.as_str())
                        .arg("reason", why.clone())
                })
                .collect(),
        }
    }
}

/// The row menu of `backup` for this user on this server: each action with the reason when it
/// is unavailable. The user's role comes first (an action their role never allows says so,
/// whatever the state); staff also get Unlink, and Set OK and Set erred where the server has
/// them (`offers`).
pub fn menu_actions(
    backup: &Backup,
    access: &Access,
    offers: impl Fn(OptionalAction) -> bool,
) -> Vec<(RowAction, Result<(), Denied>)> {
    let change = access.can_change_backup(backup);
    let mut out: Vec<(RowAction, Result<(), Denied>)> =
        row_actions(&backup.state, access.is_staff())
            .into_iter()
            .map(|(action, allowed)| match action {
                RowAction::Restore | RowAction::Edit | RowAction::Delete | RowAction::Pull => {
                    (action, change.and(allowed))
                }
                _ => (action, allowed),
            })
            .collect();
    if access.is_staff() {
        if offers(OptionalAction::SetOk) {
            out.push((RowAction::SetOk, can_set_ok(&backup.state)));
        }
        if offers(OptionalAction::SetErred) {
            out.push((RowAction::SetErred, can_set_erred(&backup.state)));
        }
    }
    out
}

/// What is said when the whole backup could not be fetched for the restore dialog.
pub fn restore_open_failed(name: &str, why: Text) -> Notice {
    Notice::error(
        Text::new(Msg::RestoreOpenFailed)
            .arg("name", name)
            .arg("reason", why),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiError;
    use ResourceState as S;

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
            assert_eq!(
                can_unlink(s, false).map_err(Msg::english),
                Err("Only staff can unlink")
            );
        }
        assert_eq!(
            can_restore(&S::Erred).map_err(Msg::english),
            Err("Available when the backup is OK")
        );
        assert_eq!(
            can_delete(&S::Creating).map_err(Msg::english),
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
            assert_eq!(q.title.english(), title);
            assert!(q.message.english().contains(says), "{:?}", q.message);
            assert_eq!(q.confirm_label.english(), label);
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
                Command::Delete.failed("db", Text::verbatim("Conflict.")),
                Tone::Error,
                "Could not delete “db”: Conflict.",
            ),
            (
                Command::Unlink.failed("db", Text::verbatim("Forbidden.")),
                Tone::Error,
                "Could not unlink “db”: Forbidden.",
            ),
            (
                Command::Pull.failed("db", Text::verbatim("Pull operation is not implemented.")),
                Tone::Error,
                "Could not pull “db” from the cloud: Pull operation is not implemented.",
            ),
            (
                restore_open_failed("db", Text::verbatim("Not found.")),
                Tone::Error,
                "Could not open the restore of “db”: Not found.",
            ),
        ];
        for (notice, tone, text) in cases {
            assert_eq!(notice.tone, tone, "{text}");
            assert_eq!(notice.text.english(), text);
            assert!(notice.details.is_empty());
        }
    }

    #[test]
    fn bulk_delete_asks_with_the_count_and_lists_the_names() {
        let three = Confirmation::BulkDelete(vec![backup("a"), backup("b"), backup("c")]);
        let q = three.question();
        assert_eq!(q.title.english(), "Delete 3 backups?");
        assert!(q.message.english().contains("a, b, c"), "{:?}", q.message);
        assert!(
            q.message.english().contains("cannot be undone"),
            "{:?}",
            q.message
        );
        assert_eq!(q.confirm_label.english(), "Delete backups");
        let one = Confirmation::BulkDelete(vec![backup("a")]).question();
        assert_eq!(one.title.english(), "Delete 1 backup?");
        assert_eq!(
            one.message,
            Confirmation::Delete(backup("a")).question().message
        );
        assert_eq!(one.confirm_label.english(), "Delete backup");
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
        assert_eq!(
            r.summary().english(),
            "Deletion scheduled for 2 backups; 1 failed"
        );
        let n = r.notice();
        assert_eq!(n.tone, Tone::Error);
        assert_eq!(
            n.details.iter().map(Text::english).collect::<Vec<_>>(),
            ["c: Available when the backup is OK or erred"]
        );
        let all = BulkResult {
            done: vec!["a".into()],
            failed: Vec::new(),
        };
        assert_eq!(all.notice().tone, Tone::Success);
        assert_eq!(
            all.notice().text.english(),
            "Deletion scheduled for 1 backup"
        );
    }

    fn access(me: serde_json::Value) -> Access {
        Access {
            me: Some(std::sync::Arc::new(
                serde_json::from_value(me).expect("a users/me payload"),
            )),
            ..Access::default()
        }
    }

    fn staff() -> Access {
        access(serde_json::json!({"uuid": "s", "username": "staff", "is_staff": true}))
    }

    fn support() -> Access {
        access(serde_json::json!({"uuid": "u", "username": "support", "is_support": true}))
    }

    fn in_state(state: S) -> Backup {
        Backup {
            name: "db".into(),
            state,
            project_uuid: Some("d9688d9b2f8eb737bcc7d8e8590878fb".into()),
            ..Backup::default()
        }
    }

    fn keys(menu: &[(RowAction, Result<(), Denied>)]) -> Vec<&'static str> {
        menu.iter().map(|(a, _)| a.key()).collect()
    }

    #[test]
    fn set_ok_and_set_erred_are_for_stuck_backups_and_staff() {
        for s in S::ALL {
            assert_eq!(
                Command::SetOk.allowed(&s, true).is_ok(),
                s != S::Ok,
                "{s:?}"
            );
            assert_eq!(
                Command::SetErred.allowed(&s, true).is_ok(),
                s != S::Erred,
                "{s:?}"
            );
            assert_eq!(
                Command::SetOk.allowed(&s, false),
                Err(super::super::permissions::STAFF_ONLY)
            );
        }
        assert_eq!(Command::SetOk.optional(), Some(OptionalAction::SetOk));
        assert_eq!(Command::SetErred.optional(), Some(OptionalAction::SetErred));
        assert_eq!(Command::Pull.optional(), None);
    }

    #[test]
    fn the_menu_follows_the_role_then_the_state_and_the_server() {
        let b = in_state(S::Creating);
        // Staff on 8.1: everything, Set OK and Set erred at the end.
        let menu = menu_actions(&b, &staff(), |_| true);
        assert_eq!(
            keys(&menu),
            [
                "details",
                "restore",
                "edit",
                "delete",
                "pull",
                "unlink",
                "set-ok",
                "set-erred"
            ]
        );
        assert_eq!(
            menu[1].1.map_err(Msg::english),
            Err("Available when the backup is OK")
        );
        assert_eq!(menu[6].1, Ok(()));
        // A server without set_ok: not offered.
        let menu = menu_actions(&b, &staff(), |a| a != OptionalAction::SetOk);
        assert_eq!(
            keys(&menu),
            [
                "details",
                "restore",
                "edit",
                "delete",
                "pull",
                "unlink",
                "set-erred"
            ]
        );
        // Support: no staff actions; every change says why, whatever the state.
        let ok = in_state(S::Ok);
        let menu = menu_actions(&ok, &support(), |_| true);
        assert_eq!(
            keys(&menu),
            ["details", "restore", "edit", "delete", "pull"]
        );
        assert_eq!(menu[0].1, Ok(()));
        for (action, allowed) in &menu[1..] {
            assert_eq!(
                *allowed,
                Err(super::super::permissions::SUPPORT_READ_ONLY),
                "{action:?}"
            );
        }
        // Not known yet: the state alone decides, as before.
        let menu = menu_actions(&ok, &Access::default(), |_| true);
        assert!(menu.iter().all(|(_, allowed)| allowed.is_ok()));
        assert_eq!(menu.len(), 5);
    }

    #[test]
    fn a_command_the_role_forbids_is_never_sent() {
        let b = in_state(S::Ok);
        for c in [Command::Delete, Command::Pull] {
            assert_eq!(c.permitted(&staff(), &b), Ok(()));
            assert_eq!(c.permitted(&Access::default(), &b), Ok(()));
            assert_eq!(
                c.permitted(&support(), &b),
                Err(super::super::permissions::SUPPORT_READ_ONLY)
            );
        }
        for c in [Command::Unlink, Command::SetOk, Command::SetErred] {
            assert_eq!(c.permitted(&staff(), &b), Ok(()));
            assert_eq!(
                c.permitted(&Access::default(), &b),
                Err(super::super::permissions::STAFF_ONLY)
            );
        }
    }

    #[test]
    fn a_hidden_reply_is_told_as_what_the_backup_shows() {
        assert_eq!(
            Command::Delete.hidden("db", Hidden::Done),
            Command::Delete.done("db", None)
        );
        let refused = Command::Delete.hidden("db", Hidden::Refused);
        assert_eq!(refused.tone, Tone::Error);
        let refused = refused.text.english();
        assert!(refused.starts_with("Could not delete “db”: The server did not accept"));
        assert!(refused.contains("CORS headers"));
        assert!(refused.contains("shown as it is now"));
        // A pull's 202 is hidden just like its 409: not called a refusal.
        let pull = Command::Pull.hidden("db", Hidden::Refused);
        assert_eq!(pull.tone, Tone::Warning);
        assert!(pull
            .text
            .english()
            .contains("whether the pull was accepted is not known"));
        let gone = Command::SetOk.hidden("db", Hidden::Gone);
        assert!(gone.text.english().contains("no longer exists"));
        assert_eq!(Command::Delete.intent(), Intent::Delete);
        assert_eq!(Command::Unlink.intent(), Intent::Remove);
        assert_eq!(Command::SetErred.intent(), Intent::Change);
    }

    #[test]
    fn set_ok_and_set_erred_ask_first_naming_the_backup_and_erred_takes_a_message() {
        let b = in_state(S::Creating);
        let ok = Confirmation::SetOk(b.clone()).question();
        assert_eq!(ok.title.english(), "Mark backup “db” as OK?");
        assert!(ok.message.english().contains("now: Creating"));
        assert_eq!(ok.confirm_label.english(), "Set OK");
        assert_eq!(ok.note_label, None);
        let erred = Confirmation::SetErred(b).question();
        assert_eq!(erred.title.english(), "Mark backup “db” as erred?");
        assert_eq!(erred.confirm_label.english(), "Set erred");
        assert_eq!(
            erred.note_label.map(Msg::english),
            Some("Error message (optional)")
        );
        assert_eq!(
            Command::SetOk.done("db", None).text.english(),
            "“db” was marked as OK."
        );
        assert_eq!(
            Command::SetErred
                .failed("db", ApiError::NotSupported.message())
                .text
                .english(),
            "Could not mark “db” as erred: This Waldur version does not support this action."
        );
        for asked in [
            Confirmation::Delete(in_state(S::Ok)),
            Confirmation::Unlink(in_state(S::Ok)),
            Confirmation::BulkDelete(vec![in_state(S::Ok)]),
        ] {
            assert_eq!(asked.question().note_label, None);
        }
    }

    #[test]
    fn outcome_texts_carry_the_name_and_the_reason_as_arguments() {
        let why = ApiError::Timeout.message();
        let n = Command::Delete.failed("db", why.clone());
        assert_eq!(n.text.msg, Msg::DeleteFailed);
        assert_eq!(
            n.text.args,
            vec![("name", Arg::from("db")), ("reason", Arg::from(why))]
        );
        let pull = Command::Pull.done("db", None).text;
        assert_eq!(pull.msg, Msg::PullDone);
        assert!(pull
            .args
            .contains(&("answer", Arg::from(Text::new(Msg::PullScheduled)))));
        let q = Confirmation::BulkDelete(vec![backup("a"), backup("b")]).question();
        assert_eq!(q.title, Text::new(Msg::DeleteBackupsTitle).arg("count", 2));
        let r = BulkResult {
            done: vec!["a".into()],
            failed: vec![("b".into(), Text::new(Msg::NeedsOk))],
        };
        assert_eq!(
            r.summary(),
            Text::new(Msg::BulkDeleteSomeFailed)
                .arg("count", 1)
                .arg("failed", 1)
        );
    }
}
