//! No fail from what patuh could not see (issue 11, data coverage): a rule whose column is
//! absent from the export its case's record came from is `unknown` naming the column; with the
//! column present and the cell empty it is a `fail`; the report and `patuh check` list it.

use crate::support::{findings_csv as findings, patuh, run_into, stderr, stdout, tempdir};
use std::collections::BTreeMap;

/// (status, reason) of one rule on one case.
fn verdict(rows: &[BTreeMap<String, String>], key: &str, rule: &str) -> (String, String) {
    rows.iter()
        .find(|f| f["case_key"] == key && f["rule_id"] == rule)
        .map(|f| (f["status"].clone(), f["reason"].clone()))
        .unwrap_or_else(|| panic!("{key} {rule}"))
}

/// Two exports of one kind in two folders: `with/` has the column (its cell empty), `without/`
/// lacks it. Returns the findings of one run over both.
fn run_pair(files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<BTreeMap<String, String>>) {
    let dir = tempdir();
    let inputs = dir.path().join("in");
    for (name, text) in files {
        let path = inputs.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let o = run_into(dir.path(), &inputs);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = findings(&dir.path().join("out"));
    (dir, rows)
}

#[test]
fn after_sales_satisfaction_without_its_column_is_unknown_and_with_an_empty_cell_a_fail() {
    let (dir, rows) = run_pair(&[
        (
            "with/zendesk.csv",
            "Id,Requester,Subject,Ticket type,Created at,Solved at,Satisfaction Score,Status Garansi,Produk,Mobile phone\nPJL-1,Ani,Aki soak,garansi,2025-08-04 10:00:00 +0700,2025-08-06 10:00:00 +0700,,Dalam garansi,Aki,0812-4000-0001\n",
        ),
        (
            "without/zendesk.csv",
            "Id,Requester,Subject,Ticket type,Created at,Solved at,Status Garansi,Produk,Mobile phone\nPJL-2,Budi,Ban benjol,garansi,2025-08-04 10:00:00 +0700,2025-08-06 10:00:00 +0700,Dalam garansi,Ban,0812-4000-0002\n",
        ),
    ]);
    assert_eq!(verdict(&rows, "PJL-1", "PJL-T5.csat").0, "fail");
    assert_eq!(
        verdict(&rows, "PJL-2", "PJL-T5.csat"),
        (
            "unknown".to_string(),
            "data missing: the ticket export has no Kepuasan column".to_string()
        )
    );
    // The coverage table of `patuh check` names the rule and the column.
    let o = patuh(
        dir.path(),
        &[
            "--db",
            dir.path().join("s.duckdb").to_str().unwrap(),
            "--json",
            "check",
        ],
    );
    let check: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let csat = check["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule_id"] == "PJL-T5.csat")
        .expect("PJL-T5.csat in the coverage table");
    assert_eq!(csat["unknown_missing_data"], 1);
    assert_eq!(csat["judged"], 1);
    assert_eq!(csat["missing"], "the ticket export has no Kepuasan column");
    // So does the report's data-quality appendix.
    let html = std::fs::read_to_string(dir.path().join("out/laporan-2025-H2.html")).unwrap();
    let table = html
        .split("id=\"coverage-table\"")
        .nth(1)
        .expect("the coverage table");
    let row = table.split("data-rule=\"PJL-T5.csat\">").nth(1).unwrap();
    assert!(row.contains("the ticket export has no Kepuasan column"));
}

#[test]
fn an_inquiry_without_a_resolution_column_is_unknown_not_undocumented() {
    let (_dir, rows) = run_pair(&[
        (
            "with/inquiry.csv",
            "No. Tiket,Tanggal,Nama Pelanggan,No. HP,Jenis,Prioritas,Pertanyaan,Solusi,Selesai\nINQ-1,04/08/2025 10.00,Ani,0812-4000-0011,umum,sedang,jam buka?,,04/08/2025 11.00\nINQ-3,04/08/2025 10.00,Cici,0812-4000-0013,umum,sedang,harga?,,\n",
        ),
        (
            "without/inquiry.csv",
            "No. Tiket,Tanggal,Nama Pelanggan,No. HP,Jenis,Prioritas,Pertanyaan\nINQ-2,04/08/2025 10.00,Budi,0812-4000-0012,umum,sedang,harga servis?\n",
        ),
    ]);
    // Resolved with the Solusi cell empty: undocumented. Still open: nothing to document yet.
    assert_eq!(verdict(&rows, "INQ-1", "INQ-T6.doc").0, "fail");
    assert_eq!(
        verdict(&rows, "INQ-3", "INQ-T6.doc"),
        ("unknown".to_string(), "not resolved yet".to_string())
    );
    assert_eq!(
        verdict(&rows, "INQ-2", "INQ-T6.doc"),
        (
            "unknown".to_string(),
            "data missing: the ticket export has no Solusi column".to_string()
        )
    );
    // A rule whose columns are all there is judged as before.
    assert_eq!(verdict(&rows, "INQ-2", "INQ-T2.classify").0, "pass");
}

