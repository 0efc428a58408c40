//! Per-rule fixtures in the shape of a dbt unit test: given a case's record fields and events,
//! expect the rule's status, measured value, reason and evidence. One TOML file per measurable
//! rule (`tests/rules/<SOP>/<rule id>.toml`), judged in-process through the same
//! `Context::judge` as the store's scoring, so hundreds run in well under a second.
//!
//! ```toml
//! rule = "BKG-4.1.2"
//!
//! [given]                       # what every example starts from
//! case = { kind = "booking", key = "BK-1", opened_at = "2025-03-04 09:00" }
//! events = ["2025-03-04 09:00 customer booking_request | mau booking kak"]
//!
//! [[example]]
//! name = "a reply in the fifth business minute passes"
//! add = ["2025-03-04 09:05 advisor greeting | siap kak"]
//! expect = { status = "pass", measured = 5, evidence = ["chat.txt:1", "chat.txt:2"] }
//! ```
//!
//! An example's `case` table is laid over the given one field by field (`""` empties a field, as
//! a blank cell is stored); its `events` replace the
//! given events and `add` appends to them. An event is a line `"<date> <time> <role> <labels> |
//! <text>"` (labels comma-separated, `-` for none; a record event is `"<date> <time> system
//! <activity>"`) or a table `{ at, role, labels, activity, text, attrs }` when it needs
//! attributes. Its evidence is `chat.txt:<n>` (messages) or `record.xlsx:Sheet1:<n>` (record
//! events), `n` being its place in the list. `cutoff` (default 2025-12-31 17:00), `sources`
//! (default every kind), `job_has_chat`, `forms` and `others` (further cases of the same store,
//! laid over the given case too) may be given or set per example. `expect.reason` is a part of
//! the reason (`""`: no reason); `evidence`, `measured`, `limit`, `unit`, `due` are compared
//! whole.

use super::judge::{Finding, Params};
use super::model::{Attrs, Case, Ev, Form, Role};
use super::{Context, bkg};
use crate::config::Config;
use crate::rules::{Catalog, ParamTable};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

const TIME: &str = "%Y-%m-%d %H:%M";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileText {
    rule: String,
    #[serde(default)]
    given: Setting,
    #[serde(rename = "example")]
    examples: Vec<ExampleText>,
}

/// What a case is judged with; every field optional so an example can set only what differs.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Setting {
    case: Option<toml::Table>,
    events: Option<Vec<EventText>>,
    cutoff: Option<String>,
    sources: Option<Vec<String>>,
    job_has_chat: Option<bool>,
    forms: Option<Vec<FormText>>,
    others: Option<Vec<toml::Table>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleText {
    name: String,
    #[serde(flatten)]
    setting: Setting,
    #[serde(default)]
    add: Vec<EventText>,
    expect: Expect,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum EventText {
    Line(String),
    Table(EventTable),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventTable {
    at: String,
    role: String,
    #[serde(default)]
    labels: String,
    activity: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    attrs: Option<toml::Table>,
    /// Tied to this case and to another open case alike (`Ev::shared`).
    #[serde(default)]
    shared: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormText {
    sop: String,
    operator: Option<String>,
    date: Option<NaiveDate>,
    plate: Option<String>,
    items: Vec<ItemText>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemText {
    text: String,
    ticked: bool,
    note: Option<String>,
    source: Option<String>,
}

/// What the rule must find.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub status: String,
    pub measured: Option<f64>,
    pub limit: Option<f64>,
    pub unit: Option<String>,
    pub reason: Option<String>,
    pub evidence: Option<Vec<String>>,
    pub due: Option<String>,
}

/// One judged situation of a fixture.
pub struct Example {
    pub name: String,
    case: Case,
    others: Vec<Case>,
    forms: Vec<Form>,
    cutoff: NaiveDateTime,
    sources: HashSet<String>,
    job_has_chat: bool,
    pub expect: Expect,
}

pub struct Fixture {
    pub path: PathBuf,
    pub rule: String,
    pub examples: Vec<Example>,
}

impl Fixture {
    /// Reads a fixture file; an error names the file and the example.
    pub fn load(path: &Path) -> Result<Fixture, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file: FileText =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let branch = Config::defaults().default_branch().name.clone();
        let examples = file
            .examples
            .into_iter()
            .map(|x| {
                example(&file.given, x, &branch)
                    .map_err(|(name, e)| format!("{}: example {name:?}: {e}", path.display()))
            })
            .collect::<Result<_, _>>()?;
        Ok(Fixture {
            path: path.to_path_buf(),
            rule: file.rule,
            examples,
        })
    }
}

fn example(given: &Setting, x: ExampleText, branch: &str) -> Result<Example, (String, String)> {
    let name = x.name.clone();
    let fail = |e: String| (name.clone(), e);
    let s = &x.setting;
    let base = given.case.clone().unwrap_or_default();
    let case_table = overlay(&base, s.case.as_ref());
    let mut events: Vec<EventText> = s
        .events
        .clone()
        .or(given.events.clone())
        .unwrap_or_default();
    events.extend(x.add.iter().cloned());
    let mut case = case_of(&case_table, branch).map_err(fail)?;
    case.events = events_of(&events).map_err(fail)?;
    let others = s
        .others
        .clone()
        .or(given.others.clone())
        .unwrap_or_default()
        .iter()
        .map(|o| case_of(&overlay(&base, Some(o)), branch))
        .collect::<Result<_, _>>()
        .map_err(fail)?;
    let cutoff = s
        .cutoff
        .clone()
        .or(given.cutoff.clone())
        .unwrap_or("2025-12-31 17:00".into());
    let cutoff = NaiveDateTime::parse_from_str(&cutoff, TIME)
        .map_err(|e| fail(format!("cutoff {cutoff:?}: {e} (expected {TIME})")))?;
    let forms = s
        .forms
        .clone()
        .or(given.forms.clone())
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, f)| Form {
            sop: f.sop,
            operator: f.operator,
            date: f.date,
            plate: f.plate,
            items: f
                .items
                .into_iter()
                .enumerate()
                .map(|(k, it)| {
                    let source =
                        it.source
                            .unwrap_or(format!("checklist.xlsx:Form{}:{}", i + 1, k + 2));
                    (it.text, it.ticked, it.note, source)
                })
                .collect(),
        })
        .collect();
    let sources = s
        .sources
        .clone()
        .or(given.sources.clone())
        // Default: every kind of source imported.
        .unwrap_or_else(|| {
            <crate::ingest::SourceKind as clap::ValueEnum>::value_variants()
                .iter()
                .map(|k| k.name().to_string())
                .collect()
        })
        .into_iter()
        .collect();
    Ok(Example {
        name: x.name,
        case,
        others,
        forms,
        cutoff,
        sources,
        job_has_chat: s.job_has_chat.or(given.job_has_chat).unwrap_or(false),
        expect: x.expect,
    })
}

