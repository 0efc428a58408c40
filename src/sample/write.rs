//! Writes the simulated world as a branch would export it: layouts alternate between semesters
//! (xlsx with Excel dates and title rows, then CSV with text dates; long then wide work orders;
//! SOP forms then flat checklists), chats as Android `.txt` and iOS `.zip`, plus planted bad rows.

use super::world::{BUSINESS_NAME, Sim, World, branch_name, rupiah as rupiah_text};
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
    bookings(&mut files, w, &alt)?;
    work_orders(&mut files, w, &alt)?;
    tickets(&mut files, w)?;
    checklists(&mut files, w, &alt)?;
    let chats = chats(&mut files, w)?;
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
    files.insert("patuh.toml".into(), sample_config(opts.scale).into_bytes());
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
                s(branch_name(i / 9)),
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

fn bookings(files: &mut Files, w: &World, alt: &dyn Fn(&str) -> bool) -> Result<()> {
    let mut by_sem: BTreeMap<String, Vec<&super::world::Booking>> = BTreeMap::new();
    for b in &w.bookings {
        by_sem
            .entry(Sim::semester(b.created_at.date()))
            .or_default()
            .push(b);
    }
    for (sem, list) in by_sem {
        let c = |b: &super::world::Booking| &w.customers[b.customer];
        if alt(&sem) {
            // CSV with semicolons and text dates, English/Indonesian headers mixed, planted bad rows.
            let mut out = String::from("\u{feff}");
            csv_line(
                &mut out,
                &[
                    "Kode Booking",
                    "Waktu Pesan",
                    "Customer",
                    "Nomor WhatsApp",
                    "Nopol",
                    "Kendaraan",
                    "Keluhan/Layanan",
                    "Jadwal",
                    "Teknisi",
                    "PIC",
                    "Status",
                    "Pengingat",
                ]
                .map(String::from),
                ';',
            );
            for b in &list {
                csv_line(
                    &mut out,
                    &[
                        b.id.clone(),
                        text_time(Some(b.created_at)),
                        c(b).name.clone(),
                        c(b).phone_written.clone(),
                        c(b).plate.clone(),
                        b.vehicle.unwrap_or("").to_string(),
                        b.service.to_string(),
                        text_time(b.slot),
                        b.technician.unwrap_or("").to_string(),
                        w.advisors[b.advisor].chat_name.clone(),
                        b.status.to_string(),
                        text_time(b.reminder_at),
                    ],
                    ';',
                );
            }
            for k in 1..=3 {
                csv_line(
                    &mut out,
                    &[
                        format!("BKG-SALAH-{k}"),
                        text_time(Some(list[0].created_at)),
                        "Data Rusak".into(),
                        "0812".into(),
                        "BK 1 A".into(),
                        String::new(),
                        String::new(),
                        "31/02/2025 10.00".into(),
                        String::new(),
                        "Rina".into(),
                        "Pending".into(),
                        String::new(),
                    ],
                    ';',
                );
            }
            files.insert(format!("booking/booking_{sem}.csv"), out.into_bytes());
        } else {
            let mut wb = workbook()?;
            let ws = wb.add_worksheet();
            ws.set_name("Rekap Booking").map_err(xe)?;
            cells(ws, 0, &[s("REKAP BOOKING ONLINE - GEMA SEHAT MEDAN")])?;
            cells(ws, 1, &[s(format!("Periode {sem}"))])?;
            cells(
                ws,
                3,
                &[
                    s("No. Booking"),
                    s("Tanggal Booking"),
                    s("Nama Pelanggan"),
                    s("No. HP"),
                    s("Plat"),
                    s("Jenis Kendaraan"),
                    s("Keluhan"),
                    s("Jadwal"),
                    s("Teknisi"),
                    s("SA"),
                    s("Status"),
                    s("Reminder Dikirim"),
                ],
            )?;
            for (i, b) in list.iter().enumerate() {
                cells(
                    ws,
                    i as u32 + 4,
                    &[
                        s(&b.id),
                        Cellv::T(b.created_at),
                        s(&c(b).name),
                        s(&c(b).phone_written),
                        s(&c(b).plate),
                        s(b.vehicle.unwrap_or("")),
                        s(b.service),
                        t(b.slot),
                        s(b.technician.unwrap_or("")),
                        s(&w.advisors[b.advisor].chat_name),
                        s(b.status),
                        t(b.reminder_at),
                    ],
                )?;
            }
            let total = list.len() as u32 + 4;
            cells(ws, total, &[s("Total"), Cellv::N(list.len() as f64)])?;
            files.insert(
                format!("booking/booking_{sem}.xlsx"),
                wb.save_to_buffer().map_err(xe)?,
            );
        }
    }
    Ok(())
}

