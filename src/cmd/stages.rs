//! The pipeline commands: import, timeline, score, report, run, check.

use super::{Context, stdout_result};
use crate::cli::Command;
use crate::config::param_overrides;
use crate::error::{Error, Result};
use crate::output::{Table, write_json};
use crate::rules::{Catalog, ParamTable};
use crate::store::{Store, sql};
use std::io::Write;

pub fn run(ctx: &Context, command: &Command) -> Result<()> {
    match command {
        Command::Import { paths, kind } => super::import::run(ctx, paths, *kind),
        Command::Timeline => {
            let mut store = ctx.open_store()?;
            let summary = timeline(ctx, &mut store)?;
            print_timeline(ctx, &summary)
        }
        Command::Score { out } => {
            let mut store = ctx.open_store()?;
            sync_rule_versions(&mut store, ctx)?;
            let summary = score(ctx, &mut store)?;
            if let Some(dir) = out {
                export(ctx, &store, dir)?;
            }
            print_score(ctx, &summary)
        }
        Command::Report {
            semester,
            out,
            pdf,
            from,
        } if !from.is_empty() => {
            std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
            let path = out.join(".patuh-from-lakes.duckdb");
            let lakes: Vec<String> = from.iter().map(|p| p.display().to_string()).collect();
            // The temporary store goes whatever happens (the store is closed before).
            let result = crate::report::lake::store_from(from, &path)
                .and_then(|store| report(ctx, &store, semester.as_deref(), out, *pdf, &lakes));
            for leftover in [path.clone(), path.with_extension("duckdb.wal")] {
                let _ = std::fs::remove_file(leftover);
            }
            result
        }
        Command::Report {
            semester, out, pdf, ..
        } => {
            let store = ctx.open_store()?;
            report(ctx, &store, semester.as_deref(), out, *pdf, &[])
        }
        Command::Check => check(ctx),
        Command::Export { out, ocel } => {
            let store = ctx.open_store()?;
            export(ctx, &store, out)?;
            if *ocel {
                let started = std::time::Instant::now();
                let w = crate::timeline::ocel::write(&store, &ctx.config, out)?;
                ctx.say(format!(
                    "OCEL 2.0 log: {} events, {} objects in {} ({:.1} s)",
                    w.events,
                    w.objects,
                    w.path.display(),
                    started.elapsed().as_secs_f64()
                ));
            }
            Ok(())
        }
        Command::Run {
            inputs,
            out,
            semester,
            pdf,
        } => {
            let mut store = Store::open(&ctx.db)?;
            sync_rule_versions(&mut store, ctx)?;
            ctx.say(format!("configuration: {}", ctx.config_source));
            let started = std::time::Instant::now();
            let batch = super::import::import_paths(ctx, &mut store, inputs, None)?;
            ctx.say(format!(
                "import: done in {:.1} s",
                started.elapsed().as_secs_f64()
            ));
            super::import::print_summary(ctx, &batch)?;
            timeline(ctx, &mut store)?;
            let summary = score(ctx, &mut store)?;
            // One after the other: side by side on two connections they took 205 s at
            // `--scale 100` against 160 s in turn (they share DuckDB's pool and both cores);
            // at `--scale 10` the overlap gained under a second.
            export(ctx, &store, out)?;
            print_score(ctx, &summary)?;
            report(ctx, &store, semester.as_deref(), out, *pdf, &[])?;
            // The run finishes what it can, then says that something is missing (exit 2), as
            // `patuh import` does for the same input; the report's appendix lists the files.
            super::import::fail_on_failed_files(&batch)
        }
        Command::Init { .. }
        | Command::Rules { .. }
        | Command::Case { .. }
        | Command::Advisor { .. }
        | Command::Review { .. }
        | Command::Sample { .. }
        | Command::Lexicon { .. } => {
            unreachable!("dispatched in cmd::run")
        }
    }
}

