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
    (
        3,
        "timeline and findings",
        include_str!("../../queries/schema/0003_timeline.sql"),
    ),
    (
        4,
        "import failures",
        include_str!("../../queries/schema/0004_import_failure.sql"),
    ),
    (
        5,
        "review decisions",
        include_str!("../../queries/schema/0005_review.sql"),
    ),
    (
        6,
        "fields per file",
        include_str!("../../queries/schema/0006_fields.sql"),
    ),
    (
        7,
        "ticket priority as written",
        include_str!("../../queries/schema/0007_priority_raw.sql"),
    ),
    (
        8,
        "tables the timeline writes for scoring",
        include_str!("../../queries/schema/0008_stage_tables.sql"),
    ),
];

/// The newest schema this build knows.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map(|m| m.0).unwrap_or(0)
}

/// `patuh check`: quarantined rows with their file.
pub const CHK_QUARANTINE: &str = include_str!("../../queries/checks/chk_quarantine.sql");
/// `patuh check` and the report: files that could not be imported, with the reason.
pub const CHK_FAILED_FILES: &str = include_str!("../../queries/checks/chk_failed_files.sql");
/// `patuh check`: chats that could belong to several customers.
pub const CHK_AMBIGUOUS_CHATS: &str = include_str!("../../queries/checks/chk_ambiguous_chats.sql");
/// `patuh check`: advisor names that match no roster entry.
pub const CHK_UNKNOWN_ADVISORS: &str =
    include_str!("../../queries/checks/chk_unknown_advisors.sql");

/// Timeline: cases from the records.
pub const TL_CASES: &str = include_str!("../../queries/timeline/cases.sql");
/// Timeline: what linking needs of every case.
pub const TL_WINDOWS: &str = include_str!("../../queries/timeline/windows.sql");
/// Timeline: every chat message in file order.
pub const TL_MESSAGES: &str = include_str!("../../queries/timeline/messages.sql");
/// Timeline: events from the records, after the messages.
pub const TL_RECORD_EVENTS: &str = include_str!("../../queries/timeline/record_events.sql");
/// Timeline: the rebuild's summary and link rates.
pub const TL_SUMMARY: &str = include_str!("../../queries/timeline/summary.sql");
/// `patuh case`: the cases with a key.
pub const TL_CASE_FIND: &str = include_str!("../../queries/timeline/case_find.sql");
/// `patuh case`: one case's events with their sources.
pub const TL_CASE_EVENTS: &str = include_str!("../../queries/timeline/case_events.sql");
/// `patuh case`: one case's verdicts.
pub const TL_CASE_FINDINGS: &str = include_str!("../../queries/timeline/case_findings.sql");
/// Scoring: every case with its record fields.
pub const SC_CASES: &str = include_str!("../../queries/score/cases.sql");
/// Scoring: the job cases that have any message (their follow-ups are judged on it).
pub const SC_JOBS_WITH_CHAT: &str = include_str!("../../queries/score/jobs_with_chat.sql");
/// Scoring: every event of every case, by case object (streamed).
pub const SC_CASE_EVENTS: &str = include_str!("../../queries/score/case_events.sql");
/// Scoring: checklist form items.
pub const SC_CHECKLISTS: &str = include_str!("../../queries/score/checklists.sql");
/// The lake: findings, cases and events as Parquet partitioned by branch and semester.
pub const EX_LAKE_FINDINGS: &str = include_str!("../../queries/export/lake_findings.sql");
pub const EX_LAKE_CASES: &str = include_str!("../../queries/export/lake_cases.sql");
/// Exports: each case's findings by status, for cases.csv and lake/cases.
pub const EX_CASE_COUNTS: &str = include_str!("../../queries/export/case_counts.sql");
pub const EX_LAKE_EVENTS: &str = include_str!("../../queries/export/lake_events.sql");
/// Exports: the macro that makes a text cell safe to open in a spreadsheet.
pub const SC_CSV_CELL: &str = include_str!("../../queries/score/csv_cell.sql");
/// Scoring: the end of the imported data.
pub const SC_CUTOFF: &str = include_str!("../../queries/score/cutoff.sql");
/// Scoring: the source kinds imported at all.
pub const SC_SOURCES: &str = include_str!("../../queries/score/sources.sql");
/// `patuh advisor`: one advisor's findings per rule.
pub const SC_ADVISOR: &str = include_str!("../../queries/score/advisor.sql");
/// Exports: findings.csv and findings.parquet.
pub const SC_EXPORT_FINDINGS: &str = include_str!("../../queries/score/export_findings.sql");
/// Exports: cases.csv and cases.parquet.
pub const SC_EXPORT_CASES: &str = include_str!("../../queries/score/export_cases.sql");
/// Report: the scopes (the group, each branch) every figure query groups by.
pub const RP_SCOPES: &str = include_str!("../../queries/report/scopes.sql");
/// Report: counts by status per semester, SOP and rule.
pub const RP_RATES: &str = include_str!("../../queries/report/rates.sql");
/// Report: cases judged and cases with a violation, per SOP, per advisor and overall.
pub const RP_CASE_SHARES: &str = include_str!("../../queries/report/case_shares.sql");
/// Report: pass and fail per advisor, branch, month and SOP, counted once (`report_month`).
pub const RP_MONTH_COUNTS: &str = include_str!("../../queries/report/month_counts.sql");
/// Report: pass and fail per month and SOP, for the branch and per advisor.
pub const RP_MONTHLY: &str = include_str!("../../queries/report/monthly.sql");
/// Report: per advisor and SOP.
pub const RP_ADVISORS: &str = include_str!("../../queries/report/advisors.sql");
/// Report: per rule, for the branch and per advisor: counts and the median measured.
pub const RP_RULES: &str = include_str!("../../queries/report/rules.sql");
/// Report: measured values of the drawn time rules.
pub const RP_MEASURED: &str = include_str!("../../queries/report/measured.sql");
/// Report: every fail with its evidence.
pub const RP_FAILS: &str = include_str!("../../queries/report/fails.sql");
/// Report: files and rows per kind.
pub const RP_QUALITY: &str = include_str!("../../queries/report/quality.sql");
/// Report: how chats were tied.
pub const RP_LINKS: &str = include_str!("../../queries/report/links.sql");
/// Report: recurring inquiries and the after-sales recap.
pub const RP_TOPICS: &str = include_str!("../../queries/report/topics.sql");
/// Report: the findings every workbook of a semester lists, held once.
pub const RP_WORKBOOK_ROWS: &str = include_str!("../../queries/report/workbook_rows.sql");
/// Report: the workbook's findings (Temuan sheet) of the group or one branch.
pub const RP_FINDINGS: &str = include_str!("../../queries/report/findings.sql");
/// Report: the cases judged in a semester.
pub const RP_CASES: &str = include_str!("../../queries/report/cases.sql");
/// Report: compliance per branch and SOP.
pub const RP_BRANCHES: &str = include_str!("../../queries/report/branches.sql");

