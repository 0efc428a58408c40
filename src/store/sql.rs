//! The one registry of embedded SQL: every query patuh runs lives in `queries/` and is named here.

/// Schema migrations, in order. Migration N brings a store from version N-1 to N.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "foundation",
        include_str!("../../queries/schema/0001_foundation.sql"),
    ),
    (
        2,
        "raw sources",
        include_str!("../../queries/schema/0002_raw_sources.sql"),
    ),
];

/// The newest schema this build knows.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map(|m| m.0).unwrap_or(0)
}

/// `patuh check`: quarantined rows with their file.
pub const CHK_QUARANTINE: &str = include_str!("../../queries/checks/chk_quarantine.sql");
/// `patuh check`: advisor names that match no roster entry.
pub const CHK_UNKNOWN_ADVISORS: &str =
    include_str!("../../queries/checks/chk_unknown_advisors.sql");
