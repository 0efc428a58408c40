//! `patuh score`: every measurable rule of the catalog on every case.
//!
//! Set-wise in three steps: read every case with its record fields and every event once
//! (`queries/score/*.sql`), judge the cases in parallel in Rust (the rules need the branch
//! calendar for business time, which lives in Rust), append all findings in one transaction.
//! Scoring always starts from scratch, so a re-run equals a first run.

// A rule's early verdict (`Judged`'s `Err`) is a finding like its `Ok`: both variants are the
// same size, so boxing one would only add an allocation.
#![allow(clippy::result_large_err)]

mod bkg;
mod chk;
pub mod clock;
pub mod fixture;
mod fut;
mod half_read;
mod inq;
pub mod judge;
mod ksp;
pub mod model;
mod pjl;
pub mod registry;
mod reply;
mod tickets;

use crate::calendar::BranchCalendar;
use crate::calendar::semester_of;
use crate::config::{Config, param_overrides};
use crate::error::Result;
use crate::rules::{Catalog, ParamTable};
use crate::store::batches::Inserter;
use crate::store::table_batch::TableBatch;
use crate::store::table_batch::Val;
use crate::store::{Store, sql, sql_text};
use crate::timeline::link::plate_key;
use chrono::{NaiveDate, NaiveDateTime};
use duckdb::Connection;
use duckdb::arrow::record_batch::RecordBatch;
use judge::{Finding, Judge, Params, StatusCounts};
use model::{Attrs, Case, Ev, Form, Role};
use rayon::prelude::*;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    pub cases: usize,
    pub findings: usize,
    /// (status, count)
    pub by_status: Vec<(String, usize)>,
    pub checklist_forms: usize,
    pub checklist_forms_unmatched: usize,
    /// What became of the imported review decisions: (outcome, decisions).
    pub reviews: Vec<(String, usize)>,
    /// Seconds per phase, for benchmarks.
    pub timings: Vec<(String, f64)>,
}

/// What the rules of every case share: catalog and parameters, each branch's calendar and data
/// cut-off, the source kinds imported, and the facts that compare cases with each other.
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub params: &'a Params,
    pub calendars: HashMap<String, BranchCalendar>,
    /// The end of each branch's imported data.
    pub cutoffs: HashMap<String, NaiveDateTime>,
    /// The cut-off of a branch without events of its own: the latest of all.
    pub latest: NaiveDateTime,
    pub sources: std::collections::HashSet<String>,
    /// BKG-4.1.4: booking key → the bookings whose technician and slot it clashes with.
    pub clashes: HashMap<String, Vec<String>>,
    /// Job key → whether the job has a chat (its follow-up reads it).
    pub job_has_chat: HashMap<String, bool>,
    pub start_month: u32,
}

impl Context<'_> {
    /// Every finding of one case: the rules of its kind, and the checklist rules on its forms.
    /// The whole store's scoring and the per-rule fixtures both judge through here.
    pub fn judge(&self, c: &Case, forms: &[&Form]) -> Vec<Finding> {
        let Some(opened) = c.opened_at else {
            return Vec::new();
        };
        let mut j = Judge {
            case: c,
            cal: &self.calendars[&c.branch],
            params: self.params,
            catalog: self.catalog,
            cutoff: self.cutoffs.get(&c.branch).copied().unwrap_or(self.latest),
            opened,
            date: opened.date(),
            semester: semester_of(opened.date(), self.start_month),
            sources: &self.sources,
            clashes: self.clashes.get(&c.key).map(Vec::as_slice),
            forms,
            job_has_chat: self
                .job_has_chat
                .get(c.key.as_str())
                .copied()
                .unwrap_or(false),
            rule: "",
        };
        registry::judge_all(&mut j)
    }
}

pub fn score(store: &mut Store, config: &Config) -> Result<Summary> {
    store.with_pool(crate::store::POOL_BESIDE_ROWS, |store| {
        score_all(store, config)
    })
}

