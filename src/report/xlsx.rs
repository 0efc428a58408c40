//! The Excel workbook `evaluasi-<semester>.xlsx`: summary sheets with native charts, every
//! finding and case, data quality. Text from the data is always written as a string (never as
//! a formula, whatever it starts with), numbers as numbers.

use super::data::{self, Counts, ReportData};
use crate::error::Error;
use crate::privacy::mask_case_key;
use crate::store::{Store, sql};
use crate::values::to_excel_serial;
use chrono::NaiveDateTime;
use rust_xlsxwriter::{
    Chart, ChartAxis, ChartLegendPosition, ChartType, Format, Workbook, Worksheet, XlsxError,
};
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

/// The rows every workbook of one report run lists (`queries/report/workbook_rows.sql`), held
/// once in an in-memory database attached to the store's DuckDB instance, which every
/// connection of it sees (each branch's report runs on its own). Detached when dropped, also
/// on an error.
pub struct Rows<'a> {
    store: &'a Store,
}

impl<'a> Rows<'a> {
    pub fn hold(store: &'a Store, semester: &str) -> crate::Result<Self> {
        let doing = "gathering the workbook's findings";
        store
            .conn()
            .execute_batch("attach or replace ':memory:' as report_rows")
            .map_err(|e| store.error(doing, e))?;
        let rows = Self { store };
        store
            .conn()
            .execute(sql::RP_WORKBOOK_ROWS, [semester])
            .map_err(|e| store.error(doing, e))?;
        Ok(rows)
    }
}

impl Drop for Rows<'_> {
    fn drop(&mut self) {
        // Nothing to report if it fails: the database is in memory and dies with the process.
        let _ = self
            .store
            .conn()
            .execute_batch("detach database if exists report_rows");
    }
}

/// Writes the workbook; the Temuan and Kasus sheets are streamed from the store (`Rows`).
pub fn write(
    path: &Path,
    store: &Store,
    d: &ReportData,
    t: &BTreeMap<&str, &str>,
    names: &BTreeMap<String, String>,
) -> crate::Result<()> {
    sheets(path, store, d, t, names).map_err(|e| match e {
        Failure::Xlsx(e) => Error::input(format!("{}: {e}", path.display())),
        Failure::Store(e) => store.error("reading findings and cases for the workbook", e),
    })
}

enum Failure {
    Xlsx(XlsxError),
    Store(duckdb::Error),
}

impl From<XlsxError> for Failure {
    fn from(e: XlsxError) -> Self {
        Failure::Xlsx(e)
    }
}

impl From<duckdb::Error> for Failure {
    fn from(e: duckdb::Error) -> Self {
        Failure::Store(e)
    }
}

