//! What the report shows, read from the store with the SQL in `queries/report/`.

use crate::store::{Store, rows, sql};
use chrono::NaiveDateTime;
use serde::Serialize;

/// Counts by status for one (semester, SOP, rule).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub pass: i64,
    pub fail: i64,
    pub advisory: i64,
    pub na: i64,
    pub unknown: i64,
}

impl Counts {
    /// pass / (pass + fail); `None` when nothing was judged.
    pub fn rate(&self) -> Option<f64> {
        let judged = self.pass + self.fail;
        (judged > 0).then(|| self.pass as f64 / judged as f64)
    }
    pub fn add(&mut self, o: &Counts) {
        self.pass += o.pass;
        self.fail += o.fail;
        self.advisory += o.advisory;
        self.na += o.na;
        self.unknown += o.unknown;
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RateRow {
    pub semester: String,
    pub sop: String,
    pub rule_id: String,
    pub counts: Counts,
}

/// One month and SOP, for the branch (`advisor` none) or one advisor.
#[derive(Debug, Clone, Serialize)]
pub struct MonthRow {
    pub advisor: Option<String>,
    pub month: String,
    pub sop: String,
    pub pass: i64,
    pub fail: i64,
}

/// One rule's counts and median measured value, for the branch (`advisor` none) or one advisor.
#[derive(Debug, Clone, Serialize)]
pub struct RuleRow {
    pub advisor: Option<String>,
    pub rule_id: String,
    pub pass: i64,
    pub fail: i64,
    pub unknown: i64,
    pub median: Option<f64>,
    pub limit: Option<f64>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AdvisorRow {
    pub advisor: String,
    pub sop: String,
    pub branch: String,
    pub pass: i64,
    pub fail: i64,
    pub advisory: i64,
    pub unknown: i64,
    pub cases: i64,
    /// Cases with at least one failed clause.
    pub violations: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FailRow {
    pub rule_id: String,
    pub case_kind: String,
    pub case_key: String,
    pub advisor: String,
    pub measured: Option<f64>,
    pub limit: Option<f64>,
    pub unit: Option<String>,
    pub started_at: Option<NaiveDateTime>,
    pub reason: Option<String>,
    pub evidence: String,
    pub customer: Option<String>,
    pub phone: Option<String>,
    pub excerpt: Option<String>,
    pub branch: String,
}

/// A finding whose verdict a supervisor's review changed.
#[derive(Debug, Clone, Serialize)]
pub struct OverturnedRow {
    pub advisor: String,
    pub rule_id: String,
    pub case_kind: String,
    pub case_key: String,
    pub machine_status: String,
    pub status: String,
    pub decision: String,
    pub reason: String,
    pub reviewer: String,
    pub reviewed_on: Option<chrono::NaiveDate>,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QualityRow {
    pub kind: String,
    pub files: i64,
    pub rows_read: i64,
    pub rows_loaded: i64,
    pub rows_quarantined: i64,
    /// Blank and total rows.
    pub rows_skipped: i64,
}

/// Cases judged and cases with at least one failed clause, for one group: `level` is `sop`,
/// `advisor` or `all` (then `name` is `None`).
#[derive(Debug, Clone)]
pub struct CaseShare {
    pub level: String,
    pub name: Option<String>,
    pub cases: i64,
    pub violating: i64,
}

impl CaseShare {
    /// violating / cases; `None` without cases.
    pub fn share(&self) -> Option<f64> {
        (self.cases > 0).then(|| self.violating as f64 / self.cases as f64)
    }
}

impl ReportData {
    /// The case figure of one group (`("all", None)`, `("sop", Some("BKG"))`,
    /// `("advisor", Some("Rina"))`); zero cases when the group has none.
    pub fn case_share(&self, level: &str, name: Option<&str>) -> CaseShare {
        self.case_shares
            .iter()
            .find(|c| c.level == level && c.name.as_deref() == name)
            .cloned()
            .unwrap_or(CaseShare {
                level: level.to_string(),
                name: name.map(str::to_string),
                cases: 0,
                violating: 0,
            })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CoverageView {
    pub branch: String,
    pub rule_id: String,
    pub judged: i64,
    pub missing: i64,
    pub what: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub outcome: String,
    pub chats: i64,
    pub messages: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FailedFile {
    pub path: String,
    pub reason: String,
    pub at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnknownAdvisor {
    pub name: String,
    pub source: String,
    pub rows: i64,
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NeedsReview {
    pub sop: String,
    pub findings: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChatBookings {
    pub cases: i64,
    pub unattributed: i64,
}

/// Everything the report, the scorecards and the workbook are made from.
pub struct ReportData {
    pub semester: String,
    pub previous: Option<String>,
    pub rates: Vec<RateRow>,
    /// Cases judged and cases with at least one fail, per SOP, per advisor and overall.
    pub case_shares: Vec<CaseShare>,
    pub monthly: Vec<MonthRow>,
    pub rules: Vec<RuleRow>,
    pub advisors: Vec<AdvisorRow>,
    /// (rule, measured, limit, unit)
    pub measured: Vec<(String, f64, f64, String)>,
    pub fails: Vec<FailRow>,
    /// What the imports say: the same in the group's report and every branch's.
    pub imports: Imports,
    /// (section, topic, tickets)
    pub topics: Vec<(String, String, i64)>,
    /// (branch, SOP, pass, fail, unknown)
    pub branches: Vec<(String, String, i64, i64, i64)>,
    /// Data coverage: per branch and rule, judged, unknown for missing data, the columns missing.
    pub coverage: Vec<CoverageView>,
    /// Bookings asked for in chat only, and of them unattributed.
    pub chat_bookings: ChatBookings,
    /// Findings that need review, per SOP.
    pub needs_review: Vec<NeedsReview>,
    /// (branch, month, pass, fail): each branch's months.
    pub branch_monthly: Vec<(String, String, i64, i64)>,
    /// (branch, rule, fails): each branch's clauses with most fails.
    pub branch_clauses: Vec<(String, String, i64)>,
    /// What review changed this semester.
    pub review: crate::review::ReviewSummary,
    pub overturned: Vec<OverturnedRow>,
    /// Decisions not applied: (outcome, decisions), outcome `stale` or `no_finding`.
    pub reviews_not_applied: Vec<(String, i64)>,
}

/// The semesters that have findings, oldest first, with their number of findings.
pub fn semesters(store: &Store) -> crate::Result<Vec<(String, i64)>> {
    rows(
        store.conn(),
        "select semester, count(*) from finding group by semester order by semester",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .map_err(|e| store.error("listing the semesters", e))
}

/// What the imports say (data quality, chat links, files not imported, advisor names not on
/// the roster): read once, shared by the group's report and every branch's (the queries read
/// the raw tables, which a branch's scope does not narrow).
#[derive(Debug, Clone)]
pub struct Imports {
    pub quality: Vec<QualityRow>,
    pub links: Vec<LinkView>,
    /// Files that could not be imported.
    pub failed_files: Vec<FailedFile>,
    pub unknown_advisors: Vec<UnknownAdvisor>,
}

impl Imports {
    pub fn load(store: &Store) -> crate::Result<Self> {
        let conn = store.conn();
        let err = |e| store.error("reading what the imports say", e);
        Ok(Self {
            quality: rows(conn, sql::RP_QUALITY, [], |r| {
                Ok(QualityRow {
                    kind: r.get(0)?,
                    files: r.get(1)?,
                    rows_read: r.get(2)?,
                    rows_loaded: r.get(3)?,
                    rows_quarantined: r.get(4)?,
                    rows_skipped: r.get(5)?,
                })
            })
            .map_err(err)?,
            links: rows(conn, sql::RP_LINKS, [], |r| {
                Ok(LinkView {
                    outcome: r.get(0)?,
                    chats: r.get(1)?,
                    messages: r.get(2)?,
                })
            })
            .map_err(err)?,
            failed_files: rows(conn, sql::CHK_FAILED_FILES, [], |r| {
                Ok(FailedFile {
                    path: r.get(0)?,
                    reason: r.get(1)?,
                    at: r.get(2)?,
                })
            })
            .map_err(err)?,
            unknown_advisors: rows(conn, sql::CHK_UNKNOWN_ADVISORS, [], |r| {
                Ok(UnknownAdvisor {
                    name: r.get(0)?,
                    source: r.get(1)?,
                    rows: r.get(2)?,
                    file: r.get(3)?,
                })
            })
            .map_err(err)?,
        })
    }
}

/// Every fail of `semester` with what a reader needs, worst first (`queries/report/fails.sql`):
/// read once for the group, and each branch's report takes its own (the excerpts join the
/// whole event table, which a branch's scope does not narrow).
pub fn fails(store: &Store, semester: &str) -> crate::Result<Vec<FailRow>> {
    rows(store.conn(), sql::RP_FAILS, [semester], |r| {
        Ok(FailRow {
            rule_id: r.get(0)?,
            case_kind: r.get(1)?,
            case_key: crate::privacy::mask_case_key(&r.get::<_, String>(2)?),
            advisor: r.get(3)?,
            measured: r.get(4)?,
            limit: r.get(5)?,
            unit: r.get(6)?,
            started_at: r.get(7)?,
            reason: r.get(8)?,
            evidence: r.get(9)?,
            customer: r.get(10)?,
            phone: r.get(11)?,
            excerpt: r.get(12)?,
            branch: r.get(13)?,
        })
    })
    .map_err(|e| store.error("reading the fails", e))
}

pub fn load(
    store: &Store,
    semester: &str,
    previous: Option<String>,
    imports: Imports,
    fails: Vec<FailRow>,
) -> crate::Result<ReportData> {
    let conn = store.conn();
    let doing = "reading the report's figures";
    let err = |e| store.error(doing, e);
    Ok(ReportData {
        semester: semester.to_string(),
        previous,
        rates: rows(conn, sql::RP_RATES, [], |r| {
            Ok(RateRow {
                semester: r.get(0)?,
                sop: r.get(1)?,
                rule_id: r.get(2)?,
                counts: Counts {
                    pass: r.get(3)?,
                    fail: r.get(4)?,
                    advisory: r.get(5)?,
                    na: r.get(6)?,
                    unknown: r.get(7)?,
                },
            })
        })
        .map_err(err)?,
        monthly: rows(conn, sql::RP_MONTHLY, [semester], |r| {
            Ok(MonthRow {
                advisor: r.get(0)?,
                month: r.get(1)?,
                sop: r.get(2)?,
                pass: r.get(3)?,
                fail: r.get(4)?,
            })
        })
        .map_err(err)?,
        rules: rows(conn, sql::RP_RULES, [semester], |r| {
            Ok(RuleRow {
                advisor: r.get(0)?,
                rule_id: r.get(1)?,
                pass: r.get(2)?,
                fail: r.get(3)?,
                unknown: r.get(4)?,
                median: r.get(5)?,
                limit: r.get(6)?,
                unit: r.get(7)?,
            })
        })
        .map_err(err)?,
        advisors: rows(conn, sql::RP_ADVISORS, [semester], |r| {
            Ok(AdvisorRow {
                advisor: r.get("advisor")?,
                sop: r.get("sop")?,
                branch: r.get("branch")?,
                pass: r.get("pass")?,
                fail: r.get("fail")?,
                advisory: r.get("advisory")?,
                unknown: r.get("unknown")?,
                cases: r.get("cases")?,
                violations: r.get("violations")?,
            })
        })
        .map_err(err)?,
        measured: rows(conn, sql::RP_MEASURED, [semester], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get::<_, Option<f64>>(2)?.unwrap_or(0.0),
                r.get(3)?,
            ))
        })
        .map_err(err)?,
        imports,
        fails,
        case_shares: rows(conn, sql::RP_CASE_SHARES, [semester], |r| {
            Ok(CaseShare {
                level: r.get(0)?,
                name: r.get(1)?,
                cases: r.get(2)?,
                violating: r.get(3)?,
            })
        })
        .map_err(err)?,
        topics: rows(conn, sql::RP_TOPICS, [semester], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .map_err(err)?,
        branches: rows(conn, sql::RP_BRANCHES, [semester], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .map_err(err)?,
        coverage: rows(conn, sql::CHK_COVERAGE, [semester], |r| {
            Ok(CoverageView {
                branch: r.get(0)?,
                rule_id: r.get(1)?,
                judged: r.get(2)?,
                missing: r.get(3)?,
                what: r.get(4)?,
            })
        })
        .map_err(err)?,
        chat_bookings: conn
            .query_row(sql::RP_CHAT_BOOKINGS, [semester], |r| {
                Ok(ChatBookings {
                    cases: r.get(0)?,
                    unattributed: r.get(1)?,
                })
            })
            .map_err(err)?,
        needs_review: rows(conn, sql::RP_NEEDS_REVIEW, [semester], |r| {
            Ok(NeedsReview {
                sop: r.get(0)?,
                findings: r.get(1)?,
            })
        })
        .map_err(err)?,
        branch_monthly: rows(conn, sql::RP_BRANCH_MONTHLY, [semester], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .map_err(err)?,
        branch_clauses: rows(conn, sql::RP_BRANCH_CLAUSES, [semester], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .map_err(err)?,
        review: crate::review::ReviewSummary::load(store, Some(semester))?,
        overturned: rows(conn, sql::RP_REVIEWED, [semester], |r| {
            Ok(OverturnedRow {
                advisor: r.get("advisor")?,
                rule_id: r.get("rule_id")?,
                case_kind: r.get("case_kind")?,
                case_key: crate::privacy::mask_case_key(&r.get::<_, String>("case_key")?),
                machine_status: r.get("machine_status")?,
                status: r.get("status")?,
                decision: r.get("review_decision")?,
                reason: r.get("review_reason")?,
                reviewer: r.get("reviewer")?,
                reviewed_on: r.get("reviewed_on")?,
                source: r.get("review_source")?,
            })
        })
        .map_err(err)?,
        reviews_not_applied: rows(
            conn,
            "select outcome, count(*) from review_outcome where outcome in ('stale', 'no_finding') group by outcome order by outcome",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(err)?,
    })
}

/// The p-th quantile (0..1) of sorted values, by nearest rank.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1])
}
