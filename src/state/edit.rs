//! The drawer's edit form: a backup as a [`BackupForm`] in the user's time zone, the PATCH a
//! checked form becomes, and when saving needs a confirmation first. The fields, their checks
//! and error messages are the shared [`BackupForm`](super::backup_form).
//!
//! Editing offers two of the [`Retention`] choices: `Forever` ("Keep forever" ticked) and
//! `Custom` (the date and time in [`BackupForm::until`]).

use crate::api::{Backup, BackupPatch};

use super::backup_form::{BackupForm, BackupValues, Retention};
use super::datetime::{parse_timestamp_ms, LocalDateTime, OffsetAt};

impl BackupForm {
    /// The edit form for `backup`, showing its retention in the user's time zone.
    pub fn from_backup(backup: &Backup, offset_at: OffsetAt<'_>) -> BackupForm {
        let kept_until = backup.kept_until.as_deref();
        BackupForm {
            name: backup.name.clone(),
            description: backup.description.clone().unwrap_or_default(),
            retention: match kept_until {
                None => Retention::Forever,
                Some(_) => Retention::Custom,
            },
            until: kept_until
                .and_then(parse_timestamp_ms)
                .map(|ms| LocalDateTime::at_instant(ms, offset_at).input_value())
                .unwrap_or_default(),
        }
    }

    /// True when the retention would be sent: the choice, or the custom date, changed.
    fn retention_changed(&self, initial: &BackupForm) -> bool {
        self.retention != initial.retention
            || (self.retention == Retention::Custom && self.until != initial.until)
    }

    /// True when the form differs from `initial` in a way that would be sent.
    pub fn is_dirty(&self, initial: &BackupForm) -> bool {
        self.name.trim() != initial.name.trim()
            || self.description != initial.description
            || self.retention_changed(initial)
    }

    /// The PATCH for these checked values: only what changed since `initial` (the form as opened).
    pub fn patch(&self, initial: &BackupForm, values: &BackupValues) -> BackupPatch {
        BackupPatch {
            name: (values.name != initial.name.trim()).then(|| values.name.clone()),
            description: (values.description != initial.description)
                .then(|| values.description.clone()),
            kept_until: self.retention_changed(initial).then(|| values.kept_until()),
        }
    }

    /// True when saving would set a retention date that has already passed (the server then
    /// deletes the backup within about ten minutes), so the user must confirm first.
    pub fn needs_past_date_confirmation(
        &self,
        initial: &BackupForm,
        values: &BackupValues,
        now_ms: f64,
    ) -> bool {
        self.retention_changed(initial) && values.kept_until_ms.is_some_and(|ms| ms <= now_ms)
    }
}

