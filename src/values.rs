//! Cell values as users type them: dates and times in many forms, Excel serials, Indonesian month
//! names, phone numbers, licence plates and Rupiah amounts.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;
use std::sync::LazyLock;

/// Day before month (`22/04/2025`) or month before day (`04/22/2025`), decided per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayMonth {
    DayFirst,
    MonthFirst,
    /// Two-digit year first (`25/12/03` = 3 December 2025), as some phones write chat headers;
    /// never chosen for sheets, only when a chat's chronology shows it.
    YearFirst,
}

/// A parsed timestamp: local wall-clock time, or an instant with its offset (helpdesk exports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    Local(NaiveDateTime),
    Offset(DateTime<FixedOffset>),
}

impl Stamp {
    /// Branch-local wall-clock time.
    pub fn local(self, tz: chrono_tz::Tz) -> NaiveDateTime {
        match self {
            Stamp::Local(t) => t,
            Stamp::Offset(t) => t.with_timezone(&tz).naive_local(),
        }
    }
}

const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("january", 1),
    ("jan", 1),
    ("februari", 2),
    ("february", 2),
    ("pebruari", 2),
    ("feb", 2),
    ("peb", 2),
    ("maret", 3),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("mei", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("jun", 6),
    ("juli", 7),
    ("july", 7),
    ("jul", 7),
    ("agustus", 8),
    ("august", 8),
    ("agu", 8),
    ("agt", 8),
    ("ags", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("nopember", 11),
    ("nov", 11),
    ("nop", 11),
    ("desember", 12),
    ("december", 12),
    ("des", 12),
    ("dec", 12),
];

pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|(_, n)| *n)
}

