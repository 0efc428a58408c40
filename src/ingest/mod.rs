//! Import: every input file into the store with provenance; bad rows quarantined with reasons.
//!
//! Files are read and parsed in parallel (rayon); each is then loaded in its own transaction, so
//! one bad file never stops the others and a kill leaves no partial file behind.

pub mod batch;
mod kind;
pub use kind::SourceKind;
pub mod chats;
pub mod checklist_form;
pub mod fields;
pub mod load;
pub mod record;
pub mod sheets;
pub mod table;
pub mod vocab;
pub mod whatsapp;

use crate::config::{Config, DateOrder};
use crate::error::{Error, Result};
use crate::values::DayMonth;
use chats::ChatFile;
use record::Parsed;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};
use table::Sheet;

/// File endings that are inputs; other files in a folder are counted and left alone.
const INPUT_EXTENSIONS: &[&str] = &[
    "csv", "tsv", "xlsx", "xlsm", "xls", "xlsb", "ods", "txt", "zip",
];

/// A file named for import: how the user named it and its canonical identity.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub display: String,
    pub canonical: PathBuf,
}

/// Expands files and folders (recursively, sorted) into input files. Folders skip hidden files,
/// files of other types, and names listed in a `.patuhignore` beside them.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<(Vec<InputFile>, usize)> {
    let mut files = Vec::new();
    let mut ignored = 0;
    for p in paths {
        if !p.exists() {
            return Err(Error::input(format!(
                "{}: no such file or folder",
                p.display()
            )));
        }
        if p.is_dir() {
            walk(p, &mut files, &mut ignored)?;
        } else {
            files.push(p.clone());
        }
    }
    let mut out: Vec<InputFile> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for f in files {
        let canonical = f.canonicalize().map_err(|e| Error::io(&f, e))?;
        if seen.insert(canonical.clone()) {
            out.push(InputFile {
                display: f.display().to_string(),
                canonical,
            });
        }
    }
    Ok((out, ignored))
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, ignored: &mut usize) -> Result<()> {
    let ignore: Vec<String> = std::fs::read_to_string(dir.join(".patuhignore"))
        .map(|t| {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with('.') || ignore.iter().any(|i| i == name) {
            continue;
        }
        if path.is_dir() {
            walk(&path, files, ignored)?;
            continue;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            .unwrap_or_default();
        if INPUT_EXTENSIONS.contains(&ext.as_str()) {
            files.push(path);
        } else {
            *ignored += 1;
        }
    }
    Ok(())
}

/// What reading a file found, before WhatsApp senders are assigned to sides.
pub enum Content {
    Rows(Parsed),
    Chats(Vec<ChatFile>),
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A branch as a file's parse needs it: where its files are, its zone and calendar.
pub struct BranchZone {
    pub name: String,
    /// Folder names, lowercase, without slashes.
    pub folders: Vec<String>,
    pub tz: chrono_tz::Tz,
    pub calendar: crate::calendar::BranchCalendar,
}

impl BranchZone {
    /// Whether `path` lies under one of the branch's folders (a path component, case ignored).
    fn holds(&self, path: &Path) -> bool {
        crate::config::in_folders(&self.folders, path)
    }
}

/// Everything a file's parse needs from the configuration.
pub struct ParseSettings {
    pub forced_kind: Option<SourceKind>,
    pub chat_order: Option<DayMonth>,
    /// The years a date may fall in.
    pub years: (i32, i32),
    /// What one `.zip` entry may inflate to: bytes, and times its compressed size.
    pub zip_entry_max: u64,
    pub zip_ratio_max: u64,
    /// Every branch with its folders, zone and calendar; the first is the default.
    pub zones: Vec<BranchZone>,
}

impl ParseSettings {
    pub fn new(config: &Config, forced_kind: Option<SourceKind>) -> Self {
        Self {
            forced_kind,
            chat_order: match config.whatsapp.date_order {
                DateOrder::Auto => None,
                DateOrder::Dmy => Some(DayMonth::DayFirst),
                DateOrder::Mdy => Some(DayMonth::MonthFirst),
            },
            years: config.import.years(),
            zip_entry_max: config.import.max_zip_entry_mb.saturating_mul(1024 * 1024),
            zip_ratio_max: config.import.max_zip_ratio,
            zones: config
                .branches
                .iter()
                .map(|b| BranchZone {
                    name: b.name.clone(),
                    folders: b
                        .folders
                        .iter()
                        .map(|f| f.trim_matches(['/', '\\']).to_lowercase())
                        .filter(|f| !f.is_empty())
                        .collect(),
                    tz: b.time_zone,
                    calendar: config.calendar(b),
                })
                .collect(),
        }
    }

    /// The default branch's zone (the first `[[branch]]`).
    pub fn default_zone(&self) -> &BranchZone {
        &self.zones[0]
    }

    /// Whether the configuration says which folder holds which branch's files.
    fn mapped(&self) -> bool {
        self.zones.len() > 1 && self.zones.iter().any(|z| !z.folders.is_empty())
    }

    /// The branch whose folder holds `path`, if any.
    fn zone_of(&self, path: &Path) -> Option<&BranchZone> {
        self.zones.iter().find(|z| z.holds(path))
    }
}

/// Reads and parses one file. The error is one sentence about the whole file.
pub fn read_file(
    path: &Path,
    bytes: &[u8],
    settings: &ParseSettings,
) -> std::result::Result<(SourceKind, Content), String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("chat")
        .to_string();
    let want_chat = matches!(settings.forced_kind, None | Some(SourceKind::Whatsapp));
    match ext.as_str() {
        "txt" => {
            if settings.forced_kind.is_some() && !want_chat {
                return Err("a .txt file can only be a WhatsApp export".into());
            }
            let (text, note) = table::decode_text_noted(bytes);
            if !whatsapp::looks_like_whatsapp(&text) && settings.forced_kind.is_none() {
                return Err("not a WhatsApp export: its first lines do not start with a date and time such as \"22/04/25 09.15 - \" or \"[4/22/25, 9:15:03 AM]\"".into());
            }
            let mut chat = whatsapp::parse(&text, settings.chat_order);
            chat.notes.extend(note);
            drop_stray_dates(&mut chat, settings.years);
            Ok((
                SourceKind::Whatsapp,
                Content::Chats(vec![ChatFile {
                    name,
                    entry: None,
                    chat,
                }]),
            ))
        }
        "zip" => {
            if settings.forced_kind.is_some() && !want_chat {
                return Err("a .zip file can only be a WhatsApp \"export with media\"".into());
            }
            let chats = read_zip(bytes, &name, settings)?;
            Ok((SourceKind::Whatsapp, Content::Chats(chats)))
        }
        _ => {
            let sheets =
                table::read_tables(path, bytes).map_err(|e| strip_path(&e.to_string(), path))?;
            let kind = match settings.forced_kind {
                Some(k) => k,
                None => detect_kind(&sheets)?,
            };
            // The file's branch: the one whose folder holds it. With folders configured for a
            // group, a file under none of them must name each row's branch in a column; the
            // sheet parser refuses it otherwise, rather than read it in a guessed time zone.
            let folder_zone = settings.zone_of(path);
            let unplaced = (folder_zone.is_none() && settings.mapped()).then(|| {
                let folders: Vec<String> = settings
                    .zones
                    .iter()
                    .flat_map(|z| z.folders.iter().map(move |f| format!("{f}/ ({})", z.name)))
                    .collect();
                format!(
                    "matches no branch: it is in none of the branches' folders ({}) and has no Cabang column; move it into its branch's folder or add the column",
                    folders.join(", ")
                )
            });
            let ctx = sheets::SheetContext {
                file_zone: folder_zone.unwrap_or(settings.default_zone()),
                file_branch: folder_zone.map(|z| z.name.as_str()),
                unplaced,
                years: settings.years,
                zones: &settings.zones,
            };
            let parsed =
                if kind == SourceKind::Checklist && sheets.iter().any(checklist_form::is_form) {
                    checklist_form::parse(&sheets)
                } else {
                    sheets::parse(&sheets, kind, &ctx)?
                };
            Ok((kind, Content::Rows(parsed)))
        }
    }
}

fn strip_path(message: &str, path: &Path) -> String {
    message
        .strip_prefix(&format!("{}: ", path.display()))
        .unwrap_or(message)
        .to_string()
}

/// The kind whose headers a sheet matches best; checklist forms by their layout.
pub fn detect_kind(sheets: &[Sheet]) -> std::result::Result<SourceKind, String> {
    if sheets.iter().any(checklist_form::is_form) {
        return Ok(SourceKind::Checklist);
    }
    let kinds = [
        SourceKind::Booking,
        SourceKind::WorkOrder,
        SourceKind::Ticket,
        SourceKind::Roster,
        SourceKind::Checklist,
        SourceKind::Review,
    ];
    let mut best: Option<(usize, SourceKind)> = None;
    for sheet in sheets {
        for kind in kinds {
            if let Some(map) = sheets::header_for(sheet, kind)
                && best.is_none_or(|(s, _)| map.score() > s)
            {
                best = Some((map.score(), kind));
            }
        }
    }
    best.map(|(_, k)| k).ok_or_else(|| {
        "matches no known kind: no header row of a booking log (No. Booking, Tanggal Booking), work order (No. WO/No. SPK), ticket (No. Tiket, Tanggal), roster (ID, Nama), checklist (SOP, Item) or review workbook (Kasus, Aturan, Keputusan) was found; use --kind to say what it is".to_string()
    })
}

/// Chat messages dated outside the plausible years (a phone with its clock at 1970) become bad
/// lines with the reason, like a sheet's stray date.
fn drop_stray_dates(chat: &mut whatsapp::Chat, (earliest, latest): (i32, i32)) {
    use chrono::Datelike;
    let plausible = |m: &whatsapp::ChatMessage| (earliest..=latest).contains(&m.at.year());
    if chat.messages.iter().all(plausible) {
        return;
    }
    let (keep, stray): (Vec<_>, Vec<_>) = std::mem::take(&mut chat.messages)
        .into_iter()
        .partition(plausible);
    chat.messages = keep;
    chat.bad_lines.extend(stray.into_iter().map(|m| whatsapp::BadLine {
        line: m.line,
        reason: format!(
            "line {}: the date {} is outside the plausible years {earliest}–{latest} (import.earliest_year, import.latest_year)",
            m.line,
            m.at.format("%d/%m/%Y")
        ),
        text: m.text,
    }));
    chat.bad_lines.sort_by_key(|b| b.line);
}

fn read_zip(
    bytes: &[u8],
    name: &str,
    settings: &ParseSettings,
) -> std::result::Result<Vec<ChatFile>, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a readable .zip ({e})"))?;
    let mut chats = Vec::new();
    for i in 0..archive.len() {
        let entry = archive
            .by_index(i)
            .map_err(|e| format!("entry {i} of the .zip cannot be read ({e})"))?;
        let entry_name = entry.name().to_string();
        if !entry.is_file() || !entry_name.to_lowercase().ends_with(".txt") {
            continue; // media files of "export with media"
        }
        let (compressed, declared) = (entry.compressed_size(), entry.size());
        let data = read_entry_capped(entry, &entry_name, compressed, declared, settings)?;
        let (text, note) = table::decode_text_noted(&data);
        if whatsapp::looks_like_whatsapp(&text) || settings.forced_kind.is_some() {
            let mut chat = whatsapp::parse(&text, settings.chat_order);
            chat.notes.extend(note);
            drop_stray_dates(&mut chat, settings.years);
            chats.push(ChatFile {
                name: name.to_string(),
                entry: Some(entry_name),
                chat,
            });
        }
    }
    if chats.is_empty() {
        return Err("the .zip holds no WhatsApp chat (.txt) export".into());
    }
    Ok(chats)
}

/// Reads one zip entry, refusing it as soon as it inflates past the configured size or ratio to
/// its compressed size (checked while reading, so a zip bomb costs at most the cap, never the
/// whole inflation). The archive reads an entry through its stated compressed size, so a lying
/// header cannot widen the cap. Entries under 1 MB are never refused for their ratio.
///
/// The buffer is sized once from the entry's declared size (never above the cap), so an honest
/// entry is read without growing it: a growing buffer is copied at each doubling, and a bomb
/// refused at its 365 MB cap then peaked at 938 MB with mimalloc (whose realloc copies).
fn read_entry_capped(
    mut entry: impl Read,
    entry_name: &str,
    compressed: u64,
    declared: u64,
    settings: &ParseSettings,
) -> std::result::Result<Vec<u8>, String> {
    const RATIO_FLOOR: u64 = 1 << 20;
    let by_ratio = compressed
        .saturating_mul(settings.zip_ratio_max)
        .max(RATIO_FLOOR);
    let cap = settings.zip_entry_max.min(by_ratio);
    let mut data = Vec::with_capacity(usize::try_from(declared.min(cap)).unwrap_or(0));
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let n = entry
            .read(&mut chunk)
            .map_err(|e| format!("{entry_name}: cannot be read from the .zip ({e})"))?;
        if n == 0 {
            return Ok(data);
        }
        // Refused before the bytes past the cap are kept.
        if (data.len() + n) as u64 > cap {
            let why = if cap == settings.zip_entry_max {
                format!(
                    "more than {} MB (import.max_zip_entry_mb)",
                    settings.zip_entry_max / (1024 * 1024)
                )
            } else {
                format!(
                    "more than {} times its compressed size of {} bytes (import.max_zip_ratio)",
                    settings.zip_ratio_max, compressed
                )
            };
            return Err(format!(
                "{entry_name}: inflates to {why}; refused as a possible zip bomb, nothing of this file was imported"
            ));
        }
        data.extend_from_slice(&chunk[..n]);
    }
}
