//! The "Create backup" form: its default name, validation, retention ("kept until") choices,
//! the request it sends, how a server error maps back onto it, and when the button is available.
//!
//! Time comes in as parameters (now in ms since the epoch, the user's time-zone offset), so all
//! of it runs natively under `cargo test`.

use crate::api::{ApiError, BackupCreate, BackupState};

use super::text_limits::{description_error, name_error};
pub use super::text_limits::{DESCRIPTION_MAX, NAME_MAX};

const MS_PER_DAY: i64 = 86_400_000;

/// A calendar date in the user's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalDate {
    /// Year (e.g. 2025).
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

/// A date and time as the user sees it (a `datetime-local` value), without a time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalDateTime {
    /// The date.
    pub date: LocalDate,
    /// Hour, 0–23.
    pub hour: u32,
    /// Minute, 0–59.
    pub minute: u32,
    /// Second, 0–59.
    pub second: u32,
}

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

/// How long the new backup is kept before the server deletes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Retention {
    /// Never deleted automatically.
    #[default]
    Forever,
    /// Seven days from now.
    OneWeek,
    /// One calendar month from now.
    OneMonth,
    /// Three calendar months from now.
    ThreeMonths,
    /// A date and time the user picks.
    Custom,
}

impl Retention {
    /// Every choice, in the order the form shows them.
    pub const ALL: [Retention; 5] = [
        Retention::Forever,
        Retention::OneWeek,
        Retention::OneMonth,
        Retention::ThreeMonths,
        Retention::Custom,
    ];

    /// The label shown next to the choice.
    pub fn label(self) -> &'static str {
        match self {
            Retention::Forever => "Keep forever",
            Retention::OneWeek => "1 week",
            Retention::OneMonth => "1 month",
            Retention::ThreeMonths => "3 months",
            Retention::Custom => "Until a date and time",
        }
    }

    /// A stable token for the control's `value`.
    pub fn value(self) -> &'static str {
        match self {
            Retention::Forever => "forever",
            Retention::OneWeek => "1w",
            Retention::OneMonth => "1m",
            Retention::ThreeMonths => "3m",
            Retention::Custom => "custom",
        }
    }

    /// The choice for a control `value`; unknown values keep the backup forever.
    pub fn from_value(value: &str) -> Retention {
        Retention::ALL
            .into_iter()
            .find(|r| r.value() == value)
            .unwrap_or_default()
    }
}

/// What the user typed into the "Create backup" form.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CreateForm {
    /// Backup name.
    pub name: String,
    /// Description (may be empty).
    pub description: String,
    /// Retention choice.
    pub retention: Retention,
    /// The `datetime-local` value used when `retention` is [`Retention::Custom`].
    pub custom_until: String,
}

/// Messages to show on the form: one per field, and the ones about the request as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FormErrors {
    /// About the name.
    pub name: Option<String>,
    /// About the description.
    pub description: Option<String>,
    /// About the retention date.
    pub kept_until: Option<String>,
    /// Shown at the top of the form (quota, non-field, conflict, network).
    pub top: Vec<String>,
}

/// A form control that can carry an error, in the order focus looks for the first one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormField {
    /// The name input.
    Name,
    /// The description textarea.
    Description,
    /// The retention choice or custom date.
    KeptUntil,
    /// The message area at the top.
    Top,
}

impl FormErrors {
    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.description.is_none()
            && self.kept_until.is_none()
            && self.top.is_empty()
    }

    /// Where focus should go after a failed submit: the first field with an error, else the top.
    pub fn first(&self) -> Option<FormField> {
        if self.name.is_some() {
            Some(FormField::Name)
        } else if self.description.is_some() {
            Some(FormField::Description)
        } else if self.kept_until.is_some() {
            Some(FormField::KeptUntil)
        } else if !self.top.is_empty() {
            Some(FormField::Top)
        } else {
            None
        }
    }
}

impl CreateForm {
    /// The form as it opens for an instance on a given local date.
    pub fn new(instance_name: &str, today: LocalDate) -> Self {
        CreateForm {
            name: default_name(instance_name, today),
            ..CreateForm::default()
        }
    }

