//! `patuh sample`: write the simulated branch's exports and their known answers.

use crate::error::Result;
use crate::sample::{Options, generate};
use chrono::NaiveDate;
use std::path::Path;

pub fn run(
    out: &Path,
    seed: u64,
    scale: u32,
    from: NaiveDate,
    to: NaiveDate,
    style: crate::sample::Style,
    quiet: bool,
) -> Result<()> {
    let started = std::time::Instant::now();
    let s = generate(&Options {
        out: out.to_path_buf(),
        style,
        seed,
        scale,
        from,
        to,
    })?;
    if !quiet {
        eprintln!(
            "wrote {} files ({:.1} MB) to {} in {:.1} s: {} bookings, {} work orders, {} tickets, {} chats, {} expected findings, {} rows planted for quarantine",
            s.files,
            s.bytes as f64 / 1e6,
            out.display(),
            started.elapsed().as_secs_f64(),
            s.bookings,
            s.jobs,
            s.tickets,
            s.chats,
            s.expected,
            s.quarantine_planted
        );
    }
    Ok(())
}
