//! Review and disputes: a supervisor confirms or overturns a finding, with a reason, and every
//! output shows both verdicts.
//!
//! The round trip: `patuh review export` writes the findings to review as a workbook
//! (`workbook`); supervisors fill its decision columns; `patuh import` reads it back as its own
//! kind of record (`raw_review`, one row per decision, with file and row); scoring writes
//! patuh's verdict into `finding.machine_status` and then `apply` writes each applicable
//! decision onto its finding (`status` after review, with decision, reason, reviewer). A
//! decision names the fingerprint of the evidence it was made on (`finding_fingerprint`, one
//! SQL macro): when the evidence changes the decision is stale and not applied. `agreement`
//! measures, per rule, how often reviewers upheld patuh (Cohen's kappa).

pub mod agreement;
pub mod workbook;

use crate::error::Result;
use crate::ingest::load::FileReport;
use crate::store::{Store, sql};
use duckdb::Connection;
use std::collections::BTreeMap;

/// Applies the imported decisions to the findings just written (inside scoring's transaction);
/// returns how many decisions were applied, stale, superseded or matched no finding.
pub fn apply(conn: &Connection) -> duckdb::Result<Vec<(String, usize)>> {
    conn.execute_batch(sql::RV_OUTCOMES)?;
    conn.execute_batch(sql::RV_APPLY)?;
    crate::store::rows(
        conn,
        "select outcome, count(*) from review_outcome group by outcome order by outcome",
        [],
        |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)),
    )
}

/// After an import: decisions of the review workbooks loaded in this batch whose case key is
/// in no record or case of the store are moved to quarantine with the reason, and the files'
/// counts follow. Runs at the end of the batch, so records imported beside the workbook count.
pub fn quarantine_unknown_cases(store: &mut Store, files: &mut [FileReport]) -> Result<()> {
    use crate::ingest::SourceKind;
    use crate::ingest::load::Status;
    let loaded: Vec<usize> = (0..files.len())
        .filter(|&i| {
            files[i].kind == Some(SourceKind::Review)
                && matches!(files[i].status, Status::Loaded | Status::Replaced)
                && files[i].rows_loaded > 0
        })
        .collect();
    if loaded.is_empty() {
        return Ok(());
    }
    let doing = "checking the review decisions' case keys";
    for i in loaded {
        let Some(sha) = files[i].sha256.clone() else {
            continue;
        };
        let moved = store.unit_of_work(doing, |conn| {
            let file_id: i64 = conn.query_row(
                "select file_id from import_file where sha256 = ? and kind = 'review' order by file_id desc limit 1",
                [&sha],
                |r| r.get(0),
            )?;
            let unknown: Vec<UnknownCase> =
                crate::store::rows(conn, sql::RV_UNKNOWN_CASES, [file_id], UnknownCase::read)?;
            let mut add = conn.prepare(
                "insert into quarantine (file_id, sheet, row_no, reason, raw) values (?, ?, ?, ?, ?)",
            )?;
            let mut remove = conn.prepare(
                "delete from raw_review where file_id = ? and row_no = ? and sheet is not distinct from ?",
            )?;
            for u in &unknown {
                let raw = serde_json::json!({
                    "Kasus": u.case_key, "Aturan": u.rule_id, "Keputusan": u.decision_raw,
                    "Alasan": u.reason, "Peninjau": u.reviewer,
                });
                add.execute(duckdb::params![
                    file_id,
                    u.sheet,
                    u.row_no,
                    format!(
                        "row {}: Kasus {:?} is in no imported record or case of this store; the decision cannot be tied to a finding",
                        u.row_no, u.case_key
                    ),
                    raw.to_string()
                ])?;
                remove.execute(duckdb::params![file_id, u.row_no, u.sheet])?;
            }
            if !unknown.is_empty() {
                conn.execute(
                    "update import_file set rows_loaded = rows_loaded - ?, rows_quarantined = rows_quarantined + ? where file_id = ?",
                    duckdb::params![unknown.len() as i64, unknown.len() as i64, file_id],
                )?;
            }
            Ok(unknown.len())
        })?;
        files[i].rows_loaded -= moved;
        files[i].rows_quarantined += moved;
    }
    Ok(())
}

/// A decision whose case key the store does not know, as `unknown_cases.sql` reads it.
struct UnknownCase {
    sheet: Option<String>,
    row_no: i64,
    case_key: String,
    rule_id: String,
    decision_raw: String,
    reason: String,
    reviewer: String,
}

