//! `patuh review export` and `patuh review agreement`.

use super::{Context, stdout_result};
use crate::cli::ReviewCommand;
use crate::error::Result;
use crate::output::{Table, write_json};
use crate::review::{ReviewSummary, agreement, workbook};
use crate::rules::Catalog;
use std::io::Write;

pub fn run(ctx: &Context, action: &ReviewCommand) -> Result<()> {
    let store = ctx.open_store()?;
    match action {
        ReviewCommand::Export {
            semester,
            advisor,
            rule,
            include_pass,
            out,
        } => {
            let selection = workbook::Selection {
                semester: crate::report::choose_semester(&store, semester.as_deref())?,
                advisor: advisor.clone(),
                rule: rule.clone(),
                include_pass: *include_pass,
            };
            let written = workbook::write(&store, &selection, out)?;
            if ctx.json {
                return stdout_result(write_json(&mut std::io::stdout().lock(), &written));
            }
            ctx.say(format!(
                "wrote {}: {} findings to review ({} already decided); fill Keputusan, Alasan, Peninjau, Tanggal, then `patuh import` it and `patuh score`",
                written.path.display(),
                written.rows,
                written.decided
            ));
            Ok(())
        }
        ReviewCommand::Agreement { semester } => {
            let summary = ReviewSummary::load(&store, semester.as_deref())?;
            let rows = agreement::by_rule(&summary);
            let mut out = std::io::stdout().lock();
            if ctx.json {
                return stdout_result(write_json(&mut out, &rows));
            }
            let catalog = Catalog::builtin();
            let result = (|| -> std::io::Result<()> {
                if rows.is_empty() {
                    writeln!(
                        out,
                        "no review decisions applied{}: `patuh review export`, fill it in, `patuh import` it, then `patuh score`",
                        semester
                            .as_deref()
                            .map_or(String::new(), |s| format!(" in {s}"))
                    )?;
                    return Ok(());
                }
                let mut t = Table::new([
                    "rule",
                    "clause",
                    "decisions",
                    "upheld",
                    "overturned",
                    "agreement",
                    "kappa",
                ])
                .max_width(60);
                for r in &rows {
                    let name = match r.rule_id.as_str() {
                        "*" => "all rules".to_string(),
                        id => catalog
                            .get(id)
                            .map(|x| x.name(ctx.lang).to_string())
                            .unwrap_or_default(),
                    };
                    t.row([
                        r.rule_id.clone(),
                        name,
                        r.decisions.to_string(),
                        r.upheld.to_string(),
                        (r.decisions - r.upheld).to_string(),
                        format!("{:.1}%", 100.0 * r.agreement),
                        match (r.kappa, r.why_no_kappa) {
                            (Some(k), _) => format!("{k:.2}"),
                            (None, Some(why)) => format!("– ({why})"),
                            (None, None) => "–".into(),
                        },
                    ]);
                }
                t.write(&mut out)?;
                writeln!(
                    out,
                    "\nkappa: agreement between patuh and the reviewers beyond chance (1 = always agree, 0 = chance); given from {} decisions on a rule when patuh's verdicts reviewed include more than one status",
                    agreement::MIN_DECISIONS
                )
            })();
            stdout_result(result)
        }
    }
}
