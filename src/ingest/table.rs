//! Spreadsheets and CSV files read into one shape: sheets of rows of cells, with the real
//! 1-based row numbers a user sees in Excel.

use crate::error::{Error, Result};
use calamine::{Data, Reader, open_workbook_auto};
use std::borrow::Cow;
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
    /// A CSV cell: empty when it holds only spaces, else its text as written.
    pub fn of_text(text: &str) -> Cell {
        if text.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text.to_string())
        }
    }

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
    /// Why the reader could not split this row into cells (an unclosed quote): the row is
    /// quarantined with this sentence instead of being read.
    pub defect: Option<String>,
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
    /// What the reader had to repair (bad UTF-8 bytes), said in the file's warnings.
    pub notes: Vec<String>,
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
                    defect: None,
                }
            })
            .collect();
        sheets.push(Sheet {
            name: Some(name),
            rows,
            notes: Vec::new(),
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

/// Text of a CSV file or chat: UTF-8 with or without BOM, else Windows-1252 (what Excel writes).
pub fn decode_text(bytes: &[u8]) -> String {
    decode_text_noted(bytes).0.into_owned()
}

/// Like [`decode_text`], with a sentence when bytes had to be replaced. A UTF-8 file with a few
/// bad bytes (a truncated copy, one pasted character) stays UTF-8 with only those bytes replaced;
/// Windows-1252 is chosen only when the file is mostly not UTF-8 (no more valid multi-byte
/// characters than invalid bytes), as a file Excel wrote is.
pub fn decode_text_noted(bytes: &[u8]) -> (Cow<'_, str>, Option<String>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(s), None);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes);
        return (Cow::Owned(text.into_owned()), None);
    }
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if valid_multibyte > invalid {
        let text = Cow::Owned(String::from_utf8_lossy(bytes).into_owned());
        let note = format!(
            "{invalid} byte sequence{} not valid UTF-8 replaced by \u{fffd}; the rest read as UTF-8",
            if invalid == 1 { " was" } else { "s were" }
        );
        return (text, Some(note));
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    (Cow::Owned(text.into_owned()), None)
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
    let (text, note) = decode_text_noted(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut rows = Vec::new();
    // A quote that never closes would swallow every line after it into one cell: the row it
    // opens in is quarantined and the lines after it are read on their own.
    let (mut rest, mut first_line) = (&*text, 1usize);
    while let Some((start, quote)) = unclosed_quote(rest, delimiter) {
        read_records(path, &rest[..start], first_line, delimiter, &mut rows)?;
        let line = first_line + rest[..start].matches('\n').count();
        let quote_line = first_line + rest[..quote].matches('\n').count();
        // The row is its record up to the end of the line the quote opens on.
        let end = rest[quote..]
            .find('\n')
            .map_or(rest.len(), |i| quote + i + 1);
        let raw = rest[start..end].trim_end_matches(['\r', '\n']);
        let at = if quote_line == line {
            String::new()
        } else {
            format!(" (on line {quote_line})")
        };
        rows.push(Row {
            number: line,
            cells: raw.split(delimiter as char).map(Cell::of_text).collect(),
            defect: Some(format!(
                "line {line}: a quoted cell opens in this row{at} and is never closed (a missing \"); the row is quarantined and the lines after it are read as rows of their own"
            )),
        });
        first_line = quote_line + 1;
        rest = &rest[end..];
    }
    read_records(path, rest, first_line, delimiter, &mut rows)?;
    Ok(Sheet {
        name: None,
        rows,
        notes: note.into_iter().collect(),
    })
}

/// Where the record holding a quoted cell that never closes starts, and where that quote
/// opens (byte offsets), read with the CSV reader's own rules: a quote opens only at the start
/// of a cell, `""` inside quotes is a quote, and a line break inside quotes belongs to the cell.
pub fn unclosed_quote(text: &str, delimiter: u8) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let (mut i, mut record_start, mut field_start, mut opened) = (0, 0, true, None);
    while i < b.len() {
        let c = b[i];
        if opened.is_some() {
            if c == b'"' {
                if b.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    opened = None;
                    field_start = false;
                }
            }
        } else if c == b'"' && field_start {
            opened = Some(i);
        } else if c == b'\n' || c == b'\r' {
            field_start = true;
            record_start = i + 1;
        } else {
            field_start = c == delimiter;
        }
        i += 1;
    }
    opened.map(|quote| (record_start, quote))
}

/// Reads the records of `text` (which starts on line `first_line`) into `rows`.
fn read_records(
    path: &Path,
    text: &str,
    first_line: usize,
    delimiter: u8,
    rows: &mut Vec<Row>,
) -> Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    // A row is numbered by the line it starts on (a quoted cell may span lines), counted from
    // byte offsets so blank lines the reader passes over still count.
    let (mut line, mut counted_to) = (first_line, 0usize);
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
                let cells = record.iter().map(Cell::of_text).collect();
                rows.push(Row {
                    number,
                    cells,
                    defect: None,
                });
            }
            Err(e) => {
                return Err(Error::input(format!(
                    "{}: not a readable CSV file ({e})",
                    path.display()
                )));
            }
        }
    }
    Ok(())
}
