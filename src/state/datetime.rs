//! Calendar dates, wall-clock times and instants: the one place that knows the Gregorian
//! calendar and how a time zone turns a local time into an instant and back.
//!
//! An instant is milliseconds since the Unix epoch (`f64`, as JavaScript's `Date` holds it). A
//! time zone comes in as a function, [`OffsetAt`], so all of this is pure: the browser passes
//! its own zone, the tests describe any zone they like.
//!
//! # Daylight-saving changes
//! A local time is read as JavaScript's `Date` (and Temporal's `"compatible"` choice) reads it,
//! so the widget and the browser's own date picker agree:
//! - a time that does not exist, skipped when clocks go forward (03:30 on the spring-forward
//!   night in Tallinn), moves forward by the length of the gap (04:30 summer time);
//! - a time that exists twice, repeated when clocks go back (03:30 on the fall-back night in
//!   Tallinn), is the earlier of the two instants (still on summer time).

/// A time zone: its offset from UTC in minutes at an instant, local − UTC (`+120` for UTC+2,
/// the sign of ISO 8601's `+02:00`; the negation of JavaScript's `getTimezoneOffset()`).
pub type OffsetAt<'a> = &'a dyn Fn(f64) -> i32;

const MS_PER_DAY: i64 = 86_400_000;

/// A calendar date (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalDate {
    /// Year (e.g. 2025).
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

/// A date and time on a wall clock (an HTML `datetime-local` value), without a time zone.
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

impl LocalDate {
    /// Days since 1970-01-01 (negative before; Howard Hinnant's `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_days_since_epoch(days: i64) -> LocalDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        LocalDate { year, month, day }
    }

    /// True when this is a day of the calendar (no 30 February).
    pub fn is_valid(self) -> bool {
        (1..=days_in_month(self.year, self.month)).contains(&self.day)
    }
}

/// Days in `month` (1–12) of `year`; 0 for a month that does not exist.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

impl LocalDateTime {
    /// Reads an HTML `datetime-local` value (`YYYY-MM-DDTHH:MM`, optionally `:SS` and `.fff`,
    /// `T` or a space between); `None` for anything else, including a value with a zone.
    pub fn parse(value: &str) -> Option<LocalDateTime> {
        let (date, time) = value.trim().split_once(['T', ' '])?;
        let mut d = date.splitn(3, '-');
        let year: i32 = d.next()?.parse().ok()?;
        let month: u32 = d.next()?.parse().ok()?;
        let day: u32 = d.next()?.parse().ok()?;
        let mut t = time.split('.').next()?.splitn(3, ':');
        let hour: u32 = t.next()?.parse().ok()?;
        let minute: u32 = t.next()?.parse().ok()?;
        let second: u32 = match t.next() {
            Some(s) => s.parse().ok()?,
            None => 0,
        };
        let date = LocalDate { year, month, day };
        (date.is_valid() && hour < 24 && minute < 60 && second < 60).then_some(LocalDateTime {
            date,
            hour,
            minute,
            second,
        })
    }

    /// The wall-clock time at `instant` in the zone `offset_at`.
    pub fn at_instant(instant_ms: f64, offset_at: OffsetAt<'_>) -> LocalDateTime {
        LocalDateTime::from_wall_ms(instant_ms + f64::from(offset_at(instant_ms)) * 60_000.0)
    }

    /// The instant this wall-clock time names in the zone `offset_at`; a time skipped or repeated
    /// by a daylight-saving change is read as the module documentation says.
    pub fn to_instant(self, offset_at: OffsetAt<'_>) -> f64 {
        let wall = self.wall_ms();
        let instant = |offset: i32| wall - f64::from(offset) * 60_000.0;
        // The zone's offsets a day either side; no zone changes its offset twice within a day,
        // so each instant this time can name uses one of the two.
        let before = offset_at(wall - MS_PER_DAY as f64);
        let after = offset_at(wall + MS_PER_DAY as f64);
        let mut candidates = [instant(before), instant(after)];
        candidates.sort_by(f64::total_cmp);
        candidates
            .into_iter()
            .find(|&t| instant(offset_at(t)) == t)
            // In a gap neither fits: the offset from before the change moves the time forward.
            .unwrap_or_else(|| instant(before))
    }

