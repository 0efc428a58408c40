//! One import run over many files, as a pipeline: a step of files is parsed in parallel while
//! the step before it is loaded (several files per transaction, each file whole or not at all).
//! The WhatsApp business side is decided once, at the first step with chats.

use super::chats::{BusinessNames, ChatFile, to_parsed};
use super::load::{FileReport, Ledger, Pending, Status, load_group};
use super::record::Parsed;
use super::{Content, InputFile, ParseSettings, read_file, sha256_hex};
use crate::config::Config;
use crate::error::Result;
use crate::ingest::SourceKind;
use crate::store::Store;
use crate::store::table_batch::Val;
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

/// A file as the loader takes it: its final report, or its rows (chats already turned into rows
/// by the parser, which knows the business side).
enum Ready {
    Done(FileReport),
    /// A file whose earlier rows must go (its content is now another file's): the old file id.
    Retire(i64, FileReport),
    Rows {
        sha256: String,
        size: u64,
        kind: SourceKind,
        parsed: Parsed,
    },
}

impl Ready {
    fn from(outcome: Outcome, business: &BusinessNames) -> Self {
        match outcome {
            Outcome::Done(r) => Ready::Done(r),
            Outcome::Retire(id, r) => Ready::Retire(id, r),
            Outcome::Read {
                sha256,
                size,
                kind,
                content,
            } => Ready::Rows {
                sha256,
                size,
                kind,
                parsed: match content {
                    Content::Rows(p) => p,
                    Content::Chats(chats) => to_parsed(&chats, business),
                },
            },
        }
    }
}

enum Outcome {
    Done(FileReport),
    Retire(i64, FileReport),
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

/// Files parsed per step of the pipeline: while one step is loaded, the next is parsed, so
/// memory holds two steps, not the whole batch.
const STEP_FILES: usize = 2_000;

pub fn import(
    store: &mut Store,
    config: &Config,
    inputs: &[InputFile],
    forced_kind: Option<SourceKind>,
    progress: &dyn Progress,
) -> Result<BatchResult> {
    let ledger = Ledger::read(store)?;
    let settings = ParseSettings::new(config, forced_kind);
    let stored_names = stored_roster_names(store)?;
    // Sheets first (the roster among them names the business side), then the chats.
    let (mut order, chats): (Vec<usize>, Vec<usize>) =
        (0..inputs.len()).partition(|&i| !is_chat_file(&inputs[i]));
    order.extend(chats);
    progress.start("importing", inputs.len());
    let mut files: Vec<Option<FileReport>> = vec![None; inputs.len()];
    let mut notes = Vec::new();
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(usize, Ready)>>(1);
        let (ledger, settings, order) = (&ledger, &settings, &order);
        let parser = scope.spawn(move || {
            // The parser owns the business-side decision, so chats become rows in parallel here.
            let mut names: Vec<String> = config.business_names();
            names.extend(stored_names);
            let mut business: Option<BusinessNames> = None;
            // Content already read in this batch, by hash: a backup copy in another folder is a
            // duplicate here exactly as it would be in a later import.
            let mut seen: std::collections::HashMap<String, (String, SourceKind)> =
                Default::default();
            for step in order.chunks(STEP_FILES) {
                let mut outcomes: Vec<(usize, Outcome)> = step
                    .par_iter()
                    .map(|&i| (i, read_one(&inputs[i], ledger, settings)))
                    .collect();
                for (i, outcome) in &mut outcomes {
                    if let Outcome::Read { sha256, kind, .. } = outcome {
                        let file = &inputs[*i];
                        match seen.get(sha256.as_str()) {
                            Some((first, first_kind)) => {
                                *outcome =
                                    known_content(ledger, file, sha256, first, Some(*first_kind));
                            }
                            None => {
                                seen.insert(sha256.clone(), (file.display.clone(), *kind));
                            }
                        }
                    }
                }
                names.extend(outcomes.iter().flat_map(|(_, o)| match o {
                    Outcome::Read {
                        content: Content::Rows(p),
                        kind: SourceKind::Roster,
                        ..
                    } => roster_names(p),
                    _ => Vec::new(),
                }));
                let has_chats = outcomes.iter().any(|(_, o)| {
                    matches!(
                        o,
                        Outcome::Read {
                            content: Content::Chats(_),
                            ..
                        }
                    )
                });
                if has_chats && business.is_none() {
                    let mut b = BusinessNames::new(names.clone());
                    if b.is_empty() {
                        b.infer(&chat_files(&outcomes));
                    }
                    business = Some(b);
                }
                // A step without chats never asks for the business side.
                let sides = business.clone().unwrap_or_default();
                let ready: Vec<(usize, Ready)> = outcomes
                    .into_par_iter()
                    .map(|(i, o)| (i, Ready::from(o, &sides)))
                    .collect();
                if tx.send(ready).is_err() {
                    break; // the loader stopped
                }
            }
            business.and_then(|b| b.inferred)
        });
        for outcomes in rx {
            load_step(store, ledger, inputs, outcomes, &mut files, progress);
        }
        notes.extend(parser.join().expect("the parser thread does not panic"));
    });
    let mut files: Vec<FileReport> = files
        .into_iter()
        .map(|f| f.expect("every file has a report"))
        .collect();
    crate::review::quarantine_unknown_cases(store, &mut files)?;
    record_failures(store, inputs, &files)?;
    Ok(BatchResult { files, notes })
}

