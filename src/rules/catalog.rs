//! The rule catalog (`rules/catalog.toml`, compiled in): every clause of the five SOPs, the
//! measurable ones with parameters and versions, the others with the reason they are not scored.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

const CATALOG_TOML: &str = include_str!("../../rules/catalog.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusKind {
    /// pass / fail.
    Scored,
    /// A "jika memungkinkan" clause or a lexicon flag: shown, never a violation.
    Advisory,
    /// A section of the semester report, not a finding per case.
    Report,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    pub name: String,
    pub default: f64,
    pub unit: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleVersion {
    pub version: u32,
    #[serde(deserialize_with = "crate::calendar::de_date")]
    pub effective_from: NaiveDate,
    /// Parameters this version changes; the others keep the rule's defaults.
    #[serde(default)]
    pub params: std::collections::BTreeMap<String, f64>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    /// A short name for tables and charts, in Indonesian and English.
    pub name_id: String,
    pub name_en: String,
    pub sop: String,
    pub clause: String,
    pub case_kind: String,
    pub measurable: bool,
    pub status_kind: StatusKind,
    pub sop_text: String,
    pub summary_en: String,
    pub check: String,
    #[serde(default)]
    pub why_not: String,
    pub params: Vec<Param>,
    #[serde(default, rename = "version")]
    pub versions: Vec<RuleVersion>,
    /// Record fields the rule reads (`"ticket.satisfaction"`; alternatives joined by `|`) and
    /// sources it reads as a whole (`"whatsapp"`): when the case's export has no such column, or
    /// no file of the source was imported, the rule is `unknown` — never `fail`.
    #[serde(default)]
    pub needs: Vec<String>,
    /// The kinds of message whose absence makes this rule's fail (`"reminder"`, or
    /// `"booking_confirmation+time"`). When the case holds a message the model reads as one of
    /// them, the fail becomes `unknown` "needs review" with that message as evidence.
    #[serde(default)]
    pub rests_on: Vec<RestsOn>,
}

/// One kind of message a rule's fail rests on the absence of.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(from = "String", into = "String")]
pub struct RestsOn {
    /// A lexicon activity.
    pub kind: String,
    /// Only a message stating a time can be the missing one (`kind+time`: a confirmation
    /// without the slot is no confirmation with details).
    pub states_time: bool,
}

impl From<RestsOn> for String {
    fn from(r: RestsOn) -> Self {
        if r.states_time {
            format!("{}+time", r.kind)
        } else {
            r.kind
        }
    }
}

impl From<String> for RestsOn {
    fn from(s: String) -> Self {
        match s.strip_suffix("+time") {
            Some(kind) => Self {
                kind: kind.to_string(),
                states_time: true,
            },
            None => Self {
                kind: s,
                states_time: false,
            },
        }
    }
}

impl Rule {
    /// The rule's short name in a report's language.
    pub fn name(&self, lang: crate::lang::Lang) -> &str {
        match lang {
            crate::lang::Lang::Id => &self.name_id,
            crate::lang::Lang::En => &self.name_en,
        }
    }

    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// The version in force on `date`: the latest effective on or before it, or the first
    /// version for a date before every version.
    pub fn version_at(&self, date: NaiveDate) -> &RuleVersion {
        self.versions
            .iter()
            .rev()
            .find(|v| v.effective_from <= date)
            .unwrap_or(&self.versions[0])
    }

    /// The default limit, for display: `limit_minutes = 5 business_minutes`, ….
    pub fn params_text(&self) -> String {
        self.params
            .iter()
            .map(|p| format!("{} = {} {}", p.name, p.default, p.unit))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    #[serde(deserialize_with = "crate::calendar::de_date")]
    first_effective: NaiveDate,
    rule: Vec<Rule>,
}

/// The whole catalog, in the order of the file (SOP by SOP).
#[derive(Debug, Clone)]
pub struct Catalog {
    pub rules: Vec<Rule>,
}

impl Catalog {
    /// The catalog compiled into the binary. Its validity is a test, so a bad edit fails CI.
    pub fn builtin() -> Self {
        Self::parse(CATALOG_TOML).expect("rules/catalog.toml is valid (tested)")
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let file: CatalogFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut rules = file.rule;
        let mut seen = std::collections::HashSet::new();
        for rule in &mut rules {
            if !seen.insert(rule.id.clone()) {
                return Err(format!("rule {} is listed twice", rule.id));
            }
            if rule.versions.is_empty() {
                rule.versions.push(RuleVersion {
                    version: 1,
                    effective_from: file.first_effective,
                    params: Default::default(),
                    note: "first version".into(),
                });
            }
            rule.versions.sort_by_key(|v| v.effective_from);
            for need in rule.needs.iter().flat_map(|n| n.split('|')) {
                // A record field (kind.field), or a source kind read as a whole (whatsapp).
                let known = match need.split_once('.') {
                    Some((kind, field)) => {
                        ["booking", "work_order", "ticket"].contains(&kind)
                            && crate::ingest::vocab::fields(kind).has(field)
                    }
                    None => ["whatsapp", "checklist"].contains(&need),
                };
                if !known {
                    return Err(format!(
                        "rule {} needs {need:?}, which is no field of rules/headers.toml (kind.field) nor a source kind (whatsapp, checklist)",
                        rule.id
                    ));
                }
            }
            for v in &rule.versions {
                if let Some(p) = v.params.keys().find(|p| rule.param(p).is_none()) {
                    return Err(format!(
                        "rule {} version {} sets unknown parameter {p}",
                        rule.id, v.version
                    ));
                }
            }
        }
        Ok(Self { rules })
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id.eq_ignore_ascii_case(id))
    }

    pub fn measurable(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| r.measurable)
    }
}
