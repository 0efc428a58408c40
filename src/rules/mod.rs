//! Rules: the catalog of SOP clauses, their parameters by effective date, and (later) scoring.

pub mod catalog;
pub mod params;

pub use catalog::{Catalog, Param, Rule, RuleVersion, StatusKind};
pub use params::ParamTable;
