//! The command line as a new user meets it: init, rules, exit codes, honest stubs.

use crate::support::{patuh, stderr, stdout, tempdir};
use patuh::output::Table;
use patuh::rules::Catalog;

#[test]
fn init_then_rules_works_for_a_new_user() {
    let dir = tempdir();
    let out = patuh(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.path().join("patuh.toml")).unwrap();
    assert!(written.contains("[sla.inquiry]") && written.contains("# "));
    // A second init does not overwrite the user's edits.
    let again = patuh(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"));

    let out = patuh(dir.path(), &["rules"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for rule in &Catalog::builtin().rules {
        assert!(text.contains(&rule.id), "rules table lacks {}", rule.id);
    }
    assert!(text.contains("CHK-complete") && text.contains("CHK-consistent"));
}

#[test]
fn rules_as_csv_starts_with_rule_id_and_has_a_row_per_rule() {
    let dir = tempdir();
    let out = patuh(dir.path(), &["rules", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "rule_id");
    let ids: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(ids.len(), Catalog::builtin().rules.len());
    assert!(ids.contains(&"INQ-T3.sla".to_string()));
}

#[test]
fn rules_as_json() {
    let dir = tempdir();
    let out = patuh(dir.path(), &["--json", "rules"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let bkg = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule_id"] == "BKG-4.1.2")
        .unwrap();
    assert_eq!(bkg["measurable"], true);
    assert!(
        bkg["params"]
            .as_str()
            .unwrap()
            .contains("limit_minutes = 5")
    );
}

#[test]
fn one_rule_shows_its_parameters_in_force_with_config_overrides() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("patuh.toml"),
        "[[rule_override]]\nrule = \"BKG-4.1.2\"\nparam = \"limit_minutes\"\nvalue = 10\neffective_from = 2026-01-01\n",
    )
    .unwrap();
    let out = patuh(dir.path(), &["rules", "bkg-4.1.2"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Berikan respon maksimal 5 menit"), "{text}");
    assert!(
        text.contains("limit_minutes = 5 business_minutes  (catalog"),
        "{text}"
    );
    assert!(
        text.contains("limit_minutes = 10 business_minutes  (config, from 2026-01-01)"),
        "{text}"
    );
}

#[test]
fn a_shorthand_in_force_always_has_no_start_date_in_json() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("patuh.toml"),
        "[whatsapp]\nburst_gap_minutes = 4\n",
    )
    .unwrap();
    let out = patuh(dir.path(), &["rules", "BKG-4.1.2", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rule: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let gap: Vec<&serde_json::Value> = rule["parameters_in_force"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["param"] == "burst_gap_minutes")
        .collect();
    let from_config = gap
        .iter()
        .find(|p| p["origin"] == "config")
        .expect("the shorthand's value");
    assert_eq!(from_config["value"], 4.0);
    assert!(from_config["effective_from"].is_null(), "{from_config}");
    let catalog = gap.iter().find(|p| p["origin"] == "catalog").unwrap();
    assert_eq!(catalog["effective_from"], "2025-01-01");
}

#[test]
fn an_unknown_rule_is_bad_input() {
    let dir = tempdir();
    let out = patuh(dir.path(), &["rules", "BKG-9.9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("BKG-9.9"));
}

#[test]
fn bad_usage_exits_2_and_a_bad_config_names_the_key() {
    let dir = tempdir();
    assert_eq!(
        patuh(dir.path(), &["no-such-command"]).status.code(),
        Some(2)
    );
    std::fs::write(
        dir.path().join("patuh.toml"),
        "[report]\nlangauge = \"en\"\n",
    )
    .unwrap();
    let out = patuh(dir.path(), &["rules"]);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(e.contains("patuh.toml: line 2, key report.langauge"), "{e}");
}

#[test]
fn stages_after_import_need_their_inputs() {
    let dir = tempdir();
    // A stage after import needs a store.
    let out = patuh(dir.path(), &["score"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no store here yet"),
        "{}",
        stderr(&out)
    );
    let roster = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster");
    assert!(
        patuh(dir.path(), &["--quiet", "import", roster.to_str().unwrap()])
            .status
            .success()
    );
    // A store with no findings yet: the report says which stage to run.
    let out = patuh(dir.path(), &["report"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no findings in the store: run `patuh score` first"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn run_on_a_roster_alone_imports_then_says_there_is_nothing_to_report() {
    let dir = tempdir();
    let roster = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster");
    let out = patuh(
        dir.path(),
        &["run", roster.to_str().unwrap(), "--out", "out"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("roster.xlsx"),
        "the import summary is printed: {}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("no findings in the store"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("configuration: built-in defaults"),
        "{}",
        stderr(&out)
    );
    // The import itself landed.
    let check = patuh(dir.path(), &["--json", "check"]);
    let v: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(v["roster_rows"], 3);
}

#[test]
fn a_long_source_keeps_its_file_name_and_line() {
    let mut t = Table::new(["text", "source"])
        .max_width(20)
        .location("source");
    let long = "x".repeat(30);
    t.row([
        long.as_str(),
        "/a/very/long/checkout/path/Chat dengan Budi (2).txt:1",
    ]);
    let mut out = Vec::new();
    t.write(&mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let row = out.lines().nth(2).unwrap();
    assert!(row.starts_with(&format!("{}…", "x".repeat(19))), "{row}");
    let source = row.rsplit("  ").next().unwrap();
    assert_eq!(source, "…ngan Budi (2).txt:1", "{row}");
    assert_eq!(source.chars().count(), 20);
}