fn work_orders(files: &mut Files, w: &World, alt: &dyn Fn(&str) -> bool) -> Result<()> {
    let mut by_sem: BTreeMap<String, Vec<&super::world::Job>> = BTreeMap::new();
    for j in &w.jobs {
        by_sem
            .entry(Sim::semester(j.statuses[0].1.date()))
            .or_default()
            .push(j);
    }
    let label = |st: &'static str| -> &'static str {
        match st {
            "masuk" => "Masuk",
            "diagnosa" => "Diagnosa",
            "menunggu_persetujuan" => "Menunggu Persetujuan",
            "dikerjakan" => "Dikerjakan",
            "qc" => "QC",
            "selesai" => "Selesai",
            "diambil" => "Diambil",
            other => other,
        }
    };
    for (sem, list) in by_sem {
        if !alt(&sem) {
            // Long form: a row per status change.
            let mut out = String::new();
            csv_line(
                &mut out,
                &[
                    "No. SPK",
                    "Plat",
                    "Nama Pelanggan",
                    "No HP",
                    "SA",
                    "Teknisi",
                    "Status",
                    "Waktu",
                    "Janji Selesai",
                    "Estimasi Teknisi",
                    "Pekerjaan Tambahan",
                    "Persetujuan",
                    "Total Biaya",
                ]
                .map(String::from),
                ',',
            );
            for j in &list {
                let c = &w.customers[j.customer];
                for (k, (st, at)) in j.statuses.iter().enumerate() {
                    // As in real logs, the work order's details are written once, on its first row.
                    let once = |v: String| if k == 0 { v } else { String::new() };
                    csv_line(
                        &mut out,
                        &[
                            j.wo.clone(),
                            once(c.plate.clone()),
                            once(c.name.clone()),
                            once(j.phone_written.clone()),
                            once(w.advisors[j.advisor].chat_name.clone()),
                            once(j.technician.to_string()),
                            label(st).to_string(),
                            at.format("%d/%m/%Y %H:%M").to_string(),
                            once(text_time(j.promised)),
                            once(text_time(j.technician_estimate_at)),
                            once(j.additional_work.unwrap_or("").to_string()),
                            once(text_time(j.approval_at)),
                            once(format!("Rp {}", rupiah_text(j.total_cost))),
                        ],
                        ',',
                    );
                }
            }
            for j in &list[1..=2] {
                csv_line(
                    &mut out,
                    &[
                        j.wo.clone(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        "Dibengkelin".into(),
                        j.statuses[0].1.format("%d/%m/%Y %H:%M").to_string(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                    ],
                    ',',
                );
            }
            files.insert(
                format!("work_orders/spk_{sem}_log_status.csv"),
                out.into_bytes(),
            );
        } else {
            let mut wb = workbook()?;
            let ws = wb.add_worksheet();
            ws.set_name("SPK").map_err(xe)?;
            cells(
                ws,
                0,
                &[s("LOG STATUS PENGERJAAN"), s(format!("Periode {sem}"))],
            )?;
            let statuses = [
                "masuk",
                "diagnosa",
                "menunggu_persetujuan",
                "dikerjakan",
                "qc",
                "selesai",
                "diambil",
            ];
            let mut header = vec![
                s("No. WO"),
                s("Nopol"),
                s("Nama Customer"),
                s("Telepon"),
                s("Service Advisor"),
                s("Mekanik"),
            ];
            header.extend(
                [
                    "Check-in",
                    "Diagnosa",
                    "Menunggu Persetujuan",
                    "Mulai Dikerjakan",
                    "QC",
                    "Selesai",
                    "Diambil",
                ]
                .map(s),
            );
            header.extend(
                [
                    "Janji Selesai",
                    "Waktu Estimasi Teknisi",
                    "Tambahan",
                    "Disetujui",
                    "Total Biaya",
                ]
                .map(s),
            );
            cells(ws, 1, &header)?;
            for (i, j) in list.iter().enumerate() {
                let c = &w.customers[j.customer];
                let mut row = vec![
                    s(&j.wo),
                    s(&c.plate),
                    s(&c.name),
                    s(&j.phone_written),
                    s(&w.advisors[j.advisor].chat_name),
                    s(j.technician),
                ];
                for st in statuses {
                    row.push(t(j
                        .statuses
                        .iter()
                        .find(|(x, _)| *x == st)
                        .map(|(_, at)| *at)));
                }
                row.extend([
                    t(j.promised),
                    t(j.technician_estimate_at),
                    s(j.additional_work.unwrap_or("tidak")),
                    t(j.approval_at),
                    s(format!("Rp. {},00", rupiah_text(j.total_cost))),
                ]);
                cells(ws, i as u32 + 2, &row)?;
            }
            files.insert(
                format!("work_orders/spk_{sem}.xlsx"),
                wb.save_to_buffer().map_err(xe)?,
            );
        }
    }
    Ok(())
}

fn tickets(files: &mut Files, w: &World) -> Result<()> {
    // Inquiries: the CS team's hand-kept sheet.
    let mut wb = workbook()?;
    let ws = wb.add_worksheet();
    ws.set_name("Inquiry").map_err(xe)?;
    cells(ws, 0, &[s("BUKU INQUIRY PELANGGAN")])?;
    cells(
        ws,
        1,
        &[
            s("No. Tiket"),
            s("Tanggal Masuk"),
            s("Kategori"),
            s("Prioritas"),
            s("Nama Pelanggan"),
            s("No. HP"),
            s("CS"),
            s("Pertanyaan"),
            s("Respon Pertama"),
            s("Eskalasi"),
            s("Diselesaikan"),
            s("Solusi"),
        ],
    )?;
    let mut row = 2;
    for tk in w.tickets.iter().filter(|t| t.id.starts_with("INQ")) {
        let c = &w.customers[tk.customer];
        cells(
            ws,
            row,
            &[
                s(&tk.id),
                Cellv::T(tk.created_at),
                s(tk.kind),
                s(tk.priority.unwrap_or("")),
                s(&c.name),
                s(&c.phone_written),
                s(&w.advisors[tk.advisor].chat_name),
                s(tk.subject.clone().unwrap_or_default()),
                t(tk.first_response_at),
                t(tk.escalated_at),
                t(tk.resolved_at),
                s(tk.resolution.clone().unwrap_or_default()),
            ],
        )?;
        row += 1;
    }
    cells(
        ws,
        row,
        &[
            s("INQ-SALAH-1"),
            s("kemarin"),
            s("umum"),
            s("sedang"),
            s("Tanpa Tanggal"),
        ],
    )?;
    files.insert(
        "tickets/inquiry.xlsx".into(),
        wb.save_to_buffer().map_err(xe)?,
    );

    // After-sales claims: a Zendesk-style export with offsets.
    let mut out = String::new();
    csv_line(
        &mut out,
        &[
            "Id",
            "Requester",
            "Assignee",
            "Subject",
            "Status",
            "Priority",
            "Ticket type",
            "Created at",
            "Solved at",
            "Satisfaction Score",
            "Tanggal Pembelian [date]",
            "Status Garansi [list]",
            "Garansi s/d [date]",
            "Dikirim [date]",
            "No. Resi [text]",
            "Mobile phone",
        ]
        .map(String::from),
        ',',
    );
    for tk in w.tickets.iter().filter(|t| t.id.starts_with("PJL")) {
        let c = &w.customers[tk.customer];
        let z = |v: Option<NaiveDateTime>| {
            v.map(|t| format!("{} +0700", t.format("%Y-%m-%d %H:%M:%S")))
                .unwrap_or_default()
        };
        let d = |v: Option<NaiveDate>| {
            v.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        csv_line(
            &mut out,
            &[
                tk.id.clone(),
                c.name.clone(),
                w.advisors[tk.advisor].chat_name.clone(),
                tk.subject.clone().unwrap_or_default(),
                "solved".into(),
                "high".into(),
                tk.kind.into(),
                z(Some(tk.created_at)),
                z(tk.resolved_at),
                tk.satisfaction.map(|v| v.to_string()).unwrap_or_default(),
                d(tk.purchase_date),
                tk.warranty_status.unwrap_or("").into(),
                d(tk.warranty_until),
                z(tk.shipped_at),
                tk.tracking_no.clone().unwrap_or_default(),
                c.phone_written.clone(),
            ],
            ',',
        );
    }
    files.insert("tickets/zendesk_purna_jual.csv".into(), out.into_bytes());
    Ok(())
}

fn checklists(files: &mut Files, w: &World, alt: &dyn Fn(&str) -> bool) -> Result<()> {
    let mut by_sem: BTreeMap<String, Vec<&super::world::ChecklistForm>> = BTreeMap::new();
    for f in &w.checklists {
        by_sem.entry(Sim::semester(f.date)).or_default().push(f);
    }
    for (sem, all) in by_sem {
        // Paper forms scanned into the SOP layout for the first days of each month of a "form"
        // semester; everything else typed in as flat rows.
        let (list, forms): (Vec<_>, Vec<_>) = all
            .into_iter()
            .partition(|f| alt(&sem) || f.date.format("%d").to_string().as_str() > "04");
        if !list.is_empty() {
            let mut out = String::new();
            csv_line(
                &mut out,
                &[
                    "SOP", "Operator", "Tanggal", "Plat", "No", "Item", "Selesai", "Catatan",
                ]
                .map(String::from),
                ',',
            );
            for f in &list {
                for (i, (item, done, note)) in f.items.iter().enumerate() {
                    csv_line(
                        &mut out,
                        &[
                            f.sop.to_string(),
                            f.operator.clone(),
                            f.date.format("%d/%m/%Y").to_string(),
                            f.plate.clone(),
                            (i + 1).to_string(),
                            item.to_string(),
                            if *done { "✓".into() } else { String::new() },
                            note.clone().unwrap_or_default(),
                        ],
                        ',',
                    );
                }
            }
            files.insert(format!("checklist/checklist_{sem}.csv"), out.into_bytes());
        }
        {
            // The SOP's own form, one filled form per sheet, one workbook per month.
            let mut by_month: BTreeMap<String, Vec<&super::world::ChecklistForm>> = BTreeMap::new();
            for f in forms {
                by_month
                    .entry(f.date.format("%Y-%m").to_string())
                    .or_default()
                    .push(f);
            }
            for (month, forms) in by_month {
                let mut wb = workbook()?;
                for (n, f) in forms.iter().enumerate() {
                    let ws = wb.add_worksheet();
                    ws.set_name(format!("{} {} {}", f.sop, f.date.format("%d%m"), n + 1))
                        .map_err(xe)?;
                    let title = if f.sop == "BKG" {
                        "SOP Booking Online"
                    } else {
                        "SOP Komunikasi Status Pengerjaan"
                    };
                    cells(
                        ws,
                        0,
                        &[s(format!("STANDARD OPERATING PROCEDURE (SOP) - {title}"))],
                    )?;
                    cells(ws, 1, &[s("FORM CHECKLIST")])?;
                    cells(
                        ws,
                        2,
                        &[s("No"), s("Item Pemeriksaan"), s("Selesai"), s("Catatan")],
                    )?;
                    for (i, (item, done, note)) in f.items.iter().enumerate() {
                        cells(
                            ws,
                            i as u32 + 3,
                            &[
                                Cellv::N(i as f64 + 1.0),
                                s(*item),
                                s(if *done { "✓" } else { "" }),
                                s(note.clone().unwrap_or_default()),
                            ],
                        )?;
                    }
                    let base = f.items.len() as u32 + 4;
                    cells(ws, base, &[s("Catatan khusus:")])?;
                    cells(ws, base + 1, &[s("Nama Operator:"), s(&f.operator)])?;
                    cells(
                        ws,
                        base + 2,
                        &[
                            s("Tanggal Pengerjaan:"),
                            s(f.date.format("%d/%m/%Y").to_string()),
                        ],
                    )?;
                    cells(ws, base + 3, &[s("Plat Nomor Kendaraan:"), s(&f.plate)])?;
                }
                files.insert(
                    format!("checklist/form_checklist_{month}.xlsx"),
                    wb.save_to_buffer().map_err(xe)?,
                );
            }
        }
    }
    Ok(())
}

/// `+62 812-3456-7890`, as WhatsApp shows an unsaved number.
fn shown_number(e164: &str) -> String {
    let d = &e164[3..];
    format!("+62 {}-{}-{}", &d[..3], &d[3..7], &d[7..])
}

fn chats(files: &mut Files, w: &World) -> Result<usize> {
    let mut n = 0;
    for (i, msgs) in w.chats.iter().enumerate() {
        if msgs.is_empty() {
            continue;
        }
        n += 1;
        let c = &w.customers[i];
        let mut contact = if c.saved {
            c.name.clone()
        } else {
            shown_number(&c.phone_e164)
        };
        if c.saved && i % 3 == 0 {
            contact = format!("{} {}", c.name, c.plate);
        }
        let ios = i % 10 == 3 || i % 10 == 7;
        let mut text = String::new();
        let first = msgs[0].at;
        // The encryption notice opens an export only when the phone still holds the chat's start.
        let notice = i % 10 == 0 || i % 10 == 3;
        if !notice {
        } else if ios {
            let _ = write!(
                text,
                "[{}] {contact}: \u{200e}Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini, termasuk WhatsApp, yang dapat membaca atau mendengarkannya.\r\n",
                first.format("%d/%m/%y %H.%M.%S")
            );
        } else {
            let _ = writeln!(
                text,
                "{} - Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini, termasuk WhatsApp, yang dapat membaca atau mendengarkannya.",
                first.format("%d/%m/%y %H.%M")
            );
        }
        for m in msgs {
            let who = if m.from_customer {
                contact.as_str()
            } else {
                BUSINESS_NAME
            };
            if ios {
                let body = m.text.replace('\n', "\r\n").replace(
                    "<Media tidak disertakan>",
                    "\u{200e}gambar tidak disertakan",
                );
                let _ = write!(
                    text,
                    "[{}] {who}: {body}\r\n",
                    m.at.format("%d/%m/%y %H.%M.%S")
                );
            } else {
                let _ = writeln!(
                    text,
                    "{} - {who}: {}",
                    m.at.format("%d/%m/%y %H.%M"),
                    m.text
                );
            }
        }
        let mut safe = contact.replace(['/', '\\', ':'], "-");
        // Two customers saved under the same name: the phone keeps two files, as WhatsApp does.
        let mut k = 2;
        while files.contains_key(&format!("whatsapp/android/Chat WhatsApp dengan {safe}.txt"))
            || files.contains_key(&format!("whatsapp/ios/WhatsApp Chat - {safe}.zip"))
        {
            safe = format!("{} ({k})", contact.replace(['/', '\\', ':'], "-"));
            k += 1;
        }
        if ios {
            let mut buf = std::io::Cursor::new(Vec::new());
            {
                let mut z = zip::ZipWriter::new(&mut buf);
                let opts = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated)
                    .last_modified_time(zip::DateTime::default());
                z.start_file("_chat.txt", opts)
                    .map_err(|e| Error::Other(format!("writing a sample zip: {e}")))?;
                z.write_all(text.as_bytes())
                    .map_err(|e| Error::Other(format!("writing a sample zip: {e}")))?;
                z.finish()
                    .map_err(|e| Error::Other(format!("writing a sample zip: {e}")))?;
            }
            files.insert(
                format!("whatsapp/ios/WhatsApp Chat - {safe}.zip"),
                buf.into_inner(),
            );
        } else {
            files.insert(
                format!("whatsapp/android/Chat WhatsApp dengan {safe}.txt"),
                text.into_bytes(),
            );
        }
    }
    Ok(n)
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
/// (a case's branch follows its advisor's branch in the roster).
fn sample_config(scale: u32) -> String {
    let mut t = format!(
        "# The sample branch: its WhatsApp Business account name.\n[whatsapp]\nbusiness_names = [\"{BUSINESS_NAME}\"]\n"
    );
    if scale > 1 {
        for k in 0..scale as usize {
            let _ = write!(t, "\n[[branch]]\nname = \"{}\"\n", branch_name(k));
        }
    }
    t
}