/// `22/04/2025`, `2025-04-22`, `22.04.25`: three runs of 1–4 digits split by one of `/ . -`.
/// Hand-written: it runs for every date cell and chat header, often from many threads.
fn numeric_parts(text: &str) -> Option<[&str; 3]> {
    let sep = text.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let mut it = text.split(sep);
    let parts = [it.next()?, it.next()?, it.next()?];
    if it.next().is_some()
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    Some(parts)
}
static WORD_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})[\s\-/]+([A-Za-z]+\.?)[\s\-/,]+(\d{2,4})$").unwrap());
static WORD_DATE_US: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Za-z]+\.?)\s+(\d{1,2}),?\s+(\d{4})$").unwrap());
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?\s*([ap])?\.?\s*(?:m\.?)?$")
        .unwrap()
});
static OFFSET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.*?)\s*(?:Z|([+-])(\d{2}):?(\d{2}))$").unwrap());
const WEEKDAYS: &[&str] = &[
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "jum'at",
    "sabtu",
    "minggu",
    "ahad",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// The first two numbers of a numeric date, for deciding day/month order over a whole file.
pub fn numeric_date_parts(text: &str) -> Option<(u32, u32)> {
    let (date, _) = split_date_time(text.trim());
    let [a, b, _] = numeric_parts(date)?;
    if a.len() == 4 {
        return None; // ISO order is unambiguous
    }
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// Day-first unless some value can only be month-first (RULES/INPUTS: "day-first unless the file
/// is clearly month-first").
pub fn decide_day_month<'a>(texts: impl IntoIterator<Item = &'a str>) -> DayMonth {
    let mut first_over_12 = false;
    let mut second_over_12 = false;
    for t in texts {
        if let Some((a, b)) = numeric_date_parts(t) {
            first_over_12 |= a > 12;
            second_over_12 |= b > 12;
        }
    }
    if second_over_12 && !first_over_12 {
        DayMonth::MonthFirst
    } else {
        DayMonth::DayFirst
    }
}

/// A year as written: two digits are this century (`25` → 2025); four are taken as they are,
/// so `0001` stays year 1 (and is then refused as implausible), never 2001.
fn year_of(text: &str) -> Option<i32> {
    let y: i32 = text.parse().ok()?;
    Some(if text.len() <= 2 { 2000 + y } else { y })
}

/// Splits `22/04/2025 09.15` into date and time parts (time may be empty): the time is the first
/// time-shaped token (`9:15`, `09.15`, `09:15:00`) after a space, comma or `T`; "pukul", "jam"
/// or "pk" before it belong to neither. Hand-written: it runs for every date cell of a file.
fn split_date_time(text: &str) -> (&str, &str) {
    let t = text.trim();
    let b = t.as_bytes();
    for i in 1..b.len() {
        if matches!(b[i - 1], b' ' | b',' | b'T') && time_at(b, i) {
            let mut date = t[..i].trim_end_matches([' ', ',', 'T']);
            for word in ["pukul", "jam", "pk.", "pk"] {
                if let Some(d) = date.strip_suffix(word) {
                    date = d.trim_end_matches([' ', ',']);
                    break;
                }
            }
            if !date.is_empty() {
                return (date, &t[i..]);
            }
        }
    }
    (t, "")
}

/// `\d{1,2}[:.]\d{2}` at `i`, optionally `[:.]\d{2}` seconds, not followed by more digits
/// (so the `12.05` of `12.05.2025` is no time).
fn time_at(b: &[u8], i: usize) -> bool {
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    let sep = |k: usize| matches!(b.get(k), Some(b':' | b'.'));
    let hours = if digit(i) && digit(i + 1) {
        2
    } else if digit(i) {
        1
    } else {
        return false;
    };
    let m = i + hours;
    if !(sep(m) && digit(m + 1) && digit(m + 2)) {
        return false;
    }
    let after = m + 3;
    if sep(after) && digit(after + 1) {
        return digit(after + 2) && !digit(after + 3);
    }
    !digit(after)
}

/// Parses a date alone: `22/04/2025`, `2025-04-22`, `22 April 2025`, `Senin, 22 Apr 2025`, `22-Agu-25`.
pub fn parse_date_only(text: &str, order: DayMonth) -> Option<NaiveDate> {
    let mut t = text.trim().trim_end_matches(',').to_string();
    // Drop a leading weekday name: "Senin, 22 April 2025".
    if let Some(first) = t.split([',', ' ']).next()
        && WEEKDAYS.contains(&first.to_lowercase().as_str())
    {
        t = t[first.len()..].trim_start_matches([',', ' ']).to_string();
    }
    if let Some([a, b, c3]) = numeric_parts(&t) {
        let (y, m, d) = if a.len() == 4 {
            (a.parse().ok()?, b.parse().ok()?, c3.parse().ok()?)
        } else {
            let (x, z): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
            match order {
                DayMonth::DayFirst => (year_of(c3)?, z, x),
                DayMonth::MonthFirst => (year_of(c3)?, x, z),
                DayMonth::YearFirst if a.len() == 2 => (year_of(a)?, z, c3.parse().ok()?),
                DayMonth::YearFirst => return None,
            }
        };
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    if let Some(c) = WORD_DATE.captures(&t) {
        let m = month_number(&c[2])?;
        return NaiveDate::from_ymd_opt(year_of(&c[3])?, m, c[1].parse().ok()?);
    }
    if let Some(c) = WORD_DATE_US.captures(&t) {
        let m = month_number(&c[1])?;
        return NaiveDate::from_ymd_opt(c[3].parse().ok()?, m, c[2].parse().ok()?);
    }
    None
}

/// `9.15`, `09:15`, `21.41.55` (no am/pm): the common case, without the regex.
pub fn plain_clock(t: &str) -> Option<NaiveTime> {
    let mut parts = t.split([':', '.']);
    let mut next = || -> Option<Option<u32>> {
        parts.next().map(|p| {
            (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
    };
    let h = next()??;
    let m = next()??;
    let s = match next() {
        None => 0,
        Some(v) => v?,
    };
    if next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(h, m, s)
}

/// Parses a time alone: `09:15`, `9.15`, `09:15:00`, `8:49 p. m.`, `9:15 AM`, `09.15 WIB`.
pub fn parse_time_only(text: &str) -> Option<NaiveTime> {
    let mut t = text.trim().to_string();
    for zone in ["WIB", "wib", "Wib"] {
        if let Some(s) = t.strip_suffix(zone) {
            t = s.trim().to_string();
        }
    }
    let t = t.replace(['\u{202f}', '\u{a0}'], " ");
    if let Some(plain) = plain_clock(t.trim()) {
        return Some(plain);
    }
    let c = TIME.captures(t.trim())?;
    let mut h: u32 = c[1].parse().ok()?;
    let m: u32 = c[2].parse().ok()?;
    let s: u32 = c.get(3).map_or(Some(0), |x| x.as_str().parse().ok())?;
    if let Some(ap) = c.get(4) {
        if h > 12 {
            return None;
        }
        let pm = ap.as_str().eq_ignore_ascii_case("p");
        h = match (h, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    NaiveTime::from_hms_opt(h, m, s)
}

/// Parses a date with an optional time and offset. A date without a time is midnight.
pub fn parse_stamp(text: &str, order: DayMonth) -> Option<Stamp> {
    let t = text.trim().replace(['\u{202f}', '\u{a0}'], " ");
    if t.is_empty() {
        return None;
    }
    // An offset at the end: `2024-05-03 14:22:05 +0700`, `2024-05-03T14:22:05Z`.
    let tail = t.len().saturating_sub(6);
    let may_have_offset =
        t.ends_with('Z') || t.as_bytes()[tail..].iter().any(|&c| c == b'+' || c == b'-');
    if let Some(c) = may_have_offset.then(|| OFFSET.captures(&t)).flatten() {
        let body = c.get(1).map_or("", |m| m.as_str());
        if body.len() >= 10 && body.contains(':') {
            let secs = match (c.get(2), c.get(3), c.get(4)) {
                (Some(sign), Some(h), Some(m)) => {
                    let v = h.as_str().parse::<i32>().ok()? * 3600
                        + m.as_str().parse::<i32>().ok()? * 60;
                    if sign.as_str() == "-" { -v } else { v }
                }
                _ => 0,
            };
            let offset = FixedOffset::east_opt(secs)?;
            let local = parse_local(body, order)?;
            return local.and_local_timezone(offset).single().map(Stamp::Offset);
        }
    }
    parse_local(&t, order).map(Stamp::Local)
}

fn parse_local(text: &str, order: DayMonth) -> Option<NaiveDateTime> {
    let (d, time) = split_date_time(text);
    let date = parse_date_only(d, order)?;
    if time.trim().is_empty() {
        return Some(date.and_time(NaiveTime::MIN));
    }
    Some(date.and_time(parse_time_only(time)?))
}

/// Excel's serial day number (1900 date system, with its 1900-02-29 bug) to a date-time.
pub fn excel_serial(serial: f64) -> Option<NaiveDateTime> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(NaiveTime::MIN);
    let secs = (serial * 86_400.0).round() as i64;
    Some(base + Duration::seconds(secs))
}

/// A date-time to Excel's serial day number (the inverse of `excel_serial`), for writing.
pub fn to_excel_serial(t: NaiveDateTime) -> f64 {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)
        .expect("epoch")
        .and_time(NaiveTime::MIN);
    (t - base).num_seconds() as f64 / 86_400.0
}

/// A fraction of a day (an Excel time cell) to a time.
pub fn excel_time(fraction: f64) -> Option<NaiveTime> {
    if !(0.0..1.0).contains(&fraction) {
        return None;
    }
    let secs = (fraction * 86_400.0).round() as u32;
    NaiveTime::from_num_seconds_from_midnight_opt(secs.min(86_399), 0)
}

/// A phone number normalised to E.164, with whether it is an Indonesian mobile number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub e164: String,
    pub mobile: bool,
}

/// `0812-3456-789`, `62812…`, `+62 812 …`, `+62 0812…`, `'0812…`, `(061) 456 7890`, with NBSP
/// and U+202A marks from WhatsApp. `None` when the text holds no plausible number.
pub fn normalise_phone(text: &str) -> Option<Phone> {
    let t = text.trim().trim_start_matches('\'');
    let plus = t
        .trim_start_matches(|c: char| !c.is_ascii_digit() && c != '+')
        .starts_with('+');
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 || digits.len() > 15 {
        return None;
    }
    let national = if let Some(rest) = digits.strip_prefix("62") {
        rest.trim_start_matches('0').to_string()
    } else if plus {
        // Another country's number: keep it as written.
        return Some(Phone {
            e164: format!("+{digits}"),
            mobile: false,
        });
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest.to_string()
    } else if digits.starts_with('8') {
        digits.clone()
    } else {
        return None;
    };
    if national.len() < 6 {
        return None;
    }
    let e164 = format!("+62{national}");
    // Indonesian mobiles: 8[1-35-9] then 7–10 digits.
    let mobile = national.starts_with('8')
        && national
            .as_bytes()
            .get(1)
            .is_some_and(|d| matches!(d, b'1'..=b'3' | b'5'..=b'9'))
        && (9..=12).contains(&national.len());
    Some(Phone { e164, mobile })
}

/// A licence plate: a display form `BK 1234 ABC` and a join key `BK1234ABC`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plate {
    pub display: String,
    pub key: String,
}

static PLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Z]{1,2})[\s.\-]*([1-9]\d{0,3})[\s.\-]*([A-Z]{0,3})$").unwrap()
});

