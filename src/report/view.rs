//! What the report page shows, typed: each section a struct serialised under the names the
//! templates read (`report_templates/laporan.html`). Rates are percentages with one decimal.

use super::data::{self, Counts};
use serde::Serialize;
use std::collections::BTreeMap;

/// A rate (0..1) as the page shows it: a percentage with one decimal.
pub fn pct(r: Option<f64>) -> Option<f64> {
    r.map(|r| (r * 1000.0).round() / 10.0)
}

/// The change between two rates in percentage points, one decimal.
pub fn delta(now: Option<f64>, before: Option<f64>) -> Option<f64> {
    Some(((now? - before?) * 1000.0).round() / 10.0)
}

#[derive(Debug, Clone, Serialize)]
pub struct CountsView {
    pub pass: i64,
    pub fail: i64,
    pub advisory: i64,
    pub na: i64,
    pub unknown: i64,
    pub rate: Option<f64>,
}

impl From<&Counts> for CountsView {
    fn from(c: &Counts) -> Self {
        CountsView {
            pass: c.pass,
            fail: c.fail,
            advisory: c.advisory,
            na: c.na,
            unknown: c.unknown,
            rate: pct(c.rate()),
        }
    }
}

/// The second headline figure: cases with at least one fail, of the cases judged.
#[derive(Debug, Clone, Serialize)]
pub struct ShareView {
    pub cases: i64,
    pub violating: i64,
    pub share: Option<f64>,
}

