//! The fields of every form that names a backup, creating or editing it: name, description and
//! how long to keep it. How they are checked, the one error type for them, and where a failed
//! request's messages go. What each form then sends is in [`create`](super::create) and
//! [`edit`](super::edit).
//!
//! Time comes in as parameters (now in ms since the epoch, the user's time zone as an
//! [`OffsetAt`]), so all of it runs natively under `cargo test`.

use crate::api::ApiError;
use crate::i18n::{Msg, Text};

use super::datetime::{add_months, iso_utc, LocalDateTime, OffsetAt};
use super::text_limits::{description_error, name_error};

/// Which form the fields are in: a few messages and the rule for a past date differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// "Create backup": the retention date must lie in the future.
    Create,
    /// Editing a backup in the drawer: a past date is allowed (the drawer asks first).
    Edit,
}

/// How long a backup is kept before the server deletes it.
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
    /// The date and time in [`BackupForm::until`].
    Custom,
}

impl Retention {
    /// Every choice, in the order the create form shows them.
    pub const ALL: [Retention; 5] = [
        Retention::Forever,
        Retention::OneWeek,
        Retention::OneMonth,
        Retention::ThreeMonths,
        Retention::Custom,
    ];

    /// The label shown next to the choice.
    pub fn label(self) -> Msg {
        match self {
            Retention::Forever => Msg::KeepForever,
            Retention::OneWeek => Msg::KeepOneWeek,
            Retention::OneMonth => Msg::KeepOneMonth,
            Retention::ThreeMonths => Msg::KeepThreeMonths,
            Retention::Custom => Msg::KeepUntilDate,
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

/// What the user typed into a backup's form.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct BackupForm {
    /// Name as typed.
    pub name: String,
    /// Description as typed (may be empty).
    pub description: String,
    /// How long to keep the backup.
    pub retention: Retention,
    /// The `datetime-local` value (the user's wall clock) used when `retention` is
    /// [`Retention::Custom`]; kept while another choice is made, so switching back restores it.
    pub until: String,
}

/// What a checked form stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupValues {
    /// The name, trimmed.
    pub name: String,
    /// The description as typed.
    pub description: String,
    /// When the server deletes the backup, in ms since the epoch (`None`: keep forever).
    pub kept_until_ms: Option<f64>,
}

impl BackupValues {
    /// The retention as the API takes it: ISO 8601 in UTC, or `None` for keep forever.
    pub fn kept_until(&self) -> Option<String> {
        self.kept_until_ms.map(iso_utc)
    }
}

/// Messages to show on a backup's form: one per field, and those about the request as a whole.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct FormErrors {
    /// About the name.
    pub name: Option<Text>,
    /// About the description.
    pub description: Option<Text>,
    /// About the retention date.
    pub kept_until: Option<Text>,
    /// Not tied to one field (quota, non-field messages, 409, network), in order.
    pub top: Vec<Text>,
}

/// A form control that can carry an error, in the order focus looks for the first one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormField {
    /// The name input.
    Name,
    /// The description textarea.
    Description,
    /// The retention choice or date.
    KeptUntil,
    /// The message area at the top.
    Top,
}

impl FormErrors {
    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.first().is_none()
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

    /// The messages at the top as one paragraph, if there are any.
    pub fn top_text(&self) -> Option<Text> {
        join_sentences(&self.top)
    }

    /// Where a failed request's messages go: a 400's field messages beside their fields, the
    /// rest (other fields, non-field messages, 409, network) at the top, as sentences the user
    /// can act on.
    pub fn from_api(error: &ApiError, purpose: Purpose) -> FormErrors {
        let mut out = FormErrors::default();
        match error {
            ApiError::BadRequest { fields, non_field } => {
                out.top.extend(non_field.iter().map(Text::verbatim));
                for (field, messages) in fields {
                    let text = Text::verbatim(messages.join(" "));
                    match field.as_str() {
                        "name" => out.name = Some(text),
                        "description" => out.description = Some(text),
                        "kept_until" => out.kept_until = Some(text),
                        other => out
                            .top
                            .push(Text::verbatim(format!("{other}: {}", messages.join(" ")))),
                    }
                }
                if out.is_empty() {
                    out.top.push(error.message());
                }
            }
            // Creating needs an instance that is OK: say so, not just "refresh".
            ApiError::Conflict(_) if purpose == Purpose::Create => out
                .top
                .push(Text::new(Msg::CreateConflict).arg("reason", error.conflict_reason())),
            other => out.top.push(other.message()),
        }
        out
    }
}