#[test]
fn a_booking_log_without_a_vehicle_type_column_leaves_the_record_rule_unknown() {
    let (_dir, rows) = run_pair(&[
        (
            "with/booking.csv",
            "No. Booking,Tanggal Booking,Nama Pelanggan,No. HP,Plat,Jenis Kendaraan,Keluhan,Jadwal,SA\nB1,04/08/2025 09.00,Ani,0812-4000-0021,BK 1 A,,servis rutin,06/08/2025 10.00,Rina\n",
        ),
        (
            "without/booking.csv",
            "No. Booking,Tanggal Booking,Nama Pelanggan,No. HP,Plat,Keluhan,Jadwal,SA\nB2,04/08/2025 09.00,Budi,0812-4000-0022,BK 2 B,servis rutin,06/08/2025 10.00,Rina\n",
        ),
    ]);
    assert_eq!(verdict(&rows, "B1", "BKG-4.1.3").0, "fail");
    assert_eq!(
        verdict(&rows, "B2", "BKG-4.1.3"),
        (
            "unknown".to_string(),
            "data missing: the booking export has no Jenis Kendaraan column".to_string()
        )
    );
}

/// A claim whose ticket-number deadline lies after the last imported data is open, not failed
/// (PJL-T1.ticket_no had lost its open-at-cut-off branch); one past its deadline still fails.
#[test]
fn a_ticket_number_still_due_at_the_cut_off_is_unknown_and_one_overdue_fails() {
    let (_dir, rows) = run_pair(&[
        (
            "zendesk.csv",
            "Id,Requester,Subject,Ticket type,Created at,Status Garansi,Produk,Mobile phone\nPJL-OLD,Ani,Aki soak,garansi,2025-08-04 09:00:00 +0700,Dalam garansi,Aki,0812-4000-0031\nPJL-NEW,Budi,Ban benjol,garansi,2025-08-05 16:50:00 +0700,Dalam garansi,Ban,0812-4000-0032\n",
        ),
        (
            "WhatsApp Chat with +62 812-4000-0031.txt",
            "04/08/25 09.00 - +62 812-4000-0031: aki yang baru diganti soak mau klaim garansi\n04/08/25 09.05 - GSI: baik kak kami cek dulu ya\n",
        ),
        (
            "WhatsApp Chat with +62 812-4000-0032.txt",
            "05/08/25 16.50 - +62 812-4000-0032: ban benjol mau klaim garansi\n05/08/25 16.52 - GSI: baik kak kami cek dulu ya\n",
        ),
        ("patuh.toml", "[whatsapp]\nbusiness_names = [\"GSI\"]\n"),
    ]);
    assert_eq!(verdict(&rows, "PJL-OLD", "PJL-T1.ticket_no").0, "fail");
    assert_eq!(
        verdict(&rows, "PJL-NEW", "PJL-T1.ticket_no"),
        ("unknown".to_string(), "open at cut-off".to_string())
    );
}