fn chat_files(outcomes: &[(usize, Outcome)]) -> Vec<&ChatFile> {
    outcomes
        .iter()
        .filter_map(|(_, o)| match o {
            Outcome::Read {
                content: Content::Chats(c),
                ..
            } => Some(c.iter()),
            _ => None,
        })
        .flatten()
        .collect()
}

fn is_chat_file(f: &InputFile) -> bool {
    f.canonical
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("zip"))
}

/// Loads one step's parsed files, several per transaction.
fn load_step(
    store: &mut Store,
    ledger: &Ledger,
    inputs: &[InputFile],
    outcomes: Vec<(usize, Ready)>,
    files: &mut [Option<FileReport>],
    progress: &dyn Progress,
) {
    // The files of the next transaction, and their places in the report list.
    let mut group: Vec<Pending> = Vec::new();
    let mut places: Vec<usize> = Vec::new();
    let mut group_rows = 0;
    for (i, outcome) in outcomes {
        let file = &inputs[i];
        match outcome {
            Ready::Done(r) => {
                files[i] = Some(r);
                progress.step();
            }
            Ready::Retire(old, r) => {
                let r = match super::load::retire(store, old, &file.display) {
                    Ok(()) => r,
                    Err(e) => FileReport::failed(&file.display, r.sha256.clone(), e.to_string()),
                };
                files[i] = Some(r);
                progress.step();
            }
            Ready::Rows {
                sha256,
                size,
                kind,
                parsed,
            } => {
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
                    flush(store, ledger, &mut group, &mut places, files, progress);
                    group_rows = 0;
                }
            }
        }
    }
    flush(store, ledger, &mut group, &mut places, files, progress);
}

/// Files per transaction, and rows: a commit costs DuckDB about 60 ms, so a transaction takes
/// a whole parse step (2,000 files) unless its rows pass a million. 500 files per commit made
/// 56 commits of `--scale 10`'s chats, 1.2 s of a 3.1 s import; 14 commits take 0.9 s.
const GROUP_FILES: usize = 2_000;
const GROUP_ROWS: usize = 1_000_000;

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

/// Bytes from which a file is hashed and parsed at the same time.
const HASH_WHILE_PARSING: usize = 8 << 20;

fn read_one(file: &InputFile, ledger: &Ledger, settings: &ParseSettings) -> Outcome {
    // A device or a pipe would be read forever (`/dev/zero`) or block: only files are read.
    match std::fs::metadata(&file.canonical) {
        Ok(m) if m.is_file() => {}
        Ok(_) => {
            return Outcome::Done(FileReport::failed(
                &file.display,
                None,
                "is not a regular file (a device, pipe or socket); not read".into(),
            ));
        }
        Err(e) => {
            return Outcome::Done(FileReport::failed(
                &file.display,
                None,
                format!("cannot be read ({e})"),
            ));
        }
    }
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
    // A large file is hashed while it is parsed (the parse is thrown away if the content was
    // imported before); a small one is hashed first, so known content is never parsed.
    let (sha256, read) = if bytes.len() >= HASH_WHILE_PARSING {
        let (sha256, read) = rayon::join(
            || sha256_hex(&bytes),
            || read_file(&file.canonical, &bytes, settings),
        );
        (sha256, Some(read))
    } else {
        (sha256_hex(&bytes), None)
    };
    if let Some((first, kind)) = ledger.imported_as(&sha256) {
        return known_content(ledger, file, &sha256, &first, kind);
    }
    match read.unwrap_or_else(|| read_file(&file.canonical, &bytes, settings)) {
        Ok((kind, content)) => Outcome::Read {
            sha256,
            size: bytes.len() as u64,
            kind,
            content,
        },
        Err(reason) => Outcome::Done(FileReport::failed(&file.display, Some(sha256), reason)),
    }
}

