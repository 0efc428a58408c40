//! `patuh import`: files and folders into the store, with a progress bar and a summary.

use super::{Context, stdout_result};
use crate::error::{Error, Result};
use crate::ingest::SourceKind;
use crate::ingest::batch::{BatchResult, Progress, import};
use crate::ingest::collect_inputs;
use crate::ingest::load::Status;
use crate::output::{Table, write_json};
use crate::store::Store;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, phase: &str, total: usize) {
        self.0.set_length(total as u64);
        self.0.set_position(0);
        self.0.set_message(phase.to_string());
    }
    fn step(&self) {
        self.0.inc(1);
    }
}

/// Imports `paths`; returns the batch for `patuh run`. Failed files are reported, not fatal here.
pub fn import_paths(
    ctx: &Context,
    store: &mut Store,
    paths: &[PathBuf],
    kind: Option<SourceKind>,
) -> Result<BatchResult> {
    let (inputs, ignored) = collect_inputs(paths)?;
    if inputs.is_empty() {
        return Err(Error::input(format!(
            "no input files found in {}; expected .csv, .xlsx, .xls, .ods, WhatsApp .txt or .zip",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let bar = ProgressBar::new(inputs.len() as u64);
    if ctx.quiet || !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar.set_style(
        ProgressStyle::with_template("{msg:>8} [{bar:30}] {pos}/{len} files")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let batch = import(store, &ctx.config, &inputs, kind, &Bar(bar.clone()))?;
    bar.finish_and_clear();
    if ignored > 0 {
        ctx.say(format!(
            "{ignored} files of other types in the folders were left alone"
        ));
    }
    for n in &batch.notes {
        ctx.say(n);
    }
    Ok(batch)
}

/// `booking`, `work_order (long)`, …, or `-` for a file whose kind is unknown.
fn kind_label(f: &crate::ingest::load::FileReport) -> String {
    let Some(k) = f.kind else { return "-".into() };
    let name = k.name();
    match f.layout.as_deref() {
        Some(l) if !l.is_empty() && l != "sheet" => format!("{name} ({l})"),
        _ => name.to_string(),
    }
}

pub fn print_summary(ctx: &Context, batch: &BatchResult) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if ctx.json {
        return stdout_result(write_json(
            &mut out,
            &serde_json::json!({ "files": batch.files, "notes": batch.notes }),
        ));
    }
    if ctx.quiet {
        return Ok(());
    }
    // A folder of thousands of chats would bury the summary: beyond a screenful, files are
    // summed per kind and only the files that need a look are listed (`--json` has them all).
    let many = batch.files.len() > 30;
    let mut t = Table::new([
        if many { "kind" } else { "file" },
        if many { "files" } else { "kind" },
        "read",
        "loaded",
        "quarantined",
        "skipped",
        "status",
        "warnings",
    ])
    .max_width(70)
    .location("file");
    if many {
        let mut by_kind: std::collections::BTreeMap<String, [usize; 7]> = Default::default();
        for f in &batch.files {
            let e = by_kind.entry(kind_label(f)).or_default();
            e[0] += 1;
            e[1] += f.rows_read;
            e[2] += f.rows_loaded;
            e[3] += f.rows_quarantined;
            e[4] += f.rows_skipped;
            e[5] += usize::from(f.status == Status::Failed);
            e[6] += f.warnings.len();
        }
        for (kind, e) in by_kind {
            let status = if e[5] > 0 {
                format!("{} failed", e[5])
            } else {
                "ok".into()
            };
            t.row([
                kind,
                e[0].to_string(),
                e[1].to_string(),
                e[2].to_string(),
                e[3].to_string(),
                e[4].to_string(),
                status,
                e[6].to_string(),
            ]);
        }
    } else {
        for f in &batch.files {
            t.row([
                f.path.clone(),
                kind_label(f),
                f.rows_read.to_string(),
                f.rows_loaded.to_string(),
                f.rows_quarantined.to_string(),
                f.rows_skipped.to_string(),
                format!("{:?}", f.status).to_lowercase(),
                f.warnings.len().to_string(),
            ]);
        }
    }
    let result = t.write(&mut out).and_then(|()| {
        let sum = |g: fn(&crate::ingest::load::FileReport) -> usize| {
            batch.files.iter().map(g).sum::<usize>()
        };
        writeln!(
            out,
            "\n{} files: {} rows read, {} loaded, {} quarantined, {} skipped",
            batch.files.len(),
            sum(|f| f.rows_read),
            sum(|f| f.rows_loaded),
            sum(|f| f.rows_quarantined),
            sum(|f| f.rows_skipped)
        )?;
        if many {
            for f in batch
                .files
                .iter()
                .filter(|f| f.status == Status::Failed || f.rows_quarantined > 0)
            {
                writeln!(
                    out,
                    "{}: {} ({} quarantined)",
                    f.path,
                    format!("{:?}", f.status).to_lowercase(),
                    f.rows_quarantined
                )?;
            }
        }
        for f in batch.files.iter().filter(|f| !f.warnings.is_empty()) {
            for w in &f.warnings {
                writeln!(out, "{}: {w}", f.path)?;
            }
        }
        if batch.files.iter().any(|f| f.rows_quarantined > 0) {
            writeln!(
                out,
                "`patuh check` lists the quarantined rows with their reasons"
            )?;
        }
        Ok(())
    });
    stdout_result(result)
}

pub fn run(ctx: &Context, paths: &[PathBuf], kind: Option<SourceKind>) -> Result<()> {
    let mut store = Store::open(&ctx.db)?;
    ctx.say(format!("configuration: {}", ctx.config_source));
    let batch = import_paths(ctx, &mut store, paths, kind)?;
    print_summary(ctx, &batch)?;
    let decisions: usize = batch
        .files
        .iter()
        .filter(|f| f.kind == Some(SourceKind::Review))
        .map(|f| f.rows_loaded)
        .sum();
    if decisions > 0 {
        ctx.say(format!(
            "{decisions} review decisions loaded: they apply at the next `patuh score` (or `patuh run`)"
        ));
    }
    fail_on_failed_files(&batch)
}

/// Exit 2 when any file could not be imported, naming how many.
pub fn fail_on_failed_files(batch: &BatchResult) -> Result<()> {
    let failed = batch
        .files
        .iter()
        .filter(|f| f.status == Status::Failed)
        .count();
    if failed > 0 {
        return Err(Error::input(format!(
            "{failed} of {} files could not be imported (see above, `patuh check` and the report's data-quality appendix); the others were",
            batch.files.len()
        )));
    }
    Ok(())
}