impl UnknownCase {
    fn read(r: &duckdb::Row) -> duckdb::Result<Self> {
        Ok(Self {
            sheet: r.get("sheet")?,
            row_no: r.get("row_no")?,
            case_key: r.get("case_key")?,
            rule_id: r.get("rule_id")?,
            decision_raw: r.get("decision_raw")?,
            reason: r.get("reason")?,
            reviewer: r.get("reviewer")?,
        })
    }
}

/// Findings reviewed in a group, and how many of them the review upheld or overturned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub reviewed: i64,
    pub upheld: i64,
    pub overturned: i64,
}

impl Tally {
    fn add(&mut self, same: bool, n: i64) {
        self.reviewed += n;
        if same {
            self.upheld += n;
        } else {
            self.overturned += n;
        }
    }

    /// overturned / reviewed; `None` when nothing was reviewed.
    pub fn overturn_rate(&self) -> Option<f64> {
        (self.reviewed > 0).then(|| self.overturned as f64 / self.reviewed as f64)
    }
}

/// One advisor's machine fails and how many of them a supervisor reviewed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct AdvisorReview {
    pub advisor: String,
    pub fails: i64,
    pub fails_reviewed: i64,
    pub overturned: i64,
}

/// (advisor, rule, machine status, status after review, reviewed, findings): one row of
/// `queries/review/summary.sql`.
pub type SummaryRow = (String, String, String, String, bool, i64);

/// What the review changed in a semester, counted from `queries/review/summary.sql`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ReviewSummary {
    pub total: Tally,
    pub by_sop: BTreeMap<String, Tally>,
    pub by_rule: BTreeMap<String, Tally>,
    pub advisors: Vec<AdvisorReview>,
    /// Reviewed findings by (rule, patuh's verdict, verdict after review).
    pub pairs: Vec<(String, String, String, i64)>,
}

impl ReviewSummary {
    /// Reads the semester's review (every semester when `None`).
    pub fn load(store: &Store, semester: Option<&str>) -> Result<Self> {
        let rows: Vec<SummaryRow> = Self::rows(store, semester)?
            .into_iter()
            .map(|(_, row)| row)
            .collect();
        Ok(Self::from_rows(&rows))
    }

    /// The rows `from_rows` counts, each with its branch (a branch's report counts its own).
    pub fn rows(store: &Store, semester: Option<&str>) -> Result<Vec<(String, SummaryRow)>> {
        crate::store::rows(store.conn(), sql::RV_SUMMARY, [semester], |r| {
            Ok((
                r.get(6)?,
                (
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ),
            ))
        })
        .map_err(|e| store.error("counting the review decisions", e))
    }

    /// Rows of (advisor, rule, machine status, status after review, reviewed, findings).
    pub fn from_rows(rows: &[SummaryRow]) -> Self {
        let mut s = Self::default();
        let mut advisors: BTreeMap<&str, AdvisorReview> = BTreeMap::new();
        for (advisor, rule, machine, status, reviewed, n) in rows {
            let same = machine == status;
            let a = advisors
                .entry(advisor.as_str())
                .or_insert_with(|| AdvisorReview {
                    advisor: advisor.clone(),
                    ..Default::default()
                });
            if machine == "fail" {
                a.fails += n;
                if *reviewed {
                    a.fails_reviewed += n;
                }
            }
            if !reviewed {
                continue;
            }
            if !same {
                a.overturned += n;
            }
            s.total.add(same, *n);
            let sop = rule.split('-').next().unwrap_or(rule).to_string();
            s.by_sop.entry(sop).or_default().add(same, *n);
            s.by_rule.entry(rule.clone()).or_default().add(same, *n);
            s.pairs
                .push((rule.clone(), machine.clone(), status.clone(), *n));
        }
        s.advisors = advisors.into_values().collect();
        s
    }

    /// Rules by overturned findings, most first (ties by rule id), those with any.
    pub fn most_overturned(&self, keep: usize) -> Vec<(String, Tally)> {
        let mut rules: Vec<(String, Tally)> = self
            .by_rule
            .iter()
            .filter(|(_, t)| t.overturned > 0)
            .map(|(r, t)| (r.clone(), *t))
            .collect();
        rules.sort_by(|a, b| b.1.overturned.cmp(&a.1.overturned).then(a.0.cmp(&b.0)));
        rules.truncate(keep);
        rules
    }
}