/// The given table with the example's fields laid over it.
fn overlay(base: &toml::Table, top: Option<&toml::Table>) -> toml::Table {
    let mut t = base.clone();
    for (k, v) in top.into_iter().flatten() {
        // `""` leaves the field empty, as the import stores a blank cell (NULL).
        if v.as_str() == Some("") {
            t.remove(k);
        } else {
            t.insert(k.clone(), v.clone());
        }
    }
    t
}

fn case_of(table: &toml::Table, branch: &str) -> Result<Case, String> {
    // Times are written "2025-03-04 09:00"; chrono reads "2025-03-04T09:00:00".
    let mut t = table.clone();
    for (_, v) in t.iter_mut() {
        if let toml::Value::String(s) = v
            && NaiveDateTime::parse_from_str(s.as_str(), TIME).is_ok()
        {
            *s = format!("{}:00", s.replacen(' ', "T", 1));
        }
    }
    let mut case: Case = toml::Value::Table(t)
        .try_into()
        .map_err(|e| format!("case: {e}"))?;
    if case.branch.is_empty() {
        case.branch = branch.to_string();
    }
    Ok(case)
}

fn events_of(texts: &[EventText]) -> Result<Vec<Ev>, String> {
    let mut events = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let table = match t {
            EventText::Table(t) => t.clone(),
            EventText::Line(line) => parse_line(line)?,
        };
        let at = NaiveDateTime::parse_from_str(&table.at, TIME).map_err(|e| {
            format!(
                "event {}: time {:?}: {e} (expected {TIME})",
                i + 1,
                table.at
            )
        })?;
        let role = Role::parse(&table.role);
        if role == Role::System && !matches!(table.role.as_str(), "system") {
            return Err(format!(
                "event {}: role {:?} (expected customer, advisor, auto_reply, technician or system)",
                i + 1,
                table.role
            ));
        }
        let message = matches!(role, Role::Customer | Role::Advisor | Role::Auto);
        let activity = table.activity.clone().unwrap_or_else(|| {
            table
                .labels
                .split(',')
                .find(|l| !l.is_empty())
                .unwrap_or("message")
                .to_string()
        });
        let attrs: Attrs = match &table.attrs {
            Some(a) => toml::Value::Table(a.clone())
                .try_into()
                .map_err(|e| format!("event {}: attrs: {e}", i + 1))?,
            None => Attrs::default(),
        };
        events.push(Ev {
            at,
            role,
            activity: activity.into(),
            labels: super::model::labels_of(&table.labels),
            attrs,
            text: table.text.clone(),
            file: if message {
                "chat.txt:"
            } else {
                "record.xlsx:Sheet1:"
            }
            .into(),
            row: Some(i as i32 + 1),
            shared: table.shared,
        });
    }
    // The store hands events in time order, file order within a minute.
    events.sort_by_key(|e| e.at);
    Ok(events)
}