    /// Checks the input and builds the request. `now_ms` is the current time (ms since the epoch);
    /// `offset_minutes` is the user's UTC offset at the custom date (+60 for UTC+1).
    pub fn to_request(&self, now_ms: f64, offset_minutes: i32) -> Result<BackupCreate, FormErrors> {
        let mut errors = FormErrors {
            name: name_error(&self.name, "Enter a name for the backup."),
            description: description_error(&self.description),
            ..FormErrors::default()
        };
        let kept_until =
            match kept_until(self.retention, &self.custom_until, now_ms, offset_minutes) {
                Ok(v) => v,
                Err(e) => {
                    errors.kept_until = Some(e);
                    None
                }
            };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(BackupCreate {
            name: self.name.trim().to_owned(),
            description: (!self.description.trim().is_empty()).then(|| self.description.clone()),
            kept_until,
        })
    }
}

/// The `kept_until` to send (ISO 8601 UTC) for a retention choice, or why the choice is not valid.
pub fn kept_until(
    retention: Retention,
    custom_until: &str,
    now_ms: f64,
    offset_minutes: i32,
) -> Result<Option<String>, String> {
    let now = now_ms.floor() as i64;
    let at = match retention {
        Retention::Forever => return Ok(None),
        Retention::OneWeek => now + 7 * MS_PER_DAY,
        Retention::OneMonth => add_months(now, 1),
        Retention::ThreeMonths => add_months(now, 3),
        Retention::Custom => {
            let value = custom_until.trim();
            if value.is_empty() {
                return Err("Choose the date and time to keep the backup until.".into());
            }
            let local = parse_datetime_local(value)
                .ok_or_else(|| "Enter a date and time such as 2030-12-31 23:59.".to_string())?;
            let at = local_to_epoch_ms(local, offset_minutes);
            if at <= now {
                return Err("Choose a date and time in the future.".into());
            }
            at
        }
    };
    Ok(Some(iso_utc(at)))
}

/// Reads an HTML `datetime-local` value (`YYYY-MM-DDTHH:MM`, optionally `:SS` and `.fff`).
pub fn parse_datetime_local(value: &str) -> Option<LocalDateTime> {
    let (date, time) = value.trim().split_once(['T', ' '])?;
    let mut d = date.splitn(3, '-');
    let year: i32 = d.next()?.parse().ok()?;
    let month: u32 = d.next()?.parse().ok()?;
    let day: u32 = d.next()?.parse().ok()?;
    let time = time.split('.').next()?;
    let mut t = time.splitn(3, ':');
    let hour: u32 = t.next()?.parse().ok()?;
    let minute: u32 = t.next()?.parse().ok()?;
    let second: u32 = match t.next() {
        Some(s) => s.parse().ok()?,
        None => 0,
    };
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60;
    valid.then_some(LocalDateTime {
        date: LocalDate { year, month, day },
        hour,
        minute,
        second,
    })
}

/// A local date-time at UTC offset `offset_minutes` as ms since the epoch.
pub fn local_to_epoch_ms(local: LocalDateTime, offset_minutes: i32) -> i64 {
    let days = days_from_civil(local.date.year, local.date.month, local.date.day);
    let seconds = days * 86_400
        + i64::from(local.hour) * 3600
        + i64::from(local.minute) * 60
        + i64::from(local.second)
        - i64::from(offset_minutes) * 60;
    seconds * 1000
}

