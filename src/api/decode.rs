//! Turning response JSON into typed values, with errors that name the offending field.

#[cfg(target_arch = "wasm32")]
use serde::de::DeserializeOwned;
use serde::de::{Deserialize, Deserializer};

use super::error::ApiError;

/// Deserializes `T` from any serde deserializer; a failure becomes [`ApiError::Decode`] naming
/// the path of the bad value (`restorations[0].created: invalid type: …`).
pub fn decode<'de, D, T>(deserializer: D) -> Result<T, ApiError>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner().to_string();
        if path.is_empty() || path == "." {
            ApiError::Decode(inner)
        } else {
            ApiError::Decode(format!("{path}: {inner}"))
        }
    })
}

/// Deserializes `T` from a JavaScript value (the result of `JSON.parse`).
#[cfg(target_arch = "wasm32")]
pub fn decode_js<T: DeserializeOwned>(value: wasm_bindgen::JsValue) -> Result<T, ApiError> {
    decode(serde_wasm_bindgen::Deserializer::from(value))
}

/// `null` or a missing value becomes `T::default()` (an empty list, an empty map).
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Parses an RFC 3339 / ISO 8601 timestamp into milliseconds since the Unix epoch.
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
    let month = num(5, 2)?;
    let day = num(8, 2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let mut ms = days_from_civil(year, month, day) as f64 * 86_400_000.0;
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
            fraction = format!("0.{}", &s[start..end]).parse().ok()?;
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

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
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
