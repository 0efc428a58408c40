//! One import run over many files: read and parse in parallel, decide the WhatsApp business
//! side once for the batch, then load file by file (one transaction each).

use super::chats::{BusinessNames, ChatFile, to_parsed};
use super::load::{FileReport, Ledger, Pending, load_group};
use super::record::{Parsed, Val};
use super::{Content, InputFile, ParseSettings, read_file, sha256_hex};
use crate::cli::SourceKind;
use crate::config::Config;
use crate::error::Result;
use crate::store::Store;
use rayon::prelude::*;

/// Reports progress to whoever shows it (a progress bar, or nothing).
pub trait Progress: Sync {
    fn start(&self, phase: &str, total: usize);
    fn step(&self);
}

pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: &str, _: usize) {}
    fn step(&self) {}
}

enum Outcome {
    Done(FileReport),
    Read {
        sha256: String,
        size: u64,
        kind: SourceKind,
        content: Content,
    },
}

pub struct BatchResult {
    pub files: Vec<FileReport>,
    /// Sentences about the batch as a whole (the inferred business account).
    pub notes: Vec<String>,
}

pub fn import(
    store: &mut Store,
    config: &Config,
    inputs: &[InputFile],
    forced_kind: Option<SourceKind>,
    progress: &dyn Progress,
) -> Result<BatchResult> {
    let ledger = Ledger::read(store)?;
    let settings = ParseSettings::new(config, forced_kind);
    progress.start("reading", inputs.len());
    let outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|file| {
            let outcome = read_one(file, &ledger, &settings);
            progress.step();
            outcome
        })
        .collect();

    let business = business_names(store, config, &outcomes)?;
    let mut notes = Vec::new();
    if let Some(n) = &business.inferred {
        notes.push(n.clone());
    }

    progress.start("loading", inputs.len());
    let mut files: Vec<Option<FileReport>> = Vec::with_capacity(inputs.len());
    // The files of the next transaction, and their places in the report list.
    let mut group: Vec<Pending> = Vec::new();
    let mut places: Vec<usize> = Vec::new();
    let mut group_rows = 0;
    for (i, (file, outcome)) in inputs.iter().zip(outcomes).enumerate() {
        files.push(None);
        match outcome {
            Outcome::Done(r) => {
                files[i] = Some(r);
                progress.step();
            }
            Outcome::Read {
                sha256,
                size,
                kind,
                content,
            } => {
                let parsed = match content {
                    Content::Rows(p) => p,
                    Content::Chats(chats) => to_parsed(&chats, &business),
                };
                if !parsed.balanced() {
                    files[i] = Some(FileReport::failed(
                        &file.display,
                        Some(sha256),
                        format!(
                            "internal check failed: {} rows read but {} loaded + {} quarantined + {} skipped",
                            parsed.rows_read,
                            parsed.rows_loaded,
                            parsed.quarantined.len(),
                            parsed.rows_skipped
                        ),
                    ));
                    progress.step();
                    continue;
                }
                group_rows += parsed.rows_read;
                group.push(Pending {
                    file,
                    sha256,
                    size,
                    kind,
                    parsed,
                });
                places.push(i);
                if group.len() >= GROUP_FILES || group_rows >= GROUP_ROWS {
                    flush(
                        store,
                        &ledger,
                        &mut group,
                        &mut places,
                        &mut files,
                        progress,
                    );
                    group_rows = 0;
                }
            }
        }
    }
    flush(
        store,
        &ledger,
        &mut group,
        &mut places,
        &mut files,
        progress,
    );
    let files = files
        .into_iter()
        .map(|f| f.expect("every file has a report"))
        .collect();
    Ok(BatchResult { files, notes })
}

/// Files per transaction, and rows: enough to spread a commit's cost, small enough to keep memory low.
const GROUP_FILES: usize = 500;
const GROUP_ROWS: usize = 500_000;

fn flush(
    store: &mut Store,
    ledger: &Ledger,
    group: &mut Vec<Pending>,
    places: &mut Vec<usize>,
    files: &mut [Option<FileReport>],
    progress: &dyn Progress,
) {
    if group.is_empty() {
        return;
    }
    let reports = load_group(store, ledger, group);
    for (i, report) in places.drain(..).zip(reports) {
        files[i] = Some(report);
        progress.step();
    }
    group.clear();
}

fn read_one(file: &InputFile, ledger: &Ledger, settings: &ParseSettings) -> Outcome {
    let bytes = match std::fs::read(&file.canonical) {
        Ok(b) => b,
        Err(e) => {
            return Outcome::Done(FileReport::failed(
                &file.display,
                None,
                format!("cannot be read ({e})"),
            ));
        }
    };
    let sha256 = sha256_hex(&bytes);
    if let Some(report) = ledger.unchanged(file, &sha256) {
        return Outcome::Done(report);
    }
    match read_file(&file.canonical, &bytes, settings) {
        Ok((kind, content)) => Outcome::Read {
            sha256,
            size: bytes.len() as u64,
            kind,
            content,
        },
        Err(reason) => Outcome::Done(FileReport::failed(&file.display, Some(sha256), reason)),
    }
}

/// Configured names, plus the roster's names and chat names (from this batch and the store);
/// with none at all, inferred from the chats of this batch.
fn business_names(store: &Store, config: &Config, outcomes: &[Outcome]) -> Result<BusinessNames> {
    let mut names: Vec<String> = config.whatsapp.business_names.clone();
    for o in outcomes {
        if let Outcome::Read {
            content: Content::Rows(p),
            kind: SourceKind::Roster,
            ..
        } = o
        {
            names.extend(roster_names(p));
        }
    }
    let mut stmt = store
        .conn()
        .prepare("select name, coalesce(chat_names, '') from raw_advisor")
        .map_err(|e| store.error("reading the roster", e))?;
    let stored: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(|it| it.collect())
        .map_err(|e| store.error("reading the roster", e))?;
    for (name, chat_names) in stored {
        names.push(name);
        names.extend(split_names(&chat_names));
    }
    let mut business = BusinessNames::new(names);
    if business.is_empty() {
        let chats: Vec<&ChatFile> = outcomes
            .iter()
            .filter_map(|o| match o {
                Outcome::Read {
                    content: Content::Chats(c),
                    ..
                } => Some(c.iter()),
                _ => None,
            })
            .flatten()
            .collect();
        business.infer(&chats);
    }
    Ok(business)
}

fn split_names(text: &str) -> Vec<String> {
    text.split([';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Names and chat names of roster rows (columns 1 and 2 of `raw_advisor` values).
fn roster_names(parsed: &Parsed) -> Vec<String> {
    let mut out = Vec::new();
    for t in parsed.tables.iter().filter(|t| t.table == "raw_advisor") {
        for (_, _, values) in &t.rows {
            if let Some(Val::Text(name)) = values.get(1) {
                out.push(name.clone());
            }
            if let Some(Val::Text(chat)) = values.get(2) {
                out.extend(split_names(chat));
            }
        }
    }
    out
}
