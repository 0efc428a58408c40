//! Weekly operating hours: one list of open spans per weekday, written as `"08:00-17:00"`,
//! `"08:00-12:00, 13:00-17:00"` (a lunch break) or `"closed"`.

use chrono::{NaiveTime, Weekday};
use std::fmt;

/// A half-open span of wall-clock time within one day: `[start, end)`; `to_midnight` when it
/// runs to the end of the day (`"24:00"`), which no `NaiveTime` can say: `end` then holds
/// 23:59:59 only for ordering the spans, and the end is read through `end_on`/`contains`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub to_midnight: bool,
}

impl Span {
    /// Whether a time of day falls inside the span.
    pub fn contains(&self, t: NaiveTime) -> bool {
        self.start <= t && (self.to_midnight || t < self.end)
    }

    /// The span's end on `date`: midnight of the next day for a span to `24:00`.
    pub fn end_on(&self, date: chrono::NaiveDate) -> chrono::NaiveDateTime {
        if self.to_midnight {
            date.succ_opt()
                .map_or(date.and_time(self.end), |d| d.and_time(NaiveTime::MIN))
        } else {
            date.and_time(self.end)
        }
    }
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
            let to_midnight = b.trim().replace('.', ":") == "24:00";
            let end = if to_midnight {
                NaiveTime::from_hms_opt(23, 59, 59).expect("a time")
            } else {
                parse_clock(b)
                    .ok_or_else(|| format!("expected a time like 17:00, found {:?}", b.trim()))?
            };
            if end <= start {
                return Err(format!(
                    "closing time {end} is not after opening time {start}"
                ));
            }
            spans.push(Span {
                start,
                end,
                to_midnight,
            });
        }
        spans.sort_by_key(|s| s.start);
        if spans.windows(2).any(|w| w[1].start < w[0].end) {
            return Err(format!("the spans of {text:?} overlap"));
        }
        Ok(Self(spans))
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = if self.to_midnight {
            "24:00".to_string()
        } else {
            self.end.format("%H:%M").to_string()
        };
        write!(f, "{}-{end}", self.start.format("%H:%M"))
    }
}

impl fmt::Display for DayHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("closed");
        }
        let parts: Vec<String> = self.0.iter().map(Span::to_string).collect();
        f.write_str(&parts.join(", "))
    }
}

/// A time of day; `24:00` is a span's end only (see `Span::to_midnight`).
fn parse_clock(text: &str) -> Option<NaiveTime> {
    let t = text.trim().replace('.', ":");
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
