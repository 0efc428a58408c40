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
    /// The branch this report is of; `None` for the group.
    pub branch: Option<String>,
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

/// The report's scopes: the group (scope 0) and, when the semester has several branches, each
/// branch (scope k for `branches[k - 1]`). While alive, the connection has the temporary table
/// and views of `queries/report/scopes.sql` (and `report_month` once `load` counted it);
/// dropped on leaving, also on an error.
pub struct Scopes<'a> {
    store: &'a Store,
    /// The branches with their own report, in scope order (empty: the group's report only).
    pub branches: Vec<String>,
}

impl<'a> Scopes<'a> {
    /// The group (every branch with findings in any semester: the previous semester's figures
    /// count a branch that has none in this one) and, when `all` (the branches of the
    /// semester) are several, each of them on its own.
    pub fn enter(store: &'a Store, all: &[String]) -> crate::Result<Self> {
        let conn = store.conn();
        let doing = "preparing the report's scopes";
        conn.execute_batch(sql::RP_SCOPES)
            .map_err(|e| store.error(doing, e))?;
        let scopes = Self {
            store,
            branches: if all.len() > 1 {
                all.to_vec()
            } else {
                Vec::new()
            },
        };
        conn.execute_batch("insert into report_scope select distinct branch, 0 from finding")
            .map_err(|e| store.error(doing, e))?;
        let mut app = conn
            .appender("report_scope")
            .map_err(|e| store.error(doing, e))?;
        for (k, b) in scopes.branches.iter().enumerate() {
            app.append_row(duckdb::params![b, k as i64 + 1])
                .map_err(|e| store.error(doing, e))?;
        }
        app.flush().map_err(|e| store.error(doing, e))?;
        Ok(scopes)
    }

    /// How many reports: the group's and the branches'.
    fn len(&self) -> usize {
        1 + self.branches.len()
    }

    /// The branch of scope `k` (`None` for the group).
    fn branch(&self, k: usize) -> Option<&String> {
        k.checked_sub(1).map(|i| &self.branches[i])
    }

    /// The rows of `query`, whose last column is the scope, split by scope, each scope's in the
    /// query's order.
    fn rows<T, P: duckdb::Params>(
        &self,
        query: &str,
        params: P,
        mut row: impl FnMut(&duckdb::Row) -> duckdb::Result<T>,
    ) -> duckdb::Result<Vec<Vec<T>>> {
        let mut split: Vec<Vec<T>> = (0..self.len()).map(|_| Vec::new()).collect();
        let all = rows(self.store.conn(), query, params, |r| {
            let scope: i64 = r.get(r.as_ref().column_count() - 1)?;
            Ok((scope, row(r)?))
        })?;
        for (scope, one) in all {
            split[scope as usize].push(one);
        }
        Ok(split)
    }
}

impl Drop for Scopes<'_> {
    fn drop(&mut self) {
        // Nothing to report if it fails: the objects are temporary and die with the connection.
        let _ = self.store.conn().execute_batch(
            "drop view if exists report_finding; drop view if exists report_finding_verdict;
             drop view if exists report_case; drop table if exists report_scope;
             drop table if exists report_month;",
        );
    }
}