fn sheets(
    path: &Path,
    store: &Store,
    d: &ReportData,
    t: &BTreeMap<&str, &str>,
    names: &BTreeMap<String, String>,
) -> Result<(), Failure> {
    let mut wb = crate::output::workbook();
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
        // The two headline figures, each with what it counts.
        let share_cell = |ws: &mut Worksheet, row: u32, col: u16, c: &data::CaseShare| {
            if let Some(share) = c.share() {
                ws.write_number_with_format(row, col, share, &pct)?;
            }
            Ok::<(), XlsxError>(())
        };
        ws.write_string(2, 0, t["overall"])?;
        rate(ws, 2, 1, &all, &pct)?;
        ws.write_string(
            2,
            2,
            format!("{} {} {}", all.pass, t["of"], all.pass + all.fail),
        )?;
        ws.write_string(3, 0, t["cases_violating"])?;
        let all_cases = d.case_share("all", None);
        share_cell(ws, 3, 1, &all_cases)?;
        let (cases, violating) = (all_cases.cases, all_cases.violating);
        ws.write_string(3, 2, format!("{violating} {} {cases}", t["of"]))?;
        ws.write_string(4, 0, t["headline_note"])?;
        ws.write_string(5, 0, t["workbook_scope"])?;
        let top = 6u32;
        ws.write_string_with_format(top, 0, t["sop"], &bold)?;
        ws.write_string_with_format(top, 1, t["rate"], &bold)?;
        ws.write_string_with_format(top, 2, t["case_share_h"], &bold)?;
        for (i, (sop, c)) in per_sop.iter().enumerate() {
            let row = top + 1 + i as u32;
            ws.write_string(row, 0, sop)?;
            rate(ws, row, 1, c, &pct)?;
            share_cell(ws, row, 2, &d.case_share("sop", Some(sop)))?;
        }
        let last = top + per_sop.len() as u32;
        let mut chart = Chart::new(ChartType::Column);
        chart
            .add_series()
            .set_categories(("Ringkasan", top + 1, 0, last, 0))
            .set_values(("Ringkasan", top + 1, 1, last, 1))
            .set_name(t["overall"]);
        chart
            .add_series()
            .set_categories(("Ringkasan", top + 1, 0, last, 0))
            .set_values(("Ringkasan", top + 1, 2, last, 2))
            .set_name(t["cases_violating"]);
        chart.title().set_name(t["per_sop"]);
        // A rate reads against the whole scale: 0–100 %, not an axis that starts at 80 %.
        percent_axis(chart.y_axis());
        chart.legend().set_position(ChartLegendPosition::Bottom);
        chart.set_width(520).set_height(300);
        // Beside the table, inside one landscape page.
        ws.insert_chart_with_offset(top, 4, &chart, 0, 0)?;
        widths(ws, &[28.0, 14.0, 18.0])?;
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
        let mut cols = vec![t["rule"], t["clause_name"], t["rate"]];
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
            ws.write_string(row, 1, names.get(&r.rule_id).map_or("", |n| n.as_str()))?;
            rate(ws, row, 2, &r.counts, &pct)?;
            counts(ws, row, 3, &r.counts)?;
        }
        // The Pareto: clauses by fails, most first, the rest summed, with the cumulative share
        // of all fails on a percent axis (the same bars as the report's chart).
        let bars = super::pareto_bars(
            rows.iter()
                .map(|r| (r.rule_id.clone(), r.counts.fail))
                .collect(),
            super::PARETO_BARS,
            t["other_clauses"],
        );
        let total: i64 = bars.iter().map(|b| b.1).sum::<i64>().max(1);
        let col = 9u16;
        header_at(ws, 0, col, &[t["rule"], t["fail"], t["cumulative"]], &bold)?;
        let mut run = 0;
        for (i, (rule, fails)) in bars.iter().enumerate() {
            let r = 1 + i as u32;
            run += fails;
            ws.write_string(r, col, super::clause_label(rule, names))?;
            ws.write_number(r, col + 1, *fails as f64)?;
            ws.write_number_with_format(r, col + 2, run as f64 / total as f64, &pct)?;
        }
        if !bars.is_empty() {
            let n = bars.len() as u32;
            let mut chart = Chart::new(ChartType::Column);
            chart
                .add_series()
                .set_categories(("Per Klausul", 1, col, n, col))
                .set_values(("Per Klausul", 1, col + 1, n, col + 1))
                .set_name(t["fail"]);
            let mut line = Chart::new(ChartType::Line);
            line.add_series()
                .set_categories(("Per Klausul", 1, col, n, col))
                .set_values(("Per Klausul", 1, col + 2, n, col + 2))
                .set_name(t["cumulative"])
                .set_secondary_axis(true);
            chart.combine(&line);
            chart.title().set_name(t["pareto"]);
            percent_axis(chart.y2_axis());
            chart.legend().set_position(ChartLegendPosition::Bottom);
            chart.set_width(640).set_height(320);
            ws.insert_chart_with_offset(n + 3, col, &chart, 0, 0)?;
        }
        widths(
            ws,
            &[
                18.0, 12.0, 10.0, 10.0, 10.0, 12.0, 14.0, 2.0, 22.0, 10.0, 12.0,
            ],
        )?;
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
    findings_sheet(&mut wb, store, d, t, &bold, &when)?;
    cases_sheet(&mut wb, store, d, t, &bold, &when)?;
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
        for (i, q) in d.imports.quality.iter().enumerate() {
            let r = 1 + i as u32;
            ws.write_string(r, 0, &q.kind)?;
            for (k, v) in [q.files, q.rows_read, q.rows_loaded, q.rows_quarantined]
                .iter()
                .enumerate()
            {
                ws.write_number(r, 1 + k as u16, *v as f64)?;
            }
        }
        let mut r = d.imports.quality.len() as u32 + 2;
        ws.write_string_with_format(r, 0, t["link"], &bold)?;
        ws.write_string_with_format(r, 1, t["chats"], &bold)?;
        ws.write_string_with_format(r, 2, t["messages"], &bold)?;
        for data::LinkView {
            outcome: o,
            chats: c,
            messages: m,
        } in &d.imports.links
        {
            r += 1;
            ws.write_string(r, 0, o)?;
            ws.write_number(r, 1, *c as f64)?;
            ws.write_number(r, 2, *m as f64)?;
        }
        r += 2;
        ws.write_string_with_format(r, 0, t["unknown_advisors"], &bold)?;
        for data::UnknownAdvisor {
            name,
            source,
            rows,
            file,
        } in &d.imports.unknown_advisors
        {
            r += 1;
            ws.write_string(r, 0, name)?;
            ws.write_string(r, 1, source)?;
            ws.write_number(r, 2, *rows as f64)?;
            ws.write_string(r, 3, file)?;
        }
        if !d.imports.failed_files.is_empty() {
            r += 2;
            ws.write_string_with_format(r, 0, t["failed_files"], &bold)?;
            for data::FailedFile { path, reason, .. } in &d.imports.failed_files {
                r += 1;
                ws.write_string(r, 0, path)?;
                ws.write_string(r, 1, reason)?;
            }
        }
        widths(ws, &[28.0, 12.0, 14.0, 14.0, 16.0])?;
    }
    // Print settings on every sheet: A4 landscape, fitted to the page width, the header row
    // repeated on every page, page x of y in the footer.
    for ws in wb.worksheets_mut() {
        ws.set_paper_size(9)
            .set_landscape()
            .set_print_fit_to_pages(1, 0)
            .set_footer(format!("&L&A&R{} &P / &N", t["page"]));
        ws.set_repeat_rows(0, 0)?;
    }
    Ok(wb.save(path)?)
}

