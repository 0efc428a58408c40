//! `patuh.toml`: the evaluation's configuration.
//!
//! The built-in defaults *are* the commented file `patuh init` writes (`rules/patuh.default.toml`),
//! so the two cannot drift apart. A user file is layered over it key by key; unknown keys and
//! wrong types are errors naming the key path and line.

use crate::calendar::{
    BranchCalendar, DayHours, HolidayKind, WeeklyHours, date_of, de_date, de_dates,
    shipped_holidays,
};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::rules::params::RuleOverride;
use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Deserializer};
use std::path::{Path, PathBuf};

/// The commented default configuration, written by `patuh init`.
pub const DEFAULT_TOML: &str = include_str!("../rules/patuh.default.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub organisation: Organisation,
    pub report: ReportConfig,
    pub calendar: CalendarConfig,
    #[serde(rename = "branch")]
    pub branches: Vec<Branch>,
    pub whatsapp: WhatsappConfig,
    pub import: ImportConfig,
    pub sla: Sla,
    pub sanctions: Sanctions,
    #[serde(default, rename = "rule_override")]
    pub rule_overrides: Vec<RuleOverride>,
}

/// Limits that keep a typing error or a hostile file from passing as data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportConfig {
    pub earliest_year: i32,
    /// 0: next year (the current year plus one).
    pub latest_year: i32,
    pub max_zip_entry_mb: u64,
    pub max_zip_ratio: u64,
}

