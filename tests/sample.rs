//! The sample data: reproducible to the byte, covering every measurable rule, importable with
//! exactly the planted bad rows quarantined.

use crate::support::{files_under, tempdir};
use patuh::config::Config;
use patuh::ingest::batch::{NoProgress, import};
use patuh::ingest::collect_inputs;
use patuh::ingest::load::Status;
use patuh::rules::{Catalog, StatusKind};
use patuh::sample::{Options, generate};
use patuh::store::Store;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn committed() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data")
}

fn default_options(out: &Path) -> Options {
    Options {
        out: out.to_path_buf(),
        style: patuh::sample::Style::A,
        seed: 2025,
        scale: 1,
        from: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
    }
}

#[test]
fn the_sample_command_reproduces_sample_data_byte_for_byte() {
    let dir = tempdir();
    generate(&default_options(dir.path())).unwrap();
    let ours = files_under(dir.path());
    let theirs = files_under(&committed());
    assert_eq!(ours, theirs, "the same file names");
    // The checksum list says so, and every file agrees with it.
    let sums = std::fs::read_to_string(committed().join("SHA256SUMS")).unwrap();
    assert_eq!(
        sums,
        std::fs::read_to_string(dir.path().join("SHA256SUMS")).unwrap()
    );
    for f in &ours {
        let a = std::fs::read(dir.path().join(f)).unwrap();
        let b = std::fs::read(committed().join(f)).unwrap();
        assert!(
            a == b,
            "{} differs from a fresh `patuh sample`",
            f.display()
        );
    }
    for line in sums.lines().filter(|l| !l.ends_with("whatsapp/*")) {
        let (sum, name) = line.split_once("  ").unwrap();
        let bytes = std::fs::read(committed().join(name)).unwrap();
        assert_eq!(patuh::ingest::sha256_hex(&bytes), sum, "{name}");
    }
}

#[test]
fn the_committed_sample_stays_under_8_mb() {
    let total: u64 = files_under(&committed())
        .iter()
        .map(|f| std::fs::metadata(committed().join(f)).unwrap().len())
        .sum();
    assert!(total < 8_000_000, "sample_data holds {total} bytes");
}

/// The semester of a case key: `BKG-2503-00042` is March 2025, and so is
/// `chat:+6281234567890:2025-03-14`.
fn semester(key: &str) -> String {
    if let Some(date) = key.strip_prefix("chat:").and_then(|k| k.rsplit(':').next()) {
        let month: u32 = date[5..7].parse().unwrap();
        return format!("{}-H{}", &date[..4], if month <= 6 { 1 } else { 2 });
    }
    let yymm = key.split('-').nth(1).unwrap();
    let month: u32 = yymm[2..4].parse().unwrap();
    format!("20{}-H{}", &yymm[..2], if month <= 6 { 1 } else { 2 })
}

#[test]
fn every_measurable_rule_has_passes_and_fails_in_each_semester() {
    let mut reader = csv::Reader::from_path(committed().join("expected_findings.csv")).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["case_kind", "case_key", "rule_id", "expected_status"]
    );
    let mut count: HashMap<(String, String, String), usize> = HashMap::new();
    for r in reader.records() {
        let r = r.unwrap();
        assert!(
            ["pass", "fail", "advisory", "unknown"].contains(&&r[3]),
            "{r:?}"
        );
        *count
            .entry((r[2].to_string(), semester(&r[1]), r[3].to_string()))
            .or_default() += 1;
    }
    let n = |rule: &str, sem: &str, status: &str| {
        count
            .get(&(rule.into(), sem.into(), status.into()))
            .copied()
            .unwrap_or(0)
    };
    let mut short = Vec::new();
    for rule in Catalog::builtin().measurable() {
        for sem in ["2025-H1", "2025-H2"] {
            // An advisory rule's "violations" are advisories, never fails.
            let bad = if rule.status_kind == StatusKind::Advisory {
                "advisory"
            } else {
                "fail"
            };
            if n(&rule.id, sem, bad) < 5 || n(&rule.id, sem, "pass") < 5 {
                short.push(format!(
                    "{} {sem}: {} {bad}, {} pass",
                    rule.id,
                    n(&rule.id, sem, bad),
                    n(&rule.id, sem, "pass")
                ));
            }
        }
    }
    assert!(short.is_empty(), "{short:?}");
}

