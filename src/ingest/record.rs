//! What parsing a file produces before it is loaded: typed values per raw table, quarantined
//! rows with their reasons, and the counts the import summary reports.

use crate::store::table_batch::Val;
use duckdb::arrow::array::{ArrayRef, Int32Array};
use duckdb::arrow::datatypes::{DataType, Field, Schema};
use duckdb::arrow::record_batch::RecordBatch;
use std::sync::Arc;

/// A row that could not be used, with where it was and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Quarantined {
    pub sheet: Option<String>,
    pub row: usize,
    pub reason: String,
    /// The row as read, JSON.
    pub raw: String,
}

/// Rows for one raw table, values in the table's column order after the provenance columns.
#[derive(Debug, Clone, Default)]
pub struct TableRows {
    pub table: &'static str,
    /// (sheet, row or line, values)
    pub rows: Vec<(Option<String>, usize, Vec<Val>)>,
}

/// One file parsed: what will be loaded, quarantined and skipped.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub layout: String,
    pub tables: Vec<TableRows>,
    pub rows_read: usize,
    pub rows_loaded: usize,
    pub rows_skipped: usize,
    pub quarantined: Vec<Quarantined>,
    pub warnings: Vec<String>,
    /// The fields the file's header provides (sorted; empty for chats).
    pub fields: Vec<String>,
    /// Rows built as Arrow batches by the parser (chats: millions of rows, never one `Val` each).
    pub batches: Vec<RawBatch>,
}

/// Rows of one raw table as an Arrow batch: every column but the first, `file_id`, which the
/// loader prepends when it knows the file's id.
#[derive(Debug, Clone)]
pub struct RawBatch {
    pub table: &'static str,
    pub batch: RecordBatch,
}

impl RawBatch {
    pub fn with_file_id(&self, file_id: i64) -> duckdb::Result<RecordBatch> {
        let rows = self.batch.num_rows();
        let mut fields = vec![Field::new("file_id", DataType::Int32, false)];
        fields.extend(
            self.batch
                .schema()
                .fields()
                .iter()
                .map(|f| f.as_ref().clone()),
        );
        let mut columns: Vec<ArrayRef> =
            vec![Arc::new(Int32Array::from(vec![file_id as i32; rows]))];
        columns.extend(self.batch.columns().iter().cloned());
        RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
            .map_err(|e| duckdb::Error::ToSqlConversionFailure(e.into()))
    }
}

impl Parsed {
    pub fn table(&mut self, name: &'static str) -> &mut TableRows {
        if let Some(i) = self.tables.iter().position(|t| t.table == name) {
            return &mut self.tables[i];
        }
        self.tables.push(TableRows {
            table: name,
            rows: Vec::new(),
        });
        self.tables.last_mut().expect("just pushed")
    }

    /// The importer's own check of INPUTS.md's invariant: read = loaded + quarantined + skipped.
    pub fn balanced(&self) -> bool {
        self.rows_read == self.rows_loaded + self.quarantined.len() + self.rows_skipped
    }

    /// Warnings are capped per file so one bad column does not bury the summary.
    pub fn warn(&mut self, w: String) {
        const CAP: usize = 20;
        if self.warnings.len() < CAP {
            self.warnings.push(w);
        } else if self.warnings.len() == CAP {
            self.warnings.push("more warnings not shown".into());
        }
    }
}