/// Sentences shown as one paragraph, in order (`None` when there are none).
pub fn join_sentences(texts: &[Text]) -> Option<Text> {
    let (last, rest) = texts.split_last()?;
    Some(rest.iter().rev().fold(last.clone(), |after, first| {
        Text::new(Msg::TwoSentences)
            .arg("first", first.clone())
            .arg("second", after)
    }))
}

impl FormErrors {
    /// Once a form was submitted, each field's message follows its value: every field that
    /// differs between `before` and `after` gets the message its new value deserves (none when
    /// it is fine now; a server's message about the old value no longer applies). Messages at
    /// the top stay until the next submit.
    pub fn follow(
        &mut self,
        before: &BackupForm,
        after: &BackupForm,
        purpose: Purpose,
        now_ms: f64,
        offset_at: OffsetAt<'_>,
    ) {
        let checked = match after.check(purpose, now_ms, offset_at) {
            Ok(_) => FormErrors::default(),
            Err(e) => e,
        };
        if before.name != after.name {
            self.name = checked.name;
        }
        if before.description != after.description {
            self.description = checked.description;
        }
        if before.retention != after.retention || before.until != after.until {
            self.kept_until = checked.kept_until;
        }
    }
}

impl BackupForm {
    /// Checks the input at `now_ms` in the user's time zone; the values to send, or a message
    /// per field.
    pub fn check(
        &self,
        purpose: Purpose,
        now_ms: f64,
        offset_at: OffsetAt<'_>,
    ) -> Result<BackupValues, FormErrors> {
        let blank_name = match purpose {
            Purpose::Create => Msg::EnterBackupName,
            Purpose::Edit => Msg::EnterName,
        };
        let mut errors = FormErrors {
            name: name_error(&self.name, blank_name),
            description: description_error(&self.description),
            ..FormErrors::default()
        };
        let kept_until_ms = match self.kept_until_ms(purpose, now_ms, offset_at) {
            Ok(ms) => ms,
            Err(message) => {
                errors.kept_until = Some(Text::new(message));
                None
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(BackupValues {
            name: self.name.trim().to_owned(),
            description: self.description.clone(),
            kept_until_ms,
        })
    }

    /// The instant the retention choice stands for, or why it is not valid.
    fn kept_until_ms(
        &self,
        purpose: Purpose,
        now_ms: f64,
        offset_at: OffsetAt<'_>,
    ) -> Result<Option<f64>, Msg> {
        const WEEK_MS: f64 = 7.0 * 86_400_000.0;
        let now = now_ms.floor();
        Ok(Some(match self.retention {
            Retention::Forever => return Ok(None),
            Retention::OneWeek => now + WEEK_MS,
            Retention::OneMonth => add_months(now, 1),
            Retention::ThreeMonths => add_months(now, 3),
            Retention::Custom => {
                if self.until.trim().is_empty() {
                    return Err(match purpose {
                        Purpose::Create => Msg::ChooseKeptUntil,
                        Purpose::Edit => Msg::ChooseDateOrForever,
                    });
                }
                let at = LocalDateTime::parse(&self.until)
                    .ok_or(Msg::EnterDateTime)?
                    .to_instant(offset_at);
                if purpose == Purpose::Create && at <= now {
                    return Err(Msg::ChooseFutureDate);
                }
                at
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// 2025-01-31T10:00:00Z.
    const NOW: f64 = 1_738_317_600_000.0;

    fn utc(_: f64) -> i32 {
        0
    }

    fn form(retention: Retention, until: &str) -> BackupForm {
        BackupForm {
            name: "n".into(),
            retention,
            until: until.into(),
            ..BackupForm::default()
        }
    }

    fn kept_until(f: &BackupForm, purpose: Purpose, offset: i32) -> Result<Option<String>, String> {
        f.check(purpose, NOW, &move |_| offset)
            .map(|v| v.kept_until())
            .map_err(|e| e.kept_until.map(|t| t.english()).unwrap_or_default())
    }

    #[test]
    fn names_and_descriptions_are_checked_alike_in_both_forms() {
        let cases: [(&str, &str, bool, bool); 7] = [
            ("ok", "", false, false),
            ("", "", true, false),
            ("   ", "", true, false),
            (&"n".repeat(150), "", false, false),
            (&"n".repeat(151), "", true, false),
            ("ok", &"d".repeat(2000), false, false),
            ("ok", &"d".repeat(2001), false, true),
        ];
        for purpose in [Purpose::Create, Purpose::Edit] {
            for (name, description, name_err, desc_err) in cases {
                let f = BackupForm {
                    name: name.into(),
                    description: description.into(),
                    ..BackupForm::default()
                };
                let result = f.check(purpose, NOW, &utc);
                let errors = result.clone().err().unwrap_or_default();
                assert_eq!(errors.name.is_some(), name_err, "name {}", name.len());
                assert_eq!(errors.description.is_some(), desc_err, "description");
                assert_eq!(result.is_ok(), !name_err && !desc_err);
                assert!(errors.top.is_empty());
            }
        }
        // 150 characters of any script are fine.
        let long = BackupForm {
            name: "й".repeat(150),
            ..BackupForm::default()
        };
        assert!(long.check(Purpose::Edit, NOW, &utc).is_ok());
    }

    #[test]
    fn after_a_submit_each_message_follows_its_value() {
        for purpose in [Purpose::Create, Purpose::Edit] {
            let too_long = BackupForm {
                name: "n".repeat(151),
                description: "d".repeat(2001),
                ..BackupForm::default()
            };
            let mut errors = too_long.check(purpose, NOW, &utc).unwrap_err();
            assert_eq!(
                errors.name.as_ref().map(Text::english).as_deref(),
                Some("Use at most 150 characters (now 151).")
            );
            // One more character: the count in the message follows.
            let longer = BackupForm {
                name: "n".repeat(152),
                ..too_long.clone()
            };
            errors.follow(&too_long, &longer, purpose, NOW, &utc);
            assert_eq!(
                errors.name.as_ref().map(Text::english).as_deref(),
                Some("Use at most 150 characters (now 152).")
            );
            // Fixed: the message goes; the description, untouched, keeps its own.
            let fixed = BackupForm {
                name: "n".repeat(150),
                ..longer.clone()
            };
            errors.follow(&longer, &fixed, purpose, NOW, &utc);
            assert_eq!(errors.name, None);
            assert!(errors.description.is_some());
            // A server's message about a value goes when the value changes.
            let mut server = FormErrors::from_api(
                &bad_request(&[("name", "Too similar.")], &["Quota."]),
                purpose,
            );
            let renamed = BackupForm {
                name: "other".into(),
                ..BackupForm::default()
            };
            let before = BackupForm {
                name: "same".into(),
                ..BackupForm::default()
            };
            server.follow(&before, &renamed, purpose, NOW, &utc);
            assert_eq!(server.name, None);
            assert_eq!(
                server.top.iter().map(Text::english).collect::<Vec<_>>(),
                vec!["Quota.".to_string()],
                "the top waits for a submit"
            );
            // Emptied: the blank-name message.
            server.follow(&renamed, &BackupForm::default(), purpose, NOW, &utc);
            assert!(server.name.is_some());
            // Retention: choosing another option or date re-checks the date.
            let mut dated = form(Retention::Custom, "")
                .check(purpose, NOW, &utc)
                .unwrap_err();
            dated.follow(
                &form(Retention::Custom, ""),
                &form(Retention::Custom, "2030-01-01T10:00"),
                purpose,
                NOW,
                &utc,
            );
            assert_eq!(dated.kept_until, None);
        }
    }

    #[test]
    fn the_values_trim_the_name_and_keep_the_description() {
        let f = BackupForm {
            name: "  nightly  ".into(),
            description: " before upgrade ".into(),
            ..BackupForm::default()
        };
        let v = f.check(Purpose::Create, NOW, &utc).unwrap();
        assert_eq!(v.name, "nightly");
        assert_eq!(v.description, " before upgrade ");
        assert_eq!(v.kept_until(), None);
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
            let got = kept_until(&form(retention, "garbage"), Purpose::Create, 120);
            assert_eq!(got.unwrap().as_deref(), expected, "{retention:?}");
        }
    }

    #[test]
    fn a_custom_local_time_becomes_utc() {
        let cases = [
            ("2030-12-31T23:59", 0, "2030-12-31T23:59:00Z"),
            ("2030-12-31T23:59", 60, "2030-12-31T22:59:00Z"),
            ("2030-12-31T23:59", -300, "2031-01-01T04:59:00Z"),
            ("2030-06-01T00:30:15", 330, "2030-05-31T19:00:15Z"),
            ("2028-02-29T12:00", 0, "2028-02-29T12:00:00Z"),
        ];
        for purpose in [Purpose::Create, Purpose::Edit] {
            for (value, offset, expected) in cases {
                let got = kept_until(&form(Retention::Custom, value), purpose, offset);
                assert_eq!(
                    got.unwrap().as_deref(),
                    Some(expected),
                    "{value} at {offset}"
                );
            }
        }
    }

    #[test]
    fn a_custom_time_that_is_missing_or_invalid_is_an_error_in_both_forms() {
        for purpose in [Purpose::Create, Purpose::Edit] {
            for value in [
                "",
                "   ",
                "tomorrow",
                "2030-13-01T10:00",
                "2030-02-30T10:00",
                "2030-01-01T24:00",
                "2030-01-01",
                "2030-01-01T10:00Z",
            ] {
                let errors = form(Retention::Custom, value)
                    .check(purpose, NOW, &utc)
                    .unwrap_err();
                assert!(errors.kept_until.is_some(), "{value:?}");
                assert_eq!(errors.first(), Some(FormField::KeptUntil));
            }
        }
    }

    #[test]
    fn a_past_date_is_refused_when_creating_and_allowed_when_editing() {
        let past = form(Retention::Custom, "2025-01-31T09:59");
        assert_eq!(
            kept_until(&past, Purpose::Create, 0),
            Err("Choose a date and time in the future.".into())
        );
        assert_eq!(
            kept_until(&past, Purpose::Edit, 0),
            Ok(Some("2025-01-31T09:59:00Z".into()))
        );
    }

    #[test]
    fn retention_values_round_trip() {
        for r in Retention::ALL {
            assert_eq!(Retention::from_value(r.value()), r);
        }
        assert_eq!(Retention::from_value("nonsense"), Retention::Forever);
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
        for purpose in [Purpose::Create, Purpose::Edit] {
            for (error, expected, first) in &cases {
                let got = FormErrors::from_api(error, purpose);
                assert_eq!(&got, expected, "{error:?}");
                assert_eq!(got.first(), *first);
            }
        }
    }

    #[test]
    fn a_400_goes_to_its_fields_and_the_rest_is_one_paragraph_at_the_top() {
        let mut fields = BTreeMap::new();
        fields.insert("name".to_string(), vec!["Too similar.".to_string()]);
        fields.insert("kept_until".to_string(), vec!["Bad date.".to_string()]);
        let e = FormErrors::from_api(
            &ApiError::BadRequest {
                fields: fields.clone(),
                non_field: vec![],
            },
            Purpose::Edit,
        );
        assert_eq!(
            e.name.as_ref().map(Text::english).as_deref(),
            Some("Too similar.")
        );
        assert_eq!(
            e.kept_until.as_ref().map(Text::english).as_deref(),
            Some("Bad date.")
        );
        assert_eq!(e.top_text(), None);

        fields.insert("state".to_string(), vec!["Nope.".to_string()]);
        let e = FormErrors::from_api(
            &ApiError::BadRequest {
                fields,
                non_field: vec!["Whole thing is wrong.".into()],
            },
            Purpose::Edit,
        );
        assert_eq!(
            e.top_text().map(|t| t.english()).as_deref(),
            Some("Whole thing is wrong. state: Nope.")
        );
    }

    #[test]
    fn an_empty_400_conflict_and_network_error_go_to_the_top() {
        for purpose in [Purpose::Create, Purpose::Edit] {
            let empty = FormErrors::from_api(&bad_request(&[], &[]), purpose);
            assert_eq!(empty.top.len(), 1);
            let network = FormErrors::from_api(&ApiError::Network("fetch failed".into()), purpose);
            assert_eq!(
                network.top,
                vec![ApiError::Network(String::new()).message()]
            );
            assert!(network.top[0].english().contains("Could not reach"));
            assert!(network.name.is_none());
        }
        let conflict = ApiError::Conflict("Valid states for operation: OK.".into());
        let create = FormErrors::from_api(&conflict, Purpose::Create);
        assert!(create.top[0]
            .english()
            .starts_with("Valid states for operation: OK."));
        assert!(create.top[0].english().contains("The instance must be OK"));
        assert!(create.name.is_none());
        let edit = FormErrors::from_api(&conflict, Purpose::Edit);
        assert_eq!(
            edit.top_text().map(|t| t.english()).as_deref(),
            Some("Valid states for operation: OK. Refresh to see the current state.")
        );
    }
}
