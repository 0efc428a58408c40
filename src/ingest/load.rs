//! The import ledger and loading one parsed file in one transaction: unchanged files are left
//! alone, a changed file replaces its earlier rows, every row keeps its file, sheet and row.

use super::InputFile;
use super::record::Parsed;
use crate::cli::SourceKind;
use crate::error::Result;
use crate::store::Store;
use duckdb::{Connection, params};
use serde::Serialize;
use std::collections::HashMap;

/// Every raw table, for replacing a file's rows.
pub const RAW_TABLES: &[&str] = &[
    "raw_booking",
    "raw_work_order_status",
    "raw_work_order",
    "raw_ticket",
    "raw_checklist_item",
    "raw_message",
    "raw_advisor",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Loaded,
    Unchanged,
    Replaced,
    Failed,
}

/// One line of the import summary (and of `--json`).
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    pub kind: Option<SourceKind>,
    pub layout: Option<String>,
    pub sha256: Option<String>,
    pub rows_read: usize,
    pub rows_loaded: usize,
    pub rows_quarantined: usize,
    pub rows_skipped: usize,
    pub status: Status,
    pub warnings: Vec<String>,
}

impl FileReport {
    pub fn failed(path: &str, sha256: Option<String>, reason: String) -> Self {
        Self {
            path: path.to_string(),
            kind: None,
            layout: None,
            sha256,
            rows_read: 0,
            rows_loaded: 0,
            rows_quarantined: 0,
            rows_skipped: 0,
            status: Status::Failed,
            warnings: vec![reason],
        }
    }
}

/// What the store already holds: by canonical path, and by content.
pub struct Ledger {
    by_path: HashMap<String, (i64, String)>,
    by_sha: HashMap<String, (String, String)>,
}

impl Ledger {
    pub fn read(store: &Store) -> Result<Self> {
        let mut stmt = store
            .conn()
            .prepare("select file_id, path, sha256, display_path, kind from import_file")
            .map_err(|e| store.error("reading the import ledger", e))?;
        let rows: Vec<(i64, String, String, String, String)> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .and_then(|it| it.collect())
            .map_err(|e| store.error("reading the import ledger", e))?;
        let mut by_path = HashMap::new();
        let mut by_sha = HashMap::new();
        for (id, path, sha, display, kind) in rows {
            by_path.insert(path, (id, sha.clone()));
            by_sha.insert(sha, (display, kind));
        }
        Ok(Self { by_path, by_sha })
    }

    /// The report for a file whose content is already in the store, if it is.
    pub fn unchanged(&self, file: &InputFile, sha256: &str) -> Option<FileReport> {
        let (display, kind) = self.by_sha.get(sha256)?;
        let same_path = self
            .by_path
            .get(&key(file))
            .is_some_and(|(_, s)| s == sha256);
        let mut report = FileReport::failed(&file.display, Some(sha256.to_string()), String::new());
        report.status = Status::Unchanged;
        report.kind = serde_json::from_value(serde_json::Value::String(kind.clone())).ok();
        report.warnings = if same_path {
            Vec::new()
        } else {
            vec![format!(
                "the same content was already imported as {display}"
            )]
        };
        Some(report)
    }
}

fn key(file: &InputFile) -> String {
    file.canonical.display().to_string()
}

/// Loads one parsed file in one transaction; a file of the same path imported before with other
/// content is replaced in the same transaction.
pub fn load(
    store: &mut Store,
    ledger: &Ledger,
    file: &InputFile,
    sha256: &str,
    size: u64,
    kind: SourceKind,
    parsed: &Parsed,
) -> Result<FileReport> {
    let previous = ledger.by_path.get(&key(file)).map(|(id, _)| *id);
    let doing = format!("importing {}", file.display);
    let kind_name = serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    store.unit_of_work(&doing, |conn| {
        if let Some(old) = previous {
            for table in RAW_TABLES.iter().chain(&["quarantine", "import_file"]) {
                conn.execute(&format!("delete from {table} where file_id = ?"), [old])?;
            }
        }
        let file_id: i64 = conn.query_row("select coalesce(max(file_id), 0) + 1 from import_file", [], |r| r.get(0))?;
        append_rows(conn, file_id, parsed)?;
        conn.execute(
            "insert into import_file (file_id, path, display_path, sha256, kind, layout, size_bytes, imported_at, rows_read, rows_loaded, rows_quarantined, rows_skipped, warnings, status)
             values (?, ?, ?, ?, ?, ?, ?, current_timestamp, ?, ?, ?, ?, ?, ?)",
            params![
                file_id,
                key(file),
                file.display,
                sha256,
                kind_name,
                parsed.layout,
                size as i64,
                parsed.rows_read as i64,
                parsed.rows_loaded as i64,
                parsed.quarantined.len() as i64,
                parsed.rows_skipped as i64,
                serde_json::to_string(&parsed.warnings).unwrap_or_default(),
                if previous.is_some() { "replaced" } else { "loaded" },
            ],
        )?;
        Ok(())
    })?;
    Ok(FileReport {
        path: file.display.clone(),
        kind: Some(kind),
        layout: Some(parsed.layout.clone()),
        sha256: Some(sha256.to_string()),
        rows_read: parsed.rows_read,
        rows_loaded: parsed.rows_loaded,
        rows_quarantined: parsed.quarantined.len(),
        rows_skipped: parsed.rows_skipped,
        status: if previous.is_some() {
            Status::Replaced
        } else {
            Status::Loaded
        },
        warnings: parsed.warnings.clone(),
    })
}

/// Bulk load through DuckDB's appender: provenance columns first, then the table's values.
fn append_rows(conn: &Connection, file_id: i64, parsed: &Parsed) -> duckdb::Result<()> {
    for t in &parsed.tables {
        let mut app = conn.appender(t.table)?;
        for (sheet, row, values) in &t.rows {
            let provenance = [
                duckdb::types::Value::BigInt(file_id),
                sheet
                    .clone()
                    .map_or(duckdb::types::Value::Null, duckdb::types::Value::Text),
                duckdb::types::Value::BigInt(*row as i64),
            ];
            let all = provenance
                .into_iter()
                .chain(values.iter().map(|v| v.to_duckdb()));
            app.append_row(duckdb::appender_params_from_iter(all))?;
        }
        app.flush()?;
    }
    let mut app = conn.appender("quarantine")?;
    for q in &parsed.quarantined {
        app.append_row(params![file_id, q.sheet, q.row as i64, q.reason, q.raw])?;
    }
    app.flush()
}
