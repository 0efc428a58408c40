//! Scoring: rule boundaries on fixtures with known answers, agreement with the sample's known
//! findings, and re-runs equal to a first run.

use crate::support::{stderr, tempdir};
use crate::timeline::{fixtures, patuh_on, pipeline};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// findings.csv as (case_key, rule_id) → (status, measured).
fn findings(dir: &Path) -> HashMap<(String, String), (String, String)> {
    let mut r = csv::Reader::from_path(dir.join("out/findings.csv")).expect("findings.csv");
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).expect(n);
    let (k, rule, st, m) = (
        col("case_key"),
        col("rule_id"),
        col("status"),
        col("measured"),
    );
    r.records()
        .map(|x| x.unwrap())
        .map(|x| {
            (
                (x[k].to_string(), x[rule].to_string()),
                (x[st].to_string(), x[m].to_string()),
            )
        })
        .collect()
}

#[test]
fn rules_at_their_boundaries() {
    let dir = tempdir();
    pipeline(dir.path(), &fixtures());
    let f = findings(dir.path());
    let get = |k: &str, r: &str| {
        f.get(&(k.to_string(), r.to_string()))
            .cloned()
            .unwrap_or_default()
    };
    // (case, rule, status, measured) — measured "" when the rule measures nothing.
    let table = [
        // First reply exactly at 5 business minutes, and one minute over.
        ("B1", "BKG-4.1.2", "pass", "5.0"),
        ("B2", "BKG-4.1.2", "fail", "6.0"),
        // A message at 16:58 on Saturday answered 08:03 on Monday: 2 + 3 business minutes.
        ("B3", "BKG-4.1.2", "pass", "5.0"),
        // H-1 for a Monday slot: Saturday and Sunday are both inside the window; Friday is not.
        ("B4", "BKG-4.2.3", "pass", ""),
        ("B5", "BKG-4.2.3", "pass", ""),
        ("B6", "BKG-4.2.3", "fail", ""),
        // Confirmed before the slot.
        ("B3", "BKG-4.2.1", "pass", ""),
        // No chat for this booking: unknown, never pass or fail.
        ("B7", "BKG-4.1.2", "unknown", ""),
        ("B7", "BKG-4.2.1", "unknown", ""),
        // Record-only rules still judge it.
        ("B7", "BKG-4.1.3", "pass", "6.0"),
        // Two bookings of one technician 60 minutes apart do not clash; the slots are distinct.
        ("B1", "BKG-4.1.4", "pass", ""),
        // The ambiguous chat (two Ani Lubis) is not guessed: both bookings have no chat.
        ("B10", "BKG-4.1.2", "unknown", ""),
        ("B11", "BKG-4.1.2", "unknown", ""),
        // The Budi chats went to the right bookings.
        ("B8", "BKG-4.1.2", "pass", "2.0"),
        ("B9", "BKG-4.1.2", "pass", "3.0"),
        // An overnight job over a weekend (Saturday check-in, Monday completion): information
        // 30 business minutes after diagnosa, Monday's update, completion 30 minutes after QC.
        ("J1", "KSP-4.1.1", "pass", "30.0"),
        ("J1", "KSP-4.2.2", "pass", ""),
        ("J1", "KSP-4.3.1", "pass", "30.0"),
        ("J1", "KSP-4.3.2", "pass", ""),
        ("J1", "KSP-5.2", "pass", "1.0"),
        ("J1", "FUT-5.1", "pass", "2.0"),
        // The same job with no progress message between the information and completion; its
        // follow-up on H+3.
        ("J2", "KSP-5.2", "fail", "0.0"),
        ("J2", "KSP-4.3.2", "advisory", ""),
        ("J2", "FUT-5.1", "fail", "3.0"),
        // A job with no chat: the message rules are unknown, never pass or fail.
        ("J3", "KSP-6.3", "fail", "0.0"),
        ("J3", "KSP-4.1.1", "unknown", ""),
        ("J3", "KSP-5.1", "unknown", ""),
        ("J3", "FUT-5.1", "unknown", ""),
        // A short same-day job: the update-gap and long-job rules do not apply.
        ("J4", "KSP-4.2.2", "na", ""),
        ("J4", "KSP-5.2", "na", ""),
        ("J4", "KSP-4.1.3", "na", ""),
        // Diagnosa Saturday 16:30, information Tuesday 08:50 after the Waisak Monday holiday:
        // 30 + 50 business minutes.
        ("J5", "KSP-4.1.1", "pass", "80.0"),
        ("J5", "KSP-4.2.2", "pass", ""),
        // Inquiries: the first response exactly at the umum limit (15), one minute over, and a
        // teknis question at 16:50 on Saturday answered 08:20 on Monday (10 + 20 = 30, its limit).
        ("T1", "INQ-T3.sla", "pass", "15.0"),
        ("T1", "INQ-T1.greet", "pass", ""),
        ("T1", "INQ-T5.resolve", "pass", ""),
        ("T1", "INQ-T5.close", "pass", ""),
        ("T2", "INQ-T3.sla", "fail", "16.0"),
        ("T2", "INQ-T1.greet", "fail", ""),
        ("T2", "INQ-T5.resolve", "fail", ""),
        ("T3", "INQ-T3.sla", "pass", "30.0"),
        ("T3", "INQ-T3.eta", "pass", ""),
        ("T3", "INQ-T4.updates", "na", ""),
        // After-sales: the ticket number at 60 business minutes and at 61; the warranty status
        // against purchase + warranty; 7 operating days from Tue 20 May end Wed 28 May.
        ("T4", "PJL-T1.ticket_no", "pass", "60.0"),
        ("T4", "PJL-T2.warranty", "pass", ""),
        ("T4", "PJL-T2.inform", "pass", ""),
        ("T4", "PJL-T3.sla", "pass", ""),
        ("T4", "PJL-T4.ship", "na", ""),
        ("T5", "PJL-T1.ticket_no", "fail", "61.0"),
        ("T5", "PJL-T2.warranty", "fail", ""),
        ("T5", "PJL-T3.sla", "fail", ""),
    ];
    let mut wrong = Vec::new();
    for (case, rule, status, measured) in table {
        let (s, m) = get(case, rule);
        if s != status || (!measured.is_empty() && m != measured) {
            wrong.push(format!(
                "{case} {rule}: got {s} {m}, expected {status} {measured}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Per rule, (true positives, false positives, false negatives) of `fail` for a run on a
/// simulated branch, against its `expected_findings.csv` (a rule not listed for a case is `na`).
fn fail_agreement(
    run: &std::path::Path,
    sample: &std::path::Path,
) -> BTreeMap<String, (u32, u32, u32)> {
    let got = findings(run);
    let mut r = csv::Reader::from_path(sample.join("expected_findings.csv")).unwrap();
    let mut table: BTreeMap<String, (u32, u32, u32)> = BTreeMap::new();
    let mut expected_fail = std::collections::HashSet::new();
    for rec in r.records().map(|x| x.unwrap()) {
        let (key, rule, status) = (rec[1].to_string(), rec[2].to_string(), &rec[3]);
        let e = table.entry(rule.clone()).or_default();
        let is_fail = got
            .get(&(key.clone(), rule.clone()))
            .is_some_and(|g| g.0 == "fail");
        if status == "fail" {
            expected_fail.insert((key, rule));
            if is_fail { e.0 += 1 } else { e.2 += 1 }
        }
    }
    for ((key, rule), (status, _)) in &got {
        if status == "fail" && !expected_fail.contains(&(key.clone(), rule.clone())) {
            table.entry(rule.clone()).or_default().1 += 1;
        }
    }
    table
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        1.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

/// Prints the table; returns the rules under the bars and the overall (precision, recall).
fn weak_rules(
    table: &BTreeMap<String, (u32, u32, u32)>,
    precision_bar: f64,
    recall_bar: f64,
) -> (Vec<String>, f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    println!(
        "{:<16} {:>5} {:>5} {:>5} {:>9} {:>7}",
        "rule", "tp", "fp", "fn", "precision", "recall"
    );
    let mut weak = Vec::new();
    for (rule, (a, b, c)) in table {
        let (p, rc) = (ratio(*a, a + b), ratio(*a, a + c));
        println!("{rule:<16} {a:>5} {b:>5} {c:>5} {p:>9.3} {rc:>7.3}");
        (tp, fp, fn_) = (tp + a, fp + b, fn_ + c);
        if p < precision_bar || rc < recall_bar {
            weak.push(format!("{rule}: precision {p:.3}, recall {rc:.3}"));
        }
    }
    let (p, rc) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
    println!("all rules: precision {p:.3}, recall {rc:.3}");
    (weak, p, rc)
}

/// Every invariant of `queries/checks/invariants/` holds on the scored store in `dir`
/// (`patuh check` runs them).
fn assert_invariants_hold(dir: &std::path::Path, inputs: &std::path::Path) {
    let o = crate::timeline::patuh_on(dir, inputs, &["--json", "check"]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    let check: serde_json::Value = serde_json::from_str(&crate::support::stdout(&o)).unwrap();
    let invariants = check["invariants"].as_array().expect("invariants listed");
    assert!(invariants.len() >= 7, "{invariants:?}");
    let broken: Vec<_> = invariants
        .iter()
        .filter(|i| i["violations"].as_u64() != Some(0))
        .collect();
    assert!(broken.is_empty(), "broken invariants: {broken:#?}");
}

#[test]
fn sample_findings_agree_with_the_known_answers() {
    let dir = tempdir();
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    pipeline(dir.path(), &sample);
    assert_invariants_hold(dir.path(), &sample);
    let table = fail_agreement(dir.path(), &sample);
    // Issue #6: per rule, precision and recall of `fail` at least 0.95.
    let (weak, p, rc) = weak_rules(&table, 0.95, 0.95);
    assert!(
        p >= 0.95 && rc >= 0.95,
        "overall precision {p:.3} recall {rc:.3}"
    );
    assert!(weak.is_empty(), "{}", weak.join("\n"));
}

/// A second branch the code was not fitted to (`patuh sample --style b`: wording neither the
/// lexicon nor the model saw, a ticket export without its optional columns, the arrival date
/// and time in two columns). Issue 11 asks for fail precision >= 0.97 and recall >= 0.90 on
/// every rule; that is not reached (see the printed table and the note). This holds the ground
/// gained (measured: precision 1.000 (no false fail), recall 0.973) with floors of 0.995 and 0.96.
#[test]
fn a_branch_in_unseen_wording_gets_few_false_fails() {
    let dir = tempdir();
    let sample = dir.path().join("branch_b");
    let o = crate::support::patuh(
        dir.path(),
        &[
            "sample",
            "--style",
            "b",
            "--seed",
            "2026",
            "--out",
            sample.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    pipeline(dir.path(), &sample);
    assert_invariants_hold(dir.path(), &sample);
    let table = fail_agreement(dir.path(), &sample);
    let (weak, p, rc) = weak_rules(&table, 0.97, 0.90);
    println!(
        "under 0.97 / 0.90: {} rules\n{}",
        weak.len(),
        weak.join("\n")
    );
    assert!(
        p >= 0.999 && rc >= 0.98,
        "overall precision {p:.3} recall {rc:.3}"
    );
    // Measured 1 (BKG-4.3: refusals the model half-reads need review).
    assert!(weak.len() <= 1, "{weak:?}");
    // Abstaining is not a flood: a supervisor reviews a handful of findings, not hundreds (a
    // praise half-read as a testimonial made 520 at 2871142; measured 13).
    let mut r = csv::Reader::from_path(dir.path().join("out/findings.csv")).unwrap();
    let reason = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "reason")
        .unwrap();
    let review = r
        .records()
        .filter(|x| x.as_ref().unwrap()[reason].starts_with("needs review"))
        .count();
    assert!(review <= 25, "{review} findings need review");
    // Where the export has no column for it, no rule fails.
    for rule in patuh::sample::STYLE_B_UNSEEN {
        let (tp, fp, _) = table.get(*rule).copied().unwrap_or_default();
        assert_eq!((tp, fp), (0, 0), "{rule} failed without its column");
    }
}

#[test]
fn scoring_again_equals_scoring_from_scratch() {
    let dir = tempdir();
    pipeline(dir.path(), &fixtures());
    let first = std::fs::read(dir.path().join("out/findings.csv")).unwrap();
    let out = dir.path().join("out");
    let o = patuh_on(
        dir.path(),
        &fixtures(),
        &["--json", "score", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let second = std::fs::read(dir.path().join("out/findings.csv")).unwrap();
    assert_eq!(first, second);
    // The summary counts what was written: every finding, by the status patuh gave it (each
    // core counts its own and the counts are summed).
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let written = crate::support::findings_csv(&out);
    let mut by_status: std::collections::BTreeMap<String, u64> = Default::default();
    for f in &written {
        *by_status.entry(f["machine_status"].clone()).or_default() += 1;
    }
    let said: std::collections::BTreeMap<String, u64> = summary["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_u64().unwrap()))
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(summary["findings"].as_u64(), Some(written.len() as u64));
    assert_eq!(said, by_status);
    assert!(
        said.contains_key("fail") && said.contains_key("pass"),
        "{said:?}"
    );
    // The Parquet copy holds the same rows: as many, and the same fails.
    let csv_rows = csv::Reader::from_path(out.join("findings.csv"))
        .unwrap()
        .records()
        .count();
    let parquet = out.join("findings.parquet");
    let (rows, fails): (i64, i64) = duckdb::Connection::open_in_memory()
        .unwrap()
        .query_row(
            "select count(*), count(*) filter (where status = 'fail') from read_parquet(?)",
            [parquet.to_str().unwrap()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let csv_fails = findings(dir.path())
        .values()
        .filter(|(status, _)| status == "fail")
        .count();
    assert_eq!((rows as usize, fails as usize), (csv_rows, csv_fails));
}

/// The invariants can fail: a finding written twice and a fail with no reason are named by
/// `patuh check`, with the rows.
#[test]
fn a_broken_store_is_named_by_its_invariants() {
    let dir = tempdir();
    let inputs = crate::timeline::fixtures();
    pipeline(dir.path(), &inputs);
    {
        let conn = duckdb::Connection::open(dir.path().join("s.duckdb")).unwrap();
        conn.execute_batch(
            "insert into finding select * from finding where status = 'pass' limit 1;
             update finding set reason = null
               where rowid = (select min(rowid) from finding where status = 'fail');",
        )
        .unwrap();
    }
    let o = crate::timeline::patuh_on(dir.path(), &inputs, &["--json", "check"]);
    let check: serde_json::Value = serde_json::from_str(&crate::support::stdout(&o)).unwrap();
    let broken: BTreeMap<String, u64> = check["invariants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["violations"].as_u64() != Some(0))
        .map(|i| {
            (
                i["name"].as_str().unwrap().to_string(),
                i["violations"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        broken,
        BTreeMap::from([
            ("fail_says_why".to_string(), 1),
            ("one_finding_per_rule".to_string(), 1)
        ])
    );
    let text = crate::support::stdout(&crate::timeline::patuh_on(dir.path(), &inputs, &["check"]));
    assert!(
        text.contains("2 of 7 invariants of the store are broken"),
        "{text}"
    );
}

/// On the sample, messages two open cases of one customer fit alike are tied to both
/// (`shared`): `patuh case` marks them, and no fail of the cases holding them rests on them
/// (a fail citing one is "needs review").
#[test]
fn a_shared_message_is_marked_and_fails_nothing() {
    let dir = tempdir();
    let store = dir.path().join("s.duckdb");
    std::fs::copy(crate::support::sample_run().join("s.duckdb"), &store).unwrap();
    let shared: Vec<(String, String)> = {
        let conn = duckdb::Connection::open(&store).unwrap();
        let mut stmt = conn
            .prepare(
                "select c.case_key, f.display_path || ':' || e.row_no
                 from event_object o
                 join event e using (event_id)
                 join \"case\" c on c.object_id = o.object_id
                 join import_file f on f.file_id = e.file_id
                 where o.link = 'shared'
                 order by 1, 2",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    assert!(
        !shared.is_empty(),
        "the sample has overlapping cases of one customer"
    );
    let verdicts = crate::support::findings_csv(&crate::support::sample_run().join("out"));
    for (key, source) in &shared {
        for f in verdicts.iter().filter(|f| &f["case_key"] == key) {
            assert!(
                !(f["status"] == "fail" && f["evidence"].split("; ").any(|e| e == source)),
                "{key} {} fails on the shared {source}",
                f["rule_id"]
            );
        }
    }
    let (key, _) = &shared[0];
    let o = crate::support::patuh(
        dir.path(),
        &["--db", store.to_str().unwrap(), "case", key.as_str()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        crate::support::stdout(&o).contains("(shared)"),
        "{}",
        crate::support::stdout(&o)
    );
}
