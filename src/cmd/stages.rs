//! The pipeline commands. Stages not built yet say so and fail: the tool never pretends.

use super::{Context, stdout_result};
use crate::cli::Command;
use crate::config::param_overrides;
use crate::error::{Error, Result};
use crate::output::{Table, write_json};
use crate::rules::{Catalog, ParamTable};
use crate::store::Store;

pub fn run(ctx: &Context, command: &Command) -> Result<()> {
    match command {
        Command::Import { paths, kind } => super::import::run(ctx, paths, *kind),
        Command::Timeline | Command::Case { .. } => not_built("timeline", "issue #5"),
        Command::Score | Command::Advisor { .. } => not_built("score", "issue #6"),
        Command::Report { .. } => not_built("report", "issue #7"),
        Command::Check => check(ctx),
        Command::Run { inputs, .. } => {
            let mut store = Store::open(&ctx.db)?;
            sync_rule_versions(&mut store, ctx)?;
            ctx.say(format!("configuration: {}", ctx.config_source));
            let batch = super::import::import_paths(ctx, &mut store, inputs, None)?;
            super::import::print_summary(ctx, &batch)?;
            not_built("timeline", "issue #5; score and report follow it")
        }
        Command::Init { .. } | Command::Rules { .. } => unreachable!("dispatched in cmd::run"),
    }
}

fn not_built(stage: &'static str, issue: &'static str) -> Result<()> {
    Err(Error::NotBuilt { stage, issue })
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

/// `patuh check`: quarantined rows with their reasons.
fn check(ctx: &Context) -> Result<()> {
    if !ctx.db.exists() {
        return Err(Error::input(format!(
            "{}: no store here yet; run `patuh import <folder>` first",
            ctx.db.display()
        )));
    }
    let store = Store::open(&ctx.db)?;
    let mut stmt = store
        .conn()
        .prepare(
            "select f.path, q.sheet, q.row_no, q.reason from quarantine q join import_file f using (file_id) order by f.path, q.sheet, q.row_no",
        )
        .map_err(|e| store.error("listing quarantined rows", e))?;
    let rows: Vec<(String, Option<String>, i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .and_then(|it| it.collect())
        .map_err(|e| store.error("listing quarantined rows", e))?;
    let mut out = std::io::stdout().lock();
    if ctx.json {
        let v: Vec<_> = rows
            .iter()
            .map(|(p, s, r, why)| serde_json::json!({"path": p, "sheet": s, "row": r, "reason": why}))
            .collect();
        return stdout_result(write_json(
            &mut out,
            &serde_json::json!({ "quarantined": v }),
        ));
    }
    let mut t = Table::new(["file", "sheet", "row", "reason"]).max_width(100);
    for (p, s, r, why) in &rows {
        t.row([
            p.clone(),
            s.clone().unwrap_or_default(),
            r.to_string(),
            why.clone(),
        ]);
    }
    ctx.say(format!("{} quarantined rows", rows.len()));
    if t.is_empty() {
        return Ok(());
    }
    stdout_result(t.write(&mut out))
}