fn score_all(store: &mut Store, config: &Config) -> Result<Summary> {
    let catalog = Catalog::builtin();
    let table = ParamTable::build(&catalog, &param_overrides(config))?;
    let params = Params::new(&table);
    let start_month = config.report.semester_start_month;
    store.unit_of_work("scoring", |conn| {
        let mut phases = crate::output::Phases::start();
        // In object order (the query's), as the events stream: each case is judged as soon as
        // its events are read and its events dropped then (memory holds a chunk, not all).
        let mut cases = read_cases(conn)?;
        // The events' order is checked as they stream; the cases' must be the same (a
        // collation that orders otherwise would judge a case before all its events are read).
        if !cases.is_sorted_by(|a, b| a.object_id <= b.object_id) {
            cases.sort_by(|a, b| a.object_id.cmp(&b.object_id));
        }
        phases.lap("read cases");
        let forms = read_forms(conn)?;
        let sources: std::collections::HashSet<String> =
            crate::store::rows(conn, sql::SC_SOURCES, [], |r| r.get(0))?
                .into_iter()
                .collect();
        let cutoffs: HashMap<String, NaiveDateTime> =
            crate::store::rows(conn, sql::SC_CUTOFF, [], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<NaiveDateTime>>(1)?,
                ))
            })?
            .into_iter()
            .filter_map(|(branch, at)| Some((branch, at?)))
            .collect();
        // A branch without events of its own (no case can then have any) falls back to the
        // latest of all.
        let latest = cutoffs
            .values()
            .max()
            .copied()
            .unwrap_or(NaiveDateTime::MAX);

        let mut calendars: HashMap<String, BranchCalendar> = HashMap::new();
        for c in &cases {
            calendars.entry(c.branch.clone()).or_insert_with(|| {
                config.calendar(config.branch(&c.branch).unwrap_or(config.default_branch()))
            });
        }
        let ctx = Context {
            catalog: &catalog,
            params: &params,
            calendars,
            latest,
            cutoffs,
            sources,
            clashes: bkg::technician_clashes(
                &cases,
                params.get("BKG-4.1.4", "slot_minutes", NaiveDate::MAX),
            ),
            job_has_chat: crate::store::rows(conn, sql::SC_JOBS_WITH_CHAT, [], |r| r.get(0))?
                .into_iter()
                .map(|key: String| (key, true))
                .collect(),
            start_month,
        };
        // Forms by (SOP, plate, date). A form is dated the day the work began: the job's
        // check-in, or for a booking the day its chat started, up to three days before it was
        // recorded.
        let mut form_index: HashMap<(&str, String, NaiveDate), Vec<&Form>> = HashMap::new();
        for f in &forms {
            if let (Some(p), Some(d)) = (f.plate.as_deref().and_then(plate_key), f.date) {
                form_index
                    .entry((f.sop.as_str(), p, d))
                    .or_default()
                    .push(f);
            }
        }
        let forms_of = |c: &Case| -> Vec<&Form> {
            let (sop, back) = match c.kind.as_str() {
                "booking" => ("BKG", 3),
                "job" => ("KSP", 0),
                _ => return Vec::new(),
            };
            let (Some(plate), Some(opened)) = (c.plate.as_deref().and_then(plate_key), c.opened_at)
            else {
                return Vec::new();
            };
            (0..=back)
                .find_map(|k| {
                    form_index.get(&(
                        sop,
                        plate.clone(),
                        opened.date() - chrono::Duration::days(k),
                    ))
                })
                .cloned()
                .unwrap_or_default()
        };
        let matched_forms = cases
            .iter()
            .flat_map(&forms_of)
            .map(|f| f as *const Form)
            .collect::<std::collections::HashSet<_>>()
            .len();

        conn.execute_batch("delete from finding")?;
        let empty = TableBatch::for_table(conn, "finding")?;
        // Judged and turned into Arrow batches on every core, a few thousand cases a batch
        // (building the rows one by one after judging took as long as the judging).
        let judge_chunk = |chunk: &[Case]| -> duckdb::Result<Vec<(RecordBatch, StatusCounts)>> {
            chunk
                .par_chunks(CASES_PER_BATCH)
                .map(|cases| {
                    let mut batch = empty.empty_like();
                    let mut counts = StatusCounts::default();
                    for c in cases {
                        for f in ctx.judge(c, &forms_of(c)) {
                            counts.add(f.status);
                            batch.push_row(&finding_row(&f))?;
                        }
                    }
                    Ok((batch.finish()?, counts))
                })
                .collect()
        };
        let mut by_status = StatusCounts::default();
        // Inserted on every core a few hundred thousand rows at a time.
        let mut findings_in = Inserter::new("finding");
        let mut write = |chunk: &[Case]| -> duckdb::Result<()> {
            let batches = judge_chunk(chunk)?;
            for (batch, counts) in batches {
                by_status.merge(&counts);
                findings_in.push(conn, batch)?;
            }
            Ok(())
        };
        // Judged in chunks of cases as their events arrive: neither every event nor every
        // finding sits in memory at once. The events are read on a thread of their own while
        // the chunk before is judged and written (one after the other, reading was a third of
        // the stage on one core).
        let case_count = cases.len();
        // A connection of its own: findings are written on `conn` while the events stream.
        let reader = conn.try_clone()?;
        std::thread::scope(|scope| -> duckdb::Result<()> {
            let (chunks, ready) = std::sync::mpsc::sync_channel::<Vec<Case>>(1);
            let streaming = scope.spawn(move || -> duckdb::Result<()> {
                let mut judged = 0;
                // A judged case is not read again (the stream has passed its object): its
                // fields and events leave with its chunk, so memory falls as findings grow.
                let send = |cases: &mut [Case]| {
                    chunks
                        .send(cases.iter_mut().map(std::mem::take).collect())
                        .map_err(|_| stopped("the judging stopped"))
                };
                stream_events(&reader, &mut cases, |cases, complete| {
                    if complete - judged >= CASES_PER_CHUNK || complete == cases.len() {
                        send(&mut cases[judged..complete])?;
                        judged = complete;
                    }
                    Ok(())
                })?;
                send(&mut cases[judged..])
            });
            let judging = ready.iter().try_for_each(|chunk| write(&chunk));
            // A failed write drops the receiver, which stops the stream; its error is the one
            // that says why.
            drop(ready);
            let streamed = streaming
                .join()
                .unwrap_or_else(|_| Err(stopped("reading the events panicked")));
            judging.and(streamed)
        })?;
        phases.lap("read events, judge and write findings");
        findings_in.flush(conn)?;
        phases.lap("write the last findings");
        let reviews = crate::review::apply(conn)?;
        phases.lap("apply review decisions");
        Ok(Summary {
            cases: case_count,
            findings: by_status.total(),
            by_status: by_status.named(),
            checklist_forms: forms.len(),
            checklist_forms_unmatched: forms.len().saturating_sub(matched_forms),
            reviews,
            timings: phases.into_laps(),
        })
    })
}

