//! The drawer's edit form: what the user typed, whether it is valid, what PATCH it becomes,
//! and where a server's 400 answer belongs.
//!
//! Times: the form holds the `datetime-local` text (`2026-01-10T12:00`, the user's wall clock);
//! converting to and from UTC takes the browser's offset as a function, so this stays pure.

use crate::api::{parse_timestamp_ms, ApiError, Backup, BackupPatch};

use super::text_limits::{description_error, name_error};
pub use super::text_limits::{DESCRIPTION_MAX, NAME_MAX};

/// The browser's offset at an instant, as `Date.getTimezoneOffset()` gives it (UTC − local, minutes).
pub type OffsetAt<'a> = &'a dyn Fn(f64) -> f64;

/// What the edit form holds: the values as the user sees and types them.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EditForm {
    /// Name as typed.
    pub name: String,
    /// Description as typed.
    pub description: String,
    /// `datetime-local` value (`YYYY-MM-DDTHH:MM`) in the user's time zone; empty when unset.
    pub kept_until: String,
    /// "Keep forever": retention is sent as `null` and the date is ignored.
    pub keep_forever: bool,
}

/// Messages for the form's fields, and for the request as a whole.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct FormErrors {
    /// About the name.
    pub name: Option<String>,
    /// About the description.
    pub description: Option<String>,
    /// About the retention date.
    pub kept_until: Option<String>,
    /// Not tied to one field (409, network, other fields of a 400).
    pub general: Option<String>,
}

impl FormErrors {
    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.description.is_none()
            && self.kept_until.is_none()
            && self.general.is_none()
    }

    /// True when at least one field has a message.
    pub fn has_field_errors(&self) -> bool {
        self.name.is_some() || self.description.is_some() || self.kept_until.is_some()
    }

    /// Puts a failed save's error where the user will look: 400 field messages beside their
    /// fields, everything else (409 detail, network) as a general message.
    pub fn from_api(error: &ApiError) -> FormErrors {
        let join = |field: &str| {
            let msgs = error.field_errors(field);
            (!msgs.is_empty()).then(|| msgs.join(" "))
        };
        match error {
            ApiError::BadRequest { fields, non_field } => {
                let mut errors = FormErrors {
                    name: join("name"),
                    description: join("description"),
                    kept_until: join("kept_until"),
                    general: None,
                };
                let mut rest: Vec<String> = non_field.clone();
                for (field, msgs) in fields {
                    if !matches!(field.as_str(), "name" | "description" | "kept_until") {
                        rest.push(format!("{field}: {}", msgs.join(" ")));
                    }
                }
                if !rest.is_empty() {
                    errors.general = Some(rest.join(" "));
                } else if !errors.has_field_errors() {
                    errors.general = Some(error.message());
                }
                errors
            }
            other => FormErrors {
                general: Some(other.message()),
                ..FormErrors::default()
            },
        }
    }
}

/// The values a valid form stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct EditValues {
    /// Trimmed name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Retention as ISO 8601 UTC (`None`: keep forever).
    pub kept_until: Option<String>,
    /// The same instant in ms since the epoch.
    pub kept_until_ms: Option<f64>,
}

impl EditForm {
    /// The form for `backup`, showing its retention in the user's time zone.
    pub fn from_backup(backup: &Backup, offset_at: OffsetAt<'_>) -> EditForm {
        let utc = backup.kept_until.as_deref().and_then(parse_timestamp_ms);
        EditForm {
            name: backup.name.clone(),
            description: backup.description.clone().unwrap_or_default(),
            kept_until: utc
                .map(|ms| utc_ms_to_local_input(ms, offset_at))
                .unwrap_or_default(),
            keep_forever: backup.kept_until.is_none(),
        }
    }

