//! The one integration-test binary: every test module links once.

mod calendar;
mod catalog;
mod classify;
mod cli;
mod config;
mod ingest;
mod sample;
mod store;
mod support;
mod values;
