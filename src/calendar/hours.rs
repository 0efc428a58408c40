//! Weekly operating hours: one list of open spans per weekday, written as `"08:00-17:00"`,
//! `"08:00-12:00, 13:00-17:00"` (a lunch break) or `"closed"`.

use chrono::{NaiveTime, Weekday};
use std::fmt;

/// A half-open span of wall-clock time within one day: `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// The open spans of one weekday, sorted and non-overlapping.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DayHours(Vec<Span>);

impl DayHours {
    pub fn closed() -> Self {
        Self(Vec::new())
    }

    pub fn spans(&self) -> &[Span] {
        &self.0
    }

    /// Parses `"08:00-17:00"`, `"08.00-12.00, 13.00-17.00"`, `"closed"`, `"tutup"` or `""`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim().to_lowercase();
        if t.is_empty() || t == "closed" || t == "tutup" || t == "libur" {
            return Ok(Self::closed());
        }
        let mut spans = Vec::new();
        for part in t.split([',', ';']) {
            let (a, b) = part
                .split_once(['-', '–'])
                .ok_or_else(|| format!("expected hours like 08:00-17:00, found {text:?}"))?;
            let start = parse_clock(a)
                .ok_or_else(|| format!("expected a time like 08:00, found {:?}", a.trim()))?;
            let end = parse_clock(b)
                .ok_or_else(|| format!("expected a time like 17:00, found {:?}", b.trim()))?;
            if end <= start {
                return Err(format!(
                    "closing time {end} is not after opening time {start}"
                ));
            }
            spans.push(Span { start, end });
        }
        spans.sort_by_key(|s| s.start);
        if spans.windows(2).any(|w| w[1].start < w[0].end) {
            return Err(format!("the spans of {text:?} overlap"));
        }
        Ok(Self(spans))
    }
}

impl fmt::Display for DayHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("closed");
        }
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|s| format!("{}-{}", s.start.format("%H:%M"), s.end.format("%H:%M")))
            .collect();
        f.write_str(&parts.join(", "))
    }
}

/// `24:00` is accepted as the end of the day.
fn parse_clock(text: &str) -> Option<NaiveTime> {
    let t = text.trim().replace('.', ":");
    if t == "24:00" {
        return NaiveTime::from_hms_opt(23, 59, 59);
    }
    NaiveTime::parse_from_str(&t, "%H:%M").ok()
}

/// The week, Monday first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyHours([DayHours; 7]);

impl WeeklyHours {
    pub fn new(days: [DayHours; 7]) -> Self {
        Self(days)
    }

    pub fn day(&self, weekday: Weekday) -> &DayHours {
        &self.0[weekday.num_days_from_monday() as usize]
    }

    pub fn set(&mut self, weekday: Weekday, hours: DayHours) {
        self.0[weekday.num_days_from_monday() as usize] = hours;
    }
}

impl Default for WeeklyHours {
    /// Mon–Sat 08:00–17:00, Sunday closed (RULES.md).
    fn default() -> Self {
        let day = DayHours::parse("08:00-17:00").expect("default hours parse");
        let mut days: [DayHours; 7] = std::array::from_fn(|_| day.clone());
        days[6] = DayHours::closed();
        Self(days)
    }
}
