//! `patuh advisor <name>`: a terminal scorecard — per SOP: cases, pass rate, fails by rule,
//! median measured against the limit.

use super::{Context, stdout_result};
use crate::error::{Error, Result};
use crate::output::{Table, write_json};
use crate::store::sql;
use std::io::Write;

#[derive(serde::Serialize)]
struct Line {
    sop: String,
    rule_id: String,
    cases: i64,
    pass: i64,
    fail: i64,
    advisory: i64,
    unknown: i64,
    na: i64,
    median_measured: Option<f64>,
    limit: Option<f64>,
    unit: Option<String>,
}

pub fn run(ctx: &Context, name: &str, semester: Option<&str>) -> Result<()> {
    let store = ctx.open_store()?;
    let doing = "reading the advisor's findings";
    // The same default as the report: the latest semester holding a real share of findings.
    let semester = crate::report::choose_semester(&store, semester)?;
    let lines: Vec<Line> = crate::store::rows(
        store.conn(),
        sql::SC_ADVISOR,
        [name, semester.as_str()],
        |r| {
            Ok(Line {
                sop: r.get(0)?,
                rule_id: r.get(1)?,
                cases: r.get(2)?,
                pass: r.get(3)?,
                fail: r.get(4)?,
                advisory: r.get(5)?,
                unknown: r.get(6)?,
                na: r.get(7)?,
                median_measured: r.get(8)?,
                limit: r.get(9)?,
                unit: r.get(10)?,
            })
        },
    )
    .map_err(|e| store.error(doing, e))?;
    if lines.is_empty() {
        return Err(Error::input(format!(
            "no findings for advisor {name:?} in {semester}: check the name (as on the records) or run `patuh score`"
        )));
    }
    let mut out = std::io::stdout().lock();
    if ctx.json {
        return stdout_result(write_json(
            &mut out,
            &serde_json::json!({"advisor": name, "semester": semester, "rules": lines}),
        ));
    }
    let result = (|| -> std::io::Result<()> {
        writeln!(out, "advisor {name} — {semester}\n")?;
        let mut per_sop: Vec<(String, i64, i64, i64)> = Vec::new();
        for l in &lines {
            match per_sop.iter_mut().find(|p| p.0 == l.sop) {
                Some(p) => {
                    p.1 = p.1.max(l.cases);
                    p.2 += l.pass;
                    p.3 += l.fail;
                }
                None => per_sop.push((l.sop.clone(), l.cases, l.pass, l.fail)),
            }
        }
        let mut t = Table::new(["SOP", "cases", "pass", "fail", "compliance"]);
        for (sop, cases, pass, fail) in &per_sop {
            t.row([
                sop.clone(),
                cases.to_string(),
                pass.to_string(),
                fail.to_string(),
                rate(*pass, *fail),
            ]);
        }
        t.write(&mut out)?;
        writeln!(out)?;
        let mut t = Table::new([
            "rule",
            "pass",
            "fail",
            "advisory",
            "unknown",
            "na",
            "compliance",
            "median",
            "limit",
        ]);
        for l in &lines {
            let num = |x: Option<f64>| x.map_or(String::new(), |x| format!("{x:.0}"));
            t.row([
                l.rule_id.clone(),
                l.pass.to_string(),
                l.fail.to_string(),
                l.advisory.to_string(),
                l.unknown.to_string(),
                l.na.to_string(),
                rate(l.pass, l.fail),
                format!(
                    "{} {}",
                    num(l.median_measured),
                    l.unit.as_deref().unwrap_or("")
                )
                .trim()
                .to_string(),
                num(l.limit),
            ]);
        }
        t.write(&mut out)
    })();
    stdout_result(result)
}

/// pass / (pass + fail), or "-" when nothing was judged.
pub fn rate(pass: i64, fail: i64) -> String {
    let counts = crate::report::data::Counts {
        pass,
        fail,
        ..Default::default()
    };
    counts
        .rate()
        .map_or("-".into(), |r| format!("{:.1}%", 100.0 * r))
}
