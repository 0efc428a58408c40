//! Times promised in Indonesian chat text, resolved against when the message was sent:
//! "besok jam 10", "Senin 12 Mei pukul 10.00", "jam 3 sore", "lusa jm 9 pagi", "2 jam lagi",
//! "30 menit lagi". Wall-clock results are the branch's local time, like every event.

use crate::values::month_number;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;
use std::sync::LazyLock;

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,3})\s*(jam|menit|mnt)\s*(lagi|kedepan|ke depan)\b")
        .expect("relative pattern")
});
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:jam|jm|pukul|pk\.?)\s*(\d{1,2})(?:[.:](\d{2}))?\s*(pagi|siang|sore|malam|wib)?\b").expect("clock pattern")
});
static DAY_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(\d{1,2})\s+([a-z]{3,9})\b").expect("day-month pattern"));
static SLASH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b").expect("slash date pattern")
});

const WEEKDAYS: [&str; 7] = [
    "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
];

/// `text` as the patterns read it: lower case, "Jum'at" as "jumat".
fn lowered(text: &str) -> String {
    text.to_lowercase().replace("jum'at", "jumat")
}

/// The first promised moment in `text`, resolved against `sent`; `None` when the text names no
/// time (a date alone is no promise of a time).
pub fn promised_time(text: &str, sent: NaiveDateTime) -> Option<NaiveDateTime> {
    let lower = lowered(text);
    if let Some(c) = RELATIVE.captures(&lower) {
        let n: i64 = c[1].parse().ok()?;
        let step = if c[2].starts_with('j') {
            Duration::hours(n)
        } else {
            Duration::minutes(n)
        };
        return Some(sent + step);
    }
    let c = CLOCK.captures(&lower)?;
    let mut hour: u32 = c[1].parse().ok()?;
    let minute: u32 = c.get(2).map_or(Some(0), |m| m.as_str().parse().ok())?;
    match c.get(3).map(|m| m.as_str()) {
        Some("siang") if hour < 11 => hour += 12,
        Some("sore") | Some("malam") if hour < 12 => hour += 12,
        _ => {}
    }
    let time = NaiveTime::from_hms_opt(hour, minute, 0)?;
    let date = named_date(&lower, sent.date()).unwrap_or_else(|| {
        // No day named: today, or tomorrow when that hour has already passed.
        if time <= sent.time() {
            sent.date() + Duration::days(1)
        } else {
            sent.date()
        }
    });
    Some(date.and_time(time))
}

/// Whether `text` can state a time at all (`promised_time` finds none in a text without): it
/// depends on the text alone, so a text sent many times is asked once.
pub fn may_state_time(text: &str) -> bool {
    let lower = lowered(text);
    RELATIVE.is_match(&lower) || CLOCK.is_match(&lower)
}

/// Whether `text` fixes the day of the time it states ("besok", "Kamis", "6/2", "2 jam lagi"):
/// without one, "jam 11" is on whatever day the conversation is about.
pub fn states_day(text: &str, sent: NaiveDateTime) -> bool {
    let lower = lowered(text);
    RELATIVE.is_match(&lower) || named_date(&lower, sent.date()).is_some()
}

/// Every moment a text states, clause by clause ("jam 13.00 sudah penuh, yang masih lowong
/// Senin 20 Jan jam 15.00"): an offer often names a refused time first.
pub fn stated_times(text: &str, sent: NaiveDateTime) -> Vec<NaiveDateTime> {
    let mut out: Vec<NaiveDateTime> = promised_time(text, sent).into_iter().collect();
    for clause in clauses(text) {
        if let Some(t) = promised_time(&clause, sent)
            && !out.contains(&t)
        {
            out.push(t);
        }
    }
    out
}

/// A message's clauses, in order: split at commas, question and exclamation marks,
/// semicolons, line ends and full stops — a full stop only before a space ("13.00" is a time).
pub fn clauses(text: &str) -> impl Iterator<Item = String> {
    text.replace(". ", "\n")
        .split([',', '?', '!', ';', '\n'])
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The day a text names: besok, lusa, hari ini, a weekday, "12 Mei", "12/05".
fn named_date(lower: &str, today: NaiveDate) -> Option<NaiveDate> {
    if let Some(c) = DAY_MONTH
        .captures_iter(lower)
        .find(|c| month_number(&c[2]).is_some())
    {
        let (day, month) = (c[1].parse().ok()?, month_number(&c[2])?);
        return next_occurrence(today, month, day);
    }
    if let Some(c) = SLASH_DATE.captures(lower) {
        let (day, month): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        if let Some(y) = c.get(3) {
            let y: i32 = y.as_str().parse().ok()?;
            return NaiveDate::from_ymd_opt(if y < 100 { 2000 + y } else { y }, month, day);
        }
        return next_occurrence(today, month, day);
    }
    let has = |w: &str| lower.split(|c: char| !c.is_alphanumeric()).any(|t| t == w);
    if has("lusa") {
        return Some(today + Duration::days(2));
    }
    if has("besok") || has("bsk") || has("besoknya") {
        return Some(today + Duration::days(1));
    }
    if lower.contains("hari ini") || has("nanti") || has("tadi") {
        return Some(today);
    }
    for (i, w) in WEEKDAYS.iter().enumerate() {
        if has(w) {
            let ahead = (i as i64 - today.weekday().num_days_from_monday() as i64).rem_euclid(7);
            return Some(today + Duration::days(ahead));
        }
    }
    None
}

/// The date `day month` on or after `today` (this year, else next year).
fn next_occurrence(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(today.year(), month, day)?;
    if this >= today {
        Some(this)
    } else {
        NaiveDate::from_ymd_opt(today.year() + 1, month, day)
    }
}