/// Indonesian area codes, so a plate found in free text is a plate and not "di 10 wib".
const AREA_CODES: &[&str] = &[
    "A", "B", "D", "E", "F", "G", "H", "K", "L", "M", "N", "P", "R", "S", "T", "W", "Z", "AA",
    "AB", "AD", "AE", "AG", "BA", "BB", "BD", "BE", "BG", "BH", "BK", "BL", "BM", "BN", "BP", "DA",
    "DB", "DD", "DE", "DG", "DH", "DK", "DL", "DM", "DN", "DR", "DT", "DW", "EA", "EB", "ED", "KB",
    "KH", "KT", "KU", "PA", "PB", "RI", "CD", "CC",
];

pub fn normalise_plate(text: &str) -> Option<Plate> {
    let t = text.trim().to_uppercase();
    if t.is_empty() {
        return None;
    }
    if let Some(c) = PLATE.captures(&t) {
        let (a, n, s) = (&c[1], &c[2], &c[3]);
        let display = if s.is_empty() {
            format!("{a} {n}")
        } else {
            format!("{a} {n} {s}")
        };
        return Some(Plate {
            display,
            key: format!("{a}{n}{s}"),
        });
    }
    // Special plates (diplomatic, military) are tolerated: keep them as written.
    let key: String = t.chars().filter(char::is_ascii_alphanumeric).collect();
    if key.len() < 2 || key.len() > 10 || !key.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(Plate {
        display: t.split_whitespace().collect::<Vec<_>>().join(" "),
        key,
    })
}