/// Every case with its record fields, read by column name (`queries/score/cases.sql`) in Arrow
/// batches: row by row, 40 values a case cost ~175 ns each (853 k cases at `--scale 100`: 6.5 s
/// that way, 4.0 s this way, of which the query 1.3-1.8 s).
fn read_cases(conn: &Connection) -> duckdb::Result<Vec<Case>> {
    use crate::store::columns::{each_batch, text_at};
    use duckdb::arrow::array::Array;
    // A handful of distinct field lists over all cases: one parse and one copy each.
    let mut field_lists: HashMap<String, Option<std::sync::Arc<Vec<String>>>> = HashMap::new();
    let mut out = Vec::new();
    each_batch(conn, sql::SC_CASES, "cases", |c| {
        // Each column once per batch, as a local of its own name.
        macro_rules! columns {
            ($read:ident: $($name:ident),+) => { $(let $name = c.$read(stringify!($name))?;)+ };
        }
        columns!(text: case_kind, case_key, branch, object_id, advisor, customer, phone, plate);
        columns!(text: vehicle_type, service, technician, status, additional_work, phone_raw);
        columns!(text: priority, category_raw, priority_raw, subject, resolution, satisfaction);
        columns!(text: product, warranty_status, tracking_no, record_source, record_fields);
        let category = c.text("type")?;
        columns!(timestamp: opened_at, closed_at, slot, checkin_at, estimated_done_at);
        columns!(timestamp: technician_estimate_at, approval_at, first_response_at);
        columns!(timestamp: escalated_at, resolved_at, shipped_at);
        columns!(date: purchase_date, warranty_until);
        let chat_ambiguous = c.boolean("chat_ambiguous")?;
        let text = |column: &duckdb::arrow::array::StringArray, i: usize| {
            text_at(column, i).map(Box::<str>::from)
        };
        out.reserve(c.batch.num_rows());
        for i in 0..c.batch.num_rows() {
            let fields = match text_at(&record_fields, i) {
                None => None,
                Some(f) => match field_lists.get(f) {
                    Some(l) => l.clone(),
                    None => {
                        let l = serde_json::from_str::<Vec<String>>(f)
                            .ok()
                            .map(std::sync::Arc::new);
                        field_lists.insert(f.to_string(), l.clone());
                        l
                    }
                },
            };
            out.push(Case {
                kind: c.required_at(&case_kind, i, "case_kind")?.to_string(),
                key: c.required_at(&case_key, i, "case_key")?.to_string(),
                branch: c.required_at(&branch, i, "branch")?.to_string(),
                advisor: text(&advisor, i),
                customer: text(&customer, i),
                phone: text(&phone, i),
                plate: text(&plate, i),
                opened_at: c.time_opt(&opened_at, i)?,
                closed_at: c.time_opt(&closed_at, i)?,
                object_id: c.required_at(&object_id, i, "object_id")?.to_string(),
                vehicle_type: text(&vehicle_type, i),
                service: text(&service, i),
                slot: c.time_opt(&slot, i)?,
                technician: text(&technician, i),
                booking_status: text(&status, i),
                arrived_at: c.time_opt(&checkin_at, i)?,
                estimated_done_at: c.time_opt(&estimated_done_at, i)?,
                technician_estimate_at: c.time_opt(&technician_estimate_at, i)?,
                additional_work: text(&additional_work, i),
                approval_at: c.time_opt(&approval_at, i)?,
                phone_raw: text(&phone_raw, i),
                category: text(&category, i),
                priority: text(&priority, i),
                category_raw: text(&category_raw, i),
                priority_raw: text(&priority_raw, i),
                subject: text(&subject, i),
                first_response_at: c.time_opt(&first_response_at, i)?,
                escalated_at: c.time_opt(&escalated_at, i)?,
                resolved_at: c.time_opt(&resolved_at, i)?,
                resolution: text(&resolution, i),
                satisfaction: text(&satisfaction, i),
                purchase_date: c.date_opt(&purchase_date, i)?,
                product: text(&product, i),
                warranty_status: text(&warranty_status, i),
                warranty_until: c.date_opt(&warranty_until, i)?,
                shipped_at: c.time_opt(&shipped_at, i)?,
                tracking_no: text(&tracking_no, i),
                record_source: text(&record_source, i),
                record_fields: fields,
                chat_ambiguous: chat_ambiguous.is_valid(i) && chat_ambiguous.value(i),
                events: Vec::new(),
            });
        }
        Ok(())
    })?;
    Ok(out)
}

