//! What numbers and times mean for a person: sizes in the right unit, "3 hours ago", and
//! whether a retention date is about to delete a backup. The browser (Intl) formats the numbers.

/// Unit for a size given in MiB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeUnit {
    /// Mebibytes.
    MiB,
    /// Gibibytes.
    GiB,
    /// Tebibytes.
    TiB,
}

impl SizeUnit {
    /// The unit's symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            SizeUnit::MiB => "MiB",
            SizeUnit::GiB => "GiB",
            SizeUnit::TiB => "TiB",
        }
    }
}

/// A size in MiB expressed in the largest unit that keeps the number at least 1.
pub fn size_in_units(mib: f64) -> (f64, SizeUnit) {
    if mib >= 1024.0 * 1024.0 {
        (mib / (1024.0 * 1024.0), SizeUnit::TiB)
    } else if mib >= 1024.0 {
        (mib / 1024.0, SizeUnit::GiB)
    } else {
        (mib, SizeUnit::MiB)
    }
}

/// Unit for a relative time (as `Intl.RelativeTimeFormat` names them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelativeUnit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Months (30 days).
    Month,
    /// Years (365 days).
    Year,
}

impl RelativeUnit {
    /// The unit name `Intl.RelativeTimeFormat` takes.
    pub fn intl_name(self) -> &'static str {
        match self {
            RelativeUnit::Second => "second",
            RelativeUnit::Minute => "minute",
            RelativeUnit::Hour => "hour",
            RelativeUnit::Day => "day",
            RelativeUnit::Month => "month",
            RelativeUnit::Year => "year",
        }
    }
}

/// `then` relative to `now` (both ms since the epoch): negative values are in the past.
pub fn relative_time(now_ms: f64, then_ms: f64) -> (i64, RelativeUnit) {
    const SECOND: f64 = 1000.0;
    const MINUTE: f64 = 60.0 * SECOND;
    const HOUR: f64 = 60.0 * MINUTE;
    const DAY: f64 = 24.0 * HOUR;
    let delta = then_ms - now_ms;
    let abs = delta.abs();
    let (size, unit) = if abs < MINUTE {
        (SECOND, RelativeUnit::Second)
    } else if abs < HOUR {
        (MINUTE, RelativeUnit::Minute)
    } else if abs < DAY {
        (HOUR, RelativeUnit::Hour)
    } else if abs < 30.0 * DAY {
        (DAY, RelativeUnit::Day)
    } else if abs < 365.0 * DAY {
        (30.0 * DAY, RelativeUnit::Month)
    } else {
        (365.0 * DAY, RelativeUnit::Year)
    };
    ((delta / size).round() as i64, unit)
}

/// How a backup's retention date looks from now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeptUntilStatus {
    /// No date: kept until someone deletes it.
    Forever,
    /// The date has passed: the server deletes it at its next sweep (every ten minutes).
    Expired,
    /// Less than 24 hours left.
    Soon,
    /// More than 24 hours left.
    Later,
    /// A date the widget could not read (shown as the server sent it).
    Unreadable,
}

impl KeptUntilStatus {
    /// True when the user should be warned (expired or within 24 hours).
    pub fn is_warning(self) -> bool {
        matches!(self, KeptUntilStatus::Expired | KeptUntilStatus::Soon)
    }

    /// The warning to show with the date, if any.
    pub fn warning(self) -> Option<crate::i18n::Msg> {
        use crate::i18n::Msg;
        match self {
            KeptUntilStatus::Expired => Some(Msg::KeptUntilExpired),
            KeptUntilStatus::Soon => Some(Msg::KeptUntilSoon),
            _ => None,
        }
    }
}

/// The status of `kept_until` (an ISO 8601 date-time, or `None` for keep forever) at `now_ms`.
pub fn kept_until_status(kept_until: Option<&str>, now_ms: f64) -> KeptUntilStatus {
    const DAY_MS: f64 = 24.0 * 3600.0 * 1000.0;
    let Some(text) = kept_until.map(str::trim).filter(|t| !t.is_empty()) else {
        return KeptUntilStatus::Forever;
    };
    match crate::state::parse_timestamp_ms(text) {
        None => KeptUntilStatus::Unreadable,
        Some(at) if at <= now_ms => KeptUntilStatus::Expired,
        Some(at) if at - now_ms < DAY_MS => KeptUntilStatus::Soon,
        Some(_) => KeptUntilStatus::Later,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_pick_the_largest_unit_that_keeps_a_whole_number() {
        assert_eq!(size_in_units(512.0), (512.0, SizeUnit::MiB));
        assert_eq!(size_in_units(1536.0), (1.5, SizeUnit::GiB));
        assert_eq!(size_in_units(3.0 * 1024.0 * 1024.0), (3.0, SizeUnit::TiB));
        assert_eq!(size_in_units(0.0), (0.0, SizeUnit::MiB));
    }

    #[test]
    fn relative_times_round_to_the_nearest_sensible_unit() {
        let now = 1_000_000_000_000.0;
        assert_eq!(
            relative_time(now, now - 30_000.0),
            (-30, RelativeUnit::Second)
        );
        assert_eq!(
            relative_time(now, now - 5.0 * 60_000.0),
            (-5, RelativeUnit::Minute)
        );
        assert_eq!(
            relative_time(now, now - 3.0 * 3_600_000.0),
            (-3, RelativeUnit::Hour)
        );
        assert_eq!(
            relative_time(now, now + 2.0 * 86_400_000.0),
            (2, RelativeUnit::Day)
        );
        assert_eq!(
            relative_time(now, now - 90.0 * 86_400_000.0),
            (-3, RelativeUnit::Month)
        );
        assert_eq!(
            relative_time(now, now - 800.0 * 86_400_000.0),
            (-2, RelativeUnit::Year)
        );
    }

    #[test]
    fn kept_until_warns_when_past_or_within_a_day() {
        let now = crate::state::parse_timestamp_ms("2026-01-10T12:00:00Z").unwrap();
        assert_eq!(kept_until_status(None, now), KeptUntilStatus::Forever);
        assert_eq!(
            kept_until_status(Some("2026-01-10T11:59:00Z"), now),
            KeptUntilStatus::Expired
        );
        assert_eq!(
            kept_until_status(Some("2026-01-11T11:00:00+00:00"), now),
            KeptUntilStatus::Soon
        );
        assert_eq!(
            kept_until_status(Some("2026-02-01T00:00:00Z"), now),
            KeptUntilStatus::Later
        );
        assert_eq!(
            kept_until_status(Some("next tuesday"), now),
            KeptUntilStatus::Unreadable
        );
        assert!(KeptUntilStatus::Expired.is_warning());
        assert!(!KeptUntilStatus::Later.is_warning());
    }
}
