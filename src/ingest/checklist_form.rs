//! The SOP's own "FORM CHECKLIST" layout: one filled form per sheet, with the SOP title,
//! `Nama Operator`, `Tanggal Pengerjaan` and `Plat Nomor Kendaraan` as labelled cells, and a
//! table `No | Item Pemeriksaan | Selesai | Catatan`.

use super::fields::raw_json;
use super::record::{Parsed, Quarantined};
use super::sheets::sop_code;
use super::table::{Cell, Row, Sheet};
use super::vocab::{fold, tick};
use crate::store::table_batch::Val;
use crate::values::{DayMonth, excel_serial, normalise_plate, parse_date_only};
use chrono::NaiveDate;

/// True when a sheet is a filled SOP form: an `Item Pemeriksaan` table and an operator label.
pub fn is_form(sheet: &Sheet) -> bool {
    let (mut item, mut operator) = (false, false);
    for c in sheet.rows.iter().flat_map(|r| &r.cells) {
        // Every sheet of every file is asked (a data sheet has many thousand cells): only a
        // text whose first letter can start a label is folded.
        let Cell::Text(t) = c else { continue };
        let first = t.chars().find(|ch| ch.is_alphanumeric());
        if !matches!(first, Some('i' | 'I' | 'n' | 'N')) {
            continue;
        }
        let f = fold(t);
        item |= f == "item pemeriksaan";
        operator |= f.starts_with("nama operator");
        if item && operator {
            return true;
        }
    }
    false
}

/// The value of a labelled cell: after the label's colon, else the next non-empty cell.
fn label_value(row: &Row, labels: &[&str]) -> Option<Cell> {
    for (i, c) in row.cells.iter().enumerate() {
        let text = c.text();
        let f = fold(&text);
        if labels.iter().any(|l| f.starts_with(l)) {
            if let Some((_, after)) = text.split_once(':') {
                let v = after
                    .trim()
                    .trim_matches(|ch: char| ch == '.' || ch == '…' || ch.is_whitespace());
                if !v.is_empty() {
                    return Some(Cell::Text(v.to_string()));
                }
            }
            return row.cells[i + 1..]
                .iter()
                .find(|c| {
                    let t = c.text();
                    !c.is_empty() && !t.chars().all(|ch| ch == '.' || ch == '…' || ch == ':')
                })
                .cloned();
        }
    }
    None
}

fn date_of(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Serial(n) | Cell::Number(n) => excel_serial(*n).map(|t| t.date()),
        c => parse_date_only(&c.text(), DayMonth::DayFirst),
    }
}

pub fn parse(sheets: &[Sheet]) -> Parsed {
    let mut parsed = Parsed {
        layout: "sop_form".into(),
        ..Parsed::default()
    };
    for sheet in sheets {
        if !is_form(sheet) {
            if sheet.rows.iter().any(|r| !r.is_blank()) {
                parsed.warn(format!(
                    "sheet {:?}: not a checklist form; sheet skipped",
                    sheet.name.as_deref().unwrap_or("-")
                ));
            }
            continue;
        }
        parse_form(sheet, &mut parsed);
    }
    parsed
}

fn parse_form(sheet: &Sheet, parsed: &mut Parsed) {
    let name = sheet.name.clone();
    let mut operator = None;
    let mut date_cell = None;
    let mut plate_text = None;
    let mut title = sheet.name.clone().unwrap_or_default();
    let mut header: Option<(usize, [Option<usize>; 4])> = None;
    for (i, row) in sheet.rows.iter().enumerate() {
        operator = operator.or_else(|| label_value(row, &["nama operator"]).map(|c| c.text()));
        date_cell = date_cell.or_else(|| {
            label_value(
                row,
                &["tanggal pengerjaan", "tanggal penggerjaan", "tanggal"],
            )
        });
        plate_text = plate_text.or_else(|| {
            label_value(row, &["plat nomor kendaraan", "plat nomor", "nopol"]).map(|c| c.text())
        });
        if header.is_none() {
            let cols: Vec<String> = row.cells.iter().map(|c| fold(&c.text())).collect();
            if let Some(item_col) = cols.iter().position(|c| c == "item pemeriksaan") {
                let find = |names: &[&str]| cols.iter().position(|c| names.contains(&c.as_str()));
                header = Some((
                    i,
                    [
                        find(&["no", "no."]),
                        Some(item_col),
                        find(&["selesai", "done", "ceklis", "centang"]),
                        find(&["catatan", "keterangan"]),
                    ],
                ));
            } else {
                for c in &row.cells {
                    title.push(' ');
                    title.push_str(&c.text());
                }
            }
        }
    }
    let sop = sop_code(&title);
    if sop.is_none() {
        parsed.warn(format!(
            "sheet {:?}: the form's title names no SOP (booking, status pengerjaan, follow-up)",
            name.as_deref().unwrap_or("-")
        ));
    }
    let date = date_cell.as_ref().and_then(date_of);
    if date.is_none() {
        parsed.warn(format!(
            "sheet {:?}: Tanggal Pengerjaan {:?} is not a date; items loaded without a date",
            name.as_deref().unwrap_or("-"),
            date_cell.map(|c| c.text()).unwrap_or_default()
        ));
    }
    let plate = plate_text.as_deref().and_then(normalise_plate);
    let Some((h, [no_col, item_col, done_col, note_col])) = header else {
        return;
    };
    let header_row = &sheet.rows[h];
    for row in &sheet.rows[h + 1..] {
        let first = fold(
            &row.cells
                .iter()
                .find(|c| !c.is_empty())
                .map(Cell::text)
                .unwrap_or_default(),
        );
        if first.starts_with("catatan")
            || first.starts_with("nama operator")
            || first.starts_with("tanggal")
        {
            break; // the table ends where the form's footer starts
        }
        parsed.rows_read += 1;
        if row.is_blank() {
            parsed.rows_skipped += 1;
            continue;
        }
        let get = |c: Option<usize>| c.map(|c| row.get(c).text()).filter(|t| !t.is_empty());
        let Some(item) = get(item_col) else {
            parsed.quarantined.push(Quarantined {
                sheet: name.clone(),
                row: row.number,
                reason: format!("row {}: Item Pemeriksaan is empty", row.number),
                raw: raw_json(row, Some(header_row)),
            });
            continue;
        };
        let Some(sop) = sop else {
            parsed.quarantined.push(Quarantined {
                sheet: name.clone(),
                row: row.number,
                reason: format!("row {}: the form names no SOP", row.number),
                raw: raw_json(row, Some(header_row)),
            });
            continue;
        };
        let done_raw = get(done_col);
        let done = tick(done_raw.as_deref().unwrap_or(""));
        if done.is_none() {
            parsed.warn(format!(
                "sheet {:?} row {}: Selesai {:?} is neither a tick nor blank",
                name.as_deref().unwrap_or("-"),
                row.number,
                done_raw.as_deref().unwrap_or("")
            ));
        }
        let values = vec![
            Val::Text(sop.to_string()),
            Val::text(operator.clone()),
            Val::date(date),
            Val::text(plate.as_ref().map(|p| p.display.clone())),
            Val::text(plate_text.clone()),
            Val::int(get(no_col).and_then(|n| n.trim_end_matches('.').parse().ok())),
            Val::Text(item),
            Val::bool(done),
            Val::text(done_raw),
            Val::text(get(note_col)),
        ];
        parsed
            .table("raw_checklist_item")
            .rows
            .push((name.clone(), row.number, values));
        parsed.rows_loaded += 1;
    }
}