/// Cases judged per chunk of this many, as their events have been read. Up to three chunks are
/// held at once (one read, one waiting, one judged), with their events and findings: the
/// score's peak at `--scale 100` is 3.38 GB with 20,000 and 3.15-3.17 GB with 5,000-8,000, at the
/// same speed. Four batches of `CASES_PER_BATCH` keep both cores judging.
const CASES_PER_CHUNK: usize = 8_000;
/// Cases judged into one Arrow batch (about 25 k findings).
const CASES_PER_BATCH: usize = 2_000;

/// A finding as a row of the `finding` table.
fn finding_row(f: &Finding) -> Vec<Val> {
    let text = |s: &str| Val::Text(s.to_string());
    let opt_f = |x: Option<f64>| x.map_or(Val::Null, Val::Float);
    let opt_t = |x: Option<NaiveDateTime>| x.map_or(Val::Null, Val::Time);
    vec![
        text(&f.case_kind),
        text(&f.case_key),
        text(&f.branch),
        Val::text(f.advisor.clone()),
        text(f.rule_id),
        Val::Int(i64::from(f.rule_version)),
        text(f.status.name()),
        opt_f(f.measured),
        opt_f(f.limit),
        f.unit.map_or(Val::Null, text),
        opt_t(f.started_at),
        opt_t(f.due_at),
        opt_t(f.done_at),
        if f.reason.is_empty() {
            Val::Null
        } else {
            text(&f.reason)
        },
        Val::Text(f.evidence.join("; ")),
        text(&f.semester),
    ]
}

