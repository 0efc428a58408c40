//! The branch calendar: operating hours, holidays and business durations.
//!
//! Every time here is the branch's local wall-clock time (`NaiveDateTime`); sources that carry
//! an offset are converted to the branch time zone when they are imported. Business time is the
//! part of an interval that falls inside operating hours on an operating day. All rule clocks
//! ("reply within 5 minutes", "within 2 business hours", "H-1") are answered here and nowhere else.

mod holidays;
mod hours;

pub use holidays::{Holiday, HolidayKind, shipped_holidays};
pub use hours::{DayHours, Span, WeeklyHours};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use std::collections::BTreeSet;

/// How far the calendar looks for the next operating day before it gives up: a branch with no
/// operating time in a year is a configuration error, not a reason to loop forever.
const SEARCH_DAYS: i64 = 400;

/// One branch's calendar: a weekly schedule minus the days it is closed.
#[derive(Debug, Clone)]
pub struct BranchCalendar {
    pub time_zone: chrono_tz::Tz,
    week: WeeklyHours,
    closed: BTreeSet<NaiveDate>,
}

impl BranchCalendar {
    pub fn new(
        time_zone: chrono_tz::Tz,
        week: WeeklyHours,
        closed: impl IntoIterator<Item = NaiveDate>,
    ) -> Self {
        Self {
            time_zone,
            week,
            closed: closed.into_iter().collect(),
        }
    }

    /// The operating spans of one date (empty on a closed day).
    pub fn spans(&self, date: NaiveDate) -> &[Span] {
        if self.closed.contains(&date) {
            return &[];
        }
        self.week.day(date.weekday()).spans()
    }

    pub fn is_operating_day(&self, date: NaiveDate) -> bool {
        !self.spans(date).is_empty()
    }

    /// Is `t` inside operating hours? Spans are half-open: 08:00 is open, 17:00 is closed.
    pub fn is_open(&self, t: NaiveDateTime) -> bool {
        let time = t.time();
        self.spans(t.date()).iter().any(|s| s.contains(time))
    }

    /// The first operating instant at or after `t` (`t` itself when open). `None` only when
    /// the calendar has no operating time within the search horizon.
    pub fn next_opening(&self, t: NaiveDateTime) -> Option<NaiveDateTime> {
        let mut date = t.date();
        for _ in 0..SEARCH_DAYS {
            for span in self.spans(date) {
                let start = date.and_time(span.start);
                let end = span.end_on(date);
                if t < end {
                    return Some(start.max(t));
                }
            }
            date = date.succ_opt()?;
        }
        None
    }

    /// Business duration between `t0` and `t1`: the part of [t0, t1] inside operating hours.
    /// Zero when `t1 <= t0`. A clock that starts outside hours therefore starts at the next opening.
    pub fn business_duration(&self, t0: NaiveDateTime, t1: NaiveDateTime) -> Duration {
        if t1 <= t0 {
            return Duration::zero();
        }
        let mut total = Duration::zero();
        let mut date = t0.date();
        while date <= t1.date() {
            for span in self.spans(date) {
                let start = date.and_time(span.start).max(t0);
                let end = span.end_on(date).min(t1);
                if end > start {
                    total += end - start;
                }
            }
            match date.succ_opt() {
                Some(d) => date = d,
                None => break,
            }
        }
        total
    }

    /// Business minutes between `t0` and `t1`, as a real number (tickets carry seconds).
    pub fn business_minutes(&self, t0: NaiveDateTime, t1: NaiveDateTime) -> f64 {
        self.business_duration(t0, t1).num_seconds() as f64 / 60.0
    }

