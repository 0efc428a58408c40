//! Numbers, percentages, changes, months and semesters as readers of each language write them:
//! `1.234,5` and `95,6%` in Indonesian, `1,234.5` and `95.6%` in English. The report's templates
//! use these as filters (`n`, `pct`, `pts`, `month`, `semester`, `code`).

use crate::lang::Lang;

/// A number with thousands grouped and `decimals` places, in the language's separators.
pub fn number(x: f64, decimals: usize, lang: Lang) -> String {
    let (thousands, decimal) = match lang {
        Lang::Id => ('.', ','),
        Lang::En => (',', '.'),
    };
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{frac}")
    }
}

/// A count or a measured value: whole numbers without decimals, others with one.
pub fn value(x: f64, lang: Lang) -> String {
    if x.fract() == 0.0 {
        number(x, 0, lang)
    } else {
        number(x, 1, lang)
    }
}

/// A rate already in percent (95.6) as `95,6%`.
pub fn percent(x: f64, lang: Lang) -> String {
    format!("{}%", number(x, 1, lang))
}

/// A change of a rate in percentage points: `+1,2 poin`, `-0.4 pts`.
pub fn points(x: f64, lang: Lang) -> String {
    let sign = if x > 0.0 { "+" } else { "" };
    let unit = match lang {
        Lang::Id => "poin",
        Lang::En => "pts",
    };
    format!("{sign}{} {unit}", number(x, 1, lang))
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_of(n: u32, lang: Lang) -> &'static str {
    let i = (n.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Id => MONTHS_ID[i],
        Lang::En => MONTHS_EN[i],
    }
}

/// `2025-07` as `Juli 2025`; anything else unchanged.
pub fn month(text: &str, lang: Lang) -> String {
    month_with(text, lang, |m| m.to_string())
}

/// `2025-07` as `Jul 2025`, for chart axes; anything else unchanged.
pub fn month_short(text: &str, lang: Lang) -> String {
    month_with(text, lang, short)
}

/// A month's name cut to three letters (`Agu`, `Aug`).
fn short(name: &str) -> String {
    name.chars().take(3).collect()
}

fn month_with(text: &str, lang: Lang, name: impl Fn(&str) -> String) -> String {
    match text.split_once('-') {
        Some((y, m)) if y.len() == 4 => match m.parse::<u32>() {
            Ok(m) if (1..=12).contains(&m) => format!("{} {y}", name(month_of(m, lang))),
            _ => text.to_string(),
        },
        _ => text.to_string(),
    }
}

/// `2025-07-12 10:30` as `12 Jul 2025 10.30` (Indonesian writes the time with a dot) or
/// `12 Jul 2025 10:30`; anything else unchanged.
pub fn when(text: &str, lang: Lang) -> String {
    let Ok(t) = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M") else {
        return text.to_string();
    };
    use chrono::{Datelike, Timelike};
    let month = short(month_of(t.month(), lang));
    let sep = match lang {
        Lang::Id => '.',
        Lang::En => ':',
    };
    format!(
        "{} {month} {} {:02}{sep}{:02}",
        t.day(),
        t.year(),
        t.hour(),
        t.minute()
    )
}

/// `2025-H2` as `Juli–Desember 2025` (the semester's months from the configured first month);
/// a semester running into the next year names both years.
pub fn semester(text: &str, start_month: u32, lang: Lang) -> String {
    let Some((y, h)) = text.split_once("-H") else {
        return text.to_string();
    };
    let (Ok(year), Ok(half)) = (y.parse::<i32>(), h.parse::<u32>()) else {
        return text.to_string();
    };
    let first = start_month + if half == 2 { 6 } else { 0 };
    let (first_month, first_year) = ((first - 1) % 12 + 1, year + ((first - 1) / 12) as i32);
    let last = first + 5;
    let (last_month, last_year) = ((last - 1) % 12 + 1, year + ((last - 1) / 12) as i32);
    if first_year == last_year {
        format!(
            "{}–{} {last_year}",
            month_of(first_month, lang),
            month_of(last_month, lang)
        )
    } else {
        format!(
            "{} {first_year}–{} {last_year}",
            month_of(first_month, lang),
            month_of(last_month, lang)
        )
    }
}

/// Registers the filters on a template environment.
pub fn register(
    env: &mut minijinja::Environment<'_>,
    lang: Lang,
    start_month: u32,
    codes: std::collections::BTreeMap<String, String>,
    clause_names: std::collections::BTreeMap<String, String>,
) {
    use minijinja::Value;
    let as_f64 = |v: &Value| -> Option<f64> {
        if v.is_none() || v.is_undefined() {
            return None;
        }
        f64::try_from(v.clone()).ok()
    };
    env.add_filter("n", move |v: Value| -> String {
        as_f64(&v).map_or_else(|| "–".to_string(), |x| value(x, lang))
    });
    env.add_filter("pct", move |v: Value| -> String {
        as_f64(&v).map_or_else(|| "–".to_string(), |x| percent(x, lang))
    });
    env.add_filter("pts", move |v: Value| -> String {
        as_f64(&v).map_or_else(|| "–".to_string(), |x| points(x, lang))
    });
    env.add_filter("month", move |v: String| -> String { month(&v, lang) });
    env.add_filter("month_short", move |v: String| -> String {
        month_short(&v, lang)
    });
    env.add_filter("when", move |v: Value| -> String {
        v.as_str()
            .map_or_else(|| "–".to_string(), |s| when(s, lang))
    });
    env.add_filter("semester", move |v: String| -> String {
        semester(&v, start_month, lang)
    });
    // A clause's short name, shown beside its id.
    env.add_filter("clause", move |v: String| -> String {
        clause_names.get(&v).cloned().unwrap_or_default()
    });
    // Codes from the data (source kinds, link outcomes) in the page's words.
    env.add_filter("code", move |v: String| -> String {
        codes.get(&v).cloned().unwrap_or(v)
    });
}