/// Streams every case's events in one pass ordered by case object (`cases` sorted by object
/// id), attaching each to its cases, and calls `ready(cases, n)` as the first `n` cases have
/// all their events (a case whose object id precedes the one being read is complete).
fn stream_events(
    reader: &Connection,
    cases: &mut [Case],
    mut ready: impl FnMut(&mut [Case], usize) -> duckdb::Result<()>,
) -> duckdb::Result<()> {
    use crate::store::columns::{each_batch, text_at};
    use duckdb::arrow::array::Array;
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in cases.iter().enumerate() {
        index.entry(c.object_id.clone()).or_default().push(i);
    }
    // A few dozen distinct activities and label sets over millions of events: one copy each.
    let mut interned = crate::values::Interner::default();
    let mut intern = |s: &str| interned.get(s);
    let mut label_sets: HashMap<String, model::Labels> = HashMap::new();
    let mut complete = 0;
    let mut last_object = String::new();
    each_batch(reader, sql::SC_CASE_EVENTS, "case events", |c| {
        let (object, link, role, activity, labels, attributes, body, file) = (
            c.text("object_id")?,
            c.text("link")?,
            c.text("actor_role")?,
            c.text("activity")?,
            c.text("labels")?,
            c.text("attributes")?,
            c.text("text")?,
            c.text("source_file")?,
        );
        let (at, row_no) = (c.timestamp("occurred_at")?, c.int32("row_no")?);
        for i in 0..c.batch.num_rows() {
            let obj = object.value(i);
            if obj != last_object {
                if obj < last_object.as_str() {
                    return Err(c.wrong("not in object order"));
                }
                // Every case before this object has all its events.
                while complete < cases.len() && cases[complete].object_id.as_str() < obj {
                    complete += 1;
                }
                ready(cases, complete)?;
                last_object = obj.to_string();
            }
            let Some(targets) = index.get(obj) else {
                continue;
            };
            let joined = labels.value(i);
            let labels = match label_sets.get(joined) {
                Some(l) => l.clone(),
                None => {
                    let l = model::labels_of(joined);
                    label_sets.insert(joined.to_string(), l.clone());
                    l
                }
            };
            let ev = Ev {
                at: c.time_at(&at, i)?,
                role: Role::parse(role.value(i)),
                activity: intern(activity.value(i)),
                labels,
                attrs: serde_json::from_str::<Attrs>(attributes.value(i)).unwrap_or_default(),
                text: body.value(i).to_string(),
                file: intern(text_at(&file, i).unwrap_or_default()),
                row: (!row_no.is_null(i)).then(|| row_no.value(i)),
                shared: link.value(i) == "shared",
            };
            // Nearly every event has one case: move it there, copy only for the others.
            if let Some((&last, rest)) = targets.split_last() {
                for &t in rest {
                    cases[t].events.push(ev.clone());
                }
                cases[last].events.push(ev);
            }
        }
        Ok(())
    })
}

/// An error that ends the events' stream when the other side of the stage has stopped.
fn stopped(why: &str) -> duckdb::Error {
    duckdb::Error::ToSqlConversionFailure(why.into())
}

fn read_forms(conn: &Connection) -> duckdb::Result<Vec<Form>> {
    let mut stmt = conn.prepare(sql::SC_CHECKLISTS)?;
    let mut rows = stmt.query([])?;
    let mut forms: Vec<Form> = Vec::new();
    let mut last_key = String::new();
    while let Some(r) = rows.next()? {
        let key: String = r.get("form")?;
        if key != last_key || forms.is_empty() {
            forms.push(Form {
                sop: r.get("sop")?,
                operator: r.get("operator")?,
                date: r.get("work_date")?,
                plate: r.get("plate")?,
                items: Vec::new(),
            });
            last_key = key;
        }
        let form = forms.last_mut().expect("pushed");
        form.items.push((
            r.get::<_, Option<String>>("item_text")?.unwrap_or_default(),
            r.get::<_, Option<bool>>("done")?.unwrap_or(false),
            r.get("note")?,
            r.get("source")?,
        ));
    }
    Ok(forms)
}

