//! Spreadsheets and CSV files read into one shape: sheets of rows of cells, with the real
//! 1-based row numbers a user sees in Excel.

use crate::error::{Error, Result};
use calamine::{Data, Reader, open_workbook_auto};
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date/time cell, as its serial number (days since 1899-12-30).
    Serial(f64),
    Bool(bool),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as a user would read it (numbers without a trailing `.0`).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) | Cell::Serial(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    format!("{n}")
                }
            }
            Cell::Bool(b) => b.to_string(),
        }
    }
}

/// One row with the number a user sees: the spreadsheet row, or the CSV line it starts on.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn get(&self, col: usize) -> &Cell {
        self.cells.get(col).unwrap_or(&Cell::Empty)
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

#[derive(Debug, Clone)]
pub struct Sheet {
    /// `None` for a CSV file.
    pub name: Option<String>,
    pub rows: Vec<Row>,
}

/// Reads every sheet of a workbook, or the one table of a CSV file.
pub fn read_tables(path: &Path, bytes: &[u8]) -> Result<Vec<Sheet>> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "tsv" => Ok(vec![read_csv(path, bytes)?]),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path),
        other => Err(Error::input(format!(
            "{}: .{other} files are not read; expected .csv, .xlsx, .xls, .ods or a WhatsApp .txt/.zip",
            path.display()
        ))),
    }
}

fn read_workbook(path: &Path) -> Result<Vec<Sheet>> {
    let mut book = open_workbook_auto(path).map_err(|e| {
        Error::input(format!(
            "{}: cannot be read as a spreadsheet ({e})",
            path.display()
        ))
    })?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| {
            Error::input(format!(
                "{}: sheet {name:?} cannot be read ({e})",
                path.display()
            ))
        })?;
        let first_row = range.start().map_or(1, |(r, _)| r as usize + 1);
        let first_col = range.start().map_or(0, |(_, c)| c as usize);
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, r)| {
                // Keep column positions absolute so a sheet starting at column C still lines up.
                let mut cells = vec![Cell::Empty; first_col];
                cells.extend(r.iter().map(cell_of));
                Row {
                    number: first_row + i,
                    cells,
                }
            })
            .collect();
        sheets.push(Sheet {
            name: Some(name),
            rows,
        });
    }
    Ok(sheets)
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => Cell::Serial(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.replace('T', " ")),
    }
}

/// Text of a CSV file: UTF-8 with or without BOM, else Windows-1252 (what Excel writes).
pub fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
                let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes);
                return text.into_owned();
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            text.into_owned()
        }
    }
}

/// The delimiter that splits the first lines most consistently: `;` (Excel in Indonesian
/// locale), `,` or tab.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (b',', 0usize);
    for d in [b';', b',', b'\t'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| l.bytes().filter(|&b| b == d).count())
            .collect();
        let max = counts.iter().copied().max().unwrap_or(0);
        // Score: how many lines share the most common non-zero count.
        let score = counts.iter().filter(|&&c| c == max && c > 0).count() * max.min(50);
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn read_csv(path: &Path, bytes: &[u8]) -> Result<Sheet> {
    let text = decode_text(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // A row is numbered by the line it starts on (a quoted cell may span lines), counted from
    // byte offsets so blank lines the reader passes over still count.
    let (mut line, mut counted_to) = (1usize, 0usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let mut start = record.position().map_or(counted_to, |p| p.byte() as usize);
                // With CRLF endings the reader's record start can sit on the previous line's '\n'.
                while text
                    .as_bytes()
                    .get(start)
                    .is_some_and(|b| *b == b'\n' || *b == b'\r')
                {
                    start += 1;
                }
                line += text.as_bytes()[counted_to..start.max(counted_to)]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                counted_to = start.max(counted_to);
                let number = line;
                let cells = record
                    .iter()
                    .map(|c| {
                        if c.trim().is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(c.to_string())
                        }
                    })
                    .collect();
                rows.push(Row { number, cells });
            }
            Err(e) => {
                return Err(Error::input(format!(
                    "{}: not a readable CSV file ({e})",
                    path.display()
                )));
            }
        }
    }
    Ok(Sheet { name: None, rows })
}
