//! Finding the header row of a sheet under its title rows, and reading a data row's fields
//! by name with the errors a user can act on ("row 14: Jadwal "31/02/2025" is not a date").

use super::table::{Cell, Row, Sheet};
use super::vocab::{SourceFields, fields, fold};
use crate::values::{
    DayMonth, Phone, Plate, Stamp, excel_serial, excel_time, normalise_phone, normalise_plate,
    parse_date_only, parse_rupiah, parse_stamp, parse_time_only,
};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::collections::HashMap;

/// How far down a sheet the header row is looked for (title rows, logos, blank rows above it).
const HEADER_SEARCH_ROWS: usize = 15;

/// The header row of a sheet for one source kind: which column holds which field.
#[derive(Debug, Clone)]
pub struct HeaderMap {
    pub source: &'static str,
    /// Index into `sheet.rows` of the header row.
    pub header_index: usize,
    pub columns: HashMap<String, usize>,
    /// The header text each mapped field was found under.
    pub headers: HashMap<String, String>,
    /// Columns no alias names, kept in `extra` as JSON: (column, header text).
    pub extra: Vec<(usize, String)>,
    /// Further columns headed like a field already mapped (two "Tanggal" columns): a row takes
    /// the first of them that is filled. (column, header text); they stay in `extra` too.
    pub repeated: HashMap<String, Vec<(usize, String)>>,
}

impl HeaderMap {
    pub fn has(&self, field: &str) -> bool {
        self.columns.contains_key(field)
    }

    pub fn score(&self) -> usize {
        self.columns.len()
    }
    /// One sentence per field headed in several columns, for the file's warnings.
    pub fn repeated_notes(&self) -> Vec<String> {
        let mut notes: Vec<String> = self
            .repeated
            .iter()
            .map(|(field, more)| {
                let first = self.headers.get(field).map_or(field.as_str(), |h| h.as_str());
                let all: Vec<(usize, &str)> = std::iter::once((self.columns[field], first))
                    .chain(more.iter().map(|(c, h)| (*c, h.as_str())))
                    .collect();
                let letters: Vec<String> = all.iter().map(|(c, _)| column_letters(*c)).collect();
                if all.iter().all(|(_, h)| *h == first) {
                    format!(
                        "columns {} are all headed {first:?}: each row takes the first of them that is filled",
                        letters.join(", ")
                    )
                } else {
                    let named: Vec<String> = all
                        .iter()
                        .map(|(c, h)| format!("{} ({h:?})", column_letters(*c)))
                        .collect();
                    format!(
                        "columns {} all hold {first:?}: each row takes the first of them that is filled",
                        named.join(", ")
                    )
                }
            })
            .collect();
        notes.sort();
        notes
    }
}

/// The best header row for `source` among the first rows, if its required fields are all there.
pub fn find_header(sheet: &Sheet, source: &'static str) -> Option<HeaderMap> {
    let spec = fields(source);
    let mut best: Option<HeaderMap> = None;
    for (i, row) in sheet.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let map = map_row(row, spec, source, i);
        if spec.required.iter().all(|f| map.has(f))
            && best.as_ref().is_none_or(|b| map.score() > b.score())
        {
            best = Some(map);
        }
    }
    best
}

fn map_row(row: &Row, spec: &SourceFields, source: &'static str, index: usize) -> HeaderMap {
    let mut columns = HashMap::new();
    let mut headers = HashMap::new();
    let mut extra = Vec::new();
    let mut repeated: HashMap<String, Vec<(usize, String)>> = HashMap::new();
    for (col, cell) in row.cells.iter().enumerate() {
        let Cell::Text(text) = cell else { continue };
        match spec.field_of(text) {
            Some(field) if !columns.contains_key(field) => {
                columns.insert(field.to_string(), col);
                headers.insert(field.to_string(), text.trim().to_string());
            }
            Some(field) => {
                let header = text.trim().to_string();
                repeated
                    .entry(field.to_string())
                    .or_default()
                    .push((col, header.clone()));
                extra.push((col, header));
            }
            _ if !text.trim().is_empty() => extra.push((col, text.trim().to_string())),
            _ => {}
        }
    }
    HeaderMap {
        source,
        header_index: index,
        columns,
        headers,
        extra,
        repeated,
    }
}

/// Spreadsheet column letters of a 0-based index (0 → A, 27 → AB), as the workbook writer
/// names them; a CSV column beyond Excel's 16,384 by its number.
pub fn column_letters(col: usize) -> String {
    match u16::try_from(col) {
        Ok(c) if c < 16_384 => rust_xlsxwriter::utility::column_number_to_name(c),
        _ => format!("column {}", col + 1),
    }
}

/// A data row read through its header map.
pub struct RowReader<'a> {
    pub row: &'a Row,
    pub map: &'a HeaderMap,
    pub order: DayMonth,
    pub tz: chrono_tz::Tz,
    /// The years a date may fall in (earlier or later is a typing error, quarantined).
    pub years: (i32, i32),
    /// The branch whose folder holds the file, for a row whose branch column is empty.
    pub file_branch: Option<&'a str>,
}