    /// The instant at which `amount` of business time has passed since `t`. Adding zero to a
    /// time outside hours gives the next opening: the clock has not started yet.
    pub fn add_business(&self, t: NaiveDateTime, amount: Duration) -> Option<NaiveDateTime> {
        let mut left = amount.max(Duration::zero());
        let mut date = t.date();
        for _ in 0..(SEARCH_DAYS + amount.num_days() * 2) {
            for span in self.spans(date) {
                let start = date.and_time(span.start).max(t);
                let end = span.end_on(date);
                if end <= start {
                    continue;
                }
                let available = end - start;
                if left <= available {
                    return Some(start + left);
                }
                left -= available;
            }
            date = date.succ_opt()?;
        }
        None
    }

    /// The end of the `n`-th operating day counted from `t`'s date (n = 1: the end of the next
    /// operating day after that date). Used for "by end of next operating day" limits.
    pub fn end_of_operating_day_after(&self, date: NaiveDate, n: u32) -> Option<NaiveDateTime> {
        let mut d = date;
        let mut found = 0;
        for _ in 0..SEARCH_DAYS {
            d = d.succ_opt()?;
            if self.is_operating_day(d) {
                found += 1;
                if found == n {
                    return Some(end_of_day(d));
                }
            }
        }
        None
    }

    /// The last operating day strictly before `date` (H-1 for a Monday slot is Saturday).
    pub fn last_operating_day_before(&self, date: NaiveDate) -> Option<NaiveDate> {
        let mut d = date;
        for _ in 0..SEARCH_DAYS {
            d = d.pred_opt()?;
            if self.is_operating_day(d) {
                return Some(d);
            }
        }
        None
    }

    /// The H-1 reminder window of a slot date: from 00:00 of the last operating day before the
    /// slot date to 23:59:59 of the calendar day before it (RULES.md, BKG-4.2.3).
    pub fn reminder_window(&self, slot_date: NaiveDate) -> Option<(NaiveDateTime, NaiveDateTime)> {
        let from = self.last_operating_day_before(slot_date)?;
        let day_before = slot_date.pred_opt()?;
        Some((start_of_day(from), end_of_day(day_before)))
    }
}

/// `H+n`: the calendar date `n` days after `date`, until 23:59:59 of that day.
pub fn h_plus(date: NaiveDate, n: i64) -> NaiveDateTime {
    end_of_day(date + Duration::days(n))
}

/// `H-n`: the calendar date `n` days before `date`, from 00:00 of that day.
pub fn h_minus(date: NaiveDate, n: i64) -> NaiveDateTime {
    start_of_day(date - Duration::days(n))
}

pub fn start_of_day(date: NaiveDate) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN)
}

pub fn end_of_day(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(23, 59, 59)
        .expect("23:59:59 is a valid time")
}

/// A semester label for a date: 2025-H1 = the six months from `start_month`.
pub fn semester_of(date: NaiveDate, start_month: u32) -> String {
    let m0 = (date.month() + 12 - start_month) % 12;
    let year = if date.month() < start_month {
        date.year() - 1
    } else {
        date.year()
    };
    format!("{year}-H{}", if m0 < 6 { 1 } else { 2 })
}

/// Dates in TOML may be written bare (`2025-12-31`) or quoted (`"2025-12-31"`).
pub fn de_date<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<NaiveDate, D::Error> {
    let v = <toml::Value as serde::Deserialize>::deserialize(d)?;
    date_of(&v).map_err(serde::de::Error::custom)
}

pub fn de_dates<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Vec<NaiveDate>, D::Error> {
    let v = <Vec<toml::Value> as serde::Deserialize>::deserialize(d)?;
    v.iter()
        .map(|x| date_of(x).map_err(serde::de::Error::custom))
        .collect()
}

pub fn date_of(v: &toml::Value) -> std::result::Result<NaiveDate, String> {
    let text = match v {
        toml::Value::Datetime(dt) => dt.to_string(),
        toml::Value::String(s) => s.clone(),
        other => return Err(format!("expected a date YYYY-MM-DD, found {other}")),
    };
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date YYYY-MM-DD, found {text:?}"))
}
