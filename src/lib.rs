//! patuh — SOP compliance evaluation for the customer-care teams of a car-workshop group.
//!
//! The code map, stage by stage (PRODUCT.md "The batch"):
//! - `ingest`   — every input file into the store with provenance; bad rows quarantined.
//! - `timeline` — cases and ordered events, messages classified, chats linked.
//! - `rules`    — the rule catalog, parameters by effective date, scoring.
//! - `report`   — the semester report, scorecards, workbook, charts.
//!
//! Beside them: `calendar` (operating hours, holidays, business durations), `config`
//! (patuh.toml), `store` (the DuckDB file, migrations, transactions), `sample` (the simulated
//! branch with known answers), `cli` and `cmd` (one file per subcommand).
//!
//! Invariants: every stored row names its source file and row/line; a command's work on the
//! store is one transaction; time rules ask the calendar, never compute hours themselves.

pub mod calendar;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod error;
pub mod ingest;
pub mod lang;
pub mod output;
pub mod privacy;
pub mod report;
pub mod review;
pub mod rules;
pub mod sample;
pub mod store;
pub mod timeline;
pub mod values;

pub use error::{Error, Result};