/// Writes findings.csv, cases.csv and the same as Parquet into `dir` (created when missing).
/// In the CSV files every text cell passes through `csv_cell` (no formula injection); the
/// Parquet files keep the values as they are.
pub fn export(
    store: &Store,
    dir: &std::path::Path,
    phases: &mut crate::output::Phases,
) -> Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| {
        crate::Error::input(format!("{}: cannot create the folder: {e}", dir.display()))
    })?;
    store
        .conn()
        .execute_batch(&format!("{}\n{}", sql::SC_CSV_CELL, sql::EX_CASE_COUNTS))
        .map_err(|e| store.error("preparing the CSV export", e))?;
    let mut written = Vec::new();
    for (name, query) in [
        ("findings", sql::SC_EXPORT_FINDINGS),
        ("cases", sql::SC_EXPORT_CASES),
    ] {
        // Sorted once, into the Parquet file; the CSV reads it back in its order (reading it
        // costs less than sorting again: at `--scale 10` 0.8 s instead of 1.1 s).
        let parquet = dir.join(format!("{name}.parquet"));
        let from_parquet = format!(
            "select * from read_parquet('{}')",
            sql_text(&parquet.display().to_string())
        );
        for (path, query, options) in [
            (parquet.clone(), query.to_string(), "(format parquet)"),
            (
                dir.join(format!("{name}.csv")),
                csv_safe(store, query, &from_parquet)?,
                "(header, delimiter ',')",
            ),
        ] {
            let quoted = sql_text(&path.display().to_string());
            store
                .conn()
                .execute_batch(&format!("copy ({query}) to '{quoted}' {options}"))
                .map_err(|e| store.error(&format!("writing {}", path.display()), e))?;
            phases.lap(&path.file_name().unwrap_or_default().to_string_lossy());
            written.push(path);
        }
    }
    Ok(written)
}

/// Writes the lake under `dir/lake`: findings, cases and events as Parquet in hive partitions
/// (`lake/findings/branch=Medan/semester=2025-H2/data_0.parquet`), so DuckDB, Spark, Trino or
/// pandas read a whole group with one glob. Rewritten whole on every export.
pub fn export_lake(
    store: &Store,
    dir: &std::path::Path,
    start_month: u32,
    phases: &mut crate::output::Phases,
) -> Result<Vec<std::path::PathBuf>> {
    let lake = dir.join("lake");
    if lake.exists() {
        std::fs::remove_dir_all(&lake).map_err(|e| {
            crate::Error::input(format!("{}: cannot replace the lake: {e}", lake.display()))
        })?;
    }
    std::fs::create_dir_all(&lake).map_err(|e| {
        crate::Error::input(format!("{}: cannot create the folder: {e}", lake.display()))
    })?;
    // The semester of every day that has events, by the calendar's one rule.
    let days: Vec<NaiveDate> = crate::store::rows(
        store.conn(),
        "select distinct occurred_at::date from event",
        [],
        |r| r.get(0),
    )
    .map_err(|e| store.error("reading the days of the events", e))?;
    let conn = store.conn();
    let doing = "writing the lake";
    conn.execute_batch(&format!(
        "create or replace temp table lake_semester (day date, semester varchar);\n{}",
        sql::EX_CASE_COUNTS
    ))
    .map_err(|e| store.error(doing, e))?;
    {
        let mut app = conn
            .appender("lake_semester")
            .map_err(|e| store.error(doing, e))?;
        for day in days {
            app.append_row(duckdb::params![day, semester_of(day, start_month)])
                .map_err(|e| store.error(doing, e))?;
        }
    }
    let mut written = Vec::new();
    for (name, query) in [
        ("findings", sql::EX_LAKE_FINDINGS),
        ("cases", sql::EX_LAKE_CASES),
        ("events", sql::EX_LAKE_EVENTS),
    ] {
        let path = lake.join(name);
        let quoted = sql_text(&path.display().to_string());
        conn.execute_batch(&format!(
            "copy ({query}) to '{quoted}' (format parquet, partition_by (branch, semester))"
        ))
        .map_err(|e| store.error(&format!("writing {}", path.display()), e))?;
        phases.lap(&format!("lake/{name}"));
        written.push(path);
    }
    Ok(written)
}

/// The rows `rows` (those of `query`, read back from its Parquet file) with each text column of
/// `query` passed through `csv_cell`, in the same column order.
fn csv_safe(store: &Store, query: &str, rows: &str) -> Result<String> {
    let doing = "reading the export's columns";
    let columns: Vec<(String, String)> = crate::store::rows(
        store.conn(),
        &format!("select column_name, column_type from (describe {query})"),
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .map_err(|e| store.error(doing, e))?;
    let projection: Vec<String> = columns
        .iter()
        .map(|(name, ty)| {
            let quoted = format!("\"{}\"", name.replace('"', "\"\""));
            if ty == "VARCHAR" {
                format!("csv_cell({quoted}) as {quoted}")
            } else {
                quoted
            }
        })
        .collect();
    Ok(format!(
        "select {} from ({rows}) as exported",
        projection.join(", ")
    ))
}
