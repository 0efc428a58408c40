//! The timeline stage: cases and their ordered events (PRODUCT.md "timeline").
//!
//! - `classify` — what a message does (lexicon in `rules/lexicon.toml`) and states.
//! - `model` — the learned classifier beside the lexicon (`rules/model.tsv`), trained on
//!   `corpus` (`rules/corpus/`); `accuracy` measures both, in-sample and out-of-family.
//! - `cues` — labels from what a message states in its case (the booked slot, an amount).
//! - `promise` — times promised in Indonesian text ("besok jam 10").
//! - `windows` — when each case can own messages.
//! - `link` — chats to customers, messages to cases.
//! - `autoreply` — automated WhatsApp Business messages, which are never replies.
//! - `build` — the rebuild, phase by phase: SQL for the records, Rust for messages, one
//!   transaction; `write` its last phase, events and links into the store.
//! - `ocel` — the timelines as an OCEL 2.0 log for process-mining tools.

pub mod accuracy;
pub mod autoreply;
pub mod build;
pub mod classify;
pub mod corpus;
pub mod cues;
pub mod link;
pub mod model;
pub mod ocel;
pub mod promise;
pub mod windows;
mod work;
mod write;

pub use build::rebuild;
pub use work::{LinkRate, Summary};