/// Every connection: the fingerprint of a finding's evidence, which review decisions name.
pub const RV_FINGERPRINT: &str = include_str!("../../queries/review/fingerprint.sql");
/// `patuh review export`: the findings to review with their evidence.
pub const RV_EXPORT: &str = include_str!("../../queries/review/export.sql");
/// Import: decisions of this batch whose case key is in no record or case.
pub const RV_UNKNOWN_CASES: &str = include_str!("../../queries/review/unknown_cases.sql");
/// Scoring: what becomes of each decision (applied, stale, superseded, no finding).
pub const RV_OUTCOMES: &str = include_str!("../../queries/review/outcomes.sql");
/// Scoring: the applied decisions written onto their findings.
pub const RV_APPLY: &str = include_str!("../../queries/review/apply.sql");
/// `patuh check`: decisions not applied, with why.
pub const CHK_REVIEWS: &str = include_str!("../../queries/checks/chk_reviews.sql");
/// Report and `patuh review agreement`: reviewed findings per SOP and rule.
pub const RV_SUMMARY: &str = include_str!("../../queries/review/summary.sql");
/// Report: findings a review overturned, with the decision.
pub const RP_REVIEWED: &str = include_str!("../../queries/report/reviewed.sql");
/// Report: the clauses with most fails per branch.
pub const RP_BRANCH_CLAUSES: &str = include_str!("../../queries/report/branch_clauses.sql");
/// `patuh export --ocel`: the cases as OCEL objects.
pub const EX_OCEL_CASES: &str = include_str!("../../queries/export/ocel_cases.sql");
/// `patuh export --ocel`: every event with its objects.
pub const EX_OCEL_EVENTS: &str = include_str!("../../queries/export/ocel_events.sql");
/// `patuh report --from`: a store filled from lakes.
pub const RP_FROM_LAKE: &str = include_str!("../../queries/report/from_lake.sql");
/// `patuh check` and the report: rules left unknown because an export lacks a column.
pub const CHK_COVERAGE: &str = include_str!("../../queries/checks/chk_coverage.sql");
/// `patuh check` and the report: findings left unknown until a person reads a message.
pub const CHK_NEEDS_REVIEW: &str = include_str!("../../queries/checks/chk_needs_review.sql");
/// Report: findings that need review, per SOP.
pub const RP_NEEDS_REVIEW: &str = include_str!("../../queries/report/needs_review.sql");
/// Report: bookings asked for in chat only, and how many have no advisor.
pub const RP_CHAT_BOOKINGS: &str = include_str!("../../queries/report/chat_bookings.sql");
/// Report: pass and fail per branch and month.
pub const RP_BRANCH_MONTHLY: &str = include_str!("../../queries/report/branch_monthly.sql");
/// `patuh check` and the end-to-end tests: invariants of a scored store, one query each listing
/// the rows that break it (none, when the store is sound).
pub const INVARIANTS: &[(&str, &str)] = &[
    (
        "evidence_is_imported",
        include_str!("../../queries/checks/invariants/evidence_is_imported.sql"),
    ),
    (
        "fail_says_why",
        include_str!("../../queries/checks/invariants/fail_says_why.sql"),
    ),
    (
        "finding_case_exists",
        include_str!("../../queries/checks/invariants/finding_case_exists.sql"),
    ),
    (
        "known_statuses",
        include_str!("../../queries/checks/invariants/known_statuses.sql"),
    ),
    (
        "measured_within_limit_passes",
        include_str!("../../queries/checks/invariants/measured_within_limit_passes.sql"),
    ),
    (
        "one_finding_per_rule",
        include_str!("../../queries/checks/invariants/one_finding_per_rule.sql"),
    ),
    (
        "unknown_says_why",
        include_str!("../../queries/checks/invariants/unknown_says_why.sql"),
    ),
];
