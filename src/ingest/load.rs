//! The import ledger and loading one parsed file in one transaction: unchanged files are left
//! alone, a changed file replaces its earlier rows, every row keeps its file, sheet and row.

use super::InputFile;
use super::record::Parsed;
use crate::error::Result;
use crate::ingest::SourceKind;
use crate::store::Store;
use crate::store::table_batch::TableBatch;
use duckdb::types::{TimeUnit, Value};
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
    "raw_review",
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

    /// The file that brought this content into the store, if any: its display path and kind.
    pub fn imported_as(&self, sha256: &str) -> Option<(String, Option<SourceKind>)> {
        self.by_sha
            .get(sha256)
            .map(|(display, kind)| (display.clone(), SourceKind::from_name(kind)))
    }

    /// The file id and content hash of this path's earlier import, if any.
    pub fn previous(&self, file: &InputFile) -> Option<(i64, &str)> {
        self.by_path
            .get(&key(file))
            .map(|(id, sha)| (*id, sha.as_str()))
    }
}

/// Removes a file's rows, quarantine and ledger entry in one transaction.
pub fn retire(store: &mut Store, file_id: i64, display: &str) -> Result<()> {
    store.unit_of_work(&format!("removing the earlier rows of {display}"), |conn| {
        for table in RAW_TABLES.iter().chain(&["quarantine", "import_file"]) {
            conn.execute(&format!("delete from {table} where file_id = ?"), [file_id])?;
        }
        Ok(())
    })
}

fn key(file: &InputFile) -> String {
    file.canonical.display().to_string()
}

/// A parsed file ready to load.
pub struct Pending<'a> {
    pub file: &'a InputFile,
    pub sha256: String,
    pub size: u64,
    pub kind: SourceKind,
    pub parsed: Parsed,
}

/// Loads a group of parsed files in one transaction (small files share the commit: a commit per
/// chat file would cost more than parsing it). A group is all or nothing, so no file is ever
/// partial; when a group fails, its files are loaded one by one so one bad file stops no other.
pub fn load_group(store: &mut Store, ledger: &Ledger, group: &[Pending]) -> Vec<FileReport> {
    match load_all(store, ledger, group, "importing a group of files") {
        Ok(reports) => reports,
        Err(_) if group.len() > 1 => group
            .iter()
            .map(|p| {
                load_all(
                    store,
                    ledger,
                    std::slice::from_ref(p),
                    &format!("importing {}", p.file.display),
                )
                .map(|mut r| r.remove(0))
                .unwrap_or_else(|e| {
                    FileReport::failed(&p.file.display, Some(p.sha256.clone()), e.to_string())
                })
            })
            .collect(),
        Err(e) => vec![FileReport::failed(
            &group[0].file.display,
            Some(group[0].sha256.clone()),
            e.to_string(),
        )],
    }
}

fn load_all(
    store: &mut Store,
    ledger: &Ledger,
    group: &[Pending],
    doing: &str,
) -> Result<Vec<FileReport>> {
    store.unit_of_work(doing, |conn| {
        let first_id: i64 = conn.query_row(
            "select coalesce(max(file_id), 0) + 1 from import_file",
            [],
            |r| r.get(0),
        )?;
        let mut ids = Vec::with_capacity(group.len());
        let mut reports = Vec::with_capacity(group.len());
        // Ledger rows go through the appender too: an INSERT per file costs a statement plan each.
        let mut ledger_rows: Vec<Vec<Value>> = Vec::with_capacity(group.len());
        let now = chrono::Utc::now().naive_utc().and_utc().timestamp_micros();
        for (next_id, p) in (first_id..).zip(group) {
            let previous = ledger.by_path.get(&key(p.file)).map(|(id, _)| *id);
            if let Some(old) = previous {
                for table in RAW_TABLES.iter().chain(&["quarantine", "import_file"]) {
                    conn.execute(&format!("delete from {table} where file_id = ?"), [old])?;
                }
            }
            let status = if previous.is_some() {
                Status::Replaced
            } else {
                Status::Loaded
            };
            let kind_name = p.kind.name().to_string();
            ledger_rows.push(vec![
                Value::BigInt(next_id),
                Value::Text(key(p.file)),
                Value::Text(p.file.display.clone()),
                Value::Text(p.sha256.clone()),
                Value::Text(kind_name),
                Value::Text(p.parsed.layout.clone()),
                Value::BigInt(p.size as i64),
                Value::Timestamp(TimeUnit::Microsecond, now),
                Value::BigInt(p.parsed.rows_read as i64),
                Value::BigInt(p.parsed.rows_loaded as i64),
                Value::BigInt(p.parsed.quarantined.len() as i64),
                Value::BigInt(p.parsed.rows_skipped as i64),
                Value::Text(serde_json::to_string(&p.parsed.warnings).unwrap_or_default()),
                Value::Text(
                    if previous.is_some() {
                        "replaced"
                    } else {
                        "loaded"
                    }
                    .to_string(),
                ),
                if p.parsed.fields.is_empty() {
                    Value::Null
                } else {
                    Value::Text(serde_json::to_string(&p.parsed.fields).unwrap_or_default())
                },
            ]);
            ids.push(next_id);
            reports.push(FileReport {
                path: p.file.display.clone(),
                kind: Some(p.kind),
                layout: Some(p.parsed.layout.clone()),
                sha256: Some(p.sha256.clone()),
                rows_read: p.parsed.rows_read,
                rows_loaded: p.parsed.rows_loaded,
                rows_quarantined: p.parsed.quarantined.len(),
                rows_skipped: p.parsed.rows_skipped,
                status,
                warnings: p.parsed.warnings.clone(),
            });
        }
        let mut app = conn.appender("import_file")?;
        for row in ledger_rows {
            app.append_row(duckdb::appender_params_from_iter(row))?;
        }
        app.flush()?;
        append_rows(conn, group.iter().zip(ids).map(|(p, id)| (id, &p.parsed)))?;
        Ok(reports)
    })
}

/// Bulk load as Arrow batches, one insert per table for the whole group: provenance columns
/// first, then the table's values. Chats come as batches already; sheet rows are built here.
fn append_rows<'a>(
    conn: &Connection,
    files: impl Iterator<Item = (i64, &'a Parsed)> + Clone,
) -> duckdb::Result<()> {
    for table in RAW_TABLES {
        let mut batches = Vec::new();
        let mut rows: Option<TableBatch> = None;
        for (file_id, parsed) in files.clone() {
            for t in parsed.tables.iter().filter(|t| t.table == *table) {
                if rows.is_none() {
                    rows = Some(TableBatch::for_table(conn, table)?);
                }
                let rows = rows.as_mut().expect("just set");
                for (sheet, row, values) in &t.rows {
                    rows.push(file_id, sheet, *row, values)?;
                }
            }
            for b in parsed.batches.iter().filter(|b| b.table == *table) {
                batches.push(b.with_file_id(file_id)?);
            }
        }
        if let Some(mut rows) = rows.filter(|b| !b.is_empty()) {
            batches.push(rows.finish()?);
        }
        crate::store::batches::insert(conn, table, batches)?;
    }
    let mut app = conn.appender("quarantine")?;
    for (file_id, parsed) in files {
        for q in &parsed.quarantined {
            app.append_row(params![file_id, q.sheet, q.row as i64, q.reason, q.raw])?;
        }
    }
    app.flush()
}
