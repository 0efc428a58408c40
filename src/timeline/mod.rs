//! The timeline stage: cases and their ordered events (issue #5). So far: understanding each
//! message (activities and attributes) from the lexicon in `rules/lexicon.toml`.

pub mod classify;
pub mod promise;