/// What the past-date confirmation says.
pub const PAST_DATE_WARNING: crate::i18n::Msg = crate::i18n::Msg::PastDateWarning;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::backup_form::{FormErrors, Purpose};

    /// 2026-01-10T12:00:00Z.
    const NOW: f64 = 1_768_046_400_000.0;

    fn utc(_: f64) -> i32 {
        0
    }
    // Berlin in winter: UTC+1.
    fn berlin(_: f64) -> i32 {
        60
    }

    fn backup(name: &str, description: Option<&str>, kept_until: Option<&str>) -> Backup {
        Backup {
            uuid: "b1".into(),
            name: name.into(),
            description: description.map(Into::into),
            kept_until: kept_until.map(Into::into),
            ..Backup::default()
        }
    }

    fn check(form: &BackupForm, offset_at: OffsetAt<'_>) -> Result<BackupValues, FormErrors> {
        form.check(Purpose::Edit, NOW, offset_at)
    }

    #[test]
    fn form_shows_retention_in_the_users_time_zone() {
        let b = backup("db", Some("nightly"), Some("2026-01-10T12:00:00Z"));
        let f = BackupForm::from_backup(&b, &berlin);
        assert_eq!(f.until, "2026-01-10T13:00");
        assert_eq!(f.retention, Retention::Custom);
        assert_eq!(f.description, "nightly");
        let forever = BackupForm::from_backup(&backup("db", None, None), &utc);
        assert_eq!(forever.retention, Retention::Forever);
        assert_eq!(forever.until, "");
        assert_eq!(forever.description, "");
    }

    #[test]
    fn validation_names_each_field() {
        let ok = BackupForm {
            name: "  db  ".into(),
            ..BackupForm::default()
        };
        let v = check(&ok, &utc).unwrap();
        assert_eq!(v.name, "db");
        assert_eq!(v.kept_until(), None);

        let cases = [
            (
                BackupForm {
                    name: "   ".into(),
                    ..ok.clone()
                },
                "name",
            ),
            (
                BackupForm {
                    description: "d".repeat(2001),
                    ..ok.clone()
                },
                "description",
            ),
            (
                BackupForm {
                    retention: Retention::Custom,
                    ..ok.clone()
                },
                "kept_until",
            ),
            (
                BackupForm {
                    retention: Retention::Custom,
                    until: "soon".into(),
                    ..ok.clone()
                },
                "kept_until",
            ),
        ];
        for (form, field) in cases {
            let e = check(&form, &utc).unwrap_err();
            let got = match field {
                "name" => e.name.is_some(),
                "description" => e.description.is_some(),
                _ => e.kept_until.is_some(),
            };
            assert!(got, "{field} should be invalid for {form:?}: {e:?}");
            assert!(e.top.is_empty());
        }
    }

    #[test]
    fn patch_has_only_changed_fields() {
        let b = backup("db", Some("nightly"), Some("2026-01-10T12:00:30.123456Z"));
        let initial = BackupForm::from_backup(&b, &berlin);
        let mut form = initial.clone();
        let v = check(&form, &berlin).unwrap();
        assert!(
            form.patch(&initial, &v).is_empty(),
            "seconds in the server's value do not count as a change"
        );
        assert!(!form.is_dirty(&initial));

        form.name = "db2".into();
        let v = check(&form, &berlin).unwrap();
        let p = form.patch(&initial, &v);
        assert_eq!(
            p,
            BackupPatch {
                name: Some("db2".into()),
                ..BackupPatch::default()
            }
        );
        assert!(form.is_dirty(&initial));

        let mut form = initial.clone();
        form.retention = Retention::Forever;
        let v = check(&form, &berlin).unwrap();
        assert_eq!(
            form.patch(&initial, &v),
            BackupPatch {
                kept_until: Some(None),
                ..BackupPatch::default()
            }
        );

        let mut form = initial.clone();
        form.until = "2026-02-01T08:30".into();
        form.description = String::new();
        let v = check(&form, &berlin).unwrap();
        assert_eq!(
            form.patch(&initial, &v),
            BackupPatch {
                description: Some(String::new()),
                kept_until: Some(Some("2026-02-01T07:30:00Z".into())),
                ..BackupPatch::default()
            }
        );
    }

    #[test]
    fn a_date_typed_while_keep_forever_is_ticked_is_neither_sent_nor_a_change() {
        let initial = BackupForm::from_backup(&backup("db", None, None), &utc);
        let mut form = initial.clone();
        form.until = "2030-01-01T00:00".into();
        assert!(!form.is_dirty(&initial));
        let v = check(&form, &utc).unwrap();
        assert!(form.patch(&initial, &v).is_empty());
    }

    #[test]
    fn a_past_date_needs_confirmation_only_when_changed() {
        let b = backup("db", None, Some("2026-01-01T00:00:00Z"));
        let initial = BackupForm::from_backup(&b, &utc);
        let mut form = initial.clone();
        form.name = "renamed".into();
        let v = check(&form, &utc).unwrap();
        assert!(!form.needs_past_date_confirmation(&initial, &v, NOW));
        form.until = "2026-01-09T00:00".into();
        let v = check(&form, &utc).unwrap();
        assert!(form.needs_past_date_confirmation(&initial, &v, NOW));
        form.until = "2026-01-11T00:00".into();
        let v = check(&form, &utc).unwrap();
        assert!(!form.needs_past_date_confirmation(&initial, &v, NOW));
    }
}