impl ImportConfig {
    /// The years a date may fall in: earliest_year to latest_year (0 = next year).
    pub fn years(&self) -> (i32, i32) {
        use chrono::Datelike;
        let latest = if self.latest_year == 0 {
            chrono::Local::now().year() + 1
        } else {
            self.latest_year
        };
        (self.earliest_year, latest)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    /// The company's own web domains: a link to one in a follow-up is a review link.
    #[serde(default)]
    pub domains: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    pub language: Lang,
    pub semester_start_month: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HolidaySet {
    Id,
    None,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarConfig {
    pub holidays: HolidaySet,
    pub close_on_cuti_bersama: bool,
    #[serde(default)]
    pub days_off: Vec<DayOff>,
    #[serde(default, deserialize_with = "de_dates")]
    pub open_days: Vec<NaiveDate>,
}

/// A company day off: `"2025-12-31"` or `{ date = "2025-12-31", name = "Stock opname" }`.
#[derive(Debug, Clone)]
pub struct DayOff {
    pub date: NaiveDate,
    pub name: String,
}

impl<'de> Deserialize<'de> for DayOff {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Named {
            #[serde(deserialize_with = "de_date")]
            date: NaiveDate,
            #[serde(default)]
            name: String,
        }
        let value = toml::Value::deserialize(d)?;
        match value {
            toml::Value::Table(_) => {
                let named = Named::deserialize(value).map_err(serde::de::Error::custom)?;
                Ok(DayOff {
                    date: named.date,
                    name: named.name,
                })
            }
            other => Ok(DayOff {
                date: date_of(&other).map_err(serde::de::Error::custom)?,
                name: String::new(),
            }),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub name: String,
    #[serde(default = "default_tz", deserialize_with = "de_tz")]
    pub time_zone: chrono_tz::Tz,
    #[serde(default)]
    pub days_off: Vec<DayOff>,
    #[serde(default)]
    pub hours: Hours,
    /// Folders whose files are this branch's (`["medan/"]`): a file under one is read in this
    /// branch's time zone and calendar.
    #[serde(default)]
    pub folders: Vec<String>,
    /// The WhatsApp Business account names the branch's chats are written under
    /// (`["GSI Makassar"]`): a chat in which one of them writes is this branch's. They count as
    /// business names (`[whatsapp] business_names`) too.
    #[serde(default)]
    pub whatsapp_names: Vec<String>,
    /// The advisor on duty for the branch's booking chats: a booking asked for in chat that no
    /// booking record covers (a case `chat:<phone>:<date>`) is attributed to them. Without it
    /// such cases are unattributed (the report says how many).
    #[serde(default)]
    pub chat_advisor: Option<String>,
}

/// Whether `path` lies under one of `folders` (a path component, case and slashes ignored).
pub fn in_folders(folders: &[String], path: &Path) -> bool {
    let folders: Vec<String> = folders
        .iter()
        .map(|f| f.trim_matches(['/', '\\']).to_lowercase())
        .filter(|f| !f.is_empty())
        .collect();
    path.components().any(|c| {
        let c = c.as_os_str().to_string_lossy().to_lowercase();
        folders.contains(&c)
    })
}

fn default_tz() -> chrono_tz::Tz {
    chrono_tz::Asia::Jakarta
}

/// Weekly hours as written in the file; a missing weekday keeps the default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    mon: Option<String>,
    tue: Option<String>,
    wed: Option<String>,
    thu: Option<String>,
    fri: Option<String>,
    sat: Option<String>,
    sun: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    Auto,
    Dmy,
    Mdy,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhatsappConfig {
    pub business_names: Vec<String>,
    pub auto_reply_texts: Vec<String>,
    pub burst_gap_minutes: u32,
    pub date_order: DateOrder,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sla {
    pub inquiry: InquirySla,
    pub aftersales: AftersalesSla,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InquirySla {
    pub first_response_minutes: PerCategory,
    pub resolution_operating_days: PerCategory,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerCategory {
    pub umum: u32,
    pub teknis: u32,
    pub komplain: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AftersalesSla {
    pub ticket_number_minutes: u32,
    pub inform_operating_days: u32,
    pub handling_operating_days: u32,
    pub followup_calendar_days: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sanctions {
    /// How violations are counted against the thresholds.
    pub basis: SanctionBasis,
    pub verbal_warning_max: u32,
    pub written_warning_max: u32,
    pub verbal_warning_per_100: f64,
    pub written_warning_per_100: f64,
    pub review_below_rate: f64,
}

/// `cases`: violating cases in the semester, as SOP section 7 counts them; `per_100_cases`:
/// violating cases per 100 cases the advisor handled, so a busy advisor is not judged by volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SanctionBasis {
    Cases,
    #[serde(rename = "per_100_cases")]
    Per100Cases,
}

/// Where the configuration in force came from, said by every run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigSource {
    File(PathBuf),
    BuiltIn,
}

impl std::fmt::Display for ConfigSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigSource::File(p) => write!(f, "{}", p.display()),
            ConfigSource::BuiltIn => f.write_str("built-in defaults"),
        }
    }
}

impl Config {
    /// The built-in defaults.
    pub fn defaults() -> Self {
        Self::parse(DEFAULT_TOML, Path::new("rules/patuh.default.toml"))
            .expect("the default configuration parses (tested)")
    }

    /// Parses a user file layered over the defaults.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let user: toml::Table = toml::from_str(text).map_err(|e| config_error(path, text, &e))?;
        let mut merged: toml::Table =
            toml::from_str(DEFAULT_TOML).expect("the default configuration is valid TOML");
        merge(&mut merged, user);
        let config: Config =
            serde_path_to_error::deserialize(toml::Value::Table(merged)).map_err(|e| {
                // The merged value has no spans: find the offending key in the user's text.
                let key = e.path().to_string();
                let message = e.inner().message().to_string();
                let location = match line_of_key(text, &key) {
                    Some(line) => format!("line {line}, key {key}"),
                    // A key the user's text does not spell out (a default's type): no line to name.
                    None => format!("key {key}"),
                };
                Error::Config {
                    path: path.to_path_buf(),
                    location,
                    message,
                }
            })?;
        config.validate(path, text)?;
        Ok(config)
    }

    /// `--config FILE`, else `./patuh.toml`, else `patuh.toml` in the first input folder,
    /// else the built-in defaults (INPUTS.md "Configuration lookup").
    pub fn load(explicit: Option<&Path>, input_dir: Option<&Path>) -> Result<(Self, ConfigSource)> {
        let candidates: Vec<PathBuf> = match explicit {
            Some(p) => {
                if !p.exists() {
                    return Err(Error::input(format!(
                        "{}: the configuration file does not exist",
                        p.display()
                    )));
                }
                if !p.is_file() {
                    return Err(Error::input(format!(
                        "{}: --config names a folder (or another non-file); expected a patuh.toml file",
                        p.display()
                    )));
                }
                vec![p.to_path_buf()]
            }
            None => {
                let mut c = vec![PathBuf::from("patuh.toml")];
                if let Some(dir) = input_dir {
                    c.push(dir.join("patuh.toml"));
                }
                c
            }
        };
        for path in candidates {
            if path.is_file() {
                let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
                let text = String::from_utf8(bytes).map_err(|e| Error::Config {
                    path: path.clone(),
                    location: String::new(),
                    message: format!(
                        "not UTF-8 text (byte {} is not valid UTF-8); save the file as UTF-8",
                        e.utf8_error().valid_up_to() + 1
                    ),
                })?;
                return Ok((Self::parse(&text, &path)?, ConfigSource::File(path)));
            }
        }
        Ok((Self::defaults(), ConfigSource::BuiltIn))
    }

    /// Checks what types cannot say; an error names the file, the line where the user's text
    /// sets the key (when it does) and the key.
    fn validate(&self, path: &Path, text: &str) -> Result<()> {
        let bad = |key: &str, message: String| Error::Config {
            path: path.to_path_buf(),
            location: match line_of_key(text, key) {
                Some(line) => format!("line {line}, key {key}"),
                None => format!("key {key}"),
            },
            message,
        };
        if !(1..=12).contains(&self.report.semester_start_month) {
            return Err(bad(
                "report.semester_start_month",
                format!(
                    "expected a month 1–12, found {}",
                    self.report.semester_start_month
                ),
            ));
        }
        if self.branches.is_empty() {
            return Err(bad("branch", "at least one [[branch]] is needed".into()));
        }
        for (i, b) in self.branches.iter().enumerate() {
            b.weekly_hours()
                .map_err(|(day, m)| bad(&format!("branch[{i}].hours.{day}"), m))?;
        }
        let s = &self.sanctions;
        if s.written_warning_max < s.verbal_warning_max {
            return Err(bad(
                "sanctions.written_warning_max",
                "must not be below verbal_warning_max".into(),
            ));
        }
        if !(s.verbal_warning_per_100 >= 0.0
            && s.written_warning_per_100 >= s.verbal_warning_per_100)
        {
            return Err(bad(
                "sanctions.written_warning_per_100",
                format!(
                    "expected 0 ≤ verbal_warning_per_100 ({}) ≤ written_warning_per_100 ({})",
                    s.verbal_warning_per_100, s.written_warning_per_100
                ),
            ));
        }
        if !(0.0..=1.0).contains(&s.review_below_rate) {
            return Err(bad(
                "sanctions.review_below_rate",
                format!("expected a rate 0–1, found {}", s.review_below_rate),
            ));
        }
        // "Within 0 operating days" has no deadline a person could meet: refused by key.
        let inq = &self.sla.inquiry.resolution_operating_days;
        let pjl = &self.sla.aftersales;
        for (key, days) in [
            ("sla.inquiry.resolution_operating_days.umum", inq.umum),
            ("sla.inquiry.resolution_operating_days.teknis", inq.teknis),
            (
                "sla.inquiry.resolution_operating_days.komplain",
                inq.komplain,
            ),
            (
                "sla.aftersales.inform_operating_days",
                pjl.inform_operating_days,
            ),
            (
                "sla.aftersales.handling_operating_days",
                pjl.handling_operating_days,
            ),
        ] {
            if days == 0 {
                return Err(bad(
                    key,
                    "an SLA of 0 operating days cannot be met; expected 1 or more".into(),
                ));
            }
        }
        let import = &self.import;
        let (earliest, latest) = import.years();
        if earliest > latest {
            return Err(bad(
                "import.earliest_year",
                format!("{earliest} is after the latest year {latest}"),
            ));
        }
        for (key, value) in [
            ("import.max_zip_entry_mb", import.max_zip_entry_mb),
            ("import.max_zip_ratio", import.max_zip_ratio),
        ] {
            if value == 0 {
                return Err(bad(key, "expected a number above 0".into()));
            }
        }
        if !self.rule_overrides.is_empty() {
            let catalog = crate::rules::Catalog::builtin();
            for (i, o) in self.rule_overrides.iter().enumerate() {
                crate::rules::params::check_override(&catalog, o)
                    .map_err(|(field, m)| bad(&format!("rule_override[{i}].{field}"), m))?;
            }
        }
        Ok(())
    }

    pub fn branch(&self, name: &str) -> Option<&Branch> {
        self.branches
            .iter()
            .find(|b| b.name.eq_ignore_ascii_case(name.trim()))
    }

    pub fn default_branch(&self) -> &Branch {
        &self.branches[0]
    }

    /// The branch writing under this WhatsApp name (case and spacing ignored), if any.
    pub fn branch_of_whatsapp_name(&self, name: &str) -> Option<&Branch> {
        let fold = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let name = fold(name);
        self.branches
            .iter()
            .find(|b| b.whatsapp_names.iter().any(|w| fold(w) == name))
    }

    /// The branch whose folder holds `path`, if any.
    pub fn branch_of_path(&self, path: &Path) -> Option<&Branch> {
        self.branches.iter().find(|b| in_folders(&b.folders, path))
    }

    /// Every business name: `[whatsapp] business_names` and the branches' WhatsApp names.
    pub fn business_names(&self) -> Vec<String> {
        let mut names = self.whatsapp.business_names.clone();
        names.extend(
            self.branches
                .iter()
                .flat_map(|b| b.whatsapp_names.iter().cloned()),
        );
        names
    }

    /// The calendar of one branch: its week minus national holidays (and cuti bersama when the
    /// company closes on them), company days off and the branch's own days off.
    pub fn calendar(&self, branch: &Branch) -> BranchCalendar {
        let week = branch
            .weekly_hours()
            .expect("weekly hours validated at load");
        BranchCalendar::new(branch.time_zone, week, self.closed_days(branch))
    }

    /// Every date the branch is closed besides its weekly closing days.
    pub fn closed_days(&self, branch: &Branch) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = Vec::new();
        if self.calendar.holidays == HolidaySet::Id {
            days.extend(
                shipped_holidays()
                    .iter()
                    .filter(|h| {
                        h.kind == HolidayKind::LiburNasional
                            || (h.kind == HolidayKind::CutiBersama
                                && self.calendar.close_on_cuti_bersama)
                    })
                    .map(|h| h.date),
            );
        }
        days.retain(|d| !self.calendar.open_days.contains(d));
        days.extend(self.calendar.days_off.iter().map(|d| d.date));
        days.extend(branch.days_off.iter().map(|d| d.date));
        days.sort();
        days.dedup();
        days
    }
}

impl Branch {
    pub fn weekly_hours(&self) -> std::result::Result<WeeklyHours, (&'static str, String)> {
        let mut week = WeeklyHours::default();
        let h = &self.hours;
        let days = [
            ("mon", Weekday::Mon, &h.mon),
            ("tue", Weekday::Tue, &h.tue),
            ("wed", Weekday::Wed, &h.wed),
            ("thu", Weekday::Thu, &h.thu),
            ("fri", Weekday::Fri, &h.fri),
            ("sat", Weekday::Sat, &h.sat),
            ("sun", Weekday::Sun, &h.sun),
        ];
        for (key, weekday, text) in days {
            if let Some(text) = text {
                week.set(weekday, DayHours::parse(text).map_err(|m| (key, m))?);
            }
        }
        Ok(week)
    }
}

/// Layers `user` over `base`: tables merge key by key, everything else replaces. Arrays of
/// tables (`[[branch]]`) replace as a whole, but each user branch is completed from the default
/// branch so a branch needs to state only what differs.
fn merge(base: &mut toml::Table, user: toml::Table) {
    for (key, value) in user {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(u)) => merge(b, u),
            (Some(toml::Value::Array(b)), toml::Value::Array(u)) if key == "branch" => {
                let template = b.first().cloned();
                *b = u
                    .into_iter()
                    .map(|item| match (&template, item) {
                        (Some(toml::Value::Table(t)), toml::Value::Table(i)) => {
                            let mut t = t.clone();
                            t.remove("name");
                            merge(&mut t, i);
                            toml::Value::Table(t)
                        }
                        (_, i) => i,
                    })
                    .collect();
            }
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

/// Turns a TOML syntax/type error into `file: line N, key a.b: message`.
fn config_error(path: &Path, text: &str, e: &toml::de::Error) -> Error {
    let location = match e.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            match key_path_at_line(text, line) {
                Some(k) => format!("line {line}, key {k}"),
                None => format!("line {line}"),
            }
        }
        None => String::new(),
    };
    Error::Config {
        path: path.to_path_buf(),
        location,
        message: e.message().to_string(),
    }
}

/// The 1-based line of a dotted key path (`branch[0].hours.mon`) in the user's text: the
/// deepest part of the path that is written there.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let parts: Vec<&str> = key
        .split('.')
        .filter(|s| !s.is_empty() && *s != "?")
        .collect();
    // First with the array indices the path names (`rule_override[2].value` is in the third
    // `[[rule_override]]`), then without them.
    for indexed in [true, false] {
        for n in (1..=parts.len()).rev() {
            let want = parts[..n]
                .iter()
                .map(|p| {
                    if indexed {
                        p.to_string()
                    } else {
                        p.split('[').next().unwrap_or(p).to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(".");
            if let Some(line) = find_key_line(text, &want, indexed) {
                return Some(line);
            }
        }
    }
    None
}

/// The line of `want` (a dotted path, with `[i]` after array-of-table names when `indexed`).
fn find_key_line(text: &str, want: &str, indexed: bool) -> Option<usize> {
    let mut table = String::new();
    let mut arrays: std::collections::HashMap<String, usize> = Default::default();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('#') {
            continue;
        }
        if t.starts_with('[') {
            let array = t.starts_with("[[");
            let name = t.trim_matches(|c| c == '[' || c == ']').trim().to_string();
            table = if !indexed {
                name
            } else if array {
                let n = arrays.entry(name.clone()).or_insert(0);
                *n += 1;
                format!("{name}[{}]", *n - 1)
            } else {
                // `[branch.hours]` belongs to the latest `[[branch]]`.
                match name
                    .split_once('.')
                    .and_then(|(head, tail)| arrays.get(head).map(|n| (head, tail, n)))
                {
                    Some((head, tail, n)) => format!("{head}[{}].{tail}", n - 1),
                    None => name,
                }
            };
            if table == want {
                return Some(i + 1);
            }
        } else if let Some((k, _)) = t.split_once('=') {
            let k = k.trim().trim_matches('"');
            let full = if table.is_empty() {
                k.to_string()
            } else {
                format!("{table}.{k}")
            };
            if full == want {
                return Some(i + 1);
            }
        }
    }
    None
}

/// The dotted key path of the `key = value` or `[table]` at a 1-based line.
fn key_path_at_line(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let here = lines.get(line.checked_sub(1)?)?.trim();
    let header = |l: &str| -> Option<String> {
        let l = l.trim();
        if l.starts_with('[') {
            Some(l.trim_matches(|c| c == '[' || c == ']').trim().to_string())
        } else {
            None
        }
    };
    if let Some(h) = header(here) {
        return Some(h);
    }
    let key = here.split('=').next()?.trim().trim_matches('"');
    if key.is_empty() || key.starts_with('#') {
        return None;
    }
    let table = lines[..line - 1].iter().rev().find_map(|l| header(l));
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key.to_string(),
    })
}