/// A rate axis from 0 to 100 %, never one that starts near the lowest value.
fn percent_axis(axis: &mut ChartAxis) {
    axis.set_num_format("0%").set_min(0.0).set_max(1.0);
}

fn header_at(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cols: &[&str],
    bold: &Format,
) -> Result<(), XlsxError> {
    for (i, c) in cols.iter().enumerate() {
        ws.write_string_with_format(row, col + i as u16, *c, bold)?;
    }
    Ok(())
}

/// Excel's last row: a longer list continues on "Temuan (2)", "Temuan (3)" …
const EXCEL_ROWS: u32 = 1_048_576;

/// A list sheet that may outgrow one worksheet: rows go on sheet after sheet, each with the
/// header, frozen panes and a filter, written in constant memory (rows are not held).
struct LongSheet<'a> {
    name: &'static str,
    header: Vec<&'a str>,
    widths: &'a [f64],
    bold: &'a Format,
    sheet: usize,
    parts: usize,
    row: u32,
}

impl<'a> LongSheet<'a> {
    fn new(
        wb: &mut Workbook,
        name: &'static str,
        header: Vec<&'a str>,
        widths: &'a [f64],
        bold: &'a Format,
    ) -> Result<Self, XlsxError> {
        let mut s = LongSheet {
            name,
            header,
            widths,
            bold,
            sheet: 0,
            parts: 0,
            row: 0,
        };
        s.next_part(wb)?;
        Ok(s)
    }

    fn next_part(&mut self, wb: &mut Workbook) -> Result<(), XlsxError> {
        self.parts += 1;
        let name = if self.parts == 1 {
            self.name.to_string()
        } else {
            format!("{} ({})", self.name, self.parts)
        };
        self.sheet = wb.worksheets().len();
        let ws = wb.add_worksheet_with_constant_memory().set_name(name)?;
        widths(ws, self.widths)?;
        header(ws, &self.header, self.bold)?;
        self.row = 1;
        Ok(())
    }

    fn close_part(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let ws = wb.worksheet_from_index(self.sheet)?;
        ws.autofilter(0, 0, (self.row - 1).max(1), self.header.len() as u16 - 1)?;
        Ok(())
    }

    /// The worksheet and row number of the next row.
    fn next_row<'w>(
        &mut self,
        wb: &'w mut Workbook,
    ) -> Result<(&'w mut Worksheet, u32), XlsxError> {
        if self.row == EXCEL_ROWS {
            self.close_part(wb)?;
            self.next_part(wb)?;
        }
        let r = self.row;
        self.row += 1;
        Ok((wb.worksheet_from_index(self.sheet)?, r))
    }
}