/// The figures of every scope's report in one pass over the store, in scope order (the
/// group's first). `imports` and `reviews_not_applied` are the same in every report; `fails`
/// (the group's) are split by branch.
pub fn load(
    store: &Store,
    scopes: &Scopes,
    semester: &str,
    imports: Imports,
    fails: &[FailRow],
) -> crate::Result<Vec<ReportData>> {
    let conn = store.conn();
    let doing = "reading the report's figures";
    let err = |e| store.error(doing, e);
    let semesters = scopes
        .rows(
            "select semester, scope from report_finding group by all order by scope, semester",
            [],
            |r| r.get::<_, String>(0),
        )
        .map_err(err)?;
    let mut rates = scopes
        .rows(sql::RP_RATES, [], |r| {
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
        .map_err(err)?;
    conn.execute(sql::RP_MONTH_COUNTS, [semester])
        .map_err(err)?;
    let mut monthly = scopes
        .rows(sql::RP_MONTHLY, [], |r| {
            Ok(MonthRow {
                advisor: r.get(0)?,
                month: r.get(1)?,
                sop: r.get(2)?,
                pass: r.get(3)?,
                fail: r.get(4)?,
            })
        })
        .map_err(err)?;
    let mut rules = scopes
        .rows(sql::RP_RULES, [semester], |r| {
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
        .map_err(err)?;
    let mut advisors = scopes
        .rows(sql::RP_ADVISORS, [semester], |r| {
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
        .map_err(err)?;
    let mut measured = scopes
        .rows(sql::RP_MEASURED, [semester], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get::<_, Option<f64>>(2)?.unwrap_or(0.0),
                r.get(3)?,
            ))
        })
        .map_err(err)?;
    let mut case_shares = scopes
        .rows(sql::RP_CASE_SHARES, [semester], |r| {
            Ok(CaseShare {
                level: r.get(0)?,
                name: r.get(1)?,
                cases: r.get(2)?,
                violating: r.get(3)?,
            })
        })
        .map_err(err)?;
    let mut topics = scopes
        .rows(sql::RP_TOPICS, [semester], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .map_err(err)?;
    let mut branches = scopes
        .rows(sql::RP_BRANCHES, [semester], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .map_err(err)?;
    // Counted per branch: a branch's report takes its rows, the group's all of them.
    let coverage = rows(conn, sql::CHK_COVERAGE, [semester], |r| {
        Ok(CoverageView {
            branch: r.get(0)?,
            rule_id: r.get(1)?,
            judged: r.get(2)?,
            missing: r.get(3)?,
            what: r.get(4)?,
        })
    })
    .map_err(err)?;
    let mut chat_bookings = scopes
        .rows(sql::RP_CHAT_BOOKINGS, [semester], |r| {
            Ok(ChatBookings {
                cases: r.get(0)?,
                unattributed: r.get(1)?,
            })
        })
        .map_err(err)?;
    let mut needs_review = scopes
        .rows(sql::RP_NEEDS_REVIEW, [semester], |r| {
            Ok(NeedsReview {
                sop: r.get(0)?,
                findings: r.get(1)?,
            })
        })
        .map_err(err)?;
    let mut branch_monthly = scopes
        .rows(sql::RP_BRANCH_MONTHLY, [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .map_err(err)?;
    let mut branch_clauses = scopes
        .rows(sql::RP_BRANCH_CLAUSES, [semester], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .map_err(err)?;
    // Counted per branch as well (the counts add up over branches).
    let review = crate::review::ReviewSummary::rows(store, Some(semester))?;
    let mut overturned = scopes
        .rows(sql::RP_REVIEWED, [semester], |r| {
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
        .map_err(err)?;
    let reviews_not_applied: Vec<(String, i64)> = rows(
        conn,
        "select outcome, count(*) from review_outcome where outcome in ('stale', 'no_finding') group by outcome order by outcome",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .map_err(err)?;
    Ok((0..scopes.len())
        .map(|k| {
            let branch = scopes.branch(k);
            let mine = |b: &String| branch.is_none_or(|x| x == b);
            let previous = semesters[k]
                .iter()
                .position(|s| s == semester)
                .and_then(|i| i.checked_sub(1))
                .map(|i| semesters[k][i].clone());
            ReportData {
                semester: semester.to_string(),
                branch: branch.cloned(),
                previous,
                rates: std::mem::take(&mut rates[k]),
                case_shares: std::mem::take(&mut case_shares[k]),
                monthly: std::mem::take(&mut monthly[k]),
                rules: std::mem::take(&mut rules[k]),
                advisors: std::mem::take(&mut advisors[k]),
                measured: std::mem::take(&mut measured[k]),
                fails: fails.iter().filter(|f| mine(&f.branch)).cloned().collect(),
                imports: imports.clone(),
                topics: std::mem::take(&mut topics[k]),
                branches: std::mem::take(&mut branches[k]),
                coverage: coverage
                    .iter()
                    .filter(|c| mine(&c.branch))
                    .cloned()
                    .collect(),
                chat_bookings: std::mem::take(&mut chat_bookings[k]).pop().unwrap_or(
                    ChatBookings {
                        cases: 0,
                        unattributed: 0,
                    },
                ),
                needs_review: std::mem::take(&mut needs_review[k]),
                branch_monthly: std::mem::take(&mut branch_monthly[k]),
                branch_clauses: std::mem::take(&mut branch_clauses[k]),
                review: crate::review::ReviewSummary::from_rows(
                    &review
                        .iter()
                        .filter(|r| mine(&r.0))
                        .map(|r| r.1.clone())
                        .collect::<Vec<_>>(),
                ),
                overturned: std::mem::take(&mut overturned[k]),
                reviews_not_applied: reviews_not_applied.clone(),
            }
        })
        .collect())
}

/// The p-th quantile (0..1) of sorted values, by nearest rank.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1])
}
