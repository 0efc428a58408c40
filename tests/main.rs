//! The one integration-test binary: every test module links once.

mod branches;
mod calendar;
mod catalog;
mod classify;
mod cli;
mod config;
mod corpus;
mod coverage;
mod evidence;
mod fuzz;
mod hostile;
mod ingest;
mod ocel;
mod report;
mod report_sample;
mod review;
mod rules;
mod sample;
mod score;
mod store;
mod structure;
mod support;
mod timeline;
mod values;