/// Every finding of the semester. The reason column is in the workbook's language: the
/// machine's reason in English; in Indonesian, what the clause requires (on fails).
fn findings_sheet(
    wb: &mut Workbook,
    store: &Store,
    d: &ReportData,
    t: &BTreeMap<&str, &str>,
    bold: &Format,
    when: &Format,
) -> Result<(), Failure> {
    let english = t["lang"] == "en";
    let catalog = crate::rules::Catalog::builtin();
    let label = |prefix: &str, v: &str| -> String {
        t.get(format!("{prefix}{v}").as_str())
            .map_or(v.to_string(), |x| x.to_string())
    };
    let widths = [
        14.0, 12.0, 16.0, 18.0, 10.0, 16.0, 10.0, 8.0, 14.0, 17.0, 17.0, 17.0, 50.0, 60.0, 12.0,
        14.0, 40.0, 14.0,
    ];
    let mut sheet = LongSheet::new(
        wb,
        "Temuan",
        vec![
            t["rule"],
            t["status"],
            t["case_kind"],
            t["case"],
            t["branch"],
            t["advisor"],
            t["measured"],
            t["limit"],
            t["unit"],
            t["started"],
            t["due"],
            t["done"],
            t["reason"],
            t["evidence"],
            t["machine_verdict"],
            t["decision"],
            t["review_reason"],
            t["reviewer"],
        ],
        &widths,
        bold,
    )?;
    let mut stmt = store.conn().prepare(sql::RP_FINDINGS)?;
    let mut rows = stmt.query([&d.branch])?;
    while let Some(f) = rows.next()? {
        let (ws, r) = sheet.next_row(wb)?;
        let rule_id: String = f.get(0)?;
        let status: String = f.get(1)?;
        ws.write_string(r, 0, &rule_id)?;
        ws.write_string(r, 1, label("", &status))?;
        ws.write_string(r, 2, label("kind_", &f.get::<_, String>(2)?))?;
        ws.write_string(r, 3, mask_case_key(&f.get::<_, String>(3)?))?;
        ws.write_string(r, 4, f.get::<_, String>(4)?)?;
        ws.write_string(r, 5, f.get::<_, String>(5)?)?;
        for (col, i) in [(6, 6), (7, 7)] {
            if let Some(x) = f.get::<_, Option<f64>>(i)? {
                ws.write_number(r, col, x)?;
            }
        }
        if let Some(u) = f.get::<_, Option<String>>(8)? {
            ws.write_string(r, 8, label("unit_", &u))?;
        }
        for (col, i) in [(9, 9), (10, 10), (11, 11)] {
            if let Some(at) = f.get::<_, Option<NaiveDateTime>>(i)? {
                ws.write_number_with_format(r, col, to_excel_serial(at), when)?;
            }
        }
        let reason = if english {
            f.get::<_, Option<String>>(12)?
        } else if status == "fail" {
            catalog.get(&rule_id).map(|rule| rule.sop_text.clone())
        } else {
            None
        };
        if let Some(reason) = reason {
            ws.write_string(r, 12, reason)?;
        }
        // The committee's copy: chat files named after a phone or a name are masked.
        let customer: Option<String> = f.get(14)?;
        ws.write_string(
            r,
            13,
            crate::privacy::mask_location(&f.get::<_, String>(13)?, customer.as_deref()),
        )?;
        // A reviewed finding: patuh's verdict beside the status after review, and the decision.
        if let Some(decision) = f.get::<_, Option<String>>(16)? {
            ws.write_string(r, 14, label("", &f.get::<_, String>(15)?))?;
            ws.write_string(r, 15, label("decision_", &decision))?;
            ws.write_string(r, 16, f.get::<_, Option<String>>(17)?.unwrap_or_default())?;
            ws.write_string(r, 17, f.get::<_, Option<String>>(18)?.unwrap_or_default())?;
        }
    }
    sheet.close_part(wb)?;
    Ok(())
}

/// The cases judged in the semester.
fn cases_sheet(
    wb: &mut Workbook,
    store: &Store,
    d: &ReportData,
    t: &BTreeMap<&str, &str>,
    bold: &Format,
    when: &Format,
) -> Result<(), Failure> {
    let widths = [16.0, 20.0, 12.0, 18.0, 17.0, 17.0];
    let mut sheet = LongSheet::new(
        wb,
        "Kasus",
        vec![
            t["case_kind"],
            t["case"],
            t["branch"],
            t["advisor"],
            t["opened_at"],
            t["closed_at"],
        ],
        &widths,
        bold,
    )?;
    let mut stmt = store.conn().prepare(sql::RP_CASES)?;
    let mut rows = stmt.query([&d.branch])?;
    while let Some(c) = rows.next()? {
        let (ws, r) = sheet.next_row(wb)?;
        let kind: String = c.get(0)?;
        ws.write_string(
            r,
            0,
            t.get(format!("kind_{kind}").as_str())
                .copied()
                .unwrap_or(&kind),
        )?;
        ws.write_string(r, 1, mask_case_key(&c.get::<_, String>(1)?))?;
        ws.write_string(r, 2, c.get::<_, String>(2)?)?;
        ws.write_string(r, 3, c.get::<_, Option<String>>(3)?.unwrap_or_default())?;
        for col in [4, 5] {
            if let Some(at) = c.get::<_, Option<NaiveDateTime>>(col)? {
                ws.write_number_with_format(r, col as u16, to_excel_serial(at), when)?;
            }
        }
    }
    sheet.close_part(wb)?;
    Ok(())
}
