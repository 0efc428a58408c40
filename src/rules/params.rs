//! Rule parameters in force on a date: catalog defaults, changed by rule versions, then by the
//! company's overrides from patuh.toml. One table, read by scoring and stored as `rule_version`.

use super::catalog::Catalog;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One rule parameter set by the company (`[[rule_override]]` in patuh.toml, or an `[sla]`
/// shorthand), in force from `effective_from`.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleOverride {
    pub rule: String,
    pub param: String,
    pub value: f64,
    #[serde(deserialize_with = "crate::calendar::de_date")]
    pub effective_from: NaiveDate,
}

/// Why an override cannot apply, if it cannot: the field it gets wrong (`rule`, `param`,
/// `value`) and a sentence. The one check of an override, for the configuration and the table.
pub fn check_override(
    catalog: &Catalog,
    o: &RuleOverride,
) -> std::result::Result<(), (&'static str, String)> {
    let Some(rule) = catalog.get(&o.rule) else {
        return Err((
            "rule",
            format!(
                "names rule {:?}, which is not in the catalog (see `patuh rules`)",
                o.rule
            ),
        ));
    };
    if rule.param(&o.param).is_none() {
        let known: Vec<&str> = rule.params.iter().map(|p| p.name.as_str()).collect();
        return Err((
            "param",
            format!(
                "names parameter {:?} of {}; that rule has {}",
                o.param,
                rule.id,
                if known.is_empty() {
                    "no parameters".to_string()
                } else {
                    known.join(", ")
                }
            ),
        ));
    }
    if !o.value.is_finite() || o.value < 0.0 {
        return Err((
            "value",
            format!("expected a limit of 0 or more, found {}", o.value),
        ));
    }
    Ok(())
}

/// One row of the parameter table: from `effective_from` on, `rule.param = value`.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamRow {
    pub rule_id: String,
    pub version: u32,
    pub param: String,
    pub value: f64,
    pub unit: String,
    pub effective_from: NaiveDate,
    /// `catalog` or `config`.
    pub origin: &'static str,
}

#[derive(Debug, Clone, Default)]
pub struct ParamTable {
    rows: Vec<ParamRow>,
}

impl ParamTable {
    /// Builds the table; an override naming an unknown rule or parameter is an error.
    pub fn build(catalog: &Catalog, overrides: &[RuleOverride]) -> Result<Self> {
        let mut rows = Vec::new();
        for rule in &catalog.rules {
            for v in &rule.versions {
                for p in &rule.params {
                    let value = v.params.get(&p.name).copied().unwrap_or(p.default);
                    rows.push(ParamRow {
                        rule_id: rule.id.clone(),
                        version: v.version,
                        param: p.name.clone(),
                        value,
                        unit: p.unit.clone(),
                        effective_from: v.effective_from,
                        origin: "catalog",
                    });
                }
            }
        }
        for o in overrides {
            // Checked when the configuration is read; a caller that builds the table from
            // other overrides hears the same sentence.
            check_override(catalog, o)
                .map_err(|(field, m)| Error::input(format!("rule_override {field}: {m}")))?;
            let rule = catalog.get(&o.rule).expect("checked above");
            let p = rule.param(&o.param).expect("checked above");
            let version = rule.version_at(o.effective_from).version;
            rows.push(ParamRow {
                rule_id: rule.id.clone(),
                version,
                param: p.name.clone(),
                value: o.value,
                unit: p.unit.clone(),
                effective_from: o.effective_from,
                origin: "config",
            });
        }
        Ok(Self { rows })
    }

    pub fn rows(&self) -> &[ParamRow] {
        &self.rows
    }

    /// The value of `rule.param` in force on `date`. A company's shorthand (`[sla]`, in force
    /// always: effective from the earliest date) wins over every catalog version; a dated
    /// override competes with the catalog by date, winning on the same date. Before every row,
    /// the earliest catalog value.
    pub fn value(&self, rule_id: &str, param: &str, date: NaiveDate) -> Option<f64> {
        let rows = || {
            self.rows
                .iter()
                .filter(move |r| r.rule_id == rule_id && r.param == param)
        };
        let latest = |origin: &str| {
            rows()
                .filter(|r| r.origin == origin && r.effective_from <= date)
                .max_by_key(|r| r.effective_from)
        };
        let chosen = match (latest("config"), latest("catalog")) {
            (Some(c), _) if c.effective_from == NaiveDate::MIN => Some(c),
            (Some(c), Some(k)) => Some(if c.effective_from >= k.effective_from {
                c
            } else {
                k
            }),
            (c, k) => c.or(k),
        };
        chosen
            .or_else(|| {
                rows()
                    .filter(|r| r.origin == "catalog")
                    .min_by_key(|r| r.effective_from)
            })
            .map(|r| r.value)
    }

    /// Every parameter of a rule in force on `date`.
    pub fn at(&self, rule_id: &str, date: NaiveDate) -> BTreeMap<String, f64> {
        let names: std::collections::BTreeSet<&str> = self
            .rows
            .iter()
            .filter(|r| r.rule_id == rule_id)
            .map(|r| r.param.as_str())
            .collect();
        names
            .into_iter()
            .filter_map(|n| self.value(rule_id, n, date).map(|v| (n.to_string(), v)))
            .collect()
    }
}
