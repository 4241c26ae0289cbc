//! The server's notion of "now": real time, or a manual clock that moves only when a test says so.

use chrono::{DateTime, Datelike, Duration, SecondsFormat, Timelike, Utc};
use std::io::Write;
use std::time::Instant;

/// How the clock moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClockMode {
    /// Follows wall-clock time (for demos).
    Real,
    /// Moves only through `POST /__devserver/clock/advance` (for tests).
    Manual,
}

/// A clock that starts at the wall-clock time of the last reset.
#[derive(Debug)]
pub struct Clock {
    mode: ClockMode,
    start: DateTime<Utc>,
    started: Instant,
    advanced: Duration,
}

impl Clock {
    /// A clock starting now (rounded down to whole seconds so timestamps stay readable).
    pub fn new(mode: ClockMode) -> Self {
        let now = Utc::now();
        let start = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
        Clock {
            mode,
            start,
            started: Instant::now(),
            advanced: Duration::zero(),
        }
    }

    /// The current server time.
    pub fn now(&self) -> DateTime<Utc> {
        let real = match self.mode {
            ClockMode::Real => Duration::from_std(self.started.elapsed()).unwrap_or_default(),
            ClockMode::Manual => Duration::zero(),
        };
        self.start + real + self.advanced
    }

    /// Moves the clock forward (both modes).
    pub fn advance(&mut self, by: Duration) {
        self.advanced += by;
    }

    /// The clock's mode.
    pub fn mode(&self) -> ClockMode {
        self.mode
    }
}

/// Formats a timestamp the way Waldur does (`2024-05-01T12:00:00.000000Z`).
pub fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Writes `iso(t)` as a JSON string into `out` (no allocation: a list page writes 600 of them).
pub fn write_iso(out: &mut Vec<u8>, t: DateTime<Utc>) {
    let micros = (t.nanosecond() / 1000).min(999_999);
    let _ = write!(
        out,
        "\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z\"",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        micros
    );
}

/// Parses a DRF date-time input: `YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]` (no zone = UTC).
pub fn parse_datetime(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M%#z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, fmt) {
            return Some(t.with_timezone(&Utc));
        }
    }
    let naive = s.strip_suffix('Z').unwrap_or(s);
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(naive, fmt) {
            return Some(t.and_utc());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_iso_spells_times_as_iso_does() {
        for s in [
            "2026-08-25T23:39:38Z",
            "2026-01-02T03:04:05.000007Z",
            "1999-12-31T23:59:59.999999Z",
            "2030-06-15T12:00:00.123456Z",
        ] {
            let t = DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
            let mut out = Vec::new();
            write_iso(&mut out, t);
            assert_eq!(String::from_utf8(out).unwrap(), format!("\"{}\"", iso(t)));
        }
    }
}
