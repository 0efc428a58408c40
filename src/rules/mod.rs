//! Rules: the catalog of SOP clauses, their parameters by effective date, and scoring.

pub mod catalog;
pub mod params;
pub mod sanction;
pub mod score;

pub use catalog::{Catalog, Param, Rule, RuleVersion, StatusKind};
pub use params::ParamTable;
