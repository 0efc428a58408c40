//! `patuh sample`: a deterministic simulated branch (Medan) written as the exports a real branch
//! would hand over — booking logs, work orders, tickets, checklist forms, WhatsApp chats, the
//! roster — with planted violations and `expected_findings.csv`, the known answers.

pub mod rng;
pub mod text;
mod text_b;
pub mod world;
mod write;

use crate::config::Config;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::path::PathBuf;
use world::Sim;

/// How the simulated branch writes (`--style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Style {
    /// Medan: the wording and exports the lexicon was written for (the committed sample).
    #[default]
    A,
    /// Pekanbaru, a second branch: wording neither the lexicon nor the model saw, a ticket
    /// export without the optional columns (satisfaction, warranty status, product, solution),
    /// a booking sheet with the date and time of arrival in two columns.
    B,
}

impl Style {
    pub fn texts(self) -> &'static text::Texts {
        match self {
            Style::A => &text::STYLE_A,
            Style::B => &text::STYLE_B,
        }
    }
}

/// The rules a style-b export cannot feed (its columns are absent): `unknown`, never judged.
pub const STYLE_B_UNSEEN: &[&str] = &[
    "PJL-T1.record",
    "PJL-T2.warranty",
    "PJL-T5.csat",
    "INQ-T6.doc",
];

pub struct Options {
    pub out: PathBuf,
    pub style: Style,
    pub seed: u64,
    pub scale: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

pub struct Summary {
    pub files: usize,
    pub bytes: u64,
    pub bookings: usize,
    pub jobs: usize,
    pub tickets: usize,
    pub chats: usize,
    pub expected: usize,
    pub quarantine_planted: usize,
}

/// Simulates the period and writes every file under `opts.out`.
pub fn generate(opts: &Options) -> Result<Summary> {
    if opts.to <= opts.from {
        return Err(Error::input(format!(
            "--to {} is not after --from {}",
            opts.to, opts.from
        )));
    }
    if opts.scale == 0 {
        return Err(Error::input("--scale must be 1 or more"));
    }
    let config = Config::defaults();
    let cal = config.calendar(config.default_branch());
    let mut sim = Sim::new(
        opts.seed,
        &cal,
        opts.from,
        opts.to,
        opts.scale,
        opts.style.texts(),
    );
    sim.people();
    // Volumes per half year: ~1,100 bookings, ~1,400 work orders (with walk-ins), ~300 inquiries,
    // ~80 after-sales claims; kept so the committed sample stays under 8 MB.
    let halves = ((opts.to - opts.from).num_days() as f64 / 182.5).max(0.1);
    let per = |n: f64| (n * halves * f64::from(opts.scale)).round() as usize;
    for i in 0..per(1100.0) {
        sim.booking(i);
    }
    // Walk-in jobs with no booking, so jobs outnumber bookings as in a real branch.
    for _ in 0..per(430.0) {
        sim.walk_in();
    }
    sim.technician_findings();
    for i in 0..per(300.0) {
        sim.inquiry(i);
    }
    for i in 0..per(80.0) {
        sim.aftersales(i);
    }
    // Bookings asked for in chat only (last, so the cases above keep their random draws).
    for _ in 0..per(25.0) {
        sim.chat_only_booking();
    }
    let mut world = sim.world;
    for chat in &mut world.chats {
        chat.sort_by_key(|m| m.at);
    }
    if opts.style == Style::B {
        for e in &mut world.expected {
            if STYLE_B_UNSEEN.contains(&e.rule_id) && matches!(e.status, "pass" | "fail") {
                e.status = "unknown";
            }
        }
    }
    world.expected.sort();
    write::write_all(&opts.out, &world, opts)
}