static PLATE_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([A-Z]{1,2})[\s\-.]?([1-9]\d{0,3})[\s\-.]?([A-Z]{1,3})\b").unwrap()
});

/// The first plate written in free text (a file name, a contact name, a message), matched in
/// capitals with a known area code.
pub fn find_plate(text: &str) -> Option<Plate> {
    PLATE_IN_TEXT
        .captures_iter(text)
        .find(|c| AREA_CODES.contains(&&c[1]))
        .and_then(|c| normalise_plate(&format!("{} {} {}", &c[1], &c[2], &c[3])))
}

/// Integer rupiah from `Rp 1.250.000`, `Rp. 1.250.000,00`, `IDR 1,250,000`, `1.250.000,-`,
/// `1,25 jt`, `850rb`, `850 ribu`, `850k`, `2 juta`. Never strips every non-digit blindly:
/// `1.250.000,00` is 1 250 000, not 125 000 000.
pub fn parse_rupiah(text: &str) -> Option<i64> {
    let mut t = text
        .trim()
        .to_lowercase()
        .replace(['\u{a0}', '\u{202f}'], " ");
    for prefix in ["rp.", "rp", "idr"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim().to_string();
        }
    }
    let t = t.trim_end_matches(",-").trim_end_matches(".-").trim();
    let (number, multiplier) = split_multiplier(t);
    let number = number.trim().replace(' ', "");
    if number.is_empty()
        || !number
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let value = parse_grouped_number(&number, multiplier > 1)?;
    let amount = (value * multiplier as f64).round();
    (0.0..1e15).contains(&amount).then_some(amount as i64)
}

fn split_multiplier(t: &str) -> (&str, i64) {
    for (suffix, m) in [
        ("juta", 1_000_000),
        ("million", 1_000_000),
        ("jt", 1_000_000),
        ("ribu", 1_000),
        ("rb", 1_000),
        ("k", 1_000),
        ("m", 1_000_000),
    ] {
        if let Some(n) = t.strip_suffix(suffix)
            && n.trim_end().ends_with(|c: char| c.is_ascii_digit())
        {
            return (n, m);
        }
    }
    (t, 1)
}

/// `1.250.000,00` / `1,250,000.00` / `1,25` / `1.5`: the last separator is decimal unless every
/// group after the first has exactly three digits (then they are thousands).
fn parse_grouped_number(n: &str, decimals_likely: bool) -> Option<f64> {
    let has_dot = n.contains('.');
    let has_comma = n.contains(',');
    let cleaned = match (has_dot, has_comma) {
        (true, true) => {
            let last_dot = n.rfind('.')?;
            let last_comma = n.rfind(',')?;
            if last_comma > last_dot {
                n.replace('.', "").replace(',', ".")
            } else {
                n.replace(',', "")
            }
        }
        (true, false) | (false, true) => {
            let sep = if has_dot { '.' } else { ',' };
            let groups: Vec<&str> = n.split(sep).collect();
            let thousands = groups.len() > 1
                && groups[1..].iter().all(|g| g.len() == 3)
                && !groups[0].is_empty()
                && groups[0].len() <= 3
                && !(decimals_likely && groups.len() == 2);
            if thousands {
                n.replace(sep, "")
            } else if groups.len() == 2 {
                n.replace(sep, ".")
            } else {
                return None;
            }
        }
        (false, false) => n.to_string(),
    };
    cleaned.parse().ok()
}

/// One shared copy of each distinct text: values repeated over millions of rows (a chat's name,
/// an activity, a file) are held once.
#[derive(Debug, Default)]
pub struct Interner(std::collections::HashSet<std::sync::Arc<str>>);

impl Interner {
    pub fn get(&mut self, s: &str) -> std::sync::Arc<str> {
        if let Some(a) = self.0.get(s) {
            return a.clone();
        }
        let a: std::sync::Arc<str> = s.into();
        self.0.insert(a.clone());
        a
    }
}
