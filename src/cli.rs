//! The command line as parsed (clap derive). Resolved settings live in `cmd::Context`.

use crate::ingest::SourceKind;
use crate::lang::Lang;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "patuh",
    version,
    about = "SOP compliance evaluation for customer-care teams",
    long_about = "patuh imports booking logs, WhatsApp chat exports, work-order and ticket sheets and checklist \
forms into a DuckDB store, rebuilds each case's timeline, scores every case against the SOP rule catalog \
and writes the semester report.\n\nPipeline: import -> timeline -> score -> report (`patuh run` does all four)."
)]
pub struct Cli {
    /// The store (a DuckDB file).
    #[arg(
        long,
        global = true,
        default_value = "patuh.duckdb",
        value_name = "FILE"
    )]
    pub db: PathBuf,

    /// Configuration file [default: ./patuh.toml if present, else built-in defaults].
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Language of reports and messages [default: from the configuration, else id].
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    /// Print only errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// Print data as JSON where a command prints data.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a commented patuh.toml with every default.
    Init {
        /// Where to write it.
        #[arg(default_value = "patuh.toml")]
        path: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Import files and folders (recursively) into the store.
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Treat every file as this kind instead of detecting it.
        #[arg(long, value_enum)]
        kind: Option<SourceKind>,
    },
    /// Rebuild cases and their timelines from the imported rows.
    Timeline,
    /// Score every case against every rule of the catalog.
    Score {
        /// Also write findings.csv, cases.csv and the same as Parquet into this folder.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write findings.csv, cases.csv, their Parquet copies and the lake; with --ocel also the
    /// timelines as an OCEL 2.0 log (timeline.ocel.json) for process-mining tools.
    Export {
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Also write timeline.ocel.json (OCEL 2.0, JSON).
        #[arg(long)]
        ocel: bool,
    },
    /// Write the semester report, scorecards, workbook and charts.
    Report {
        /// Semester, e.g. 2025-H2 [default: the latest with data].
        #[arg(long)]
        semester: Option<String>,
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Also print the report to PDF with headless Chromium.
        #[arg(long)]
        pdf: bool,
        /// Build the report from these lakes (out/lake of runs on other machines, one per
        /// branch or set of branches) instead of the store; repeat for each.
        #[arg(long, value_name = "LAKE")]
        from: Vec<PathBuf>,
    },
    /// Import, rebuild, score and report in one go.
    Run {
        /// Input files and folders.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(long)]
        semester: Option<String>,
        #[arg(long, default_value = "out")]
        out: PathBuf,
        #[arg(long)]
        pdf: bool,
    },
    /// Show one case's timeline and verdicts.
    Case {
        /// Case key: booking id, work order number, ticket number or chat:<phone>:<date>.
        key: String,
    },
    /// Show one advisor's scorecard.
    Advisor {
        name: String,
        #[arg(long)]
        semester: Option<String>,
    },
    /// Print the rule catalog, or one rule.
    Rules {
        /// A rule id, e.g. BKG-4.1.2.
        id: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// List quarantined rows, unknown advisor names and review decisions not applied.
    Check,
    /// Review findings: export a workbook for supervisors' decisions, measure agreement.
    Review {
        #[command(subcommand)]
        action: ReviewCommand,
    },
    /// The message model beside the lexicon: rebuild it from the labelled corpus, or measure
    /// how well messages are read (in-sample and on families held out of training).
    Lexicon {
        #[command(subcommand)]
        action: LexiconCommand,
    },
    /// Write a simulated branch's exports with known answers (the sample data).
    Sample {
        /// Where to write (required, so a scaled run never lands in the repository's sample_data).
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 2025)]
        seed: u64,
        /// Multiply the volume (customers, cases and advisors) for benchmarks.
        #[arg(long, default_value_t = 1)]
        scale: u32,
        #[arg(long, default_value = "2025-01-01")]
        from: chrono::NaiveDate,
        #[arg(long, default_value = "2025-12-31")]
        to: chrono::NaiveDate,
        /// How the branch writes: a (Medan, the committed sample) or b (a second branch in
        /// wording the lexicon never saw, with sparser exports).
        #[arg(long, value_enum, default_value = "a")]
        style: crate::sample::Style,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Write review-<semester>.xlsx: every fail and unknown (and passes on request) with its
    /// evidence and empty decision columns (Keputusan, Alasan, Peninjau, Tanggal). Fill it in,
    /// then `patuh import` it and score again.
    Export {
        /// Semester, e.g. 2025-H2 [default: the latest with data].
        #[arg(long)]
        semester: Option<String>,
        /// Only this advisor's findings.
        #[arg(long)]
        advisor: Option<String>,
        /// Only rules with this id or id start (KSP, KSP-4.4).
        #[arg(long)]
        rule: Option<String>,
        /// Also the passes (a sample of them calibrates the rules: see `review agreement`).
        #[arg(long)]
        include_pass: bool,
        #[arg(long, default_value = "out")]
        out: PathBuf,
    },
    /// Per rule: decisions, how often reviewers upheld patuh, and Cohen's kappa.
    Agreement {
        /// Semester [default: every semester].
        #[arg(long)]
        semester: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// Train the model on the corpus and write its weights (deterministic: the same corpus
    /// gives the same file).
    Train {
        #[arg(long, default_value = "rules/corpus")]
        corpus: PathBuf,
        #[arg(long, default_value = "rules/model.tsv")]
        out: PathBuf,
        #[command(flatten)]
        settings: ModelSettings,
    },
    /// How one message is read: the lexicon's labels, the model's scores, the attributes.
    Read {
        /// The message text.
        text: String,
        /// Who wrote it.
        #[arg(long, value_enum, default_value = "business")]
        side: MessageSide,
    },
    /// Precision and recall per activity: the lexicon with the built-in model on the corpus
    /// (in-sample), and with models trained without each family on that family (out-of-family).
    Eval {
        #[arg(long, default_value = "rules/corpus")]
        corpus: PathBuf,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Instead of the tables, list every message read wrongly out of family: its family,
        /// the labels it carries, those read (model scores beside them) and its text.
        #[arg(long)]
        misses: bool,
        #[command(flatten)]
        settings: ModelSettings,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageSide {
    Customer,
    Business,
}

/// Training settings of the message model (the defaults built rules/model.tsv).
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct ModelSettings {
    /// FTRL learning rate.
    #[arg(long, default_value_t = crate::timeline::model::Settings::default().alpha)]
    pub alpha: f64,
    /// L1 penalty: larger gives fewer weights.
    #[arg(long, default_value_t = crate::timeline::model::Settings::default().l1)]
    pub l1: f64,
    /// L2 penalty.
    #[arg(long, default_value_t = crate::timeline::model::Settings::default().l2)]
    pub l2: f64,
    /// Passes over the corpus.
    #[arg(long, default_value_t = crate::timeline::model::Settings::default().epochs)]
    pub epochs: usize,
}

impl From<ModelSettings> for crate::timeline::model::Settings {
    fn from(s: ModelSettings) -> Self {
        Self {
            alpha: s.alpha,
            l1: s.l1,
            l2: s.l2,
            epochs: s.epochs,
            ..Self::default()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}