/// Rebuilds cases and events, timed.
pub fn timeline(ctx: &Context, store: &mut Store) -> Result<crate::timeline::Summary> {
    let started = std::time::Instant::now();
    let summary = crate::timeline::rebuild(store, &ctx.config)?;
    ctx.say(format!(
        "timeline: {} cases, {} events in {:.1} s",
        summary.cases.iter().map(|c| c.1).sum::<i64>(),
        summary.events,
        started.elapsed().as_secs_f64()
    ));
    Ok(summary)
}

/// Scores every case, timed.
pub fn score(ctx: &Context, store: &mut Store) -> Result<crate::rules::score::Summary> {
    let started = std::time::Instant::now();
    let summary = crate::rules::score::score(store, &ctx.config)?;
    ctx.say(format!(
        "score: {} findings on {} cases in {:.1} s",
        summary.findings,
        summary.cases,
        started.elapsed().as_secs_f64()
    ));
    Ok(summary)
}

/// Writes the report, scorecards, workbook and charts; with `pdf`, prints the report with
/// headless Chromium when it is installed.
fn report(
    ctx: &Context,
    store: &Store,
    semester: Option<&str>,
    out: &std::path::Path,
    pdf: bool,
    lakes: &[String],
) -> Result<()> {
    let started = std::time::Instant::now();
    let written = crate::report::write_all(store, &ctx.config, ctx.lang, semester, out, lakes)?;
    let main = out.join(format!("laporan-{}.html", written.semester));
    ctx.say(format!(
        "report: {} files for {} in {:.1} s; open {}",
        written.files.len(),
        written.semester,
        started.elapsed().as_secs_f64(),
        main.display()
    ));
    ctx.say(crate::output::phases_line(&written.timings));
    if pdf {
        let target = out.join(format!("laporan-{}.pdf", written.semester));
        crate::report::pdf::print(&main, &target)?;
        ctx.say(format!("wrote {}", target.display()));
    }
    Ok(())
}

fn export(ctx: &Context, store: &Store, dir: &std::path::Path) -> Result<()> {
    let started = std::time::Instant::now();
    let mut phases = crate::output::Phases::start();
    let mut written = crate::rules::score::export(store, dir, &mut phases)?;
    written.extend(crate::rules::score::export_lake(
        store,
        dir,
        ctx.config.report.semester_start_month,
        &mut phases,
    )?);
    ctx.say(format!(
        "export: {} in {:.1} s",
        written
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        started.elapsed().as_secs_f64()
    ));
    ctx.say(crate::output::phases_line(&phases.into_laps()));
    Ok(())
}

fn print_score(ctx: &Context, s: &crate::rules::score::Summary) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if ctx.json {
        return stdout_result(write_json(&mut out, s));
    }
    let result = (|| -> std::io::Result<()> {
        let mut t = Table::new(["status", "findings"]);
        for (k, n) in &s.by_status {
            t.row([k.clone(), n.to_string()]);
        }
        t.write(&mut out)?;
        writeln!(
            out,
            "\n{} checklist forms, {} matched to no case (by plate and date)",
            s.checklist_forms, s.checklist_forms_unmatched
        )?;
        if !s.reviews.is_empty() {
            let outcomes: Vec<String> = s
                .reviews
                .iter()
                .map(|(outcome, n)| format!("{n} {}", outcome.replace('_', " ")))
                .collect();
            writeln!(out, "review decisions: {}", outcomes.join(", "))?;
            if s.reviews
                .iter()
                .any(|(o, _)| o == "stale" || o == "no_finding")
            {
                writeln!(
                    out,
                    "decisions not applied: `patuh check` lists them with their file and row"
                )?;
            }
        }
        writeln!(out, "{}", crate::output::phases_line(&s.timings))
    })();
    stdout_result(result)
}

