//! `patuh review export`: the review workbook `review-<semester>.xlsx`. One row per finding to
//! review, with what a supervisor needs to decide (the SOP's words, measured against the limit,
//! patuh's reason, the evidence and the first words of its messages, customers masked), then
//! the four columns the supervisor fills: Keputusan (a drop-down list), Alasan, Peninjau,
//! Tanggal. Imported back with `patuh import`, its headers make it a `review` file.

use crate::error::Error;
use crate::privacy::{mask_location, mask_text};
use crate::rules::Catalog;
use crate::store::{Store, sql};
use crate::values::to_excel_serial;
use chrono::NaiveDate;
use rust_xlsxwriter::{DataValidation, Format, FormatBorder, XlsxError};
use std::path::{Path, PathBuf};

/// The words the decision column accepts (more spellings are read on import:
/// `rules/vocabulary.toml`, `[review_decision]`).
pub const DECISIONS: [&str; 5] = ["setuju", "batal", "ubah:pass", "ubah:fail", "ubah:na"];

/// The workbook's columns; the last four are the supervisor's. Their headers are the aliases
/// `rules/headers.toml` lists first under `[review]`, so the file reads back as a review.
const COLUMNS: [(&str, f64); 19] = [
    ("Kasus", 18.0),
    ("Jenis Kasus", 11.0),
    ("Petugas", 14.0),
    ("Cabang", 10.0),
    ("Aturan", 12.0),
    ("Nama Aturan", 28.0),
    ("Status", 14.0),
    ("Bunyi SOP", 40.0),
    ("Terukur", 9.0),
    ("Batas", 9.0),
    ("Satuan", 14.0),
    ("Penjelasan patuh", 40.0),
    ("Bukti", 36.0),
    ("Cuplikan Bukti", 50.0),
    ("Sidik Bukti", 18.0),
    ("Keputusan", 13.0),
    ("Alasan", 40.0),
    ("Peninjau", 14.0),
    ("Tanggal", 12.0),
];
const DECISION_COL: u16 = 15;

/// Which findings go into the workbook.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub semester: String,
    pub advisor: Option<String>,
    /// A rule id or its start (`KSP`, `KSP-4.4`).
    pub rule: Option<String>,
    pub include_pass: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Written {
    pub path: PathBuf,
    pub rows: usize,
    /// Rows already decided (a re-export keeps them).
    pub decided: usize,
}

/// The status as the reviewer reads it.
fn status_word(status: &str) -> &str {
    match status {
        "fail" => "gagal",
        "unknown" => "tidak diketahui",
        "pass" => "lulus",
        "na" => "tidak berlaku",
        other => other,
    }
}

/// A stored decision (`uphold`, `void`, `change:pass`) in the workbook's words.
fn decision_word(decision: &str) -> String {
    match decision {
        "uphold" => "setuju".into(),
        "void" => "batal".into(),
        other => other.replace("change:", "ubah:"),
    }
}

/// Writes `dir/review-<semester>.xlsx`.
pub fn write(store: &Store, sel: &Selection, dir: &Path) -> crate::Result<Written> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::input(format!("{}: cannot create the folder: {e}", dir.display())))?;
    let path = dir.join(format!("review-{}.xlsx", sel.semester));
    let rows: Vec<ExportRow> = crate::store::rows(
        store.conn(),
        sql::RV_EXPORT,
        duckdb::params![
            sel.semester,
            sel.advisor,
            sel.rule.as_deref().map(str::trim),
            sel.include_pass
        ],
        ExportRow::read,
    )
    .map_err(|e| store.error("reading the findings to review", e))?;
    let decided = rows.iter().filter(|r| r.decision.is_some()).count();
    let written =
        sheets(&path, sel, &rows).map_err(|e| Error::input(format!("{}: {e}", path.display())))?;
    Ok(Written {
        path,
        rows: written,
        decided,
    })
}

struct ExportRow {
    case_key: String,
    case_kind: String,
    advisor: String,
    branch: String,
    rule_id: String,
    status: String,
    measured: Option<f64>,
    limit: Option<f64>,
    unit: Option<String>,
    reason: Option<String>,
    evidence: String,
    customer: Option<String>,
    fingerprint: String,
    excerpt: Option<String>,
    decision: Option<String>,
    decision_reason: Option<String>,
    reviewer: Option<String>,
    decided_on: Option<NaiveDate>,
}

impl ExportRow {
    fn read(r: &duckdb::Row) -> duckdb::Result<Self> {
        Ok(Self {
            case_key: r.get("case_key")?,
            case_kind: r.get("case_kind")?,
            advisor: r.get("advisor")?,
            branch: r.get("branch")?,
            rule_id: r.get("rule_id")?,
            status: r.get("machine_status")?,
            measured: r.get("measured")?,
            limit: r.get("limit")?,
            unit: r.get("unit")?,
            reason: r.get("reason")?,
            evidence: r.get("evidence")?,
            customer: r.get("customer")?,
            fingerprint: r.get("fingerprint")?,
            excerpt: r.get("excerpt")?,
            decision: r.get("review_decision")?,
            decision_reason: r.get("review_reason")?,
            reviewer: r.get("reviewer")?,
            decided_on: r.get("reviewed_on")?,
        })
    }
}

/// Excel's last row, less the header.
const MAX_ROWS: usize = 1_048_575;