/// ms since the epoch as ISO 8601 in UTC, to the second (`2030-12-31T22:59:00Z`).
pub fn iso_utc(ms: i64) -> String {
    let days = ms.div_euclid(MS_PER_DAY);
    let secs = ms.rem_euclid(MS_PER_DAY) / 1000;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// An instant as a `datetime-local` value (`YYYY-MM-DDTHH:MM`) at UTC offset `offset_minutes`.
pub fn datetime_local_value(ms: i64, offset_minutes: i32) -> String {
    let local = ms + i64::from(offset_minutes) * 60_000;
    iso_utc(local)[..16].to_owned()
}

/// The same time of day `months` calendar months later, on the last day if the month is shorter.
fn add_months(ms: i64, months: u32) -> i64 {
    let days = ms.div_euclid(MS_PER_DAY);
    let time = ms.rem_euclid(MS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    let index = i64::from(y) * 12 + i64::from(m - 1) + i64::from(months);
    let year = index.div_euclid(12) as i32;
    let month = index.rem_euclid(12) as u32 + 1;
    let day = d.min(days_in_month(year, month));
    days_from_civil(year, month, day) * MS_PER_DAY + time
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

/// Where the messages of a failed create go: 400 field errors onto their fields, everything else
/// (quota, non-field, 409, network) to the top, as a sentence the user can act on.
pub fn errors_from_api(error: &ApiError) -> FormErrors {
    let mut out = FormErrors::default();
    match error {
        ApiError::BadRequest { fields, non_field } => {
            out.top.extend(non_field.iter().cloned());
            for (field, messages) in fields {
                let text = messages.join(" ");
                match field.as_str() {
                    "name" => out.name = Some(text),
                    "description" => out.description = Some(text),
                    "kept_until" => out.kept_until = Some(text),
                    other => out.top.push(format!("{other}: {text}")),
                }
            }
            if out.is_empty() {
                out.top.push(error.message());
            }
        }
        ApiError::Conflict(detail) => out.top.push(format!(
            "{} The instance must be OK to back it up; refresh to see its current state.",
            ensure_sentence(detail)
        )),
        other => out.top.push(other.message()),
    }
    out
}

fn ensure_sentence(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '!', '?']) {
        s.to_owned()
    } else {
        format!("{s}.")
    }
}

/// Whether a backup of an instance in `state` can be started, or why not (shown beside the button).
pub fn can_create_backup(state: &BackupState) -> Result<(), String> {
    if *state == BackupState::Ok {
        Ok(())
    } else {
        Err(format!(
            "Available when the instance is OK (now: {})",
            state.label()
        ))
    }
}

/// The announcement after the server accepted a new backup.
pub fn created_message(name: &str) -> String {
    format!("Backup “{name}” is being created.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    const fn date(year: i32, month: u32, day: u32) -> LocalDate {
        LocalDate { year, month, day }
    }

    /// 2025-01-31T10:00:00Z.
    const NOW: f64 = 1_738_317_600_000.0;

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
        let form = CreateForm::new("web-01", date(2025, 3, 7));
        assert_eq!(form.name, "web-01-backup-2025-03-07");
        assert_eq!(form.retention, Retention::Forever);
        let req = form.to_request(NOW, 0).unwrap();
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
    fn name_and_description_are_validated() {
        let cases: [(&str, &str, bool, bool); 7] = [
            ("ok", "", false, false),
            ("", "", true, false),
            ("   ", "", true, false),
            (&"n".repeat(150), "", false, false),
            (&"n".repeat(151), "", true, false),
            ("ok", &"d".repeat(2000), false, false),
            ("ok", &"d".repeat(2001), false, true),
        ];
        for (name, description, name_err, desc_err) in cases {
            let form = CreateForm {
                name: name.into(),
                description: description.into(),
                ..CreateForm::default()
            };
            let result = form.to_request(NOW, 0);
            let errors = result.clone().err().unwrap_or_default();
            assert_eq!(errors.name.is_some(), name_err, "name {:?}", name.len());
            assert_eq!(
                errors.description.is_some(),
                desc_err,
                "description {}",
                description.len()
            );
            assert_eq!(result.is_ok(), !name_err && !desc_err);
        }
    }

    #[test]
    fn the_request_trims_the_name_and_leaves_out_an_empty_description() {
        let form = CreateForm {
            name: "  nightly  ".into(),
            description: "before upgrade".into(),
            ..CreateForm::default()
        };
        let req = form.to_request(NOW, 0).unwrap();
        assert_eq!(req.name, "nightly");
        assert_eq!(req.description.as_deref(), Some("before upgrade"));
        let blank = CreateForm {
            name: "n".into(),
            description: "  ".into(),
            ..CreateForm::default()
        };
        assert_eq!(blank.to_request(NOW, 0).unwrap().description, None);
    }

    #[test]
    fn quick_choices_count_from_now() {
        let cases = [
            (Retention::Forever, None),
            (Retention::OneWeek, Some("2025-02-07T10:00:00Z")),
            // January 31st plus one month is the last day of February.
            (Retention::OneMonth, Some("2025-02-28T10:00:00Z")),
            (Retention::ThreeMonths, Some("2025-04-30T10:00:00Z")),
        ];
        for (retention, expected) in cases {
            assert_eq!(
                kept_until(retention, "", NOW, 120).unwrap().as_deref(),
                expected,
                "{retention:?}"
            );
        }
    }

    #[test]
    fn months_roll_over_the_year_and_leap_days() {
        // 2023-11-30T00:00:00Z + 3 months = 2024-02-29 (leap year).
        let nov30 = days_from_civil(2023, 11, 30) * MS_PER_DAY;
        assert_eq!(iso_utc(add_months(nov30, 3)), "2024-02-29T00:00:00Z");
        assert_eq!(iso_utc(add_months(nov30, 1)), "2023-12-30T00:00:00Z");
        let dec15 = days_from_civil(2024, 12, 15) * MS_PER_DAY;
        assert_eq!(iso_utc(add_months(dec15, 1)), "2025-01-15T00:00:00Z");
    }

    #[test]
    fn a_custom_local_time_becomes_utc() {
        let cases = [
            ("2030-12-31T23:59", 0, "2030-12-31T23:59:00Z"),
            ("2030-12-31T23:59", 60, "2030-12-31T22:59:00Z"),
            ("2030-12-31T23:59", -300, "2031-01-01T04:59:00Z"),
            ("2030-06-01T00:30:15", 330, "2030-05-31T19:00:15Z"),
            ("2030-06-01T00:30:15.250", 0, "2030-06-01T00:30:15Z"),
            ("2028-02-29T12:00", 0, "2028-02-29T12:00:00Z"),
        ];
        for (value, offset, expected) in cases {
            assert_eq!(
                kept_until(Retention::Custom, value, NOW, offset)
                    .unwrap()
                    .as_deref(),
                Some(expected),
                "{value} at {offset}"
            );
        }
    }

    #[test]
    fn a_custom_time_that_is_missing_invalid_or_past_is_an_error() {
        for value in [
            "",
            "   ",
            "tomorrow",
            "2030-13-01T10:00",
            "2030-02-30T10:00",
            "2030-01-01T24:00",
            "2030-01-01",
            "2025-01-31T09:59",
        ] {
            let form = CreateForm {
                name: "n".into(),
                retention: Retention::Custom,
                custom_until: value.into(),
                ..CreateForm::default()
            };
            let errors = form.to_request(NOW, 0).unwrap_err();
            assert!(errors.kept_until.is_some(), "{value:?}");
            assert_eq!(errors.first(), Some(FormField::KeptUntil));
        }
        // Only the custom choice reads the date field.
        let form = CreateForm {
            name: "n".into(),
            retention: Retention::OneWeek,
            custom_until: "garbage".into(),
            ..CreateForm::default()
        };
        assert!(form.to_request(NOW, 0).is_ok());
    }

    #[test]
    fn an_instant_becomes_a_datetime_local_value() {
        assert_eq!(datetime_local_value(NOW as i64, 0), "2025-01-31T10:00");
        assert_eq!(datetime_local_value(NOW as i64, 150), "2025-01-31T12:30");
        assert_eq!(datetime_local_value(NOW as i64, -660), "2025-01-30T23:00");
        let back = parse_datetime_local(&datetime_local_value(NOW as i64, 60)).unwrap();
        assert_eq!(local_to_epoch_ms(back, 60), NOW as i64);
    }

    #[test]
    fn retention_values_round_trip() {
        for r in Retention::ALL {
            assert_eq!(Retention::from_value(r.value()), r);
        }
        assert_eq!(Retention::from_value("nonsense"), Retention::Forever);
    }

    #[test]
    fn epoch_conversions_agree() {
        for (days, ymd) in [
            (0, (1970, 1, 1)),
            (-1, (1969, 12, 31)),
            (19_723, (2024, 1, 1)),
            (20_147, (2025, 2, 28)),
        ] {
            assert_eq!(civil_from_days(days), ymd);
            assert_eq!(days_from_civil(ymd.0, ymd.1, ymd.2), days);
        }
        assert_eq!(iso_utc(NOW as i64), "2025-01-31T10:00:00Z");
    }

    fn bad_request(fields: &[(&str, &str)], non_field: &[&str]) -> ApiError {
        ApiError::BadRequest {
            fields: fields
                .iter()
                .map(|(k, v)| (k.to_string(), vec![v.to_string()]))
                .collect::<BTreeMap<_, _>>(),
            non_field: non_field.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn server_errors_map_to_fields_and_the_top() {
        let quota = "One or more quotas were exceeded: snapshots quota limit: 3, requires 4.";
        let cases = [
            (
                bad_request(
                    &[("name", "Ensure this field has no more than 150 characters.")],
                    &[],
                ),
                FormErrors {
                    name: Some("Ensure this field has no more than 150 characters.".into()),
                    ..FormErrors::default()
                },
                Some(FormField::Name),
            ),
            (
                bad_request(
                    &[
                        ("description", "Too long."),
                        ("kept_until", "Datetime has wrong format."),
                    ],
                    &[],
                ),
                FormErrors {
                    description: Some("Too long.".into()),
                    kept_until: Some("Datetime has wrong format.".into()),
                    ..FormErrors::default()
                },
                Some(FormField::Description),
            ),
            (
                bad_request(&[], &[quota]),
                FormErrors {
                    top: vec![quota.into()],
                    ..FormErrors::default()
                },
                Some(FormField::Top),
            ),
            (
                bad_request(&[("instance", "Gone.")], &["Nope."]),
                FormErrors {
                    top: vec!["Nope.".into(), "instance: Gone.".into()],
                    ..FormErrors::default()
                },
                Some(FormField::Top),
            ),
        ];
        for (error, expected, first) in cases {
            let got = errors_from_api(&error);
            assert_eq!(got, expected, "{error:?}");
            assert_eq!(got.first(), first);
        }
    }

    #[test]
    fn an_empty_400_conflict_and_network_error_go_to_the_top() {
        let empty = errors_from_api(&bad_request(&[], &[]));
        assert_eq!(empty.top.len(), 1);
        let conflict = errors_from_api(&ApiError::Conflict(
            "Valid states for operation: OK.".into(),
        ));
        assert!(conflict.top[0].starts_with("Valid states for operation: OK."));
        assert!(conflict.name.is_none());
        let network = errors_from_api(&ApiError::Network("fetch failed".into()));
        assert_eq!(
            network.top,
            vec![ApiError::Network(String::new()).message()]
        );
    }

    #[test]
    fn only_an_ok_instance_can_be_backed_up() {
        assert_eq!(can_create_backup(&BackupState::Ok), Ok(()));
        let cases = [
            (
                BackupState::Creating,
                "Available when the instance is OK (now: Creating)",
            ),
            (
                BackupState::Erred,
                "Available when the instance is OK (now: Erred)",
            ),
            (
                BackupState::UpdateScheduled,
                "Available when the instance is OK (now: Update scheduled)",
            ),
            (
                BackupState::Other("STOPPED".into()),
                "Available when the instance is OK (now: STOPPED)",
            ),
        ];
        for (state, reason) in cases {
            assert_eq!(can_create_backup(&state), Err(reason.to_string()));
        }
    }

    #[test]
    fn the_announcement_names_the_backup() {
        assert_eq!(
            created_message("web-01-backup-2025-03-07"),
            "Backup “web-01-backup-2025-03-07” is being created."
        );
    }
}
