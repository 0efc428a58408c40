//! The shipped Indonesian holiday calendar (`rules/holidays_id.toml`), compiled into the binary.

use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A national public holiday: every branch closes.
    LiburNasional,
    /// Collective leave: a branch closes only when configured to.
    CutiBersama,
    /// A company day off from patuh.toml.
    Company,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    #[serde(deserialize_with = "crate::calendar::de_date")]
    pub date: NaiveDate,
    pub kind: HolidayKind,
    pub name: String,
    /// A date not yet fixed by government decree (an estimate).
    #[serde(default)]
    pub provisional: bool,
}

#[derive(Deserialize)]
struct HolidayFile {
    day: Vec<Holiday>,
}

const SHIPPED: &str = include_str!("../../rules/holidays_id.toml");

/// The shipped national holidays and collective leave days, 2024–2027, parsed once.
pub fn shipped_holidays() -> &'static [Holiday] {
    static DAYS: std::sync::LazyLock<Vec<Holiday>> = std::sync::LazyLock::new(|| {
        let file: HolidayFile =
            toml::from_str(SHIPPED).expect("rules/holidays_id.toml is valid (tested)");
        file.day
    });
    &DAYS
}
