//! The sheets of the sample: bookings, work orders, tickets and checklists, in alternating layouts.

use super::*;
use crate::sample::world::ADVISORS_PER_BRANCH;
use chrono::{Offset, TimeZone};

/// A booking's cells in the CSV layouts, the arrival (`slot`) as the layout writes it: one
/// column, or date and time apart.
fn booking_cells(w: &World, b: &crate::sample::world::Booking, slot: Vec<String>) -> Vec<String> {
    let c = &w.customers[b.customer];
    let mut row = vec![
        b.id.clone(),
        text_time(Some(b.created_at)),
        c.name.clone(),
        c.phone_written.clone(),
        c.plate.clone(),
        b.vehicle.unwrap_or("").to_string(),
        b.service.to_string(),
    ];
    row.extend(slot);
    row.extend([
        b.technician.unwrap_or("").to_string(),
        w.advisors[b.advisor].chat_name.clone(),
        b.status.to_string(),
        text_time(b.reminder_at),
    ]);
    row
}

pub(super) fn bookings(
    files: &mut Files,
    w: &World,
    alt: &dyn Fn(&str) -> bool,
    style_b: bool,
) -> Result<()> {
    let mut by_sem: BTreeMap<String, Vec<&crate::sample::world::Booking>> = BTreeMap::new();
    for b in &w.bookings {
        by_sem
            .entry(Sim::semester(b.created_at.date()))
            .or_default()
            .push(b);
    }
    for (sem, list) in by_sem {
        let c = |b: &crate::sample::world::Booking| &w.customers[b.customer];
        if style_b {
            // The second branch: a plain CSV, the arrival date and time in two columns.
            let mut out = String::new();
            csv_line(
                &mut out,
                &[
                    "No. Booking",
                    "Tanggal Booking",
                    "Nama Pelanggan",
                    "No. HP",
                    "Plat",
                    "Jenis Kendaraan",
                    "Keluhan",
                    "Tanggal Servis",
                    "Jam Servis",
                    "Teknisi",
                    "SA",
                    "Status",
                    "Reminder Dikirim",
                ]
                .map(String::from),
                ',',
            );
            for b in &list {
                let slot = |f: &str| b.slot.map(|t| t.format(f).to_string()).unwrap_or_default();
                csv_line(
                    &mut out,
                    &booking_cells(w, b, [slot("%d/%m/%Y"), slot("%H:%M")].into()),
                    ',',
                );
            }
            files.insert(format!("booking/booking_{sem}.csv"), out.into_bytes());
            continue;
        }
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
                csv_line(&mut out, &booking_cells(w, b, vec![text_time(b.slot)]), ';');
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

pub(super) fn work_orders(files: &mut Files, w: &World, alt: &dyn Fn(&str) -> bool) -> Result<()> {
    let mut by_sem: BTreeMap<String, Vec<&crate::sample::world::Job>> = BTreeMap::new();
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

pub(super) fn tickets(files: &mut Files, w: &World, style_b: bool) -> Result<()> {
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
            s(if style_b { "" } else { "Solusi" }),
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
                // The second branch's sheet keeps no solution column.
                s(if style_b {
                    String::new()
                } else {
                    tk.resolution.clone().unwrap_or_default()
                }),
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

    // After-sales claims: a Zendesk-style export with offsets, each in its branch's zone; a
    // group's export names each ticket's branch (a custom field), so import reads each row in
    // its own zone.
    let group = w.advisors.len() > ADVISORS_PER_BRANCH;
    let mut out = String::new();
    let mut header = vec![
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
        "Produk [text]",
        "Mobile phone",
    ];
    if group {
        header.push("Cabang [list]");
    }
    // The second branch's export leaves out the optional fields.
    const OPTIONAL: &[&str] = &[
        "Satisfaction Score",
        "Status Garansi [list]",
        "Produk [text]",
    ];
    let keep: Vec<bool> = header
        .iter()
        .map(|h| !(style_b && OPTIONAL.contains(h)))
        .collect();
    let header: Vec<String> = header
        .into_iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(h, _)| h.to_string())
        .collect();
    csv_line(&mut out, &header, ',');
    for tk in w.tickets.iter().filter(|t| t.id.starts_with("PJL")) {
        let c = &w.customers[tk.customer];
        let (branch, tz) = branch_of_advisor(tk.advisor);
        let z = |v: Option<NaiveDateTime>| {
            v.map(|t| {
                let offset = tz
                    .offset_from_local_datetime(&t)
                    .single()
                    .map_or("+0700".to_string(), |o| {
                        o.fix().to_string().replace(':', "")
                    });
                format!("{} {offset}", t.format("%Y-%m-%d %H:%M:%S"))
            })
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
                tk.product.unwrap_or("").to_string(),
                c.phone_written.clone(),
            ]
            .into_iter()
            .chain(group.then_some(branch))
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(v, _)| v)
            .collect::<Vec<_>>(),
            ',',
        );
    }
    files.insert("tickets/zendesk_purna_jual.csv".into(), out.into_bytes());
    Ok(())
}

pub(super) fn checklists(files: &mut Files, w: &World, alt: &dyn Fn(&str) -> bool) -> Result<()> {
    let mut by_sem: BTreeMap<String, Vec<&crate::sample::world::ChecklistForm>> = BTreeMap::new();
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
            let mut by_month: BTreeMap<String, Vec<&crate::sample::world::ChecklistForm>> =
                BTreeMap::new();
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