/// A warranty status written in words patuh does not know was recorded but not read: unknown
/// with the word named; an empty status is a fail; a known word is judged.
#[test]
fn an_unread_warranty_status_is_unknown_and_an_empty_one_fails() {
    let (_dir, rows) = run_pair(&[(
        "zendesk.csv",
        "Id,Requester,Subject,Ticket type,Created at,Solved at,Satisfaction Score,Status Garansi,Garansi s/d,Produk,Mobile phone\n\
         PJL-A,Ani,Aki soak,garansi,2025-08-04 10:00:00 +0700,2025-08-06 10:00:00 +0700,5,Klaim diterima sebagian,2026-01-01,Aki,0812-4000-0041\n\
         PJL-B,Budi,Ban benjol,garansi,2025-08-04 10:00:00 +0700,2025-08-06 10:00:00 +0700,5,,2026-01-01,Ban,0812-4000-0042\n\
         PJL-C,Cici,Oli bocor,garansi,2025-08-04 10:00:00 +0700,2025-08-06 10:00:00 +0700,5,Dalam garansi,2026-01-01,Oli,0812-4000-0043\n",
    )]);
    assert_eq!(
        verdict(&rows, "PJL-A", "PJL-T2.warranty"),
        (
            "unknown".to_string(),
            "warranty status \"Klaim diterima sebagian\" is not a known word (rules/vocabulary.toml, warranty_status)".to_string()
        )
    );
    assert_eq!(verdict(&rows, "PJL-B", "PJL-T2.warranty").0, "fail");
    assert_eq!(verdict(&rows, "PJL-C", "PJL-T2.warranty").0, "pass");
}

/// An inquiry whose priority or type is written in words patuh does not know was classified,
/// only not read: unknown naming the words; a missing priority still fails.
#[test]
fn an_unread_ticket_priority_or_type_is_unknown_and_a_missing_one_fails() {
    let (_dir, rows) = run_pair(&[(
        "inquiry.csv",
        "No. Tiket,Tanggal,Nama Pelanggan,No. HP,Jenis,Prioritas,Pertanyaan,Solusi\n\
         INQ-P,04/08/2025 10.00,Ani,0812-4000-0051,umum,P2,jam buka?,dijawab\n\
         INQ-T,04/08/2025 10.00,Budi,0812-4000-0052,Lain-lain,sedang,harga servis?,dijawab\n\
         INQ-E,04/08/2025 10.00,Cici,0812-4000-0053,umum,,promo?,dijawab\n\
         INQ-K,04/08/2025 10.00,Dedi,0812-4000-0054,umum,tinggi,booking?,dijawab\n",
    )]);
    assert_eq!(
        verdict(&rows, "INQ-P", "INQ-T2.classify"),
        (
            "unknown".to_string(),
            "ticket priority \"P2\" is not a known word (rules/vocabulary.toml)".to_string()
        )
    );
    assert_eq!(
        verdict(&rows, "INQ-T", "INQ-T2.classify"),
        (
            "unknown".to_string(),
            "ticket type \"Lain-lain\" is not a known word (rules/vocabulary.toml)".to_string()
        )
    );
    assert_eq!(verdict(&rows, "INQ-E", "INQ-T2.classify").0, "fail");
    assert_eq!(verdict(&rows, "INQ-K", "INQ-T2.classify").0, "pass");
}

#[test]
fn a_job_with_no_whatsapp_export_at_all_is_unknown_and_with_chats_but_none_its_a_fail() {
    let wo = "No. SPK,Plat,Nama Pelanggan,No HP,SA,Teknisi,Status,Waktu\n\
              SPK-1,BK 1 AA,Ani,081200000001,Rina,Joko,Masuk,04/08/2025 08:05\n\
              SPK-1,BK 1 AA,Ani,081200000001,Rina,Joko,Selesai,04/08/2025 15:05\n";
    // Work orders only: nothing shows whether the advisor wrote.
    let (_dir, rows) = run_pair(&[("wo.csv", wo)]);
    assert_eq!(
        verdict(&rows, "SPK-1", "KSP-6.3"),
        (
            "unknown".to_string(),
            "data missing: no WhatsApp export was imported".to_string()
        )
    );
    // Chats imported, none of them this customer's: the job's silence is evidence.
    let (_dir, rows) = run_pair(&[
        ("wo.csv", wo),
        (
            "WhatsApp Chat with +62 812-9999-0001.txt",
            "04/08/25 09.00 - Budi: halo\n04/08/25 09.01 - GSI: halo kak\n",
        ),
        ("patuh.toml", "[whatsapp]\nbusiness_names = [\"GSI\"]\n"),
    ]);
    assert_eq!(verdict(&rows, "SPK-1", "KSP-6.3").0, "fail");
}