impl From<&data::CaseShare> for ShareView {
    fn from(c: &data::CaseShare) -> Self {
        ShareView {
            cases: c.cases,
            violating: c.violating,
            share: pct(c.share()),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SopView {
    pub sop: String,
    pub name: String,
    pub counts: CountsView,
    pub checks: i64,
    pub case_share: ShareView,
    pub previous: Option<f64>,
    pub delta: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClauseView {
    pub rule_id: String,
    pub counts: CountsView,
    pub previous: Option<f64>,
    pub delta: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DistributionView {
    pub rule_id: String,
    pub label: String,
    pub n: usize,
    pub median: Option<f64>,
    pub p90: Option<f64>,
    pub limit: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct AdvisorSopView {
    pub sop: String,
    pub pass: i64,
    pub fail: i64,
    pub unknown: i64,
    pub cases: i64,
    pub violations: i64,
    pub per_100: Option<f64>,
    pub rate: Option<f64>,
    pub band: &'static str,
    pub sanction: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AdvisorView {
    pub name: String,
    pub file: String,
    pub case_share: ShareView,
    pub branch: Option<String>,
    pub pass: i64,
    pub fail: i64,
    pub unknown: i64,
    pub rate: Option<f64>,
    /// The most severe recommendation of the advisor's SOPs.
    pub sanction: String,
    pub band: &'static str,
    pub sops: Vec<AdvisorSopView>,
}

/// A fail as the report shows it (customer name, phone and chat file masked by the caller).
#[derive(Debug, Clone, Serialize)]
pub struct FailView {
    pub rule_id: String,
    pub case_kind: String,
    pub case_key: String,
    pub advisor: String,
    pub measured: Option<f64>,
    pub limit: Option<f64>,
    pub unit: Option<String>,
    pub started_at: Option<String>,
    pub reason: Option<String>,
    pub evidence: String,
    pub customer: Option<String>,
    pub phone: Option<String>,
    pub excerpt: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicView {
    pub topic: String,
    pub tickets: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CalendarView {
    pub name: String,
    pub tz: String,
    pub week: String,
    pub holidays: String,
    pub days_off: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BranchClause {
    pub rule_id: String,
    pub fails: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct BranchView {
    pub name: String,
    pub rate: Option<f64>,
    pub fail: i64,
    pub unknown: i64,
    /// The branch's rate per SOP, in the trend's SOP order.
    pub sops: Vec<Option<f64>>,
    pub worst: Vec<BranchClause>,
    pub case_share: ShareView,
}

#[derive(Debug, Clone, Serialize)]
pub struct SopRate {
    pub sop: String,
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendRow {
    pub month: String,
    pub rates: Vec<SopRate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BranchTrend {
    pub name: String,
    pub rates: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnknownRule {
    pub rule_id: String,
    pub unknown: i64,
}

/// The report page.
#[derive(Debug, Serialize)]
pub struct ReportView<'a> {
    pub branches: Vec<BranchView>,
    pub t: &'a BTreeMap<&'a str, &'a str>,
    pub style: &'static str,
    pub semester: &'a str,
    pub previous: Option<&'a str>,
    pub organisation: &'a str,
    pub calendars: Vec<CalendarView>,
    pub sanction_rule: String,
    /// The printed pages' running header, as a CSS string (no quote, backslash or tag).
    pub print_header: String,
    pub generated: String,
    pub overall: CountsView,
    pub overall_previous: Option<f64>,
    pub overall_checks: i64,
    pub overall_cases: ShareView,
    pub overall_delta: Option<f64>,
    pub per_sop: Vec<SopView>,
    pub clauses: Vec<ClauseView>,
    /// The clauses that got worse most (up to three).
    pub worse: Vec<ClauseView>,
    pub trend: Vec<TrendRow>,
    pub trend_sops: Vec<String>,
    pub distributions: Vec<DistributionView>,
    pub advisors: Vec<AdvisorView>,
    pub examples: Vec<FailView>,
    pub compensation: Vec<FailView>,
    pub examples_note: String,
    pub compensation_note: String,
    pub topics: Vec<TopicView>,
    pub recap: Vec<TopicView>,
    pub quality: &'a [data::QualityRow],
    pub links: &'a [data::LinkView],
    pub unknown_rules: Vec<UnknownRule>,
    pub failed_files: &'a [data::FailedFile],
    pub unknown_advisors: &'a [data::UnknownAdvisor],
    /// Each chart's SVG by name.
    pub charts: BTreeMap<String, String>,
    pub review: serde_json::Value,
    pub coverage: &'a [data::CoverageView],
    pub needs_review: &'a [data::NeedsReview],
    pub chat_bookings: &'a data::ChatBookings,
    pub needs_review_total: i64,
    pub branch_months: Vec<String>,
    pub branch_trend: Vec<BranchTrend>,
}

/// One SOP of an advisor's scorecard, beside the branch's rate.
#[derive(Debug, Serialize)]
pub struct ScorecardSop<'a> {
    #[serde(flatten)]
    pub sop: &'a AdvisorSopView,
    pub branch_rate: Option<f64>,
}

/// One rule of an advisor's scorecard against the branch: rate and median beside the limit.
#[derive(Debug, Serialize)]
pub struct ScorecardRule {
    pub rule_id: String,
    pub pass: i64,
    pub fail: i64,
    pub unknown: i64,
    pub rate: Option<f64>,
    pub branch_rate: Option<f64>,
    pub median: Option<f64>,
    pub branch_median: Option<f64>,
    pub limit: Option<f64>,
    pub unit: Option<String>,
}

/// A verdict a supervisor's review changed.
#[derive(Debug, Serialize)]
pub struct OverturnedView {
    pub rule_id: String,
    pub case_key: String,
    pub machine_status: String,
    pub status: String,
    pub decision: String,
    pub reason: String,
    pub reviewer: String,
    pub reviewed_on: Option<String>,
}

/// An advisor's scorecard page.
#[derive(Debug, Serialize)]
pub struct ScorecardView<'a> {
    pub t: &'a BTreeMap<&'a str, &'a str>,
    pub style: &'static str,
    pub semester: &'a str,
    pub advisor: &'a AdvisorView,
    pub sops: Vec<ScorecardSop<'a>>,
    pub overturned: Vec<OverturnedView>,
    pub fails_reviewed: i64,
    pub machine_fails: i64,
    pub rules: Vec<ScorecardRule>,
    pub trend: Vec<TrendRow>,
    pub trend_sops: Vec<String>,
    pub trend_chart: String,
    pub fails: Vec<FailView>,
    pub fails_total: usize,
    pub fails_note: String,
}

/// A line of the scorecards' index page.
#[derive(Debug, Serialize)]
pub struct IndexRow<'a> {
    pub name: &'a str,
    pub file: &'a str,
    pub rate: Option<f64>,
    pub fail: i64,
}
