//! Calibration: per rule, how often reviewers upheld patuh's verdict, and Cohen's kappa between
//! patuh and the reviewers where there are enough decisions to mean something.
//!
//! Kappa corrects the raw agreement for the agreement chance alone would give:
//! κ = (pₒ − pₑ) / (1 − pₑ), pₒ the share of findings where the reviewer's verdict equals
//! patuh's, pₑ the sum over verdicts of the product of both sides' shares. When every reviewed
//! finding had the same verdict from patuh (all fails — the usual review of fails only) pₑ
//! equals the reviewers' share of that verdict and κ says nothing, so it is not given: review a
//! sample of passes too (`patuh review export --include-pass`).

use super::ReviewSummary;
use std::collections::BTreeMap;

/// Fewer decisions than this on a rule give no kappa: the figure would swing on one decision.
pub const MIN_DECISIONS: i64 = 10;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RuleAgreement {
    /// A rule id, or `"*"` for all rules together.
    pub rule_id: String,
    pub decisions: i64,
    pub upheld: i64,
    /// upheld / decisions.
    pub agreement: f64,
    pub kappa: Option<f64>,
    /// Why there is no kappa, when there is none.
    pub why_no_kappa: Option<&'static str>,
}

/// Cohen's kappa of (patuh's verdict, reviewer's verdict, count) pairs; `None` when chance
/// agreement is total (one verdict on both sides, or patuh gave one verdict only).
pub fn kappa(pairs: &[(&str, &str, i64)]) -> Option<f64> {
    let n: i64 = pairs.iter().map(|p| p.2).sum();
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let mut machine: BTreeMap<&str, f64> = BTreeMap::new();
    let mut reviewer: BTreeMap<&str, f64> = BTreeMap::new();
    let mut agree = 0.0;
    for &(m, r, k) in pairs {
        *machine.entry(m).or_default() += k as f64;
        *reviewer.entry(r).or_default() += k as f64;
        if m == r {
            agree += k as f64;
        }
    }
    let po = agree / n;
    let pe: f64 = machine
        .iter()
        .map(|(v, m)| m / n * reviewer.get(v).copied().unwrap_or(0.0) / n)
        .sum();
    if machine.len() < 2 || (1.0 - pe).abs() < 1e-12 {
        return None;
    }
    Some((po - pe) / (1.0 - pe))
}

fn one(rule_id: String, pairs: &[(&str, &str, i64)]) -> RuleAgreement {
    let decisions: i64 = pairs.iter().map(|p| p.2).sum();
    let upheld: i64 = pairs.iter().filter(|p| p.0 == p.1).map(|p| p.2).sum();
    let machine_verdicts = pairs
        .iter()
        .map(|p| p.0)
        .collect::<std::collections::BTreeSet<_>>();
    let (kappa, why) = if decisions < MIN_DECISIONS {
        (None, Some("fewer than 10 decisions"))
    } else if machine_verdicts.len() < 2 {
        (
            None,
            Some(
                "patuh's verdicts reviewed are all one status; review passes too (--include-pass)",
            ),
        )
    } else {
        match kappa(pairs) {
            Some(k) => (Some(k), None),
            None => (None, Some("chance agreement is total")),
        }
    };
    RuleAgreement {
        rule_id,
        decisions,
        upheld,
        agreement: if decisions > 0 {
            upheld as f64 / decisions as f64
        } else {
            0.0
        },
        kappa,
        why_no_kappa: why,
    }
}

/// One row per reviewed rule, in rule order, then `"*"` for every rule together.
pub fn by_rule(summary: &ReviewSummary) -> Vec<RuleAgreement> {
    let mut rules: BTreeMap<&str, Vec<(&str, &str, i64)>> = BTreeMap::new();
    for (rule, machine, status, n) in &summary.pairs {
        rules
            .entry(rule.as_str())
            .or_default()
            .push((machine.as_str(), status.as_str(), *n));
    }
    let all: Vec<(&str, &str, i64)> = rules.values().flatten().copied().collect();
    let mut out: Vec<RuleAgreement> = rules
        .iter()
        .map(|(rule, pairs)| one(rule.to_string(), pairs))
        .collect();
    if !all.is_empty() {
        out.push(one("*".into(), &all));
    }
    out
}