impl<'a> RowReader<'a> {
    /// The column's header as the file writes it, else the field's usual name.
    pub fn display(&self, field: &str) -> String {
        match self.map.headers.get(field) {
            Some(h) => h.trim_end_matches(':').trim().to_string(),
            None => fields(self.map.source).display(field).to_string(),
        }
    }

    pub fn cell(&self, field: &str) -> &'a Cell {
        let Some(&c) = self.map.columns.get(field) else {
            return &Cell::Empty;
        };
        let cell = self.row.get(c);
        match self.map.repeated.get(field) {
            Some(more) if cell.is_empty() => more
                .iter()
                .map(|(c, _)| self.row.get(*c))
                .find(|c| !c.is_empty())
                .unwrap_or(cell),
            _ => cell,
        }
    }

    /// A sentence when a field headed in several columns holds different values in this row.
    pub fn repeated_conflicts(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (field, more) in &self.map.repeated {
            let first = self.map.columns[field];
            let cols: Vec<usize> = std::iter::once(first)
                .chain(more.iter().map(|(c, _)| *c))
                .collect();
            let filled: Vec<(usize, String)> = cols
                .iter()
                .map(|&c| (c, self.row.get(c).text()))
                .filter(|(_, t)| !t.is_empty())
                .collect();
            if filled.iter().any(|(_, t)| *t != filled[0].1) {
                out.push(format!(
                    "row {}: {} is filled differently in columns {}; {:?} from column {} was used",
                    self.row.number,
                    self.display(field),
                    filled
                        .iter()
                        .map(|(c, t)| format!("{} ({t:?})", column_letters(*c)))
                        .collect::<Vec<_>>()
                        .join(", "),
                    filled[0].1,
                    column_letters(filled[0].0)
                ));
            }
        }
        out
    }

    /// The row's branch: its branch column, else the branch whose folder holds the file.
    pub fn branch(&self) -> Option<String> {
        self.text("branch")
            .or_else(|| self.file_branch.map(str::to_string))
    }

    /// The field as trimmed text; `None` when blank or absent.
    pub fn text(&self, field: &str) -> Option<String> {
        let t = self.cell(field).text();
        let t = t.trim().trim_start_matches('\'').trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    fn bad(&self, field: &str, expected: &str) -> String {
        format!(
            "row {}: {} {:?} is not {expected}",
            self.row.number,
            self.display(field),
            self.cell(field).text()
        )
    }

    /// A date-time field: text in any listed form, an Excel serial, or an offset stamp converted
    /// to the branch's time. Blank is `Ok(None)`; unreadable is an error naming row and column.
    pub fn stamp(&self, field: &str) -> Result<Option<NaiveDateTime>, String> {
        let stamp = self.any_stamp(field)?;
        if let Some(t) = stamp {
            self.plausible(field, t.date())?;
        }
        Ok(stamp)
    }

    /// A date outside the plausible years (01/01/1900, 31/12/9999) is a typing error.
    fn plausible(&self, field: &str, date: NaiveDate) -> Result<(), String> {
        use chrono::Datelike;
        let (earliest, latest) = self.years;
        if (earliest..=latest).contains(&date.year()) {
            return Ok(());
        }
        Err(format!(
            "row {}: {} {:?} is outside the plausible years {earliest}–{latest} (import.earliest_year, import.latest_year)",
            self.row.number,
            self.display(field),
            self.cell(field).text()
        ))
    }

    fn any_stamp(&self, field: &str) -> Result<Option<NaiveDateTime>, String> {
        match self.cell(field) {
            Cell::Empty => Ok(None),
            Cell::Serial(n) | Cell::Number(n) => excel_serial(*n)
                .filter(|_| *n > 1000.0)
                .map(Some)
                .ok_or_else(|| self.bad(field, "a date")),
            Cell::Bool(_) => Err(self.bad(field, "a date")),
            Cell::Text(t) => {
                let t = t.trim();
                if t.is_empty() {
                    return Ok(None);
                }
                if let Ok(n) = t.parse::<f64>()
                    && (20_000.0..80_000.0).contains(&n)
                {
                    return Ok(excel_serial(n));
                }
                parse_stamp(t, self.order)
                    .map(|s: Stamp| Some(s.local(self.tz)))
                    .ok_or_else(|| self.bad(field, "a date"))
            }
        }
    }

    pub fn date(&self, field: &str) -> Result<Option<NaiveDate>, String> {
        if let Cell::Text(t) = self.cell(field)
            && let Some(d) = parse_date_only(t, self.order)
        {
            self.plausible(field, d)?;
            return Ok(Some(d));
        }
        Ok(self.stamp(field)?.map(|t| t.date()))
    }

    pub fn time(&self, field: &str) -> Result<Option<NaiveTime>, String> {
        match self.cell(field) {
            Cell::Empty => Ok(None),
            Cell::Serial(n) | Cell::Number(n) => excel_time(n.fract())
                .map(Some)
                .ok_or_else(|| self.bad(field, "a time like 09:30")),
            c => {
                let t = c.text();
                if t.is_empty() {
                    return Ok(None);
                }
                parse_time_only(&t)
                    .map(Some)
                    .ok_or_else(|| self.bad(field, "a time like 09:30"))
            }
        }
    }

    /// A date-time from one field, or from a date field plus a time field.
    pub fn stamp_or_pair(
        &self,
        field: &str,
        date: &str,
        time: &str,
    ) -> Result<Option<NaiveDateTime>, String> {
        if self.map.has(field)
            && let Some(t) = self.stamp(field)?
        {
            return Ok(Some(t));
        }
        match (self.date(date)?, self.time(time)?) {
            (Some(d), Some(t)) => Ok(Some(d.and_time(t))),
            (Some(d), None) => Ok(Some(d.and_time(NaiveTime::MIN))),
            (None, Some(_)) => Err(self.bad(date, "a date (the time has no date)")),
            (None, None) => Ok(None),
        }
    }

    pub fn phone(&self, field: &str) -> (Option<Phone>, Option<String>) {
        let raw = self.text(field);
        (raw.as_deref().and_then(normalise_phone), raw)
    }

    pub fn plate(&self, field: &str) -> (Option<Plate>, Option<String>) {
        let raw = self.text(field);
        (raw.as_deref().and_then(normalise_plate), raw)
    }

    pub fn amount(&self, field: &str) -> Result<Option<i64>, String> {
        match self.cell(field) {
            Cell::Empty => Ok(None),
            Cell::Number(n) => Ok(Some(n.round() as i64)),
            c => {
                let t = c.text();
                if t.is_empty() {
                    return Ok(None);
                }
                parse_rupiah(&t)
                    .map(Some)
                    .ok_or_else(|| self.bad(field, "an amount in rupiah"))
            }
        }
    }

    /// Columns no alias names, as a JSON object `{header: value}`, so nothing is lost.
    pub fn extra_json(&self) -> String {
        let mut m = serde_json::Map::new();
        for (col, header) in &self.map.extra {
            let v = self.row.get(*col);
            if !v.is_empty() {
                m.insert(header.clone(), serde_json::Value::String(v.text()));
            }
        }
        serde_json::Value::Object(m).to_string()
    }
}