    /// As an HTML `datetime-local` value to the minute (`2026-01-10T13:00`).
    pub fn input_value(self) -> String {
        let LocalDate { year, month, day } = self.date;
        format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}",
            self.hour, self.minute
        )
    }

    /// This wall-clock time read as if it were UTC, in ms since the epoch.
    fn wall_ms(self) -> f64 {
        let seconds = self.date.days_since_epoch() * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second);
        (seconds * 1000) as f64
    }

    /// The wall-clock fields of ms since the epoch read as UTC (to the second, rounding down).
    fn from_wall_ms(ms: f64) -> LocalDateTime {
        let ms = ms.floor() as i64;
        let secs = ms.rem_euclid(MS_PER_DAY) / 1000;
        LocalDateTime {
            date: LocalDate::from_days_since_epoch(ms.div_euclid(MS_PER_DAY)),
            hour: (secs / 3600) as u32,
            minute: (secs / 60 % 60) as u32,
            second: (secs % 60) as u32,
        }
    }
}

/// An instant as ISO 8601 in UTC, to the second (`2030-12-31T22:59:00Z`): what the API takes.
pub fn iso_utc(instant_ms: f64) -> String {
    let t = LocalDateTime::from_wall_ms(instant_ms);
    format!("{}:{:02}Z", t.input_value(), t.second)
}

/// The same UTC time of day `months` calendar months later, on the month's last day when it is
/// shorter (31 January + 1 month = 28 or 29 February).
pub fn add_months(instant_ms: f64, months: u32) -> f64 {
    let mut t = LocalDateTime::from_wall_ms(instant_ms);
    let index = i64::from(t.date.year) * 12 + i64::from(t.date.month - 1) + i64::from(months);
    t.date.year = index.div_euclid(12) as i32;
    t.date.month = index.rem_euclid(12) as u32 + 1;
    t.date.day = t.date.day.min(days_in_month(t.date.year, t.date.month));
    t.wall_ms() + instant_ms.floor().rem_euclid(1000.0)
}