fn sheets(path: &Path, sel: &Selection, rows: &[ExportRow]) -> Result<usize, XlsxError> {
    let catalog = Catalog::builtin();
    let mut wb = crate::output::workbook();
    let bold = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    let yours = Format::new()
        .set_bold()
        .set_background_color("#FFF2CC")
        .set_border_bottom(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let shown = rows.len().min(MAX_ROWS);

    let ws = wb.add_worksheet();
    ws.set_name("Tinjauan")?;
    for (i, (name, width)) in COLUMNS.iter().enumerate() {
        let f = if i as u16 >= DECISION_COL {
            &yours
        } else {
            &bold
        };
        ws.write_string_with_format(0, i as u16, *name, f)?;
        ws.set_column_width(i as u16, *width)?;
    }
    ws.set_freeze_panes(1, 1)?;
    for (i, r) in rows.iter().take(shown).enumerate() {
        let row = i as u32 + 1;
        let rule = catalog.get(&r.rule_id);
        let customer = r.customer.as_deref();
        // Every text from the data is written as a string: never a formula.
        let texts: [(u16, String); 11] = [
            (0, r.case_key.clone()),
            (1, r.case_kind.clone()),
            (2, r.advisor.clone()),
            (3, r.branch.clone()),
            (4, r.rule_id.clone()),
            (5, rule.map(|x| x.name_id.clone()).unwrap_or_default()),
            (6, status_word(&r.status).to_string()),
            (7, rule.map(|x| x.sop_text.clone()).unwrap_or_default()),
            (10, r.unit.clone().unwrap_or_default()),
            (11, r.reason.clone().unwrap_or_default()),
            (12, mask_location(&r.evidence, customer)),
        ];
        for (col, text) in texts {
            if !text.is_empty() {
                ws.write_string(row, col, text)?;
            }
        }
        if let Some(m) = r.measured {
            ws.write_number(row, 8, m)?;
        }
        if let Some(l) = r.limit {
            ws.write_number(row, 9, l)?;
        }
        if let Some(e) = &r.excerpt {
            ws.write_string_with_format(row, 13, mask_text(e, customer), &wrap)?;
        }
        ws.write_string(row, 14, &r.fingerprint)?;
        if let Some(d) = &r.decision {
            ws.write_string(row, DECISION_COL, decision_word(d))?;
        }
        if let Some(t) = &r.decision_reason {
            ws.write_string(row, DECISION_COL + 1, t)?;
        }
        if let Some(t) = &r.reviewer {
            ws.write_string(row, DECISION_COL + 2, t)?;
        }
        if let Some(d) = r.decided_on {
            let at = d.and_hms_opt(0, 0, 0).expect("midnight");
            ws.write_number_with_format(row, DECISION_COL + 3, to_excel_serial(at), &date)?;
        }
    }
    let last = (shown as u32).max(1);
    let choice = DataValidation::new()
        .allow_list_strings(&DECISIONS)?
        .set_input_title("Keputusan")?
        .set_input_message(
            "setuju: temuan benar; batal: temuan dibatalkan (tidak dihitung); ubah:pass / ubah:fail / ubah:na: status diganti. Isi juga Alasan dan Peninjau.",
        )?
        .set_error_title("Keputusan tidak dikenal")?
        .set_error_message("Pilih setuju, batal, ubah:pass, ubah:fail atau ubah:na.")?;
    ws.add_data_validation(1, DECISION_COL, last, DECISION_COL, &choice)?;
    let on_date = DataValidation::new()
        .allow_date(rust_xlsxwriter::DataValidationRule::GreaterThan(
            rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?,
        ))
        .set_error_message("Tanggal keputusan, misalnya 2026-01-15.")?;
    ws.add_data_validation(1, DECISION_COL + 3, last, DECISION_COL + 3, &on_date)?;
    if shown > 0 {
        ws.autofilter(0, 0, shown as u32, COLUMNS.len() as u16 - 1)?;
    }
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;

    let help = wb.add_worksheet();
    help.set_name("Petunjuk")?;
    help.set_column_width(0, 110.0)?;
    let scope = match (&sel.advisor, &sel.rule) {
        (Some(a), Some(r)) => format!(" — petugas {a}, aturan {r}"),
        (Some(a), None) => format!(" — petugas {a}"),
        (None, Some(r)) => format!(" — aturan {r}"),
        (None, None) => String::new(),
    };
    let mut lines = vec![
        format!("Tinjauan temuan semester {}{scope}", sel.semester),
        String::new(),
        format!(
            "Lembar Tinjauan memuat {} temuan ({}).",
            shown,
            if sel.include_pass {
                "gagal, tidak diketahui dan lulus"
            } else {
                "gagal dan tidak diketahui"
            }
        ),
        "Isi empat kolom kuning untuk setiap temuan yang ditinjau; baris yang Keputusan-nya kosong tidak diubah.".into(),
        "Keputusan: setuju (temuan benar) · batal (temuan dibatalkan: tidak dihitung lulus maupun gagal) · ubah:pass, ubah:fail, ubah:na (status diganti).".into(),
        "Alasan dan Peninjau wajib diisi; Tanggal boleh kosong (tanggal impor dipakai untuk urutan).".into(),
        "Jangan ubah Kasus, Aturan dan Sidik Bukti: keputusan berlaku hanya selama bukti temuan sama (Sidik Bukti). Bila bukti berubah, keputusan ditandai usang di `patuh check` dan tidak diterapkan.".into(),
        "Setelah diisi: `patuh import review-….xlsx`, lalu `patuh score` dan `patuh report` (atau `patuh run` dengan berkas ini di antara masukan).".into(),
    ];
    if rows.len() > shown {
        lines.push(format!(
            "{} temuan lain melebihi batas baris Excel dan tidak dimuat; ekspor per petugas (--advisor) atau per aturan (--rule).",
            rows.len() - shown
        ));
    }
    for (i, line) in lines.iter().enumerate() {
        help.write_string_with_format(i as u32, 0, line, &wrap)?;
    }
    wb.save(path)?;
    Ok(shown)
}