/// The whole row as JSON (`{"column": value}` by header, or by position), for the quarantine.
pub fn raw_json(row: &Row, header: Option<&Row>) -> String {
    let mut m = serde_json::Map::new();
    for (i, c) in row.cells.iter().enumerate() {
        if c.is_empty() {
            continue;
        }
        let key = header
            .and_then(|h| h.cells.get(i))
            .map(Cell::text)
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| format!("column {}", i + 1));
        m.insert(key, serde_json::Value::String(c.text()));
    }
    serde_json::Value::Object(m).to_string()
}

/// A total line at the bottom of a sheet ("Total", "Jumlah", "Grand Total"): a row whose first
/// filled cell is such a label and that lacks the kind's key fields (one of them empty, or the
/// label itself). A complaint whose subject starts with "Total biaya…" and that has its ticket
/// number and date is a row, not a total.
pub fn is_total_row(row: &Row, map: &HeaderMap) -> bool {
    let Some(label_col) = row.cells.iter().position(|c| !c.is_empty()) else {
        return false;
    };
    let is_label = match row.get(label_col) {
        // Only text starting with t, j, g or s can be a total label: skip folding the rest.
        Cell::Text(t)
            if t.trim_start()
                .starts_with(['T', 't', 'J', 'j', 'G', 'g', 'S', 's']) =>
        {
            let f = fold(t);
            [
                "total",
                "jumlah",
                "grand total",
                "subtotal",
                "sub total",
                "jml",
            ]
            .iter()
            .any(|w| f == *w || f.starts_with(&format!("{w} ")))
        }
        _ => false,
    };
    is_label
        && fields(map.source)
            .required
            .iter()
            .any(|f| match map.columns.get(f) {
                Some(&c) => c == label_col || row.get(c).is_empty(),
                None => true,
            })
}

/// Every text written in the given fields of a sheet's data rows, for deciding day/month order.
pub fn date_texts<'s>(sheet: &'s Sheet, map: &HeaderMap, date_fields: &[&str]) -> Vec<&'s str> {
    let cols: Vec<usize> = date_fields
        .iter()
        .filter_map(|f| map.columns.get(*f).copied())
        .collect();
    sheet.rows[map.header_index + 1..]
        .iter()
        .flat_map(|r| {
            cols.iter().filter_map(move |&c| match r.get(c) {
                Cell::Text(t) => Some(t.as_str()),
                _ => None,
            })
        })
        .collect()
}