/// Parses a server timestamp (RFC 3339 / ISO 8601) into ms since the epoch.
///
/// Accepts `YYYY-MM-DD`, then optionally `T` (or a space) `HH:MM[:SS[.fraction]]` and a zone
/// `Z`, `±HH:MM`, `±HHMM` or `±HH`. A time without a zone, and a bare date, are read as UTC
/// (Waldur always sends a zone). Returns `None` for anything else or out-of-range parts.
pub fn parse_timestamp_ms(s: &str) -> Option<f64> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        part.iter().all(u8::is_ascii_digit).then(|| {
            part.iter()
                .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'))
        })
    };
    let year = num(0, 4)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let date = LocalDate {
        year: year as i32,
        month: num(5, 2)? as u32,
        day: num(8, 2)? as u32,
    };
    if !date.is_valid() {
        return None;
    }
    let mut ms = date.days_since_epoch() as f64 * 86_400_000.0;
    if b.len() == 10 {
        return Some(ms);
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let hour = num(11, 2)?;
    if b.get(13) != Some(&b':') {
        return None;
    }
    let minute = num(14, 2)?;
    let mut i = 16;
    let mut second = 0;
    let mut fraction = 0.0;
    if b.get(i) == Some(&b':') {
        second = num(i + 1, 2)?;
        i += 3;
        if matches!(b.get(i), Some(b'.') | Some(b',')) {
            let start = i + 1;
            let mut end = start;
            while b.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            if end == start {
                return None;
            }
            // Whole digits, as integers (up to nanoseconds): no float parsing code in the wasm.
            let (mut digits, mut scale) = (0u64, 1u64);
            for d in &b[start..end.min(start + 9)] {
                digits = digits * 10 + u64::from(d - b'0');
                scale *= 10;
            }
            fraction = digits as f64 / scale as f64;
            i = end;
        }
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset_minutes = match b.get(i) {
        None => 0,
        Some(b'Z') | Some(b'z') if i + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let oh = num(i + 1, 2)?;
            let om = match b.len() - (i + 3) {
                0 => 0,
                3 if b[i + 3] == b':' => num(i + 4, 2)?,
                2 => num(i + 3, 2)?,
                _ => return None,
            };
            if oh > 23 || om > 59 {
                return None;
            }
            let total = oh * 60 + om;
            if sign == b'+' {
                total
            } else {
                -total
            }
        }
        _ => return None,
    };
    ms += ((hour * 60 + minute - offset_minutes) * 60 + second) as f64 * 1000.0;
    Some(ms + (fraction * 1000.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> f64 {
        parse_timestamp_ms(s).unwrap()
    }

    fn local(s: &str) -> LocalDateTime {
        LocalDateTime::parse(s).unwrap()
    }

    /// A zone with one change: `first` minutes before `switch` (a UTC timestamp), `then` from it.
    fn zone(first: i32, switch: &str, then: i32) -> impl Fn(f64) -> i32 {
        let switch = at(switch);
        move |ms| if ms >= switch { then } else { first }
    }

    /// Europe/Tallinn in 2026: UTC+2, summer time UTC+3 from 29 March 01:00Z to 25 October 01:00Z
    /// (local clocks go 03:00 → 04:00 in spring and 04:00 → 03:00 in autumn).
    fn tallinn(ms: f64) -> i32 {
        if (at("2026-03-29T01:00:00Z")..at("2026-10-25T01:00:00Z")).contains(&ms) {
            180
        } else {
            120
        }
    }

    /// America/New_York in 2026: UTC−5, daylight time UTC−4 from 8 March 07:00Z to 1 November
    /// 06:00Z (local clocks go 02:00 → 03:00 in spring and 02:00 → 01:00 in autumn).
    fn new_york(ms: f64) -> i32 {
        if (at("2026-03-08T07:00:00Z")..at("2026-11-01T06:00:00Z")).contains(&ms) {
            -240
        } else {
            -300
        }
    }

    #[test]
    fn daylight_saving_boundaries_in_two_zones() {
        type Zone = fn(f64) -> i32;
        let cases: [(&str, Zone, &str, &str); 14] = [
            // Ordinary times either side of each change.
            (
                "Tallinn winter",
                tallinn,
                "2026-01-10T13:00",
                "2026-01-10T11:00:00Z",
            ),
            (
                "Tallinn summer",
                tallinn,
                "2026-06-01T12:00",
                "2026-06-01T09:00:00Z",
            ),
            (
                "Tallinn before the gap",
                tallinn,
                "2026-03-29T02:59",
                "2026-03-29T00:59:00Z",
            ),
            (
                "Tallinn after the gap",
                tallinn,
                "2026-03-29T04:00",
                "2026-03-29T01:00:00Z",
            ),
            // Spring forward: 03:30 does not exist; it means 04:30 summer time.
            (
                "Tallinn in the gap",
                tallinn,
                "2026-03-29T03:30",
                "2026-03-29T01:30:00Z",
            ),
            // Fall back: 03:30 happens twice; the first, still on summer time.
            (
                "Tallinn in the overlap",
                tallinn,
                "2026-10-25T03:30",
                "2026-10-25T00:30:00Z",
            ),
            (
                "Tallinn after the overlap",
                tallinn,
                "2026-10-25T04:00",
                "2026-10-25T02:00:00Z",
            ),
            (
                "New York winter",
                new_york,
                "2026-01-10T08:00",
                "2026-01-10T13:00:00Z",
            ),
            (
                "New York summer",
                new_york,
                "2026-07-04T20:00",
                "2026-07-05T00:00:00Z",
            ),
            (
                "New York before the gap",
                new_york,
                "2026-03-08T01:59",
                "2026-03-08T06:59:00Z",
            ),
            // Spring forward: 02:15 does not exist; it means 03:15 daylight time.
            (
                "New York in the gap",
                new_york,
                "2026-03-08T02:15",
                "2026-03-08T07:15:00Z",
            ),
            (
                "New York after the gap",
                new_york,
                "2026-03-08T03:00",
                "2026-03-08T07:00:00Z",
            ),
            // Fall back: 01:30 happens twice; the first, still on daylight time.
            (
                "New York in the overlap",
                new_york,
                "2026-11-01T01:30",
                "2026-11-01T05:30:00Z",
            ),
            (
                "New York after the overlap",
                new_york,
                "2026-11-01T02:00",
                "2026-11-01T07:00:00Z",
            ),
        ];
        for (what, zone, wall, utc) in cases {
            let instant = local(wall).to_instant(&zone);
            assert_eq!(iso_utc(instant), utc, "{what}");
        }
    }

    #[test]
    fn instants_show_the_wall_clock_of_their_zone() {
        type Zone = fn(f64) -> i32;
        let cases: [(Zone, &str, &str); 8] = [
            (tallinn, "2026-03-29T00:59:00Z", "2026-03-29T02:59"),
            (tallinn, "2026-03-29T01:00:00Z", "2026-03-29T04:00"),
            // Both instants of the repeated hour show as 03:30.
            (tallinn, "2026-10-25T00:30:00Z", "2026-10-25T03:30"),
            (tallinn, "2026-10-25T01:30:00Z", "2026-10-25T03:30"),
            (new_york, "2026-03-08T06:59:00Z", "2026-03-08T01:59"),
            (new_york, "2026-03-08T07:00:00Z", "2026-03-08T03:00"),
            (new_york, "2026-11-01T05:30:00Z", "2026-11-01T01:30"),
            (new_york, "2026-11-01T06:30:00Z", "2026-11-01T01:30"),
        ];
        for (zone, utc, wall) in cases {
            let shown = LocalDateTime::at_instant(at(utc), &zone).input_value();
            assert_eq!(shown, wall, "{utc}");
        }
    }

    #[test]
    fn a_shown_time_reads_back_as_its_instant_or_the_earlier_of_a_repeated_pair() {
        // Every minute across both of Tallinn's changes: a shown time reads back as its instant,
        // except the later copy of a repeated time, which reads back as the earlier copy.
        for (from, to) in [
            ("2026-03-28T22:00:00Z", "2026-03-29T04:00:00Z"),
            ("2026-10-24T22:00:00Z", "2026-10-25T04:00:00Z"),
        ] {
            let mut t = at(from);
            while t < at(to) {
                let wall = LocalDateTime::at_instant(t, &tallinn);
                let back = wall.to_instant(&tallinn);
                let repeated = back != t;
                assert!(
                    !repeated || back == t - 3_600_000.0,
                    "{} → {}",
                    iso_utc(t),
                    iso_utc(back)
                );
                t += 60_000.0;
            }
        }
    }

    #[test]
    fn fixed_offsets_convert_both_ways() {
        let cases = [
            ("2030-12-31T23:59", 0, "2030-12-31T23:59:00Z"),
            ("2030-12-31T23:59", 60, "2030-12-31T22:59:00Z"),
            ("2030-12-31T23:59", -300, "2031-01-01T04:59:00Z"),
            ("2030-06-01T00:30:15", 330, "2030-05-31T19:00:15Z"),
            ("2030-06-01T00:30:15.250", 0, "2030-06-01T00:30:15Z"),
            ("2028-02-29T12:00", 0, "2028-02-29T12:00:00Z"),
        ];
        for (wall, offset, utc) in cases {
            let fixed = move |_: f64| offset;
            let instant = local(wall).to_instant(&fixed);
            assert_eq!(iso_utc(instant), utc, "{wall} at {offset}");
            assert_eq!(
                LocalDateTime::at_instant(instant, &fixed).input_value(),
                wall[..16]
            );
        }
        let now = at("2025-01-31T10:00:00Z");
        for (offset, shown) in [
            (0, "2025-01-31T10:00"),
            (150, "2025-01-31T12:30"),
            (-660, "2025-01-30T23:00"),
        ] {
            let shown_at = LocalDateTime::at_instant(now, &move |_| offset).input_value();
            assert_eq!(shown_at, shown, "{offset}");
        }
    }

    #[test]
    fn a_zone_that_changes_on_another_day_uses_the_offset_of_that_day() {
        let berlin = zone(60, "2026-03-29T01:00:00Z", 120);
        let june = local("2026-06-01T12:00").to_instant(&berlin);
        assert_eq!(iso_utc(june), "2026-06-01T10:00:00Z");
        let january = local("2026-01-10T13:00").to_instant(&berlin);
        assert_eq!(iso_utc(january), "2026-01-10T12:00:00Z");
    }

    #[test]
    fn datetime_local_values_are_read_strictly() {
        assert_eq!(
            LocalDateTime::parse("2030-12-31T23:59"),
            Some(LocalDateTime {
                date: LocalDate {
                    year: 2030,
                    month: 12,
                    day: 31
                },
                hour: 23,
                minute: 59,
                second: 0
            })
        );
        assert_eq!(local("2030-06-01 00:30:15.250").second, 15);
        for bad in [
            "",
            "   ",
            "tomorrow",
            "2030-13-01T10:00",
            "2030-02-30T10:00",
            "2029-02-29T10:00",
            "2030-01-01T24:00",
            "2030-01-01T10:60",
            "2030-01-01",
            "2026-01-10T12:00Z",
            "2026-01-10T12:00+02:00",
            "2026-01-10T12:00:00-05",
        ] {
            assert_eq!(LocalDateTime::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn days_since_the_epoch_agree_both_ways() {
        for (days, (year, month, day)) in [
            (0, (1970, 1, 1)),
            (-1, (1969, 12, 31)),
            (11_016, (2000, 2, 29)),
            (19_723, (2024, 1, 1)),
            (20_147, (2025, 2, 28)),
            (-719_468, (0, 3, 1)),
        ] {
            let date = LocalDate { year, month, day };
            assert_eq!(LocalDate::from_days_since_epoch(days), date);
            assert_eq!(date.days_since_epoch(), days);
        }
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2025, 13), 0);
    }

    #[test]
    fn iso_utc_is_to_the_second() {
        assert_eq!(iso_utc(0.0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(-1000.0), "1969-12-31T23:59:59Z");
        assert_eq!(
            iso_utc(at("2024-02-29T23:59:30.999Z")),
            "2024-02-29T23:59:30Z"
        );
    }

    #[test]
    fn months_roll_over_the_year_and_keep_to_the_last_day() {
        let cases = [
            ("2025-01-31T10:00:00Z", 1, "2025-02-28T10:00:00Z"),
            ("2025-01-31T10:00:00Z", 3, "2025-04-30T10:00:00Z"),
            ("2023-11-30T00:00:00Z", 3, "2024-02-29T00:00:00Z"),
            ("2023-11-30T00:00:00Z", 1, "2023-12-30T00:00:00Z"),
            ("2024-12-15T00:00:00Z", 1, "2025-01-15T00:00:00Z"),
        ];
        for (from, months, to) in cases {
            assert_eq!(
                iso_utc(add_months(at(from), months)),
                to,
                "{from} + {months}"
            );
        }
    }

    #[test]
    fn server_timestamps() {
        let cases: &[(&str, Option<f64>)] = &[
            ("1970-01-01T00:00:00Z", Some(0.0)),
            ("2024-05-01T12:30:00Z", Some(1_714_566_600_000.0)),
            ("2024-05-01T12:30:00.250Z", Some(1_714_566_600_250.0)),
            ("2024-05-01T12:30:00.123456Z", Some(1_714_566_600_123.456)),
            ("2024-05-01T14:30:00+02:00", Some(1_714_566_600_000.0)),
            ("2024-05-01T14:30:00+0200", Some(1_714_566_600_000.0)),
            ("2024-05-01T07:00:00-05:30", Some(1_714_566_600_000.0)),
            ("2024-05-01T12:30Z", Some(1_714_566_600_000.0)),
            ("2024-05-01 12:30:00Z", Some(1_714_566_600_000.0)),
            ("2024-05-01T12:30:00", Some(1_714_566_600_000.0)),
            ("2024-05-01", Some(1_714_521_600_000.0)),
            ("2024-02-29T00:00:00Z", Some(1_709_164_800_000.0)),
            ("1969-12-31T23:59:59Z", Some(-1000.0)),
            ("2023-02-29T00:00:00Z", None),
            ("2024-13-01T00:00:00Z", None),
            ("2024-05-01T24:00:00Z", None),
            ("2024-05-01T12:30:00X", None),
            ("2024-05-01T12:30:00.Z", None),
            ("2024-05-01T12:30:00+2", None),
            ("yesterday", None),
            ("", None),
        ];
        for (input, want) in cases {
            let got = parse_timestamp_ms(input);
            match (got, want) {
                (Some(g), Some(w)) => assert!((g - w).abs() < 0.01, "{input}: {g} != {w}"),
                _ => assert_eq!(got, *want, "{input}"),
            }
        }
    }
}
