//! The rule catalog against the contract (RULES.md) and its parameters by effective date.

use chrono::NaiveDate;
use patuh::config::{Config, param_overrides};
use patuh::rules::{Catalog, ParamTable};
use std::collections::BTreeSet;

/// Rule ids as RULES.md lists them: the first cell of every table row, plus the `CHK-*` ids
/// named in the checklist section.
fn contract_ids(text: &str) -> BTreeSet<String> {
    let id = regex::Regex::new(r"^(BKG|KSP|FUT|INQ|PJL)-[0-9A-Za-z._]+$").unwrap();
    let mut ids = BTreeSet::new();
    for line in text.lines().filter(|l| l.starts_with('|')) {
        let first = line.split('|').nth(1).unwrap_or("").trim();
        for part in first.split(',') {
            let part = part.trim();
            if id.is_match(part) {
                ids.insert(part.to_string());
            }
        }
    }
    for m in regex::Regex::new(r"`(CHK-[a-z]+)`")
        .unwrap()
        .captures_iter(text)
    {
        ids.insert(m[1].to_string());
    }
    ids
}

#[test]
fn catalog_and_rules_md_list_the_same_ids() {
    let Some(shared) = crate::support::shared_dir() else {
        return;
    };
    let text = std::fs::read_to_string(shared.join("spec/RULES.md")).unwrap();
    let contract = contract_ids(&text);
    assert!(
        contract.len() > 60,
        "parsed {} ids from RULES.md",
        contract.len()
    );
    let ours: BTreeSet<String> = Catalog::builtin()
        .rules
        .iter()
        .map(|r| r.id.clone())
        .collect();
    let missing: Vec<_> = contract.difference(&ours).collect();
    let extra: Vec<_> = ours.difference(&contract).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}, not in RULES.md {extra:?}"
    );
}

#[test]
fn every_rule_is_complete() {
    let catalog = Catalog::builtin();
    for r in &catalog.rules {
        assert!(
            !r.sop_text.is_empty() && !r.summary_en.is_empty(),
            "{}",
            r.id
        );
        assert!(
            ["BKG", "KSP", "FUT", "INQ", "PJL", "CHK"].contains(&r.sop.as_str()),
            "{}",
            r.id
        );
        if r.measurable {
            assert!(!r.check.is_empty(), "{} has no check", r.id);
        } else {
            assert!(
                !r.why_not.is_empty(),
                "{} says not why it is not scored",
                r.id
            );
        }
        assert!(!r.versions.is_empty(), "{}", r.id);
    }
    // The ten of the "not scored" table plus FUT-4.3.3 (no social-post log).
    assert_eq!(catalog.rules.iter().filter(|r| !r.measurable).count(), 11);
}

#[test]
fn the_default_limits_are_the_contracts() {
    let c = Catalog::builtin();
    let default = |id: &str, p: &str| c.get(id).unwrap().param(p).unwrap().default;
    assert_eq!(default("BKG-4.1.2", "limit_minutes"), 5.0);
    assert_eq!(default("BKG-7.1", "limit_minutes"), 60.0);
    assert_eq!(default("KSP-5.1", "limit_minutes"), 120.0);
    assert_eq!(default("KSP-4.2.2", "max_gap_hours"), 4.0);
    assert_eq!(default("FUT-5.1", "limit_days"), 2.0);
    assert_eq!(default("INQ-T3.sla", "teknis_minutes"), 30.0);
    assert_eq!(default("PJL-T3.sla", "limit_days"), 7.0);
}

#[test]
fn an_override_takes_effect_on_its_date_and_not_before() {
    let config = Config::parse(
        "[[rule_override]]\nrule = \"BKG-4.1.2\"\nparam = \"limit_minutes\"\nvalue = 10\neffective_from = \"2025-07-01\"\n",
        std::path::Path::new("patuh.toml"),
    )
    .unwrap();
    let table = ParamTable::build(&Catalog::builtin(), &param_overrides(&config)).unwrap();
    let on = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(
        table.value("BKG-4.1.2", "limit_minutes", on("2025-06-30")),
        Some(5.0)
    );
    assert_eq!(
        table.value("BKG-4.1.2", "limit_minutes", on("2025-07-01")),
        Some(10.0)
    );
    // Before the first version the first version applies.
    assert_eq!(
        table.value("BKG-4.1.2", "limit_minutes", on("2024-03-01")),
        Some(5.0)
    );
    assert_eq!(
        table
            .at("INQ-T3.sla", on("2025-08-01"))
            .get("komplain_minutes"),
        Some(&15.0)
    );
}

#[test]
fn an_override_of_an_unknown_rule_or_parameter_is_an_error() {
    // Refused when the configuration is read, naming the file, line and key.
    let bad = |text: &str| {
        Config::parse(text, std::path::Path::new("cabang.toml"))
            .unwrap_err()
            .to_string()
    };
    let e = bad(
        "[[rule_override]]\nrule = \"BKG-9.9\"\nparam = \"limit_minutes\"\nvalue = 1\neffective_from = 2025-01-01\n",
    );
    assert!(
        e.starts_with("cabang.toml: line 2, key rule_override[0].rule") && e.contains("BKG-9.9"),
        "{e}"
    );
    let e = bad(
        "[[rule_override]]\nrule = \"BKG-4.1.2\"\nparam = \"limit\"\nvalue = 1\neffective_from = 2025-01-01\n",
    );
    assert!(
        e.contains("line 3, key rule_override[0].param") && e.contains("limit_minutes"),
        "{e}"
    );
}
