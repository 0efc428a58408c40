//! Writes the simulated world as a branch would export it: layouts alternate between semesters
//! (xlsx with Excel dates and title rows, then CSV with text dates; long then wide work orders;
//! SOP forms then flat checklists), chats as Android `.txt` and iOS `.zip`, plus planted bad rows.

use super::world::{Sim, World, branch, branch_of_advisor, rupiah as rupiah_text};
use super::{Options, Summary};
use crate::error::{Error, Result};
use crate::ingest::sha256_hex;
use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// Rows the generator plants so the importer must quarantine them (and nothing else).
pub const PLANTED_BAD_ROWS: usize = 6;

type Files = BTreeMap<String, Vec<u8>>;

fn xe(e: XlsxError) -> Error {
    Error::Other(format!("writing a sample workbook: {e}"))
}

fn serial(t: NaiveDateTime) -> f64 {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)
        .expect("epoch")
        .and_hms_opt(0, 0, 0)
        .expect("midnight");
    (t - base).num_seconds() as f64 / 86_400.0
}

fn workbook() -> Result<Workbook> {
    let mut wb = Workbook::new();
    // A fixed creation time keeps the bytes the same on every run.
    let when = ExcelDateTime::from_ymd(2025, 1, 1).map_err(xe)?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&when)
            .set_author("patuh sample"),
    );
    Ok(wb)
}

fn cells(ws: &mut Worksheet, row: u32, values: &[Cellv]) -> Result<()> {
    let dt = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    for (c, v) in values.iter().enumerate() {
        let c = c as u16;
        match v {
            Cellv::S(s) if !s.is_empty() => {
                ws.write_string(row, c, s).map_err(xe)?;
            }
            Cellv::S(_) | Cellv::None => {}
            Cellv::N(n) => {
                ws.write_number(row, c, *n).map_err(xe)?;
            }
            Cellv::T(t) => {
                ws.write_number_with_format(row, c, serial(*t), &dt)
                    .map_err(xe)?;
            }
        }
    }
    Ok(())
}

enum Cellv {
    S(String),
    N(f64),
    T(NaiveDateTime),
    None,
}

fn s(v: impl Into<String>) -> Cellv {
    Cellv::S(v.into())
}

fn t(v: Option<NaiveDateTime>) -> Cellv {
    v.map_or(Cellv::None, Cellv::T)
}

fn text_time(v: Option<NaiveDateTime>) -> String {
    v.map(|t| t.format("%d/%m/%Y %H.%M").to_string())
        .unwrap_or_default()
}