fn print_timeline(ctx: &Context, s: &crate::timeline::Summary) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if ctx.json {
        return stdout_result(write_json(&mut out, s));
    }
    let result = (|| -> std::io::Result<()> {
        let mut t = Table::new(["case kind", "cases"]);
        for (k, n) in &s.cases {
            t.row([k.clone(), n.to_string()]);
        }
        t.write(&mut out)?;
        writeln!(
            out,
            "\n{} messages: {} tied to a case, {} serve no case (unlinked communication), {} automatic replies",
            s.messages, s.messages_linked, s.messages_unlinked, s.auto_replies
        )?;
        let chats: Vec<String> = s.chats.iter().map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(out, "chats tied to a customer by: {}", chats.join(", "))?;
        writeln!(out)?;
        let mut t = Table::new(["link rate", "linked", "of", "rate"]);
        for r in &s.link_rates {
            let rate = if r.total > 0 {
                format!("{:.1}%", 100.0 * r.linked as f64 / r.total as f64)
            } else {
                "-".into()
            };
            t.row([
                r.source.clone(),
                r.linked.to_string(),
                r.total.to_string(),
                rate,
            ]);
        }
        t.write(&mut out)?;
        writeln!(out, "\n{}", crate::output::phases_line(&s.timings))?;
        let ambiguous = s
            .chats
            .iter()
            .find(|c| c.0 == "ambiguous")
            .map_or(0, |c| c.1);
        if s.chats_without_branch > 0 {
            writeln!(
                out,
                "\n{} chats match no branch by WhatsApp name ([[branch]] whatsapp_names) or folder: their messages were linked to the customer's cases of any branch",
                s.chats_without_branch
            )?;
        }
        if s.chat_bookings > 0 {
            writeln!(
                out,
                "\n{} bookings asked for in chat have no booking record: judged as cases chat:<phone>:<date>{}",
                s.chat_bookings,
                if s.chat_bookings_unattributed > 0 {
                    format!(
                        ", {} of them unattributed (no [[branch]] chat_advisor configured)",
                        s.chat_bookings_unattributed
                    )
                } else {
                    String::new()
                }
            )?;
        }
        if s.requests_without_phone > 0 {
            writeln!(
                out,
                "{} booking requests no record covers are in chats with no phone number: no case could be made of them",
                s.requests_without_phone
            )?;
        }
        if ambiguous > 0 {
            writeln!(
                out,
                "\n{ambiguous} chats could belong to several customers and were not linked: `patuh check` lists them with their candidates"
            )?;
        }
        Ok(())
    })();
    stdout_result(result)
}

/// Stores the parameters in force (catalog + config) so every finding can name its version.
pub fn sync_rule_versions(store: &mut Store, ctx: &Context) -> Result<()> {
    let table = ParamTable::build(&Catalog::builtin(), &param_overrides(&ctx.config))?;
    store.unit_of_work("recording the rule versions in force", |conn| {
        conn.execute("delete from rule_version", [])?;
        let mut app = conn.appender("rule_version")?;
        for r in table.rows() {
            app.append_row(duckdb::params![
                r.rule_id,
                r.version,
                r.param,
                r.value,
                r.unit,
                r.effective_from,
                r.origin
            ])?;
        }
        app.flush()
    })
}

