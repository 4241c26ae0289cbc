//! The "Create backup" form: its default name, the request it sends, and when the button is
//! available. The fields, their checks and error messages are the shared
//! [`BackupForm`](super::backup_form).

use crate::api::{BackupCreate, ResourceState};
use crate::i18n::{Msg, Text};

use super::backup_form::{BackupForm, FormErrors, Purpose};
use super::datetime::{LocalDate, OffsetAt};
use super::text_limits::NAME_MAX;

/// The name a new backup gets unless the user changes it: `<instance name>-backup-<YYYY-MM-DD>`,
/// shortening the instance name so the whole stays within [`NAME_MAX`] characters.
pub fn default_name(instance_name: &str, today: LocalDate) -> String {
    let suffix = format!(
        "-backup-{:04}-{:02}-{:02}",
        today.year, today.month, today.day
    );
    let room = NAME_MAX.saturating_sub(suffix.chars().count());
    let base: String = instance_name.trim().chars().take(room).collect();
    format!("{base}{suffix}")
}

impl BackupForm {
    /// The create form as it opens for an instance on a given local date: the default name,
    /// kept forever.
    pub fn for_new_backup(instance_name: &str, today: LocalDate) -> Self {
        BackupForm {
            name: default_name(instance_name, today),
            ..BackupForm::default()
        }
    }

    /// Checks the input and builds the create request; `now_ms` is the current time, `offset_at`
    /// the user's time zone (for a custom date).
    pub fn to_request(
        &self,
        now_ms: f64,
        offset_at: OffsetAt<'_>,
    ) -> Result<BackupCreate, FormErrors> {
        let values = self.check(Purpose::Create, now_ms, offset_at)?;
        Ok(BackupCreate {
            kept_until: values.kept_until(),
            name: values.name,
            // A blank description is left out rather than sent as spaces.
            description: (!values.description.trim().is_empty()).then_some(values.description),
        })
    }
}

/// Whether a backup of an instance in `state` can be started, or why not (shown beside the button).
pub fn can_create_backup(state: &ResourceState) -> Result<(), Text> {
    if *state == ResourceState::Ok {
        Ok(())
    } else {
        Err(Text::new(Msg::InstanceNeedsOk).arg("state", state.label()))
    }
}

/// The announcement after the server accepted a new backup.
pub fn created_message(name: &str) -> Text {
    Text::new(Msg::BackupBeingCreated).arg("name", name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::backup_form::Retention;

    const fn date(year: i32, month: u32, day: u32) -> LocalDate {
        LocalDate { year, month, day }
    }

    /// 2025-01-31T10:00:00Z.
    const NOW: f64 = 1_738_317_600_000.0;

    fn utc(_: f64) -> i32 {
        0
    }

    #[test]
    fn the_default_name_is_instance_backup_date() {
        let cases = [
            ("web-01", date(2025, 3, 7), "web-01-backup-2025-03-07"),
            ("  db ", date(2024, 12, 31), "db-backup-2024-12-31"),
            (
                "数据库-服务器",
                date(2025, 1, 1),
                "数据库-服务器-backup-2025-01-01",
            ),
        ];
        for (instance, today, expected) in cases {
            assert_eq!(default_name(instance, today), expected, "{instance}");
        }
    }

    #[test]
    fn a_long_instance_name_is_shortened_to_fit_the_limit() {
        let long = "é".repeat(200);
        let name = default_name(&long, date(2025, 3, 7));
        assert_eq!(name.chars().count(), NAME_MAX);
        assert!(name.ends_with("-backup-2025-03-07"));
    }

    #[test]
    fn the_form_opens_with_the_default_name_and_keeps_forever() {
        let form = BackupForm::for_new_backup("web-01", date(2025, 3, 7));
        assert_eq!(form.name, "web-01-backup-2025-03-07");
        assert_eq!(form.retention, Retention::Forever);
        let req = form.to_request(NOW, &utc).unwrap();
        assert_eq!(
            req,
            BackupCreate {
                name: "web-01-backup-2025-03-07".into(),
                description: None,
                kept_until: None,
            }
        );
    }

    #[test]
    fn the_request_trims_the_name_and_leaves_out_an_empty_description() {
        let form = BackupForm {
            name: "  nightly  ".into(),
            description: "before upgrade".into(),
            ..BackupForm::default()
        };
        let req = form.to_request(NOW, &utc).unwrap();
        assert_eq!(req.name, "nightly");
        assert_eq!(req.description.as_deref(), Some("before upgrade"));
        let blank = BackupForm {
            name: "n".into(),
            description: "  ".into(),
            ..BackupForm::default()
        };
        assert_eq!(blank.to_request(NOW, &utc).unwrap().description, None);
    }

    #[test]
    fn the_request_carries_the_retention_in_utc() {
        let form = BackupForm {
            name: "n".into(),
            retention: Retention::Custom,
            until: "2030-12-31T23:59".into(),
            ..BackupForm::default()
        };
        let req = form.to_request(NOW, &|_| 60).unwrap();
        assert_eq!(req.kept_until.as_deref(), Some("2030-12-31T22:59:00Z"));
        let past = BackupForm {
            until: "2025-01-31T09:59".into(),
            ..form
        };
        assert!(past.to_request(NOW, &utc).unwrap_err().kept_until.is_some());
    }

    #[test]
    fn only_an_ok_instance_can_be_backed_up() {
        assert_eq!(can_create_backup(&ResourceState::Ok), Ok(()));
        let cases = [
            (
                ResourceState::Creating,
                "Available when the instance is OK (now: Creating)",
            ),
            (
                ResourceState::Erred,
                "Available when the instance is OK (now: Erred)",
            ),
            (
                ResourceState::UpdateScheduled,
                "Available when the instance is OK (now: Update scheduled)",
            ),
            (
                ResourceState::Other("STOPPED".into()),
                "Available when the instance is OK (now: STOPPED)",
            ),
        ];
        for (state, reason) in cases {
            assert_eq!(
                can_create_backup(&state).map_err(|t| t.english()),
                Err(reason.to_string())
            );
        }
    }

    #[test]
    fn the_announcement_names_the_backup() {
        assert_eq!(
            created_message("web-01-backup-2025-03-07").english(),
            "Backup “web-01-backup-2025-03-07” is being created."
        );
    }
}