fn de_tz<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<chrono_tz::Tz, D::Error> {
    let s = String::deserialize(d)?;
    s.parse::<chrono_tz::Tz>().map_err(|_| {
        serde::de::Error::custom(format!(
            "expected an IANA time zone such as Asia/Jakarta, found {s:?}"
        ))
    })
}

/// Rule parameter values the config sets: company SLAs and explicit overrides, each with the
/// date from which it applies. `[sla.*]` and `[whatsapp] burst_gap_minutes` are shorthands for
/// overrides in force always: one is written only where its value differs from the catalog's
/// default, so a value the company did not change never hides a revised SOP's limit and `patuh
/// rules ID` shows config rows only for the company's own choices.
pub fn param_overrides(config: &Config) -> Vec<RuleOverride> {
    let always = NaiveDate::MIN;
    let o = |rule: &str, param: &str, value: u32| RuleOverride {
        rule: rule.to_string(),
        param: param.to_string(),
        value: f64::from(value),
        effective_from: always,
    };
    let inq = &config.sla.inquiry;
    let pjl = &config.sla.aftersales;
    let mut out = vec![
        o(
            "INQ-T3.sla",
            "umum_minutes",
            inq.first_response_minutes.umum,
        ),
        o(
            "INQ-T3.sla",
            "teknis_minutes",
            inq.first_response_minutes.teknis,
        ),
        o(
            "INQ-T3.sla",
            "komplain_minutes",
            inq.first_response_minutes.komplain,
        ),
        o(
            "INQ-T5.resolve",
            "umum_days",
            inq.resolution_operating_days.umum,
        ),
        o(
            "INQ-T5.resolve",
            "teknis_days",
            inq.resolution_operating_days.teknis,
        ),
        o(
            "INQ-T5.resolve",
            "komplain_days",
            inq.resolution_operating_days.komplain,
        ),
        o(
            "PJL-T1.ticket_no",
            "limit_minutes",
            pjl.ticket_number_minutes,
        ),
        o("PJL-T2.inform", "limit_days", pjl.inform_operating_days),
        o("PJL-T3.sla", "limit_days", pjl.handling_operating_days),
        o("PJL-T5.followup", "limit_days", pjl.followup_calendar_days),
        o(
            "BKG-4.1.2",
            "burst_gap_minutes",
            config.whatsapp.burst_gap_minutes,
        ),
        o(
            "BKG-7.1",
            "burst_gap_minutes",
            config.whatsapp.burst_gap_minutes,
        ),
    ];
    let catalog = crate::rules::Catalog::builtin();
    out.retain(|o| {
        catalog
            .get(&o.rule)
            .and_then(|r| r.param(&o.param))
            .is_none_or(|p| p.default != o.value)
    });
    out.extend(config.rule_overrides.iter().cloned());
    out
}