#[test]
fn about_one_case_in_five_breaks_a_rule() {
    let mut reader = csv::Reader::from_path(committed().join("expected_findings.csv")).unwrap();
    let mut cases = std::collections::HashSet::new();
    let mut failing = std::collections::HashSet::new();
    for r in reader.records() {
        let r = r.unwrap();
        cases.insert((r[0].to_string(), r[1].to_string()));
        if &r[3] == "fail" {
            failing.insert((r[0].to_string(), r[1].to_string()));
        }
    }
    let share = failing.len() as f64 / cases.len() as f64;
    assert!((0.15..=0.25).contains(&share), "{share}");
}

#[test]
fn importing_the_sample_loads_every_file_and_quarantines_exactly_the_planted_rows() {
    let dir = tempdir();
    let mut store = Store::open(&dir.path().join("p.duckdb")).unwrap();
    let (config, _) = Config::load(None, Some(&committed())).unwrap();
    assert_eq!(config.whatsapp.business_names, ["GSI Medan"]);
    let (inputs, _) = collect_inputs(&[committed()]).unwrap();
    assert!(
        !inputs
            .iter()
            .any(|f| f.display.ends_with("expected_findings.csv")),
        ".patuhignore keeps the answers out"
    );
    let batch = import(&mut store, &config, &inputs, None, &NoProgress).unwrap();
    let failed: Vec<_> = batch
        .files
        .iter()
        .filter(|f| f.status != Status::Loaded)
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    let mut stmt = store
        .conn()
        .prepare("select reason from quarantine order by reason")
        .unwrap();
    let reasons: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(reasons.len(), 6, "{reasons:?}");
    assert_eq!(
        reasons
            .iter()
            .filter(|r| r.contains("Jadwal \"31/02/2025 10.00\" is not a date"))
            .count(),
        3
    );
    assert_eq!(
        reasons
            .iter()
            .filter(|r| r.contains("Status \"Dibengkelin\""))
            .count(),
        2
    );
    assert_eq!(
        reasons
            .iter()
            .filter(|r| r.contains("Tanggal Masuk \"kemarin\""))
            .count(),
        1
    );
    // Business messages are on the business side; every chat has a customer side too.
    let (business, customer): (i64, i64) = store
        .conn()
        .query_row("select count(*) filter (where sender_side = 'business'), count(*) filter (where sender_side = 'customer') from raw_message", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert!(
        business > 10_000 && customer > 10_000,
        "{business} {customer}"
    );
    // After-sales claims carry what PJL-T1.record and PJL-T2.warranty read.
    let (claims, with_product, with_warranty): (i64, i64, i64) = store
        .conn()
        .query_row("select count(*), count(product), count(warranty_until) from raw_ticket where type = 'aftersales'", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    assert_eq!((with_product, with_warranty), (claims, claims));
    assert!(claims >= 150, "{claims}");
}

#[test]
fn scale_multiplies_cases_advisors_and_branches() {
    let dir = tempdir();
    let mut opts = default_options(dir.path());
    opts.scale = 2;
    opts.to = chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
    let two = generate(&opts).unwrap();
    let one_dir = tempdir();
    let mut one_opts = default_options(one_dir.path());
    one_opts.to = opts.to;
    let one = generate(&one_opts).unwrap();
    // Volumes are rounded once for the whole run.
    assert!(
        two.bookings.abs_diff(2 * one.bookings) <= 1,
        "{} vs 2 x {}",
        two.bookings,
        one.bookings
    );
    let (config, _) = Config::load(None, Some(dir.path())).unwrap();
    let branches: Vec<&str> = config.branches.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(branches, ["Medan", "Pekanbaru"]);
    let mut store = Store::open(&dir.path().join("p.duckdb")).unwrap();
    let (inputs, _) = collect_inputs(&[dir.path().join("roster")]).unwrap();
    import(&mut store, &config, &inputs, None, &NoProgress).unwrap();
    let per_branch: Vec<(String, i64)> = {
        let mut stmt = store
            .conn()
            .prepare("select branch, count(*) from raw_advisor group by branch order by branch")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        per_branch,
        [("Medan".to_string(), 9), ("Pekanbaru".to_string(), 9)]
    );
}
