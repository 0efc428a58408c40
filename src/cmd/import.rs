//! `patuh import`: files and folders into the store, with a progress bar and a summary.

use super::{Context, stdout_result};
use crate::cli::SourceKind;
use crate::error::{Error, Result};
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
    let mut t = Table::new([
        "file",
        "kind",
        "read",
        "loaded",
        "quarantined",
        "skipped",
        "status",
        "warnings",
    ])
    .max_width(70);
    for f in &batch.files {
        let kind = f
            .kind
            .map(|k| {
                format!(
                    "{}{}",
                    serde_json::to_value(k)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                    f.layout
                        .as_deref()
                        .map(|l| if l.is_empty() || l == "sheet" {
                            String::new()
                        } else {
                            format!(" ({l})")
                        })
                        .unwrap_or_default()
                )
            })
            .unwrap_or_else(|| "-".into());
        t.row([
            f.path.clone(),
            kind,
            f.rows_read.to_string(),
            f.rows_loaded.to_string(),
            f.rows_quarantined.to_string(),
            f.rows_skipped.to_string(),
            format!("{:?}", f.status).to_lowercase(),
            f.warnings.len().to_string(),
        ]);
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
    let batch = import_paths(ctx, &mut store, paths, kind)?;
    print_summary(ctx, &batch)?;
    let failed = batch
        .files
        .iter()
        .filter(|f| f.status == Status::Failed)
        .count();
    if failed > 0 {
        return Err(Error::input(format!(
            "{failed} of {} files could not be imported (see above); the others were",
            batch.files.len()
        )));
    }
    Ok(())
}
