//! `patuh rules [ID]`: the rule catalog as a table, CSV or JSON, or one rule in full.

use super::{Context, stdout_result};
use crate::cli::Format;
use crate::config::param_overrides;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::output::{Table, write_json};
use crate::rules::score::registry;
use crate::rules::{Catalog, ParamTable, Rule, StatusKind};
use serde::Serialize;
use std::io::Write;

/// One catalog row as printed (CSV: `rule_id` first, the stable interface).
#[derive(Serialize)]
struct RuleRow<'a> {
    rule_id: &'a str,
    sop: &'a str,
    clause: &'a str,
    case_kind: &'a str,
    measurable: bool,
    status_kind: StatusKind,
    params: String,
    sop_text: &'a str,
    summary_en: &'a str,
    check: &'a str,
    why_not: &'a str,
    versions: String,
}

fn row(rule: &Rule) -> RuleRow<'_> {
    RuleRow {
        rule_id: &rule.id,
        sop: &rule.sop,
        clause: &rule.clause,
        case_kind: &rule.case_kind,
        measurable: rule.measurable,
        status_kind: rule.status_kind,
        params: rule.params_text(),
        sop_text: &rule.sop_text,
        summary_en: &rule.summary_en,
        check: &rule.check,
        why_not: &rule.why_not,
        versions: rule
            .versions
            .iter()
            .map(|v| format!("v{} from {}", v.version, v.effective_from))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

pub fn run(ctx: &Context, id: Option<&str>, format: Format) -> Result<()> {
    let catalog = Catalog::builtin();
    let format = if ctx.json { Format::Json } else { format };
    let mut out = std::io::stdout().lock();
    if let Some(id) = id {
        let rule = catalog.get(id).ok_or_else(|| {
            Error::input(format!(
                "no rule {id:?} in the catalog; `patuh rules` lists every id"
            ))
        })?;
        let params = ParamTable::build(&catalog, &param_overrides(&ctx.config))?;
        return stdout_result(one(&mut out, ctx, rule, &params, format));
    }
    let rows: Vec<RuleRow> = catalog.rules.iter().map(row).collect();
    let result = match format {
        Format::Json => write_json(&mut out, &rows),
        Format::Csv => write_csv(&mut out, &rows),
        Format::Table => {
            let id = ctx.lang == Lang::Id;
            let header = if id {
                [
                    "rule_id",
                    "sop",
                    "jenis kasus",
                    "terukur",
                    "batas bawaan",
                    "klausul SOP",
                ]
            } else {
                [
                    "rule_id",
                    "sop",
                    "case kind",
                    "measurable",
                    "default limit",
                    "summary",
                ]
            };
            let mut t = Table::new(header);
            for r in &catalog.rules {
                let measurable = match (r.measurable, r.status_kind, id) {
                    (false, _, true) => "tidak",
                    (false, _, false) => "no",
                    (true, StatusKind::Advisory, true) => "anjuran",
                    (true, StatusKind::Advisory, false) => "advisory",
                    (true, _, true) => "ya",
                    (true, _, false) => "yes",
                }
                .to_string();
                let limit = if r.measurable {
                    r.params_text()
                } else {
                    format!("— {}", r.why_not)
                };
                let text = match ctx.lang {
                    Lang::Id => &r.sop_text,
                    Lang::En => &r.summary_en,
                };
                t.row([
                    r.id.clone(),
                    r.sop.clone(),
                    r.case_kind.clone(),
                    measurable,
                    limit,
                    text.clone(),
                ]);
            }
            t.write(&mut out).and_then(|()| {
                let (n, m) = (catalog.rules.len(), catalog.measurable().count());
                if id {
                    writeln!(out, "\n{n} aturan ({m} terukur); `patuh rules <id>` menampilkan satu aturan lengkap")
                } else {
                    writeln!(out, "\n{n} rules ({m} measurable); `patuh rules <id>` shows one in full")
                }
            })
        }
    };
    stdout_result(result)
}

fn write_csv(out: &mut impl Write, rows: &[RuleRow]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    for r in rows {
        w.serialize(r).map_err(std::io::Error::other)?;
    }
    w.flush()
}

fn one(
    out: &mut impl Write,
    ctx: &Context,
    rule: &Rule,
    params: &ParamTable,
    format: Format,
) -> std::io::Result<()> {
    let in_force: Vec<_> = params
        .rows()
        .iter()
        .filter(|p| p.rule_id == rule.id)
        .map(|p| {
            serde_json::json!({
                "param": p.param, "value": p.value, "unit": p.unit,
                // A shorthand in force always (`[sla]`, `[whatsapp]`) has no start date.
                "effective_from": (p.effective_from != chrono::NaiveDate::MIN).then(|| p.effective_from.to_string()),
                "version": p.version, "origin": p.origin,
            })
        })
        .collect();
    match format {
        Format::Json => {
            let mut v = serde_json::to_value(rule).map_err(std::io::Error::other)?;
            v["rule_id"] = serde_json::Value::String(rule.id.clone());
            v["parameters_in_force"] = serde_json::Value::Array(in_force);
            if let Some(e) = registry::entry(&rule.id) {
                let (file, function) = e.source();
                v["judged_by"] = serde_json::json!({ "file": file, "function": function });
                v["fixture"] = serde_json::Value::String(e.fixture());
            }
            write_json(out, &v)
        }
        Format::Csv => write_csv(out, &[row(rule)]),
        Format::Table => {
            writeln!(
                out,
                "{}  ({} {}, case kind {})",
                rule.id, rule.sop, rule.clause, rule.case_kind
            )?;
            writeln!(out, "  SOP:      {}", rule.sop_text)?;
            writeln!(out, "  summary:  {}", rule.summary_en)?;
            if rule.measurable {
                writeln!(out, "  check:    {}", rule.check)?;
                writeln!(
                    out,
                    "  status:   {}",
                    serde_json::to_value(rule.status_kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                )?;
            } else {
                writeln!(out, "  not scored per case: {}", rule.why_not)?;
            }
            if let Some(e) = registry::entry(&rule.id) {
                let (file, function) = e.source();
                writeln!(out, "  judged:   {file}, fn {function}")?;
                writeln!(out, "  fixture:  {}", e.fixture())?;
            }
            for v in &rule.versions {
                writeln!(
                    out,
                    "  version {} effective from {} {}",
                    v.version, v.effective_from, v.note
                )?;
            }
            if !in_force.is_empty() {
                writeln!(out, "  parameters (config: {}):", ctx.config_source)?;
                for p in params.rows().iter().filter(|p| p.rule_id == rule.id) {
                    let from = if p.effective_from == chrono::NaiveDate::MIN {
                        "always".to_string()
                    } else {
                        format!("from {}", p.effective_from)
                    };
                    writeln!(
                        out,
                        "    {} = {} {}  ({}, {})",
                        p.param, p.value, p.unit, p.origin, from
                    )?;
                }
            }
            Ok(())
        }
    }
}
