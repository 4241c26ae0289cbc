//! Dates and numbers in the user's locale and time zone, through the browser's `Intl`: the one
//! place the widget formats them, and where it learns the user's time zone.

use crate::state::{parse_timestamp_ms, relative_time, size_in_units};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "
function safe(f) { try { return f(); } catch (e) { return null; } }
// Formatters are costly to create (a table of 300 rows formats ~900 values): one per kind and
// locale, cached. `make(locales)` builds one; `use(f)` formats with it. A locale the browser
// rejects, or a value its formatter rejects, falls back to the browser's own locale.
const cache = new Map();
function fmt(key, make) { let f = cache.get(key); if (f === undefined) { f = safe(make); cache.set(key, f); } return f; }
function format(kind, l, make, use) {
  const fallback = () => fmt(kind, () => make(undefined));
  const f = (l ? fmt(kind + ' ' + l, () => make([l])) : null) ?? fallback();
  return safe(() => use(f)) ?? use(fallback());
}
export function wb_number(v, l, frac) {
  return format('n' + frac, l, (ls) => new Intl.NumberFormat(ls, { maximumFractionDigits: frac }), (f) => f.format(v));
}
export function wb_relative(v, unit, l) {
  return format('r', l, (ls) => new Intl.RelativeTimeFormat(ls, { numeric: 'auto' }), (f) => f.format(v, unit));
}
export function wb_datetime(ms, l) {
  return format('d', l, (ls) => new Intl.DateTimeFormat(ls, { dateStyle: 'medium', timeStyle: 'short' }), (f) => f.format(new Date(ms)));
}
export function wb_date(ms, l) {
  return format('D', l, (ls) => new Intl.DateTimeFormat(ls, { dateStyle: 'medium' }), (f) => f.format(new Date(ms)));
}
export function wb_time(ms, l) {
  return format('T', l, (ls) => new Intl.DateTimeFormat(ls, { timeStyle: 'short' }), (f) => f.format(new Date(ms)));
}
export function wb_now() { return Date.now(); }
export function wb_offset(ms) { return -new Date(ms).getTimezoneOffset(); }
")]
extern "C" {
    fn wb_number(value: f64, locale: &str, fraction_digits: u32) -> String;
    fn wb_relative(value: f64, unit: &str, locale: &str) -> String;
    fn wb_datetime(ms: f64, locale: &str) -> String;
    fn wb_date(ms: f64, locale: &str) -> String;
    fn wb_time(ms: f64, locale: &str) -> String;
    fn wb_now() -> f64;
    fn wb_offset(ms: f64) -> i32;
}

/// Milliseconds since the epoch, now.
pub fn now_ms() -> f64 {
    wb_now()
}

/// A plain number in `locale` (`None`: the browser's).
pub fn format_number(value: f64, locale: Option<&str>) -> String {
    wb_number(value, locale.unwrap_or(""), 0)
}

/// A size given in MiB, in the largest fitting unit ("1.5 GiB", "512 MiB").
pub fn format_size_mib(mib: f64, locale: Option<&str>) -> String {
    let (value, unit) = size_in_units(mib);
    let digits = if value >= 100.0 { 0 } else { 1 };
    format!(
        "{} {}",
        wb_number(value, locale.unwrap_or(""), digits),
        unit.symbol()
    )
}

/// `then_ms` relative to `now_ms` ("3 hours ago", "in 2 days").
pub fn format_relative(now_ms: f64, then_ms: f64, locale: Option<&str>) -> String {
    let (value, unit) = relative_time(now_ms, then_ms);
    wb_relative(value as f64, unit.intl_name(), locale.unwrap_or(""))
}

/// The exact local date and time ("10 Jan 2026, 13:00").
pub fn format_datetime(ms: f64, locale: Option<&str>) -> String {
    wb_datetime(ms, locale.unwrap_or(""))
}

/// The local date and the local time apart (`("10 Jan 2026", "13:00")`): a narrow column
/// puts them on two lines, never breaking inside either.
pub fn format_date_and_time(ms: f64, locale: Option<&str>) -> (String, String) {
    let l = locale.unwrap_or("");
    (wb_date(ms, l), wb_time(ms, l))
}

/// A server timestamp as the exact local date and time, as sent when it cannot be read.
pub fn format_timestamp(iso: &str, locale: Option<&str>) -> String {
    match parse_timestamp_ms(iso) {
        Some(ms) => format_datetime(ms, locale),
        None => iso.to_owned(),
    }
}

/// The user's time zone (the browser's), as the pure date logic takes it: its offset from UTC
/// in minutes at an instant (`+120` for UTC+2).
pub fn utc_offset_minutes(ms: f64) -> i32 {
    wb_offset(ms)
}
