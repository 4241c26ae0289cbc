//! "Keep until…" for the selected backups: the retention chosen, when it needs asking first,
//! the request per backup, and what the user is told about each.

use super::actions::Notice;
use super::datetime::{iso_utc, LocalDateTime, OffsetAt};
use crate::api::BackupPatch;
use crate::i18n::{Msg, Text};

/// How many retention changes are on their way at once, at most.
pub const MAX_IN_FLIGHT: usize = 4;

/// The retention the user chose for all of them.
#[derive(Clone, Debug, PartialEq)]
pub enum NewRetention {
    /// No automatic deletion.
    Forever,
    /// Deleted automatically after this instant (ms since the epoch).
    Until(f64),
}

impl NewRetention {
    /// Reads the form: "keep forever" ticked, or the `datetime-local` value in the user's zone.
    /// `None` when the date is missing or not a date.
    pub fn from_form(forever: bool, date: &str, offset_at: OffsetAt<'_>) -> Option<Self> {
        if forever {
            return Some(NewRetention::Forever);
        }
        LocalDateTime::parse(date).map(|t| NewRetention::Until(t.to_instant(offset_at)))
    }

    /// True when the date has passed at `now_ms` (the server would delete OK backups soon).
    pub fn is_past(&self, now_ms: f64) -> bool {
        matches!(self, NewRetention::Until(ms) if *ms <= now_ms)
    }

    /// The request that sets it on one backup.
    pub fn patch(&self) -> BackupPatch {
        BackupPatch {
            kept_until: Some(match self {
                NewRetention::Forever => None,
                NewRetention::Until(ms) => Some(iso_utc(*ms)),
            }),
            ..BackupPatch::default()
        }
    }
}

/// Which backups got the new retention, and why the others did not.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RetentionResults {
    /// Names of the backups changed.
    pub done: Vec<String>,
    /// Names of the backups refused, with the reason (the server's, or why it was not sent).
    pub refused: Vec<(String, Text)>,
}

impl RetentionResults {
    /// How many have an answer.
    pub fn settled(&self) -> usize {
        self.done.len() + self.refused.len()
    }

    /// The summary with one line per refused backup.
    pub fn notice(&self) -> Notice {
        let (done, refused) = (self.done.len(), self.refused.len());
        let mut notice = match (done, refused) {
            (d, 0) => Notice::success(Text::new(Msg::RetentionChanged).arg("count", d)),
            (0, r) => Notice::error(Text::new(Msg::RetentionNotChanged).arg("count", r)),
            (d, r) => Notice::warning(
                Text::new(Msg::RetentionChangedSomeRefused)
                    .arg("done", d)
                    .arg("refused", r),
            ),
        };
        notice.details = self
            .refused
            .iter()
            .map(|(name, why)| {
                Text::new(Msg::QuotedNameReason)
                    .arg("name", name.as_str())
                    .arg("reason", why.clone())
            })
            .collect();
        notice
    }
}

/// The progress line while it runs: "3 of 10 done".
pub fn progress_text(settled: usize, total: usize) -> Text {
    Text::new(Msg::RetentionProgress)
        .arg("settled", settled)
        .arg("total", total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(_: f64) -> i32 {
        0
    }
    fn plus_two(_: f64) -> i32 {
        120
    }

    /// 2026-01-10T12:00:00Z.
    const NOW: f64 = 1_768_046_400_000.0;

    #[test]
    fn the_form_gives_a_retention_in_the_users_zone() {
        let cases: [(bool, &str, OffsetAt<'_>, Option<Option<&str>>); 5] = [
            (true, "", &utc, Some(None)),
            (true, "2030-01-01T00:00", &utc, Some(None)),
            (
                false,
                "2030-01-01T10:00",
                &utc,
                Some(Some("2030-01-01T10:00:00Z")),
            ),
            (
                false,
                "2030-01-01T10:00",
                &plus_two,
                Some(Some("2030-01-01T08:00:00Z")),
            ),
            (false, "soon", &utc, None),
        ];
        for (forever, date, zone, want) in cases {
            let got =
                NewRetention::from_form(forever, date, zone).map(|r| r.patch().kept_until.unwrap());
            assert_eq!(got, want.map(|w| w.map(String::from)), "{forever} {date}");
        }
    }

    #[test]
    fn only_a_date_that_has_passed_asks_first() {
        let cases = [
            (NewRetention::Forever, false),
            (NewRetention::Until(NOW + 60_000.0), false),
            (NewRetention::Until(NOW), true),
            (NewRetention::Until(NOW - 86_400_000.0), true),
        ];
        for (r, past) in cases {
            assert_eq!(r.is_past(NOW), past, "{r:?}");
        }
    }

    #[test]
    fn the_patch_sets_only_the_retention() {
        let p = NewRetention::Forever.patch();
        assert_eq!(
            (p.name, p.description, p.kept_until),
            (None, None, Some(None))
        );
    }

    #[test]
    fn results_say_what_happened_to_each() {
        let cases = [
            (
                vec!["a", "b"],
                vec![],
                "Retention changed for 2 backups.",
                0,
            ),
            (
                vec!["a"],
                vec![("c", "Valid states for operation: OK.")],
                "Retention changed for 1 backup; 1 backup refused.",
                1,
            ),
            (
                vec![],
                vec![("c", "x"), ("d", "y")],
                "Retention could not be changed for 2 backups.",
                2,
            ),
        ];
        for (done, refused, text, lines) in cases {
            let r = RetentionResults {
                done: done.into_iter().map(String::from).collect(),
                refused: refused
                    .into_iter()
                    .map(|(n, w)| (n.to_string(), Text::verbatim(w)))
                    .collect(),
            };
            let notice = r.notice();
            assert_eq!(notice.text.english(), text);
            assert_eq!(notice.details.len(), lines);
        }
        let r = RetentionResults {
            done: vec![],
            refused: vec![(
                "db".into(),
                Text::verbatim("Valid states for operation: OK."),
            )],
        };
        assert_eq!(
            r.notice()
                .details
                .iter()
                .map(Text::english)
                .collect::<Vec<_>>(),
            ["“db”: Valid states for operation: OK."]
        );
        assert_eq!(
            progress_text(3, 10).english(),
            "Changing retention: 3 of 10 done"
        );
    }
}
