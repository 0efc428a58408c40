//! A finding and the helpers every rule uses: parameters in force at the case's date, business
//! time from the branch calendar, the data cut-off, evidence lists.

use super::model::{Case, Ev, Form};
use crate::calendar::BranchCalendar;
use crate::rules::{Catalog, ParamTable};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pass,
    Fail,
    Advisory,
    Na,
    Unknown,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Advisory => "advisory",
            Status::Na => "na",
            Status::Unknown => "unknown",
        }
    }
}

/// Findings by status, counted where they are judged (each core its own) and summed.
#[derive(Debug, Default, Clone, Copy)]
pub struct StatusCounts([usize; 5]);

impl StatusCounts {
    const ORDER: [Status; 5] = [
        Status::Pass,
        Status::Fail,
        Status::Advisory,
        Status::Na,
        Status::Unknown,
    ];

    pub fn add(&mut self, status: Status) {
        self.0[status as usize] += 1;
    }

    pub fn merge(&mut self, other: &Self) {
        for (n, m) in self.0.iter_mut().zip(other.0) {
            *n += m;
        }
    }

    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }

    /// Every status by name, in the order the summary prints them.
    pub fn named(&self) -> Vec<(String, usize)> {
        Self::ORDER
            .iter()
            .map(|s| (s.name().to_string(), self.0[*s as usize]))
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub case_kind: String,
    pub case_key: String,
    pub branch: String,
    pub advisor: Option<String>,
    pub rule_id: &'static str,
    pub rule_version: u32,
    pub status: Status,
    pub measured: Option<f64>,
    pub limit: Option<f64>,
    pub unit: Option<&'static str>,
    pub started_at: Option<NaiveDateTime>,
    pub due_at: Option<NaiveDateTime>,
    pub done_at: Option<NaiveDateTime>,
    pub reason: String,
    pub evidence: Vec<String>,
    pub semester: String,
    /// The fail rests on something the evidence shows (a complaint read, a late message), not
    /// on a message being absent: no unread message can undo it (see `Judge::abstain`).
    pub on_presence: bool,
    /// How many evidence messages are shared with another open case of the customer
    /// (`Ev::shared`), counted as they are added: a fail resting
    /// on it is `unknown` (see `Judge::settle`).
    pub shared_evidence: usize,
}

impl Finding {
    /// Marks a fail as resting on what is there, not on what is missing.
    pub fn on_presence(mut self) -> Self {
        self.on_presence = true;
        self
    }
    pub fn measured(mut self, value: f64, unit: &'static str) -> Self {
        self.measured = Some(value);
        self.unit = Some(unit);
        self
    }
    pub fn limit(mut self, value: f64, unit: &'static str) -> Self {
        self.limit = Some(value);
        self.unit = Some(unit);
        self
    }
    pub fn times(
        mut self,
        started: Option<NaiveDateTime>,
        due: Option<NaiveDateTime>,
        done: Option<NaiveDateTime>,
    ) -> Self {
        self.started_at = started;
        self.due_at = due;
        self.done_at = done;
        self
    }
    pub fn because(mut self, reason: impl Into<String>) -> Self {
        self.reason = reason.into();
        self
    }
    pub fn with(mut self, ev: &Ev) -> Self {
        let source = ev.source();
        if !source.is_empty() && !self.evidence.contains(&source) {
            self.evidence.push(source);
            self.shared_evidence += usize::from(ev.shared);
        }
        self
    }
    pub fn with_all<'e>(mut self, evs: impl IntoIterator<Item = &'e Ev>) -> Self {
        for e in evs {
            self = self.with(e);
        }
        self
    }
    pub fn with_source(mut self, source: String) -> Self {
        if !source.is_empty() && !self.evidence.contains(&source) {
            self.evidence.push(source);
        }
        self
    }
}

/// Rule parameters by effective date, looked up many times: sorted per (rule, param).
pub struct Params {
    by_key: HashMap<(String, String), Vec<(NaiveDate, f64)>>,
}

impl Params {
    pub fn new(table: &ParamTable) -> Self {
        let mut by_key: HashMap<(String, String), Vec<(NaiveDate, f64)>> = HashMap::new();
        for r in table.rows() {
            let key = (r.rule_id.clone(), r.param.clone());
            if by_key
                .get(&key)
                .is_some_and(|v| v.iter().any(|(d, _)| *d == r.effective_from))
            {
                continue;
            }
            // The table itself decides between catalog and config on one date.
            let v = table
                .value(&r.rule_id, &r.param, r.effective_from)
                .unwrap_or(r.value);
            by_key.entry(key).or_default().push((r.effective_from, v));
        }
        for v in by_key.values_mut() {
            v.sort_by_key(|(d, _)| *d);
        }
        Self { by_key }
    }