/// `patuh check`: quarantined rows with their reasons, and advisor names the roster lacks.
fn check(ctx: &Context) -> Result<()> {
    if !ctx.db.exists() {
        return Err(Error::input(format!(
            "{}: no store here yet; run `patuh import <folder>` first",
            ctx.db.display()
        )));
    }
    let store = Store::open(&ctx.db)?;
    let quarantined: Vec<(String, Option<String>, i64, String)> = query(
        &store,
        sql::CHK_QUARANTINE,
        "listing quarantined rows",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let unknown: Vec<(String, String, i64, String)> = query(
        &store,
        sql::CHK_UNKNOWN_ADVISORS,
        "matching advisor names to the roster",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let ambiguous: Vec<(String, String, i64, String)> = query(
        &store,
        sql::CHK_AMBIGUOUS_CHATS,
        "listing ambiguous chats",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let failed: Vec<(String, String, String)> = query(
        &store,
        sql::CHK_FAILED_FILES,
        "listing files that could not be imported",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let reviews: Vec<ReviewNotApplied> = query(
        &store,
        sql::CHK_REVIEWS,
        "listing review decisions not applied",
        |r| {
            Ok(ReviewNotApplied {
                file: r.get(0)?,
                sheet: r.get(1)?,
                row: r.get(2)?,
                case_key: r.get(3)?,
                rule_id: r.get(4)?,
                outcome: r.get(5)?,
                reviewer: r.get(6)?,
            })
        },
    )?;
    let coverage: Vec<(String, String, i64, i64, String)> =
        crate::store::rows(store.conn(), sql::CHK_COVERAGE, [None::<String>], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .map_err(|e| store.error("reading the data coverage", e))?;
    let needs_review: Vec<NeedsReview> =
        crate::store::rows(store.conn(), sql::CHK_NEEDS_REVIEW, [None::<String>], |r| {
            Ok(NeedsReview {
                rule_id: r.get("rule_id")?,
                case_kind: r.get("case_kind")?,
                case_key: r.get("case_key")?,
                branch: r.get("branch")?,
                advisor: r.get("advisor")?,
                reason: r.get("reason")?,
                evidence: r.get("evidence")?,
            })
        })
        .map_err(|e| store.error("listing findings that need review", e))?;
    let roster_rows: i64 = store
        .conn()
        .query_row("select count(*) from raw_advisor", [], |r| r.get(0))
        .map_err(|e| store.error("reading the roster", e))?;
    let invariants = crate::store::invariants(store.conn())
        .map_err(|e| store.error("checking the store's invariants", e))?;
    let broken: Vec<&crate::store::Invariant> =
        invariants.iter().filter(|i| i.violations > 0).collect();
    let mut out = std::io::stdout().lock();
    if ctx.json {
        let q: Vec<_> = quarantined
            .iter()
            .map(|(p, s, r, why)| serde_json::json!({"path": p, "sheet": s, "row": r, "reason": why}))
            .collect();
        let u: Vec<_> = unknown
            .iter()
            .map(|(n, s, rows, f)| serde_json::json!({"name": n, "source": s, "rows": rows, "first_file": f}))
            .collect();
        return stdout_result(write_json(
            &mut out,
            &serde_json::json!({ "quarantined": q, "unknown_advisors": u, "roster_rows": roster_rows,
                "reviews_not_applied": reviews,
                "invariants": invariants,
                "needs_review": needs_review,
                "coverage": coverage.iter().map(|(b, r, j, m, w)| serde_json::json!({"branch": b, "rule_id": r, "judged": j, "unknown_missing_data": m, "missing": w})).collect::<Vec<_>>(),
                "failed_files": failed.iter().map(|(p, why, at)| serde_json::json!({"path": p, "reason": why, "failed_at": at})).collect::<Vec<_>>(),
                "ambiguous_chats": ambiguous.iter().map(|(f, c, m, cand)| serde_json::json!({"file": f, "chat": c, "messages": m, "candidates": cand})).collect::<Vec<_>>() }),
        ));
    }
    let result = (|| -> std::io::Result<()> {
        if !failed.is_empty() {
            writeln!(
                out,
                "{} files could not be imported (nothing of them is in the store)",
                failed.len()
            )?;
            let mut t = Table::new(["file", "reason", "when"])
                .max_width(100)
                .location("file");
            for (p, why, at) in &failed {
                t.row([p.clone(), why.clone(), at.clone()]);
            }
            t.write(&mut out)?;
            writeln!(out)?;
        }
        writeln!(out, "{} quarantined rows", quarantined.len())?;
        if !quarantined.is_empty() {
            let mut t = Table::new(["file", "sheet", "row", "reason"])
                .max_width(100)
                .location("file");
            for (p, s, r, why) in &quarantined {
                t.row([
                    p.clone(),
                    s.clone().unwrap_or_default(),
                    r.to_string(),
                    why.clone(),
                ]);
            }
            t.write(&mut out)?;
        }
        if !ambiguous.is_empty() {
            writeln!(
                out,
                "\n{} chats could belong to several customers (not linked; their cases' chat rules are unknown)",
                ambiguous.len()
            )?;
            let mut t = Table::new(["file", "messages", "candidates"])
                .max_width(90)
                .location("file");
            for (f, _, m, cand) in &ambiguous {
                t.row([f.clone(), m.to_string(), cand.clone()]);
            }
            t.write(&mut out)?;
        }
        if !coverage.is_empty() {
            writeln!(
                out,
                "\ndata coverage: rules left unknown (never fail) where an export lacks a column they need"
            )?;
            let mut t = Table::new([
                "branch",
                "rule",
                "judged",
                "unknown (data missing)",
                "missing",
            ])
            .max_width(70);
            for (b, r, j, m, w) in &coverage {
                t.row([
                    b.clone(),
                    r.clone(),
                    j.to_string(),
                    m.to_string(),
                    w.clone(),
                ]);
            }
            t.write(&mut out)?;
        }
        if !needs_review.is_empty() {
            writeln!(
                out,
                "\n{} findings need review: unknown, not fail, because a message patuh could not read with confidence may be the one the rule looks for",
                needs_review.len()
            )?;
            let mut t = Table::new(["rule", "case", "advisor", "evidence"])
                .max_width(70)
                .location("evidence");
            for n in &needs_review {
                t.row([
                    n.rule_id.clone(),
                    n.case_key.clone(),
                    n.advisor.clone(),
                    n.evidence.clone(),
                ]);
            }
            t.write(&mut out)?;
        }
        if !reviews.is_empty() {
            writeln!(
                out,
                "\n{} review decisions not applied (stale: the finding's evidence changed since the decision, so the decision must be made again; no_finding: the case or rule has no finding now)",
                reviews.len()
            )?;
            let mut t = Table::new(["file", "row", "case", "rule", "outcome", "reviewer"])
                .max_width(60)
                .location("file");
            for r in &reviews {
                t.row([
                    r.file.clone(),
                    r.sheet
                        .as_deref()
                        .map_or(r.row.to_string(), |s| format!("{s}:{}", r.row)),
                    r.case_key.clone(),
                    r.rule_id.clone(),
                    r.outcome.clone(),
                    r.reviewer.clone(),
                ]);
            }
            t.write(&mut out)?;
        }
        if roster_rows == 0 {
            writeln!(
                out,
                "\nno advisor roster imported: every advisor name is unchecked"
            )?;
        }
        writeln!(
            out,
            "\n{} advisor names match no roster name or chat name",
            unknown.len()
        )?;
        if !unknown.is_empty() {
            let mut t = Table::new(["name", "source", "rows", "first file"]).location("first file");
            for (n, s, rows, f) in &unknown {
                t.row([n.clone(), s.clone(), rows.to_string(), f.clone()]);
            }
            t.write(&mut out)?;
        }
        if broken.is_empty() {
            writeln!(
                out,
                "\nall {} invariants of the store hold",
                invariants.len()
            )?;
        } else {
            writeln!(
                out,
                "\n{} of {} invariants of the store are broken (queries/checks/invariants/)",
                broken.len(),
                invariants.len()
            )?;
            let mut t = Table::new(["invariant", "rows", "first rows"]).max_width(90);
            for i in &broken {
                t.row([
                    i.name.to_string(),
                    i.violations.to_string(),
                    i.examples.join("; "),
                ]);
            }
            t.write(&mut out)?;
        }
        Ok(())
    })();
    stdout_result(result)
}

/// A finding left unknown until a person reads a message, as `patuh check` lists it.
#[derive(serde::Serialize)]
struct NeedsReview {
    rule_id: String,
    case_kind: String,
    case_key: String,
    branch: String,
    advisor: String,
    reason: String,
    evidence: String,
}

/// A review decision that scoring did not apply, as `patuh check` lists it.
#[derive(serde::Serialize)]
struct ReviewNotApplied {
    file: String,
    sheet: Option<String>,
    row: i64,
    case_key: String,
    rule_id: String,
    outcome: String,
    reviewer: String,
}

fn query<T>(
    store: &Store,
    sql: &str,
    doing: &str,
    row: impl FnMut(&duckdb::Row) -> duckdb::Result<T>,
) -> Result<Vec<T>> {
    crate::store::rows(store.conn(), sql, [], row).map_err(|e| store.error(doing, e))
}