/// Keeps the store's list of files that could not be imported current: this batch's failures
/// replace earlier entries of the same paths, and a path that imported now, or that no longer
/// exists (the broken file was removed), leaves the list.
fn record_failures(store: &mut Store, inputs: &[InputFile], files: &[FileReport]) -> Result<()> {
    let listed: Vec<String> =
        crate::store::rows(store.conn(), "select path from import_failure", [], |r| {
            r.get(0)
        })
        .map_err(|e| store.error("reading the files that could not be imported", e))?;
    let failed = files.iter().any(|f| f.status == Status::Failed);
    if listed.is_empty() && !failed {
        return Ok(()); // the common case: nothing listed, nothing failed
    }
    let listed: std::collections::HashSet<String> = listed.into_iter().collect();
    store.unit_of_work("recording the files that could not be imported", |conn| {
        let mut forget = conn.prepare("delete from import_failure where path = ?")?;
        for gone in listed.iter().filter(|p| !std::path::Path::new(p).exists()) {
            forget.execute([gone])?;
        }
        let mut add = conn.prepare(
            "insert into import_failure (path, display_path, sha256, reason, failed_at) values (?, ?, ?, ?, current_timestamp::timestamp)",
        )?;
        for (input, report) in inputs.iter().zip(files) {
            let path = input.canonical.display().to_string();
            // Only the few listed paths are touched: a statement per input file would cost
            // seconds on a folder of thousands of chats.
            if listed.contains(&path) {
                forget.execute([&path])?;
            }
            if report.status == Status::Failed {
                add.execute(duckdb::params![
                    path,
                    report.path,
                    report.sha256,
                    report.warnings.join("; ")
                ])?;
            }
        }
        Ok(())
    })
}

/// The report for a file whose content is already loaded, by itself (unchanged) or by `first`
/// (a duplicate, in the store or earlier in this batch). A file that held other content before
/// is retired: its old rows go, so it never keeps content it no longer has.
fn known_content(
    ledger: &Ledger,
    file: &InputFile,
    sha256: &str,
    first: &str,
    kind: Option<SourceKind>,
) -> Outcome {
    let previous = ledger.previous(file);
    let mut report = FileReport {
        path: file.display.clone(),
        kind,
        layout: None,
        sha256: Some(sha256.to_string()),
        rows_read: 0,
        rows_loaded: 0,
        rows_quarantined: 0,
        rows_skipped: 0,
        status: Status::Unchanged,
        warnings: Vec::new(),
    };
    match previous {
        Some((_, sha)) if sha == sha256 => Outcome::Done(report),
        Some((old, _)) => {
            report.status = Status::Replaced;
            report.warnings.push(format!(
                "now holds the same content as {first}: its earlier rows were removed and the content is not loaded twice"
            ));
            Outcome::Retire(old, report)
        }
        None => {
            report.warnings.push(format!(
                "the same content was already imported as {first}; not loaded twice"
            ));
            Outcome::Done(report)
        }
    }
}

/// Names and chat names of the roster already in the store.
fn stored_roster_names(store: &Store) -> Result<Vec<String>> {
    let mut stmt = store
        .conn()
        .prepare("select name, coalesce(chat_names, '') from raw_advisor")
        .map_err(|e| store.error("reading the roster", e))?;
    let stored: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(|it| it.collect())
        .map_err(|e| store.error("reading the roster", e))?;
    let mut names = Vec::new();
    for (name, chat_names) in stored {
        names.push(name);
        names.extend(split_names(&chat_names));
    }
    Ok(names)
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