/// `"2025-03-04 09:00 customer booking_request,greeting | text"` or `"… system status:qc"`.
fn parse_line(line: &str) -> Result<EventTable, String> {
    let (head, text) = match line.split_once(" | ") {
        Some((h, t)) => (h, t.to_string()),
        None => (line, String::new()),
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    let [date, time, role, rest @ ..] = words.as_slice() else {
        return Err(format!(
            "event {line:?}: expected \"<date> <time> <role> <labels> | <text>\""
        ));
    };
    let tag = rest.join(" ");
    let message = matches!(*role, "customer" | "advisor" | "auto_reply");
    let (labels, activity) = if message {
        (if tag == "-" { String::new() } else { tag }, None)
    } else {
        (String::new(), Some(tag))
    };
    Ok(EventTable {
        at: format!("{date} {time}"),
        role: role.to_string(),
        labels,
        activity,
        text,
        attrs: None,
        shared: false,
    })
}

/// The catalog, parameters and calendar every fixture is judged with (the built-in defaults).
pub struct Bench {
    catalog: Catalog,
    params: Params,
    config: Config,
}

impl Default for Bench {
    fn default() -> Self {
        let catalog = Catalog::builtin();
        let table = ParamTable::build(&catalog, &[]).expect("built-in parameters");
        let params = Params::new(&table);
        Bench {
            catalog,
            params,
            config: Config::defaults(),
        }
    }
}

impl Bench {
    /// The findings of the example's case (all its rules).
    pub fn judge(&self, x: &Example) -> Vec<Finding> {
        let branch = self.config.default_branch();
        let mut all: Vec<Case> = vec![x.case.clone()];
        all.extend(x.others.iter().cloned());
        let ctx = Context {
            catalog: &self.catalog,
            params: &self.params,
            calendars: all
                .iter()
                .map(|c| (c.branch.clone(), self.config.calendar(branch)))
                .collect(),
            cutoffs: HashMap::new(),
            latest: x.cutoff,
            sources: x.sources.clone(),
            clashes: bkg::technician_clashes(
                &all,
                self.params.get("BKG-4.1.4", "slot_minutes", NaiveDate::MAX),
            ),
            job_has_chat: HashMap::from([(x.case.key.clone(), x.job_has_chat)]),
            start_month: self.config.report.semester_start_month,
        };
        let forms: Vec<&Form> = x.forms.iter().collect();
        ctx.judge(&x.case, &forms)
    }

    /// What differs from the example's expectation (empty when it holds).
    pub fn check(&self, rule: &str, x: &Example) -> Vec<String> {
        let found: Vec<Finding> = self
            .judge(x)
            .into_iter()
            .filter(|f| f.rule_id == rule)
            .collect();
        let [f] = found.as_slice() else {
            return vec![format!("{} findings of {rule} (expected one)", found.len())];
        };
        let e = &x.expect;
        let mut out = Vec::new();
        let said = || format!("(reason {:?}, evidence {:?})", f.reason, f.evidence);
        if f.status.name() != e.status {
            out.push(format!(
                "status {} (expected {}) {}",
                f.status.name(),
                e.status,
                said()
            ));
        }
        let near = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-6);
        if let Some(m) = e.measured
            && !near(f.measured, m)
        {
            out.push(format!("measured {:?} (expected {m})", f.measured));
        }
        if let Some(l) = e.limit
            && !near(f.limit, l)
        {
            out.push(format!("limit {:?} (expected {l})", f.limit));
        }
        if let Some(u) = &e.unit
            && f.unit != Some(u.as_str())
        {
            out.push(format!("unit {:?} (expected {u})", f.unit));
        }
        if let Some(r) = &e.reason {
            let ok = if r.is_empty() {
                f.reason.is_empty()
            } else {
                f.reason.contains(r.as_str())
            };
            if !ok {
                out.push(format!("reason {:?} (expected to hold {r:?})", f.reason));
            }
        }
        if let Some(ev) = &e.evidence
            && &f.evidence != ev
        {
            out.push(format!("evidence {:?} (expected {ev:?})", f.evidence));
        }
        if let Some(d) = &e.due {
            let due = f.due_at.map(|t| t.format(TIME).to_string());
            if due.as_deref() != Some(d.as_str()) {
                out.push(format!("due {due:?} (expected {d})"));
            }
        }
        out
    }
}