fn csv_line(out: &mut String, fields: &[String], sep: char) {
    let line: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains(sep) || f.contains('"') || f.contains('\n') {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect();
    out.push_str(&line.join(&sep.to_string()));
    out.push_str("\r\n");
}

pub fn write_all(out: &Path, w: &World, opts: &Options) -> Result<Summary> {
    let mut files = Files::new();
    let semesters: Vec<String> = {
        let mut v: Vec<String> = w.expected.iter().map(|e| e.semester.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let alt = |sem: &str| semesters.iter().position(|s| s == sem).unwrap_or(0) % 2 == 1;
    roster(&mut files, w)?;
    let texts = opts.style.texts();
    let style_b = opts.style == super::Style::B;
    bookings(&mut files, w, &alt, style_b)?;
    work_orders(&mut files, w, &alt)?;
    tickets(&mut files, w, style_b)?;
    checklists(&mut files, w, &alt)?;
    let chats = chats(&mut files, w, texts.business_name)?;
    // `na` rows are left out to keep the file small: a rule of the case's kind that is not listed
    // for a case does not apply to it. The semester is in every key (`BKG-2503-…` = March 2025).
    let mut expected = String::from("case_kind,case_key,rule_id,expected_status\n");
    for e in w.expected.iter().filter(|e| e.status != "na") {
        let _ = writeln!(
            expected,
            "{},{},{},{}",
            e.case_kind, e.case_key, e.rule_id, e.status
        );
    }
    files.insert("expected_findings.csv".into(), expected.into_bytes());
    files.insert(
        "patuh.toml".into(),
        sample_config(opts.scale, texts).into_bytes(),
    );
    files.insert(".patuhignore".into(), b"# Not inputs: the known answers and the checksum list.\nexpected_findings.csv\nSHA256SUMS\n".to_vec());
    files.insert("README.md".into(), readme(w, opts, &semesters).into_bytes());
    // One line per file, except the chats: one line for all of them (the hash of their
    // per-file lines), which keeps this list small.
    let mut sums = String::new();
    let mut chat_lines = String::new();
    for (name, bytes) in &files {
        let line = format!("{}  {name}\n", sha256_hex(bytes));
        if name.starts_with("whatsapp/") {
            chat_lines.push_str(&line);
        } else {
            sums.push_str(&line);
        }
    }
    let _ = writeln!(sums, "{}  whatsapp/*", sha256_hex(chat_lines.as_bytes()));
    files.insert("SHA256SUMS".into(), sums.into_bytes());

    let mut bytes = 0;
    for (name, data) in &files {
        let path = out.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::write(&path, data).map_err(|e| Error::io(&path, e))?;
        bytes += data.len() as u64;
    }
    Ok(Summary {
        files: files.len(),
        bytes,
        bookings: w.bookings.len(),
        jobs: w.jobs.len(),
        tickets: w.tickets.len(),
        chats,
        expected: w.expected.len(),
        quarantine_planted: PLANTED_BAD_ROWS,
    })
}

fn roster(files: &mut Files, w: &World) -> Result<()> {
    let mut wb = workbook()?;
    let ws = wb.add_worksheet();
    ws.set_name("Petugas").map_err(xe)?;
    cells(
        ws,
        0,
        &[
            s("ID Petugas"),
            s("Nama Lengkap"),
            s("Nama WA"),
            s("Jabatan"),
            s("Cabang"),
            s("Aktif Sejak"),
        ],
    )?;
    for (i, a) in w.advisors.iter().enumerate() {
        cells(
            ws,
            i as u32 + 1,
            &[
                s(&a.id),
                s(&a.name),
                s(&a.chat_name),
                s(a.role),
                s(branch_of_advisor(i).0),
                s("02/01/2024"),
            ],
        )?;
    }
    files.insert(
        "roster/petugas.xlsx".into(),
        wb.save_to_buffer().map_err(xe)?,
    );
    Ok(())
}

fn readme(w: &World, opts: &Options, semesters: &[String]) -> String {
    format!(
        "# sample_data — a simulated year of the Medan branch\n\n\
Written by `patuh sample --out sample_data --seed {seed}` (period {from} to {to}, scale {scale}); the same\n\
command reproduces every byte (`SHA256SUMS`). Names, phones and plates are invented.\n\n\
| what | files |\n|---|---|\n\
| advisor roster ({adv} people: SA, CS, supervisor) | `roster/petugas.xlsx` |\n\
| bookings ({bk}) | `booking/` — an .xlsx with title rows, Excel dates and a total row; a semicolon CSV with BOM and text dates |\n\
| work orders ({jobs}) | `work_orders/` — a long status log (CSV) and a wide sheet (one time column per status, .xlsx) |\n\
| inquiries and after-sales claims ({tk}) | `tickets/inquiry.xlsx` (hand-kept), `tickets/zendesk_purna_jual.csv` (Zendesk export with +0700 offsets) |\n\
| checklist forms | `checklist/` — the SOP form layout (one form per sheet) and flat rows |\n\
| WhatsApp chats ({chats}) | `whatsapp/android/*.txt` (Indonesian Android export), `whatsapp/ios/*.zip` (iOS export with media) |\n\n\
Semesters: {sems}. About one case in five breaks a rule; advisors differ (SA-01 is careful, SA-05\n\
less so, SA-06 gets worse in the second half). `expected_findings.csv` lists, for every case and\n\
every rule the generator controls, the status the scoring stage must reach (pass, fail, advisory,\n\
na, unknown). {bad} rows are planted to be quarantined: three bookings with the date 31/02/2025, two\n\
work-order rows with the unknown status \"Dibengkelin\", one inquiry dated \"kemarin\".\n\
`patuh.toml` names the branch's WhatsApp Business account; `.patuhignore` keeps the answers out of\n\
the import.\n",
        seed = opts.seed,
        from = opts.from,
        to = opts.to,
        scale = opts.scale,
        adv = w.advisors.len(),
        bk = w.bookings.len(),
        jobs = w.jobs.len(),
        tk = w.tickets.len(),
        chats = w.chats.iter().filter(|c| !c.is_empty()).count(),
        sems = semesters.join(", "),
        bad = PLANTED_BAD_ROWS,
    )
}

/// The sample's patuh.toml: the WhatsApp Business account, and with `--scale K` the K branches
/// with their time zones (a case's branch follows its advisor's branch in the roster).
fn sample_config(scale: u32, texts: &super::text::Texts) -> String {
    let mut t = format!(
        "# The sample branch: its WhatsApp Business account name.\n[whatsapp]\nbusiness_names = [\"{}\"]\n",
        texts.business_name
    );
    if scale == 1 && texts.branch != "Medan" {
        let _ = write!(t, "\n[[branch]]\nname = \"{}\"\n", texts.branch);
    }
    if scale > 1 {
        for k in 0..scale as usize {
            let (name, tz) = branch(k);
            let _ = write!(t, "\n[[branch]]\nname = \"{name}\"\ntime_zone = \"{tz}\"\n");
        }
    }
    t
}

mod chats;
mod tables;

use chats::chats;
use tables::{bookings, checklists, tickets, work_orders};
