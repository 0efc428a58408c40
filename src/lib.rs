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

// mimalloc for every allocation of every patuh process (the binary, the benches and the tests
// link this library): Rust's, and DuckDB's C++ through malloc (the crate's `override` feature).
// With glibc's malloc a quarter of the import's samples were in malloc, free and their arena
// consolidation. Same hour, same inputs: `--scale 10` run 27.7-30.2 s -> 24.3-24.5 s (import
// CPU 7.7-9.0 -> 6.8-8.2 core-s); `--scale 100` 328 s -> 274 s. jemalloc (tried by LD_PRELOAD)
// gained about as much with 25 % more memory. Its realloc copies where glibc's remaps: a large
// buffer is sized once, not grown (a zip entry, the timeline's messages).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