    /// The value in force on `date` (the earliest version's when the date precedes them all).
    pub fn get(&self, rule: &str, param: &str, date: NaiveDate) -> f64 {
        let Some(v) = self.by_key.get(&(rule.to_string(), param.to_string())) else {
            panic!("rule {rule} has no parameter {param} (catalog and rules disagree)");
        };
        v.iter()
            .rev()
            .find(|(d, _)| *d <= date)
            .or(v.first())
            .map(|(_, x)| *x)
            .expect("a parameter has at least one version")
    }
}

/// What every rule of one case shares, and the rule being judged (set by the registry: a rule's
/// parameters and findings are its own without naming it).
pub struct Judge<'a> {
    pub case: &'a Case,
    pub cal: &'a BranchCalendar,
    pub params: &'a Params,
    pub catalog: &'a Catalog,
    /// The end of the imported data.
    pub cutoff: NaiveDateTime,
    /// When the case opened (every judged case has a time: the record's creation, the job's
    /// completion for its follow-up).
    pub opened: NaiveDateTime,
    /// The case's clock start date: parameters and rule versions in force then.
    pub date: NaiveDate,
    pub semester: String,
    /// The source kinds imported at all (`whatsapp`, `ticket`, …).
    pub sources: &'a std::collections::HashSet<String>,
    /// BKG-4.1.4: the bookings whose technician and slot clash with this one.
    pub clashes: Option<&'a [String]>,
    /// The checklist forms matched to this case.
    pub forms: &'a [&'a Form],
    /// A follow-up: whether its job has any message at all.
    pub job_has_chat: bool,
    /// The rule being judged.
    pub rule: &'static str,
}

/// A rule's one finding on a case. `Err` carries a verdict reached early (no chat, no data), so
/// the shared gates read `let msgs = booking_chat(j)?;`.
pub type Judged = Result<Finding, Finding>;

impl<'a> Judge<'a> {
    /// The rule's parameter in force on the case's date.
    pub fn p(&self, param: &str) -> f64 {
        self.params.get(self.rule, param, self.date)
    }

    pub fn finding(&self, status: Status) -> Finding {
        let version = self
            .catalog
            .get(self.rule)
            .map_or(1, |r| r.version_at(self.date).version);
        Finding {
            case_kind: self.case.kind.clone(),
            case_key: self.case.key.clone(),
            branch: self.case.branch.clone(),
            advisor: self.case.advisor.as_deref().map(String::from),
            rule_id: self.rule,
            rule_version: version,
            status,
            measured: None,
            limit: None,
            unit: None,
            started_at: None,
            due_at: None,
            done_at: None,
            reason: String::new(),
            evidence: Vec::new(),
            semester: self.semester.clone(),
            on_presence: false,
            shared_evidence: 0,
        }
    }

    /// Pass when `ok`, else a fail saying `why_not`: a rule that checks something is there.
    pub fn holds(&self, ok: bool, why_not: &str) -> Finding {
        if ok {
            self.finding(Status::Pass)
        } else {
            self.finding(Status::Fail).because(why_not)
        }
    }