    /// Checks the form; the values to send, or a message per field.
    pub fn validate(&self, offset_at: OffsetAt<'_>) -> Result<EditValues, FormErrors> {
        let mut errors = FormErrors {
            name: name_error(&self.name, "Enter a name."),
            description: description_error(&self.description),
            ..FormErrors::default()
        };
        let mut kept_until_ms = None;
        if !self.keep_forever {
            match local_input_to_utc_ms(&self.kept_until, offset_at) {
                Some(ms) => kept_until_ms = Some(ms),
                None if self.kept_until.trim().is_empty() => {
                    errors.kept_until =
                        Some("Choose a date and time, or tick “Keep forever”.".into())
                }
                None => errors.kept_until = Some("Enter a valid date and time.".into()),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(EditValues {
            name: self.name.trim().to_owned(),
            description: self.description.clone(),
            kept_until: kept_until_ms.map(utc_ms_to_iso),
            kept_until_ms,
        })
    }

    /// True when the form differs from `initial` in a way that would be sent.
    pub fn is_dirty(&self, initial: &EditForm) -> bool {
        self.name.trim() != initial.name.trim()
            || self.description != initial.description
            || self.keep_forever != initial.keep_forever
            || (!self.keep_forever && self.kept_until != initial.kept_until)
    }

    /// The PATCH for these valid values: only what changed since `initial` (the form as opened).
    pub fn patch(&self, initial: &EditForm, values: &EditValues) -> BackupPatch {
        let retention_changed = self.keep_forever != initial.keep_forever
            || (!self.keep_forever && self.kept_until != initial.kept_until);
        BackupPatch {
            name: (values.name != initial.name.trim()).then(|| values.name.clone()),
            description: (values.description != initial.description)
                .then(|| values.description.clone()),
            kept_until: retention_changed.then(|| values.kept_until.clone()),
        }
    }

    /// True when saving would set a retention date that has already passed (the server then
    /// deletes the backup within about ten minutes), so the user must confirm first.
    pub fn needs_past_date_confirmation(
        &self,
        initial: &EditForm,
        values: &EditValues,
        now_ms: f64,
    ) -> bool {
        let changed = self.patch(initial, values).kept_until.is_some();
        changed && values.kept_until_ms.is_some_and(|ms| ms <= now_ms)
    }
}

/// What the past-date confirmation says.
pub const PAST_DATE_WARNING: &str = "This date has already passed. The server deletes expired \
backups automatically, usually within about ten minutes, and the backup cannot be recovered.";

/// A `datetime-local` value in the user's time zone as UTC ms (`None` when not a date-time).
pub fn local_input_to_utc_ms(value: &str, offset_at: OffsetAt<'_>) -> Option<f64> {
    let value = value.trim();
    // datetime-local gives `YYYY-MM-DDTHH:MM` or with seconds; never an offset.
    if value.len() < 16 || value.contains(['Z', 'z', '+']) || value[10..].contains('-') {
        return None;
    }
    let wall = parse_timestamp_ms(value)?;
    // The offset at the wall-clock instant is a good first guess; re-check at the result so a
    // date across a daylight-saving change gets its own offset.
    let guess = wall + offset_at(wall) * 60_000.0;
    Some(wall + offset_at(guess) * 60_000.0)
}

/// UTC ms as a `datetime-local` value (minutes) in the user's time zone.
pub fn utc_ms_to_local_input(utc_ms: f64, offset_at: OffsetAt<'_>) -> String {
    let wall = utc_ms - offset_at(utc_ms) * 60_000.0;
    let (y, mo, d, h, mi, _) = civil(wall);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}")
}

/// UTC ms as ISO 8601 (`2026-01-10T12:00:00Z`), what the API takes.
pub fn utc_ms_to_iso(utc_ms: f64) -> String {
    let (y, mo, d, h, mi, s) = civil(utc_ms);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Calendar fields of ms since the epoch (proleptic Gregorian, UTC).
fn civil(ms: f64) -> (i64, u32, u32, u32, u32, u32) {
    let total_s = (ms / 1000.0).floor() as i64;
    let days = total_s.div_euclid(86_400);
    let secs = total_s.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        (secs / 3600) as u32,
        ((secs % 3600) / 60) as u32,
        (secs % 60) as u32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn utc(_: f64) -> f64 {
        0.0
    }
    // Berlin in winter: UTC+1, getTimezoneOffset() = -60.
    fn berlin(_: f64) -> f64 {
        -60.0
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

    #[test]
    fn form_shows_retention_in_the_users_time_zone() {
        let b = backup("db", Some("nightly"), Some("2026-01-10T12:00:00Z"));
        let f = EditForm::from_backup(&b, &berlin);
        assert_eq!(f.kept_until, "2026-01-10T13:00");
        assert!(!f.keep_forever);
        assert_eq!(f.description, "nightly");
        let forever = EditForm::from_backup(&backup("db", None, None), &utc);
        assert!(forever.keep_forever);
        assert_eq!(forever.kept_until, "");
        assert_eq!(forever.description, "");
    }

    #[test]
    fn local_input_becomes_iso_utc() {
        let ms = local_input_to_utc_ms("2026-01-10T13:00", &berlin).unwrap();
        assert_eq!(utc_ms_to_iso(ms), "2026-01-10T12:00:00Z");
        let ms = local_input_to_utc_ms("2024-02-29T23:59", &utc).unwrap();
        assert_eq!(utc_ms_to_iso(ms), "2024-02-29T23:59:00Z");
        assert_eq!(utc_ms_to_iso(0.0), "1970-01-01T00:00:00Z");
        assert_eq!(local_input_to_utc_ms("", &utc), None);
        assert_eq!(local_input_to_utc_ms("2026-01-10", &utc), None);
        assert_eq!(local_input_to_utc_ms("2026-01-10T12:00Z", &utc), None);
        assert_eq!(local_input_to_utc_ms("2026-13-10T12:00", &utc), None);
    }

    #[test]
    fn a_dst_change_uses_the_offset_of_the_chosen_date() {
        // Offset -120 (summer) from 2026-03-29T01:00Z on, -60 before.
        let switch = parse_timestamp_ms("2026-03-29T01:00:00Z").unwrap();
        let tz = move |ms: f64| if ms >= switch { -120.0 } else { -60.0 };
        let ms = local_input_to_utc_ms("2026-06-01T12:00", &tz).unwrap();
        assert_eq!(utc_ms_to_iso(ms), "2026-06-01T10:00:00Z");
        assert_eq!(utc_ms_to_local_input(ms, &tz), "2026-06-01T12:00");
    }

    #[test]
    fn validation_names_each_field() {
        let ok = EditForm {
            name: "  db  ".into(),
            description: String::new(),
            kept_until: String::new(),
            keep_forever: true,
        };
        let v = ok.validate(&utc).unwrap();
        assert_eq!(v.name, "db");
        assert_eq!(v.kept_until, None);

        let cases = [
            (
                EditForm {
                    name: "   ".into(),
                    keep_forever: true,
                    ..ok.clone()
                },
                "name",
            ),
            (
                EditForm {
                    name: "x".repeat(151),
                    keep_forever: true,
                    ..ok.clone()
                },
                "name",
            ),
            (
                EditForm {
                    description: "d".repeat(2001),
                    ..ok.clone()
                },
                "description",
            ),
            (
                EditForm {
                    keep_forever: false,
                    ..ok.clone()
                },
                "kept_until",
            ),
            (
                EditForm {
                    keep_forever: false,
                    kept_until: "soon".into(),
                    ..ok.clone()
                },
                "kept_until",
            ),
        ];
        for (form, field) in cases {
            let e = form.validate(&utc).unwrap_err();
            let got = match field {
                "name" => e.name.is_some(),
                "description" => e.description.is_some(),
                _ => e.kept_until.is_some(),
            };
            assert!(got, "{field} should be invalid for {form:?}: {e:?}");
            assert!(e.general.is_none());
        }
        // 150 characters of any script is fine.
        let long = EditForm {
            name: "й".repeat(150),
            ..ok.clone()
        };
        assert!(long.validate(&utc).is_ok());
        let long = EditForm {
            description: "d".repeat(2000),
            ..ok
        };
        assert!(long.validate(&utc).is_ok());
    }

    #[test]
    fn patch_has_only_changed_fields() {
        let b = backup("db", Some("nightly"), Some("2026-01-10T12:00:30.123456Z"));
        let initial = EditForm::from_backup(&b, &berlin);
        let mut form = initial.clone();
        let v = form.validate(&berlin).unwrap();
        assert!(
            form.patch(&initial, &v).is_empty(),
            "seconds in the server's value do not count as a change"
        );
        assert!(!form.is_dirty(&initial));

        form.name = "db2".into();
        let v = form.validate(&berlin).unwrap();
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
        form.keep_forever = true;
        let v = form.validate(&berlin).unwrap();
        assert_eq!(
            form.patch(&initial, &v),
            BackupPatch {
                kept_until: Some(None),
                ..BackupPatch::default()
            }
        );

        let mut form = initial.clone();
        form.kept_until = "2026-02-01T08:30".into();
        form.description = String::new();
        let v = form.validate(&berlin).unwrap();
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
    fn a_past_date_needs_confirmation_only_when_changed() {
        let now = parse_timestamp_ms("2026-01-10T12:00:00Z").unwrap();
        let b = backup("db", None, Some("2026-01-01T00:00:00Z"));
        let initial = EditForm::from_backup(&b, &utc);
        let mut form = initial.clone();
        form.name = "renamed".into();
        let v = form.validate(&utc).unwrap();
        assert!(!form.needs_past_date_confirmation(&initial, &v, now));
        form.kept_until = "2026-01-09T00:00".into();
        let v = form.validate(&utc).unwrap();
        assert!(form.needs_past_date_confirmation(&initial, &v, now));
        form.kept_until = "2026-01-11T00:00".into();
        let v = form.validate(&utc).unwrap();
        assert!(!form.needs_past_date_confirmation(&initial, &v, now));
    }

    #[test]
    fn a_400_goes_to_its_fields_and_the_rest_is_general() {
        let mut fields = BTreeMap::new();
        fields.insert("name".to_string(), vec!["Too similar.".to_string()]);
        fields.insert("kept_until".to_string(), vec!["Bad date.".to_string()]);
        let e = FormErrors::from_api(&ApiError::BadRequest {
            fields: fields.clone(),
            non_field: vec![],
        });
        assert_eq!(e.name.as_deref(), Some("Too similar."));
        assert_eq!(e.kept_until.as_deref(), Some("Bad date."));
        assert_eq!(e.general, None);

        fields.insert("state".to_string(), vec!["Nope.".to_string()]);
        let e = FormErrors::from_api(&ApiError::BadRequest {
            fields,
            non_field: vec!["Whole thing is wrong.".into()],
        });
        assert_eq!(
            e.general.as_deref(),
            Some("Whole thing is wrong. state: Nope.")
        );

        let e = FormErrors::from_api(&ApiError::BadRequest {
            fields: BTreeMap::new(),
            non_field: vec![],
        });
        assert!(e.general.is_some());

        let e = FormErrors::from_api(&ApiError::Conflict(
            "Valid states for operation: OK.".into(),
        ));
        assert!(e
            .general
            .unwrap()
            .contains("Valid states for operation: OK."));
        let e = FormErrors::from_api(&ApiError::Network("offline".into()));
        assert!(e.general.unwrap().contains("Could not reach"));
        assert!(e.name.is_none());
    }
}
