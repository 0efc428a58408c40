//! The per-rule fixtures (`tests/rules/<SOP>/<rule id>.toml`, format in
//! `src/rules/score/fixture.rs`): every example judged in-process, and the fixture files
//! checked against the catalog's measurable rules.

use patuh::rules::Catalog;
use patuh::rules::score::fixture::{Bench, Fixture};
use patuh::rules::score::registry;
use std::path::{Path, PathBuf};

fn fixture_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let mut files = Vec::new();
    for sop in std::fs::read_dir(&root).expect("tests/rules exists") {
        let sop = sop.unwrap().path();
        if !sop.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&sop).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "toml") {
                files.push(f);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_rule_fixture_holds() {
    let bench = Bench::default();
    let mut failures = Vec::new();
    let mut examples = 0;
    for path in fixture_files() {
        let fixture = Fixture::load(&path).unwrap_or_else(|e| panic!("{e}"));
        for x in &fixture.examples {
            examples += 1;
            for problem in bench.check(&fixture.rule, x) {
                failures.push(format!("{} — {}: {problem}", fixture.rule, x.name));
            }
        }
    }
    eprintln!("{examples} fixture examples judged");
    assert!(examples > 0, "no fixture examples found");
    assert!(
        failures.is_empty(),
        "{} of {examples} examples differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn each_fixture_file_is_named_for_its_rule_and_sop() {
    let catalog = Catalog::builtin();
    for path in fixture_files() {
        let fixture = Fixture::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let stem = path.file_stem().unwrap().to_string_lossy();
        assert_eq!(
            stem,
            fixture.rule,
            "{}: file named for another rule",
            path.display()
        );
        let rule = catalog.get(&fixture.rule).unwrap_or_else(|| {
            panic!("{}: {} is not in the catalog", path.display(), fixture.rule)
        });
        assert!(
            rule.measurable,
            "{}: {} is not measurable",
            path.display(),
            rule.id
        );
        let sop = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy();
        assert_eq!(
            sop,
            rule.sop,
            "{}: in the folder of another SOP",
            path.display()
        );
    }
}

#[test]
fn a_fixture_that_expects_wrongly_is_reported() {
    // The harness must be able to fail: the same case with the opposite expectation.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("BKG-4.1.2.toml");
    std::fs::write(
        &path,
        r#"rule = "BKG-4.1.2"
[given]
case = { kind = "booking", key = "BK-1", opened_at = "2025-03-04 09:00" }
events = ["2025-03-04 09:00 customer booking_request | mau booking kak"]
[[example]]
name = "no reply at all"
expect = { status = "pass" }
"#,
    )
    .unwrap();
    let fixture = Fixture::load(&path).unwrap();
    let problems = Bench::default().check("BKG-4.1.2", &fixture.examples[0]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("status fail (expected pass)"),
        "{problems:?}"
    );
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        r#"rule = "BKG-4.1.2"
[[example]]
name = "a time without minutes"
events = ["2025-03-04 9 customer - | hi"]
expect = { status = "pass" }
"#,
    )
    .unwrap();
    let err = Fixture::load(&bad)
        .err()
        .expect("a bad event line is an error");
    assert!(
        err.contains("bad.toml") && err.contains("a time without minutes"),
        "{err}"
    );
}

/// Rules with a clock whose deadline is never beyond the data when they are judged (so no
/// open-at-cut-off example can exist), and why.
const NO_OPEN_CLOCK: &[(&str, &str)] = &[
    (
        "KSP-4.4.1",
        "judged only once the job has its selesai time, after the promise has passed",
    ),
    (
        "INQ-T4.updates",
        "an escalation open at the cut-off is judged on the operating days up to it",
    ),
];

#[test]
fn every_measurable_rule_has_its_fixture_with_the_cases_that_matter() {
    let catalog = Catalog::builtin();
    let fixtures: Vec<Fixture> = fixture_files()
        .iter()
        .map(|p| Fixture::load(p).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let with_fixture: std::collections::BTreeSet<&str> =
        fixtures.iter().map(|f| f.rule.as_str()).collect();
    let measurable: std::collections::BTreeSet<&str> = catalog
        .rules
        .iter()
        .filter(|r| r.measurable)
        .map(|r| r.id.as_str())
        .collect();
    let missing: Vec<_> = measurable.difference(&with_fixture).collect();
    let registered: std::collections::BTreeSet<&str> =
        registry::RULES.iter().map(|e| e.id).collect();
    assert_eq!(
        registered, measurable,
        "the registry (src/rules/score/registry.rs) and the catalog's measurable rules differ"
    );
    assert_eq!(
        registered.len(),
        registry::RULES.len(),
        "a rule registered twice"
    );
    for e in registry::RULES {
        let kind = catalog.get(e.id).unwrap().case_kind.as_str();
        let expected: &[&str] = if kind == "checklist" {
            &["booking", "job"]
        } else {
            std::slice::from_ref(&kind)
        };
        assert_eq!(
            e.kinds, expected,
            "{}: judged on other case kinds than the catalog's",
            e.id
        );
    }
    assert!(
        missing.is_empty(),
        "measurable rules without a fixture: {missing:?}"
    );
    let mut gaps = Vec::new();
    for f in &fixtures {
        let rule = catalog.get(&f.rule).unwrap();
        let has = |status: &str, reason: &str| {
            f.examples.iter().any(|x| {
                x.expect.status == status
                    && x.expect.reason.as_deref().unwrap_or("").contains(reason)
            })
        };
        let advisory = matches!(rule.status_kind, patuh::rules::StatusKind::Advisory);
        if !has("pass", "") {
            gaps.push(format!("{}: no pass", f.rule));
        }
        if !has(if advisory { "advisory" } else { "fail" }, "") {
            gaps.push(format!("{}: no fail", f.rule));
        }
        if rule.needs.iter().any(|n| n.contains('.')) && !has("unknown", "data missing") {
            gaps.push(format!(
                "{}: needs a column but no data-missing example",
                f.rule
            ));
        }
        let clocked = rule.params.iter().any(|p| {
            matches!(
                p.unit.as_str(),
                "business_minutes" | "operating_days" | "calendar_days"
            )
        });
        let open = has("unknown", "open at cut-off") || has("unknown", "after the data cut-off");
        if clocked && !open && !NO_OPEN_CLOCK.iter().any(|(id, _)| *id == f.rule) {
            gaps.push(format!(
                "{}: a clock without an open-at-cut-off example",
                f.rule
            ));
        }
    }
    assert!(gaps.is_empty(), "{}", gaps.join("\n"));
}

/// `patuh rules ID` names where a rule is judged and tested: the file exists, holds the
/// function, and the fixture is there.
#[test]
fn a_rule_is_found_by_its_id_in_one_hop() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for e in registry::RULES {
        let (file, function) = e.source();
        let text = std::fs::read_to_string(root.join(&file))
            .unwrap_or_else(|err| panic!("{}: {file}: {err}", e.id));
        assert!(
            text.contains(&format!("pub fn {function}(j: &Judge) -> Judged")),
            "{}: no judge {function} in {file}",
            e.id
        );
        assert!(
            root.join(e.fixture()).is_file(),
            "{}: no {}",
            e.id,
            e.fixture()
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_patuh"))
        .args(["rules", "KSP-4.4.2"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("judged:   src/rules/score/ksp.rs, fn delay_apology")
            && text.contains("fixture:  tests/rules/KSP/KSP-4.4.2.toml"),
        "{text}"
    );
}
