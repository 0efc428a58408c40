//! The Excel workbook `evaluasi-<semester>.xlsx`: summary sheets with native charts, every
//! finding and case, data quality. Text from the data is always written as a string (never as
//! a formula, whatever it starts with), numbers as numbers.

use super::data::{Counts, ReportData};
use crate::ingest::values::to_excel_serial;
use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};
use std::collections::BTreeMap;
use std::path::Path;

fn header(ws: &mut Worksheet, cols: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (i, c) in cols.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *c, bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn widths(ws: &mut Worksheet, w: &[f64]) -> Result<(), XlsxError> {
    for (i, x) in w.iter().enumerate() {
        ws.set_column_width(i as u16, *x)?;
    }
    Ok(())
}

/// A compliance rate as a number (formatted as a percentage), or an empty cell.
fn rate(ws: &mut Worksheet, row: u32, col: u16, c: &Counts, pct: &Format) -> Result<(), XlsxError> {
    if let Some(r) = c.rate() {
        ws.write_number_with_format(row, col, r, pct)?;
    }
    Ok(())
}

fn counts(ws: &mut Worksheet, row: u32, col: u16, c: &Counts) -> Result<(), XlsxError> {
    for (i, v) in [c.pass, c.fail, c.advisory, c.na, c.unknown]
        .iter()
        .enumerate()
    {
        ws.write_number(row, col + i as u16, *v as f64)?;
    }
    Ok(())
}

pub fn write(path: &Path, d: &ReportData, t: &BTreeMap<&str, &str>) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let pct = Format::new().set_num_format("0.0%");
    let when = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let status_cols = [t["pass"], t["fail"], t["advisory"], t["na"], t["unknown"]];

    // Per SOP of this semester (and the summary reads from it).
    let mut per_sop: BTreeMap<String, Counts> = BTreeMap::new();
    for r in d.rates.iter().filter(|r| r.semester == d.semester) {
        per_sop.entry(r.sop.clone()).or_default().add(&r.counts);
    }
    let mut all = Counts::default();
    per_sop.values().for_each(|c| all.add(c));

    {
        let ws = wb.add_worksheet().set_name("Ringkasan")?;
        ws.write_string_with_format(0, 0, t["title"], &bold)?;
        ws.write_string(1, 0, t["semester"])?;
        ws.write_string(1, 1, &d.semester)?;
        ws.write_string(2, 0, t["overall"])?;
        rate(ws, 2, 1, &all, &pct)?;
        ws.write_string_with_format(4, 0, t["sop"], &bold)?;
        ws.write_string_with_format(4, 1, t["rate"], &bold)?;
        for (i, (sop, c)) in per_sop.iter().enumerate() {
            ws.write_string(5 + i as u32, 0, sop)?;
            rate(ws, 5 + i as u32, 1, c, &pct)?;
        }
        let last = 4 + per_sop.len() as u32;
        let mut chart = Chart::new(ChartType::Column);
        chart
            .add_series()
            .set_categories(("Ringkasan", 5, 0, last, 0))
            .set_values(("Ringkasan", 5, 1, last, 1))
            .set_name(t["rate"]);
        chart.title().set_name(t["per_sop"]);
        ws.insert_chart(4, 3, &chart)?;
        widths(ws, &[28.0, 14.0])?;
    }
    {
        let ws = wb.add_worksheet().set_name("Per SOP")?;
        let mut cols = vec![t["sop"], t["rate"]];
        cols.extend(status_cols);
        header(ws, &cols, &bold)?;
        for (i, (sop, c)) in per_sop.iter().enumerate() {
            let r = 1 + i as u32;
            ws.write_string(r, 0, sop)?;
            rate(ws, r, 1, c, &pct)?;
            counts(ws, r, 2, c)?;
        }
        widths(ws, &[10.0, 12.0, 10.0, 10.0, 10.0, 12.0, 14.0])?;
    }
    {
        let ws = wb.add_worksheet().set_name("Per Klausul")?;
        let mut cols = vec![t["rule"], t["rate"]];
        cols.extend(status_cols);
        header(ws, &cols, &bold)?;
        let rows: Vec<_> = d
            .rates
            .iter()
            .filter(|r| r.semester == d.semester)
            .collect();
        for (i, r) in rows.iter().enumerate() {
            let row = 1 + i as u32;
            ws.write_string(row, 0, &r.rule_id)?;
            rate(ws, row, 1, &r.counts, &pct)?;
            counts(ws, row, 2, &r.counts)?;
        }
        let mut chart = Chart::new(ChartType::Bar);
        chart
            .add_series()
            .set_categories(("Per Klausul", 1, 0, rows.len() as u32, 0))
            .set_values(("Per Klausul", 1, 3, rows.len() as u32, 3))
            .set_name(t["fail"]);
        chart.title().set_name(t["pareto"]);
        ws.insert_chart(1, 9, &chart)?;
        widths(ws, &[18.0, 12.0, 10.0, 10.0, 10.0, 12.0, 14.0])?;
    }
    {
        let ws = wb.add_worksheet().set_name("Per Advisor")?;
        header(
            ws,
            &[
                t["advisor"],
                t["sop"],
                t["cases"],
                t["pass"],
                t["fail"],
                t["advisory"],
                t["unknown"],
                t["rate"],
            ],
            &bold,
        )?;
        for (i, a) in d.advisors.iter().enumerate() {
            let r = 1 + i as u32;
            ws.write_string(r, 0, &a.advisor)?;
            ws.write_string(r, 1, &a.sop)?;
            for (k, v) in [a.cases, a.pass, a.fail, a.advisory, a.unknown]
                .iter()
                .enumerate()
            {
                ws.write_number(r, 2 + k as u16, *v as f64)?;
            }
            let c = Counts {
                pass: a.pass,
                fail: a.fail,
                ..Default::default()
            };
            rate(ws, r, 7, &c, &pct)?;
        }
        ws.autofilter(0, 0, d.advisors.len() as u32, 7)?;
        widths(ws, &[24.0, 8.0, 8.0, 8.0, 8.0, 10.0, 12.0, 12.0])?;
    }
    {
        let ws = wb.add_worksheet().set_name("Temuan")?;
        header(
            ws,
            &[
                t["rule"],
                "case_kind",
                "case_key",
                t["advisor"],
                t["measured"],
                t["limit"],
                "unit",
                t["time"],
                t["reason"],
                t["evidence"],
            ],
            &bold,
        )?;
        for (i, f) in d.fails.iter().enumerate() {
            let r = 1 + i as u32;
            ws.write_string(r, 0, &f.rule_id)?;
            ws.write_string(r, 1, &f.case_kind)?;
            ws.write_string(r, 2, &f.case_key)?;
            ws.write_string(r, 3, &f.advisor)?;
            if let Some(m) = f.measured {
                ws.write_number(r, 4, m)?;
            }
            if let Some(l) = f.limit {
                ws.write_number(r, 5, l)?;
            }
            ws.write_string(r, 6, f.unit.as_deref().unwrap_or(""))?;
            if let Some(s) = f.started_at {
                ws.write_number_with_format(r, 7, to_excel_serial(s), &when)?;
            }
            ws.write_string(r, 8, f.reason.as_deref().unwrap_or(""))?;
            ws.write_string(r, 9, &f.evidence)?;
        }
        ws.autofilter(0, 0, d.fails.len() as u32, 9)?;
        widths(
            ws,
            &[16.0, 11.0, 18.0, 18.0, 10.0, 8.0, 16.0, 17.0, 50.0, 60.0],
        )?;
    }
    {
        let ws = wb.add_worksheet().set_name("Kasus")?;
        header(
            ws,
            &[
                "case_kind",
                "case_key",
                "branch",
                t["advisor"],
                "opened_at",
                "closed_at",
            ],
            &bold,
        )?;
        for (i, c) in d.cases.iter().enumerate() {
            let r = 1 + i as u32;
            ws.write_string(r, 0, &c.case_kind)?;
            ws.write_string(r, 1, &c.case_key)?;
            ws.write_string(r, 2, &c.branch)?;
            ws.write_string(r, 3, c.advisor.as_deref().unwrap_or(""))?;
            if let Some(o) = c.opened_at {
                ws.write_number_with_format(r, 4, to_excel_serial(o), &when)?;
            }
            if let Some(o) = c.closed_at {
                ws.write_number_with_format(r, 5, to_excel_serial(o), &when)?;
            }
        }
        ws.autofilter(0, 0, d.cases.len() as u32, 5)?;
        widths(ws, &[12.0, 20.0, 12.0, 18.0, 17.0, 17.0])?;
    }
    {
        let ws = wb.add_worksheet().set_name("Kualitas Data")?;
        header(
            ws,
            &[
                t["kind"],
                t["files"],
                t["rows_read"],
                t["rows_loaded"],
                t["rows_quarantined"],
            ],
            &bold,
        )?;
        for (i, q) in d.quality.iter().enumerate() {
            let r = 1 + i as u32;
            ws.write_string(r, 0, &q.kind)?;
            for (k, v) in [q.files, q.rows_read, q.rows_loaded, q.rows_quarantined]
                .iter()
                .enumerate()
            {
                ws.write_number(r, 1 + k as u16, *v as f64)?;
            }
        }
        let mut r = d.quality.len() as u32 + 2;
        ws.write_string_with_format(r, 0, t["link"], &bold)?;
        ws.write_string_with_format(r, 1, t["chats"], &bold)?;
        ws.write_string_with_format(r, 2, t["messages"], &bold)?;
        for (o, c, m) in &d.links {
            r += 1;
            ws.write_string(r, 0, o)?;
            ws.write_number(r, 1, *c as f64)?;
            ws.write_number(r, 2, *m as f64)?;
        }
        r += 2;
        ws.write_string_with_format(r, 0, t["unknown_advisors"], &bold)?;
        for (name, source, rows, file) in &d.unknown_advisors {
            r += 1;
            ws.write_string(r, 0, name)?;
            ws.write_string(r, 1, source)?;
            ws.write_number(r, 2, *rows as f64)?;
            ws.write_string(r, 3, file)?;
        }
        widths(ws, &[28.0, 12.0, 14.0, 14.0, 16.0])?;
    }
    wb.save(path)
}