    /// The case's messages that `keep` holds, or `unknown` saying `missing` when there are
    /// none: a rule that reads a chat cannot judge a case whose chat patuh does not have.
    pub fn chat_or_unknown(
        &self,
        keep: impl Fn(&Ev) -> bool,
        missing: &str,
    ) -> Result<Vec<&'a Ev>, Finding> {
        let msgs: Vec<&'a Ev> = self.case.messages().filter(|m| keep(m)).collect();
        if msgs.is_empty() {
            Err(self.finding(Status::Unknown).because(missing))
        } else {
            Ok(msgs)
        }
    }

    /// The finding as kept: a judged one whose rule needs a record field the case's record file
    /// has no column for becomes `unknown`, naming the column (a fail is never made of data
    /// patuh did not get); a fail resting on an absent message may abstain (`abstain`).
    pub fn settle(&self, mut f: Finding) -> Finding {
        if matches!(f.status, Status::Pass | Status::Fail | Status::Unknown)
            && let Some(missing) = self.missing_column(f.rule_id)
        {
            f.status = Status::Unknown;
            f.measured = None;
            f.reason = missing;
            f = f.with_source(self.case.source());
        }
        if f.status == Status::Fail && f.shared_evidence > 0 {
            f.status = Status::Unknown;
            f.reason = needs_review(
                f.shared_evidence,
                "may belong to another open case of this customer (tied to both alike)",
                &f.reason,
            );
        }
        if f.status == Status::Fail {
            f = self.abstain(f);
        }
        f
    }

    /// A fail that rests on the absence of a kind of message (`rests_on` in the catalog) is
    /// `unknown` "needs review" when, inside the finding's window, an advisor message the
    /// rules did not read as that kind is that kind by the model (a label under `DECIDES_AT` or
    /// a candidate): patuh does not accuse on what it could not read with confidence.
    fn abstain(&self, mut f: Finding) -> Finding {
        let Some(rule) = self.catalog.get(f.rule_id) else {
            return f;
        };
        if rule.rests_on.is_empty() || f.on_presence {
            return f;
        }
        // The model scores a kind only on messages of the side that writes it.
        let candidates: Vec<(&Ev, &str, f32)> = self
            .case
            .messages()
            .filter(|m| f.started_at.is_none_or(|s| m.at >= s))
            .filter(|m| f.due_at.is_none_or(|d| m.at <= d))
            .filter_map(|m| {
                rule.rests_on
                    .iter()
                    .filter(|r| !r.states_time || m.promised_at().is_some())
                    // A kind the message is read as (the model sure of it) was weighed already.
                    .filter(|r| !m.has(&r.kind))
                    .filter_map(|r| m.attrs.uncertain(&r.kind).map(|p| (r.kind.as_str(), p)))
                    .filter(|&(k, p)| {
                        p >= crate::timeline::model::CANDIDATE_AT
                            || m.attrs.maybe_cues.contains_key(k)
                    })
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(k, p)| (m, k, p))
            })
            .collect();
        let Some(&(best_msg, kind, best)) = candidates.iter().max_by(|a, b| a.2.total_cmp(&b.2))
        else {
            return f;
        };
        let cue = best_msg.attrs.maybe_cues.get(kind);
        let what = match cue.and_then(|c| crate::timeline::cues::cue_says(c)) {
            Some(says) => format!(
                "may be a {} ({says}; model {best:.2})",
                kind.replace('_', " ")
            ),
            None => may_be(&kind.replace('_', " "), best),
        };
        let reason = needs_review(candidates.len(), &what, &f.reason);
        let earlier = std::mem::take(&mut f.evidence);
        let mut out = Finding {
            status: Status::Unknown,
            reason,
            evidence: Vec::new(),
            ..f
        };
        for (m, _, _) in &candidates {
            out = out.with(m);
        }
        for e in earlier {
            out = out.with_source(e);
        }
        out
    }

    /// "data missing: …" when the rule needs a field that the case's record file lacks.
    fn missing_column(&self, rule_id: &str) -> Option<String> {
        let rule = self.catalog.get(rule_id)?;
        // A source the rule reads that was not imported at all ("whatsapp").
        if let Some(kind) = rule
            .needs
            .iter()
            .find(|n| !n.contains('.') && !self.sources.contains(n.as_str()))
        {
            return Some(format!(
                "data missing: no {} export was imported",
                source_name(kind)
            ));
        }
        let fields = self.case.record_fields.as_ref()?;
        rule.needs
            .iter()
            .filter(|n| n.contains('.'))
            .find_map(|need| {
                let alternatives: Vec<(&str, &str)> =
                    need.split('|').filter_map(|n| n.split_once('.')).collect();
                if alternatives
                    .iter()
                    .any(|(_, f)| fields.iter().any(|x| x == f))
                {
                    return None;
                }
                let (kind, _) = alternatives.first()?;
                let spec = crate::ingest::vocab::fields(kind);
                let names: Vec<&str> = alternatives.iter().map(|(_, f)| spec.display(f)).collect();
                Some(format!(
                    "data missing: the {} export has no {} column",
                    kind.replace('_', "-"),
                    names.join(" or ")
                ))
            })
    }
}

/// A source kind as a reader names its export.
fn source_name(kind: &str) -> &str {
    match kind {
        "whatsapp" => "WhatsApp",
        "work_order" => "work-order",
        other => other,
    }
}

/// What a message the model half-reads may be, as a review reason says it.
pub(super) fn may_be(kind: &str, score: f32) -> String {
    format!("may be a {kind} (model {score:.2}) that patuh could not read with confidence")
}

/// The reason of a fail turned `unknown` for review: how many messages, what they may be, and
/// the fail it would otherwise have been.
pub(super) fn needs_review(messages: usize, what: &str, fail_reason: &str) -> String {
    format!(
        "needs review: {messages} message{} {what}; {}",
        if messages == 1 { "" } else { "s" },
        if fail_reason.is_empty() {
            "otherwise a fail"
        } else {
            fail_reason
        }
    )
}
