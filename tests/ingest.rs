//! Import: every layout and quirk of the fixtures, asserting the values loaded, not just counts.

use crate::support::{patuh, stderr, stdout, tempdir};
use patuh::config::Config;
use patuh::ingest::batch::{BatchResult, NoProgress, import};
use patuh::ingest::collect_inputs;
use patuh::ingest::load::{FileReport, Status};
use patuh::store::Store;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn import_into(store: &mut Store, paths: &[PathBuf]) -> BatchResult {
    let (inputs, _) = collect_inputs(paths).unwrap();
    import(store, &Config::defaults(), &inputs, None, &NoProgress).unwrap()
}

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempdir();
    let store = Store::open(&dir.path().join("p.duckdb")).unwrap();
    (dir, store)
}

fn report<'a>(batch: &'a BatchResult, name: &str) -> &'a FileReport {
    batch
        .files
        .iter()
        .find(|f| f.path.ends_with(name))
        .unwrap_or_else(|| panic!("no report for {name}"))
}

fn one<T: duckdb::types::FromSql>(store: &Store, sql: &str) -> T {
    store
        .conn()
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[test]
fn booking_workbook_with_title_rows_excel_dates_and_bad_rows() {
    let (_d, mut store) = fresh();
    let batch = import_into(&mut store, &[fixture("booking/booking_log.xlsx")]);
    let r = report(&batch, "booking_log.xlsx");
    assert_eq!(r.status, Status::Loaded, "{r:?}");
    assert_eq!(
        (
            r.rows_read,
            r.rows_loaded,
            r.rows_quarantined,
            r.rows_skipped
        ),
        (6, 3, 1, 2)
    );
    assert!(
        r.warnings.iter().any(|w| w.contains("\"Catatan\"")),
        "{:?}",
        r.warnings
    );
    // An Excel date-time cell, a date cell plus a time cell.
    let created: String = one(
        &store,
        "select strftime(created_at, '%Y-%m-%d %H:%M') from raw_booking where booking_id = 'BKG-0801'",
    );
    assert_eq!(created, "2025-08-04 09:15");
    let slot: String = one(
        &store,
        "select strftime(slot, '%Y-%m-%d %H:%M') from raw_booking where booking_id = 'BKG-0801'",
    );
    assert_eq!(slot, "2025-08-06 10:00");
    // Text date with an Indonesian month name and a dotted time in separate columns.
    let slot: String = one(
        &store,
        "select strftime(slot, '%Y-%m-%d %H:%M') from raw_booking where booking_id = 'BKG-0804'",
    );
    assert_eq!(slot, "2025-08-12 13:30");
    // Phones to E.164, plates to display form; the raw text kept beside.
    let (phone, raw): (String, String) = store
        .conn()
        .query_row(
            "select phone, phone_raw from raw_booking where booking_id = 'BKG-0801'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (phone.as_str(), raw.as_str()),
        ("+628123456789", "0812-3456-789")
    );
    assert_eq!(
        one::<String>(
            &store,
            "select phone from raw_booking where booking_id = 'BKG-0802'"
        ),
        "+6281298765432"
    );
    assert_eq!(
        one::<String>(
            &store,
            "select phone from raw_booking where booking_id = 'BKG-0804'"
        ),
        "+62811222333"
    );
    assert_eq!(
        one::<String>(
            &store,
            "select plate from raw_booking where booking_id = 'BKG-0801'"
        ),
        "BK 1234 ABC"
    );
    assert_eq!(
        one::<String>(
            &store,
            "select status from raw_booking where booking_id = 'BKG-0804'"
        ),
        "no_show"
    );
    // Extra columns kept as JSON, not lost.
    assert_eq!(
        one::<String>(
            &store,
            "select extra from raw_booking where booking_id = 'BKG-0801'"
        ),
        r#"{"Kode Promo":"AGUSTUS25"}"#
    );
    // The quarantined row names sheet, row, column and value.
    let (sheet, row, reason): (String, i64, String) = store
        .conn()
        .query_row("select sheet, row_no, reason from quarantine", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((sheet.as_str(), row), ("Rekap Booking", 8));
    assert_eq!(
        reason,
        "row 8: Tanggal Kedatangan \"31/02/2025\" is not a date"
    );
    // Provenance: every raw row names its file, sheet and row.
    let row: i64 = one(
        &store,
        "select row_no from raw_booking where booking_id = 'BKG-0804'",
    );
    assert_eq!(row, 9);
}

#[test]
fn booking_csv_with_bom_semicolons_and_text_dates() {
    let (_d, mut store) = fresh();
    let batch = import_into(&mut store, &[fixture("booking/booking_semicolon_bom.csv")]);
    let r = report(&batch, "booking_semicolon_bom.csv");
    assert_eq!(
        (
            r.rows_read,
            r.rows_loaded,
            r.rows_quarantined,
            r.rows_skipped
        ),
        (5, 3, 1, 1),
        "{r:?}"
    );
    let q: String = one(&store, "select reason from quarantine");
    assert_eq!(q, "row 7: Waktu Pesan is empty (required)");
    let t = |id: &str, col: &str| -> String {
        one(
            &store,
            &format!(
                "select strftime({col}, '%Y-%m-%d %H:%M') from raw_booking where booking_id = '{id}'"
            ),
        )
    };
    assert_eq!(t("BK-2001", "created_at"), "2025-04-22 09:15");
    assert_eq!(t("BK-2002", "created_at"), "2025-04-22 13:40");
    assert_eq!(t("BK-2002", "slot"), "2025-04-28 09:00");
    assert_eq!(t("BK-2003", "slot"), "2025-04-24 00:00");
    assert_eq!(t("BK-2001", "reminder_sent_at"), "2025-04-22 16:00");
    assert_eq!(
        one::<String>(
            &store,
            "select plate from raw_booking where booking_id = 'BK-2001'"
        ),
        "BK 1234 ABC"
    );
    assert_eq!(
        one::<String>(
            &store,
            "select plate from raw_booking where booking_id = 'BK-2002'"
        ),
        "B 1234 XYZ"
    );
    // A Medan landline keeps its area code.
    assert_eq!(
        one::<String>(
            &store,
            "select phone from raw_booking where booking_id = 'BK-2003'"
        ),
        "+62614567890"
    );
    assert_eq!(
        one::<String>(
            &store,
            "select status from raw_booking where booking_id = 'BK-2003'"
        ),
        "rescheduled"
    );
}

#[test]
fn month_first_windows_1252_csv() {
    let (_d, mut store) = fresh();
    import_into(&mut store, &[fixture("booking/booking_mdy_win1252.csv")]);
    let created: String = one(
        &store,
        "select strftime(created_at, '%Y-%m-%d %H:%M') from raw_booking where booking_id = 'EN-2'",
    );
    assert_eq!(created, "2025-04-02 16:45");
    let name: String = one(
        &store,
        "select customer_name from raw_booking where booking_id = 'EN-1'",
    );
    assert_eq!(name, "José Café");
    assert_eq!(
        one::<String>(
            &store,
            "select status from raw_booking where booking_id = 'EN-1'"
        ),
        "arrived"
    );
}

#[test]
fn work_orders_long_and_wide() {
    let (_d, mut store) = fresh();
    let batch = import_into(
        &mut store,
        &[
            fixture("work_orders/wo_long.csv"),
            fixture("work_orders/wo_wide.xlsx"),
        ],
    );
    let long = report(&batch, "wo_long.csv");
    assert_eq!(long.layout.as_deref(), Some("long"));
    assert_eq!(
        (long.rows_read, long.rows_loaded, long.rows_quarantined),
        (9, 8, 1)
    );
    let reason: String = one(&store, "select reason from quarantine where row_no = 9");
    assert!(
        reason.starts_with("row 9: Status \"Dibengkelin\" is not a known work-order status"),
        "{reason}"
    );
    let statuses: String = one(
        &store,
        "select string_agg(status, ',' order by status_at) from raw_work_order_status where work_order = 'SPK-101'",
    );
    assert_eq!(statuses, "masuk,diagnosa,dikerjakan,qc,selesai");

    let wide = report(&batch, "wo_wide.xlsx");
    assert_eq!(wide.layout.as_deref(), Some("wide"));
    assert_eq!(
        (wide.rows_read, wide.rows_loaded, wide.rows_quarantined),
        (3, 2, 1)
    );
    let qc: String = one(
        &store,
        "select strftime(status_at, '%Y-%m-%d %H:%M') from raw_work_order_status where work_order = 'WO-201' and status = 'qc'",
    );
    assert_eq!(qc, "2025-08-07 15:50");
    assert_eq!(
        one::<i64>(
            &store,
            "select total_cost from raw_work_order where work_order = 'WO-201'"
        ),
        1_250_000
    );
    assert_eq!(
        one::<i64>(
            &store,
            "select total_cost from raw_work_order where work_order = 'WO-202'"
        ),
        850_000
    );
    assert_eq!(
        one::<i64>(
            &store,
            "select count(*) from raw_work_order_status where work_order = 'WO-202'"
        ),
        2
    );
}

#[test]
fn tickets_from_zendesk_freshdesk_and_a_hand_kept_ods() {
    let (_d, mut store) = fresh();
    let batch = import_into(&mut store, &[fixture("tickets")]);
    assert_eq!(
        report(&batch, "zendesk_export.csv").layout.as_deref(),
        Some("zendesk")
    );
    assert_eq!(
        report(&batch, "freshdesk_export.csv").layout.as_deref(),
        Some("freshdesk")
    );
    // An offset timestamp converted to Medan time (UTC 02:10 is 09:10 WIB).
    let created: String = one(
        &store,
        "select strftime(created_at, '%Y-%m-%d %H:%M') from raw_ticket where ticket_id = '5013'",
    );
    assert_eq!(created, "2025-08-05 09:10");
    // Zendesk's first reply is a business-hours duration: 10 min on Monday, 15 on Tuesday.
    let (minutes, clock, at): (f64, String, String) = store.conn().query_row("select first_response_minutes, first_response_clock, strftime(first_response_at, '%Y-%m-%d %H:%M') from raw_ticket where ticket_id = '5012'", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    assert_eq!(
        (minutes, clock.as_str(), at.as_str()),
        (25.0, "business", "2025-08-05 08:15")
    );
    assert_eq!(
        one::<String>(
            &store,
            "select type from raw_ticket where ticket_id = '5012'"
        ),
        "komplain"
    );
    assert!(
        one::<String>(
            &store,
            "select extra from raw_ticket where ticket_id = '5012'"
        )
        .contains("\"Kategori [list]\":\"komplain\"")
    );
    // Freshdesk's HH:MM:SS hours.
    assert_eq!(
        one::<f64>(
            &store,
            "select first_response_minutes from raw_ticket where ticket_id = 'FD-77'"
        ),
        45.0
    );
    assert_eq!(
        one::<String>(
            &store,
            "select type from raw_ticket where ticket_id = 'FD-77'"
        ),
        "teknis"
    );
    // The .ods sheet: an after-sales claim with its warranty dates; a bad row quarantined.
    assert_eq!(
        one::<String>(
            &store,
            "select type from raw_ticket where ticket_id = 'PJ-001'"
        ),
        "aftersales"
    );
    assert_eq!(
        one::<String>(
            &store,
            "select strftime(warranty_until, '%Y-%m-%d') from raw_ticket where ticket_id = 'PJ-001'"
        ),
        "2026-07-20"
    );
    let reason: String = one(
        &store,
        "select reason from quarantine q join import_file f using (file_id) where f.display_path like '%.ods'",
    );
    assert_eq!(
        reason,
        "row 4: Tanggal Masuk \"kemarin sore\" is not a date"
    );
}

#[test]
fn checklist_forms_one_per_sheet_and_flat_rows() {
    let (_d, mut store) = fresh();
    let batch = import_into(&mut store, &[fixture("checklist")]);
    let forms = report(&batch, "checklist_forms.xlsx");
    assert_eq!(forms.layout.as_deref(), Some("sop_form"));
    assert_eq!(forms.rows_loaded, 10);
    let ticks: String = one(
        &store,
        "select string_agg(case when done then '1' else '0' end, '' order by item_no) from raw_checklist_item where sheet = 'BKG 06-08'",
    );
    assert_eq!(ticks, "1111100");
    let (op, date, plate, sop): (String, String, String, String) = store.conn().query_row("select operator, strftime(work_date, '%Y-%m-%d'), plate, sop from raw_checklist_item where sheet = 'KSP 07-08' and item_no = 2", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap();
    assert_eq!(
        (op.as_str(), date.as_str(), plate.as_str(), sop.as_str()),
        ("Dewi", "2025-08-07", "BK 2345 CD", "KSP")
    );
    let note: String = one(
        &store,
        "select note from raw_checklist_item where sheet = 'BKG 06-08' and item_no = 7",
    );
    assert_eq!(note, "pelanggan datang langsung");
    let flat = report(&batch, "checklist_flat.xls");
    assert_eq!((flat.rows_loaded, flat.rows_quarantined), (3, 1));
    assert!(!one::<bool>(
        &store,
        "select done from raw_checklist_item where sop = 'FUT' and item_no = 3"
    ));
}

#[test]
fn whatsapp_android_and_ios_zip_with_sides_from_the_roster() {
    let (_d, mut store) = fresh();
    let batch = import_into(&mut store, &[fixture("roster"), fixture("whatsapp")]);
    assert!(
        batch.files.iter().all(|f| f.status == Status::Loaded),
        "{:?}",
        batch.files
    );
    let chat = "Chat WhatsApp dengan Budi BK 1234 ABC";
    // A multi-line message joined; business side from the roster's chat names.
    let (text, side, line): (String, String, i64) = store.conn().query_row(&format!("select text, sender_side, row_no from raw_message where chat = '{chat}' and row_no = 2"), [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    assert_eq!(
        text,
        "Selamat pagi pak, sy mau booking servis utk besok bisa?\nMobil avanza, ganti oli sama cek rem"
    );
    assert_eq!((side.as_str(), line), ("customer", 2));
    assert_eq!(
        one::<String>(
            &store,
            &format!("select sender_side from raw_message where chat = '{chat}' and row_no = 4")
        ),
        "business"
    );
    assert_eq!(
        one::<String>(
            &store,
            &format!("select sender_side from raw_message where chat = '{chat}' and row_no = 1")
        ),
        "system"
    );
    assert_eq!(
        one::<String>(
            &store,
            &format!("select media from raw_message where chat = '{chat}' and row_no = 5")
        ),
        "media"
    );
    assert!(one::<bool>(
        &store,
        &format!("select deleted from raw_message where chat = '{chat}' and row_no = 6")
    ));
    let (edited, text): (bool, String) = store
        .conn()
        .query_row(
            &format!("select edited, text from raw_message where chat = '{chat}' and row_no = 7"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(edited);
    assert_eq!(
        text,
        "Baik Pak, booking terkonfirmasi Sabtu 23/08 jam 10.00"
    );
    // The plate comes from the file (contact) name.
    assert_eq!(
        one::<String>(
            &store,
            &format!("select any_value(chat_plate) from raw_message where chat = '{chat}'")
        ),
        "BK 1234 ABC"
    );
    let at: String = one(
        &store,
        &format!(
            "select strftime(sent_at, '%Y-%m-%d %H:%M') from raw_message where chat = '{chat}' and row_no = 8"
        ),
    );
    assert_eq!(at, "2025-08-23 16:59");
    // iOS zip: seconds, LRM marks, the customer's phone from the file name.
    let zip = "WhatsApp Chat - +62 812-7777-8888";
    let (sheet, phone, text): (String, String, String) = store.conn().query_row(&format!("select sheet, customer_phone, text from raw_message where chat = '{zip}' and row_no = 3"), [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    assert_eq!(
        (sheet.as_str(), phone.as_str()),
        ("_chat.txt", "+6281277778888")
    );
    assert_eq!(text, "Mobil sy bunyi kasar\nkalau direm");
    assert_eq!(
        one::<String>(
            &store,
            &format!("select media from raw_message where chat = '{zip}' and row_no = 2")
        ),
        "photo"
    );
    assert_eq!(
        one::<String>(
            &store,
            &format!(
                "select strftime(sent_at, '%H:%M:%S') from raw_message where chat = '{zip}' and row_no = 1"
            )
        ),
        "08:01:02"
    );
}

#[test]
fn a_file_of_no_known_kind_is_reported_and_the_others_still_load() {
    let (_d, mut store) = fresh();
    let batch = import_into(
        &mut store,
        &[
            fixture("unknown/stok_gudang.csv"),
            fixture("roster/roster.xlsx"),
        ],
    );
    let bad = report(&batch, "stok_gudang.csv");
    assert_eq!(bad.status, Status::Failed);
    assert!(
        bad.warnings[0].contains("matches no known kind"),
        "{:?}",
        bad.warnings
    );
    assert_eq!(report(&batch, "roster.xlsx").rows_loaded, 3);
    assert_eq!(one::<i64>(&store, "select count(*) from import_file"), 1);
}

#[test]
fn importing_the_same_folder_twice_changes_nothing() {
    let (_d, mut store) = fresh();
    let first = import_into(&mut store, &[fixture("booking"), fixture("whatsapp")]);
    let counts = |s: &Store| -> (i64, i64, i64) {
        (
            one(s, "select count(*) from raw_booking"),
            one(s, "select count(*) from raw_message"),
            one(s, "select count(*) from quarantine"),
        )
    };
    let before = counts(&store);
    let second = import_into(&mut store, &[fixture("booking"), fixture("whatsapp")]);
    assert_eq!(counts(&store), before);
    assert!(
        second
            .files
            .iter()
            .all(|f| f.status == Status::Unchanged && f.rows_loaded == 0),
        "{:?}",
        second.files
    );
    assert_eq!(first.files.len(), second.files.len());
}

#[test]
fn a_changed_file_replaces_its_earlier_rows() {
    let (dir, mut store) = fresh();
    let path = dir.path().join("roster.csv");
    std::fs::write(&path, "ID,Nama,Jabatan\nSA-01,Rina,SA\nSA-02,Dewi,SA\n").unwrap();
    import_into(&mut store, std::slice::from_ref(&path));
    std::fs::write(&path, "ID,Nama,Jabatan\nSA-01,Rina,SA\n").unwrap();
    let batch = import_into(&mut store, std::slice::from_ref(&path));
    assert_eq!(batch.files[0].status, Status::Replaced);
    assert_eq!(one::<i64>(&store, "select count(*) from raw_advisor"), 1);
    assert_eq!(one::<i64>(&store, "select count(*) from import_file"), 1);
}

#[test]
fn every_real_whatsapp_export_parses() {
    let Some(shared) = crate::support::shared_dir() else {
        return;
    };
    let dir = shared.join("real_formats/whatsapp");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = patuh::ingest::table::decode_text(&bytes);
        assert!(
            patuh::ingest::whatsapp::looks_like_whatsapp(&text),
            "{} not recognised",
            path.display()
        );
        let chat = patuh::ingest::whatsapp::parse(&text, None);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert!(chat.bad_lines.is_empty(), "{name}: {:?}", chat.bad_lines);
        assert!(chat.messages.len() >= 3, "{name}");
        // Every line is either a header or belongs to the message above it.
        let body_lines: usize = chat
            .messages
            .iter()
            .map(|m| m.text.lines().count().max(1))
            .sum();
        assert!(body_lines <= chat.lines, "{name}");
        seen += 1;
    }
    assert_eq!(seen, 11);
}

fn real(name: &str) -> Option<patuh::ingest::whatsapp::Chat> {
    let shared = crate::support::shared_dir()?;
    let bytes = std::fs::read(shared.join("real_formats/whatsapp").join(name)).unwrap();
    Some(patuh::ingest::whatsapp::parse(
        &patuh::ingest::table::decode_text(&bytes),
        None,
    ))
}

#[test]
fn real_exports_keep_their_quirks() {
    use patuh::values::DayMonth;
    let Some(ios_id) = real("ios_id_mdyy_dotted_time_crlf.txt") else {
        return;
    };
    assert_eq!(ios_id.day_month, DayMonth::MonthFirst);
    assert_eq!(ios_id.layout, "ios");
    assert!(
        ios_id.messages[0].system,
        "iOS puts the encryption notice under the contact"
    );
    assert_eq!(
        ios_id.messages[1]
            .at
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
        "2022-03-27 21:41:35"
    );
    assert_eq!(ios_id.messages[2].media, Some("photo"));
    assert!(ios_id.messages.iter().any(|m| m.deleted));

    let ampm = real("ios_business_ddmmyyyy_12h_nnbsp.txt").unwrap();
    assert_eq!(
        ampm.messages[0].at.format("%Y-%m-%d %H:%M:%S").to_string(),
        "2025-11-13 12:25:55"
    );
    assert_eq!(
        ampm.messages[2].at.format("%H:%M:%S").to_string(),
        "09:09:43"
    );
    assert!(ampm.messages[0].system);
    assert_eq!(ampm.messages[1].text, "");

    let es = real("android_mmddyyyy_12h_ampm_dotted.txt").unwrap();
    assert_eq!(
        es.messages[2].at.format("%Y-%m-%d %H:%M").to_string(),
        "2019-01-30 20:49"
    );
    assert_eq!(
        es.messages[2].text,
        "Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero."
    );
    assert_eq!(es.messages[1].text, ".");

    let de = real("android_de_ddmmyy_24h_bom_lines.txt").unwrap();
    assert_eq!(de.day_month, DayMonth::DayFirst);
    assert_eq!(de.messages[3].sender.as_deref(), Some("Mallory"));

    let group = real("android_idgroup_mdyy_24h_multiline.txt").unwrap();
    assert_eq!(group.day_month, DayMonth::MonthFirst);
    assert!(group.messages[0].system);
    assert_eq!(group.messages[2].sender.as_deref(), Some("+62 8xx-xxx-x09"));

    let fi = real("mixed_dotted_time_fi.txt").unwrap();
    assert_eq!(fi.messages.len(), 3);
    assert_eq!(fi.messages[1].sender.as_deref(), Some("Laura"));
}

#[test]
fn import_prints_json_and_reports_unchanged_on_reimport() {
    let dir = tempdir();
    let roster = fixture("roster/roster.xlsx");
    let args = ["--json", "import", roster.to_str().unwrap()];
    let out = patuh(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let f = &v["files"][0];
    assert_eq!(f["kind"], "roster");
    assert_eq!(f["status"], "loaded");
    assert_eq!(f["rows_loaded"], 3);
    assert_eq!(f["sha256"].as_str().unwrap().len(), 64);
    let again: serde_json::Value =
        serde_json::from_str(&stdout(&patuh(dir.path(), &args))).unwrap();
    assert_eq!(again["files"][0]["status"], "unchanged");
    assert_eq!(
        again["files"][0]["kind"], "roster",
        "an unchanged file still says what it is"
    );
    assert_eq!(again["files"][0]["rows_loaded"], 0);
}

#[test]
fn a_failed_file_makes_import_exit_2_after_loading_the_rest() {
    let dir = tempdir();
    let out = patuh(
        dir.path(),
        &[
            "import",
            fixture("unknown").to_str().unwrap(),
            fixture("roster").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("1 of 2 files could not be imported"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("roster"), "{}", stdout(&out));
    let check = patuh(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn killing_an_import_leaves_no_partial_file() {
    let dir = tempdir();
    // A big chat so the kill lands mid-import.
    let mut text = String::new();
    for i in 0..200_000u32 {
        text.push_str(&format!(
            "22/08/25 {:02}.{:02} - Pelanggan: pesan nomor {i}\n",
            8 + (i / 60) % 9,
            i % 60
        ));
    }
    // Eight different files (the same content twice would be loaded once, as a duplicate).
    for n in 0..8 {
        let first = format!("22/08/25 07.00 - Pelanggan: berkas {n}\n");
        std::fs::write(dir.path().join(format!("chat{n}.txt")), first + &text).unwrap();
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_patuh"))
        .args(["--quiet", "import", "."])
        .current_dir(dir.path())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1000));
    let _ = child.kill();
    let _ = child.wait();
    let store = Store::open(&dir.path().join("patuh.duckdb")).unwrap();
    // Every file in the ledger is complete; no message belongs to a file not in the ledger.
    let partial: i64 = one(
        &store,
        "select count(*) from import_file f where rows_loaded <> (select count(*) from raw_message m where m.file_id = f.file_id)",
    );
    let orphans: i64 = one(
        &store,
        "select count(*) from raw_message where file_id not in (select file_id from import_file)",
    );
    assert_eq!((partial, orphans), (0, 0));
    // The kill landed mid-import (the whole import takes several seconds here).
    let files: i64 = one(&store, "select count(*) from import_file");
    assert!(
        files < 8,
        "all {files} files were in before the kill: the test needs more data"
    );
    drop(store);
    // Importing again completes the job.
    let out = patuh(dir.path(), &["--quiet", "import", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let store = Store::open(&dir.path().join("patuh.duckdb")).unwrap();
    assert_eq!(
        one::<i64>(&store, "select count(*) from raw_message"),
        1_600_008
    );
}

#[test]
fn collect_inputs_skips_hidden_ignored_and_other_files() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::write(d.join("a.csv"), "x").unwrap();
    std::fs::write(d.join("notes.md"), "x").unwrap();
    std::fs::write(d.join(".hidden.csv"), "x").unwrap();
    std::fs::write(d.join("expected.csv"), "x").unwrap();
    std::fs::write(d.join(".patuhignore"), "expected.csv\n").unwrap();
    let (files, ignored) = collect_inputs(&[d.to_path_buf()]).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            Path::new(&f.display)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .collect();
    assert_eq!(names, ["a.csv"]);
    assert_eq!(ignored, 1);
}

#[test]
fn check_lists_quarantined_rows_and_advisor_names_the_roster_lacks() {
    let dir = tempdir();
    let paths = [
        fixture("roster"),
        fixture("booking/booking_log.xlsx"),
        fixture("work_orders/wo_wide.xlsx"),
    ];
    let mut args = vec!["--quiet", "import"];
    let owned: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    args.extend(owned.iter().map(String::as_str));
    assert_eq!(patuh(dir.path(), &args).status.code(), Some(0));
    let out = patuh(dir.path(), &["--json", "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let q = v["quarantined"].as_array().unwrap();
    assert_eq!(q.len(), 2);
    assert!(q.iter().any(|r| r["reason"]
        == "row 8: Tanggal Kedatangan \"31/02/2025\" is not a date"
        && r["sheet"] == "Rekap Booking"));
    // "Rina" and "Dewi" are chat names in the roster; "Rina" of the work orders too. None unknown
    // but the SA of a row whose name is not in the roster would be listed.
    let unknown: Vec<&str> = v["unknown_advisors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");
    std::fs::write(
        dir.path().join("extra.csv"),
        "No. Booking,Tanggal Booking,SA\nX-1,01/08/2025 09.00,Bambang\n",
    )
    .unwrap();
    assert_eq!(
        patuh(dir.path(), &["--quiet", "import", "extra.csv"])
            .status
            .code(),
        Some(0)
    );
    let text = stdout(&patuh(dir.path(), &["check"]));
    assert!(
        text.contains("1 advisor names match no roster name") && text.contains("Bambang"),
        "{text}"
    );
}

#[test]
fn without_names_the_sender_in_most_chat_files_is_the_business_and_the_summary_says_so() {
    let (_d, mut store) = fresh();
    let batch = import_into(&mut store, &[fixture("whatsapp")]);
    assert!(
        batch
            .notes
            .iter()
            .any(|n| n.contains("\"Rina GSI\" (in 2 of 2 chat files)")),
        "{:?}",
        batch.notes
    );
    let business: i64 = one(
        &store,
        "select count(*) from raw_message where sender = 'Rina GSI' and sender_side = 'business'",
    );
    let customer: i64 = one(
        &store,
        "select count(*) from raw_message where sender <> 'Rina GSI' and sender_side = 'customer'",
    );
    assert_eq!((business, customer), (4, 6));
}

#[test]
fn odd_files_are_reported_with_their_name_never_a_crash() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::write(d.join("kosong.csv"), "").unwrap();
    std::fs::write(d.join("biner.xlsx"), [0u8, 159, 146, 150, 255, 0, 1, 2]).unwrap();
    std::fs::write(
        d.join("catatan.txt"),
        "Rapat bulanan hari Senin.\nBawa laporan.\n",
    )
    .unwrap();
    std::fs::write(d.join("judul_saja.csv"), "REKAP BOOKING\n\n").unwrap();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("foto.jpg", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zip, b"not a chat").unwrap();
    std::fs::write(d.join("media.zip"), zip.finish().unwrap().into_inner()).unwrap();
    let (_s, mut store) = fresh();
    let batch = import_into(&mut store, &[d.to_path_buf()]);
    assert_eq!(batch.files.len(), 5);
    for f in &batch.files {
        assert_eq!(f.status, Status::Failed, "{f:?}");
        assert_eq!(f.warnings.len(), 1, "{f:?}");
    }
    for (name, expected) in [
        ("catatan.txt", "not a WhatsApp export"),
        ("media.zip", "no WhatsApp chat"),
        ("biner.xlsx", "cannot be read as a spreadsheet"),
        ("judul_saja.csv", "no known kind"),
        ("kosong.csv", "no known kind"),
    ] {
        let reason = &report(&batch, name).warnings[0];
        assert!(reason.contains(expected), "{name}: {reason}");
    }
}

#[test]
fn a_customer_who_shares_an_advisors_name_is_the_customer_of_their_own_chat() {
    let (d, mut store) = fresh();
    // The roster makes "Dewi Sitorus" a business name; this chat is named after a customer
    // who happens to be called the same.
    let chat = d.path().join("Chat WhatsApp dengan Dewi Sitorus (2).txt");
    std::fs::write(
        &chat,
        "14/05/25 10.00 - Dewi Sitorus: Halo, mau booking servis\n14/05/25 10.03 - Rina: Halo Kak, saya Rina dari GSI Medan\n",
    )
    .unwrap();
    import_into(&mut store, &[fixture("roster"), chat]);
    let sides: Vec<(String, String)> = {
        let mut stmt = store
            .conn()
            .prepare("select sender, sender_side from raw_message order by row_no")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        sides,
        [
            ("Dewi Sitorus".to_string(), "customer".to_string()),
            ("Rina".to_string(), "business".to_string())
        ]
    );
}

#[test]
fn a_free_text_column_that_says_nothing_is_stored_empty() {
    let (d, mut store) = fresh();
    let csv = d.path().join("spk.csv");
    std::fs::write(
        &csv,
        "No. SPK,Plat,Nama Pelanggan,No HP,SA,Teknisi,Status,Waktu,Pekerjaan Tambahan\n\
         SPK-1,BK 1 A,Ani,0812-1111-2222,Rina,Joko,Masuk,14/05/2025 09:00,tidak ada\n\
         SPK-2,BK 2 A,Budi,0812-1111-3333,Rina,Joko,Masuk,14/05/2025 10:00,-\n\
         SPK-3,BK 3 A,Citra,0812-1111-4444,Rina,Joko,Masuk,14/05/2025 11:00,ganti wiper\n",
    )
    .unwrap();
    import_into(&mut store, &[csv]);
    let got: Vec<(String, Option<String>)> = {
        let mut stmt = store
            .conn()
            .prepare("select work_order, additional_work from raw_work_order order by work_order")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        got,
        [
            ("SPK-1".to_string(), None),
            ("SPK-2".to_string(), None),
            ("SPK-3".to_string(), Some("ganti wiper".to_string()))
        ]
    );
}

/// A large export is read in chunks on every core: a message whose continuation lines cross a
/// chunk's edge stays whole, and every message keeps its own line number.
#[test]
fn a_large_export_reads_as_its_parts_do() {
    let part = "01/02/25 09.00 - Budi: mau booking servis\n\
                besok jam 10\n\
                \n\
                bisa?\n\
                01/02/25 09.02 - GSI Medan: Bisa Pak, kami catat besok 10.00\n\
                01/02/25 25.61 - Budi: jam salah\n\
                lanjutan yang tidak punya pesan\n\
                01/02/25 09.04 - Budi: ok makasih\n";
    let small = patuh::ingest::whatsapp::parse(part, None);
    assert_eq!(small.messages.len(), 3);
    assert_eq!(small.bad_lines.len(), 2, "{:?}", small.bad_lines);
    // Enough copies for several chunks of a megabyte, edges falling anywhere.
    let copies = 3_000_000 / part.len() + 1;
    let big = patuh::ingest::whatsapp::parse(&part.repeat(copies), None);
    let lines_per_part = part.lines().count();
    assert_eq!(big.lines, copies * lines_per_part);
    assert_eq!(big.messages.len(), copies * small.messages.len());
    assert_eq!(big.bad_lines.len(), copies * small.bad_lines.len());
    for (i, m) in big.messages.iter().enumerate() {
        let (copy, k) = (i / small.messages.len(), i % small.messages.len());
        let expected = &small.messages[k];
        assert_eq!(m.line, copy * lines_per_part + expected.line, "message {i}");
        assert_eq!(
            (&m.text, &m.sender, m.at),
            (&expected.text, &expected.sender, expected.at)
        );
    }
    for (i, b) in big.bad_lines.iter().enumerate() {
        let (copy, k) = (i / small.bad_lines.len(), i % small.bad_lines.len());
        assert_eq!(
            b.line,
            copy * lines_per_part + small.bad_lines[k].line,
            "bad line {i}"
        );
    }
}

/// A large export is hashed while it is parsed: imported again, it is still known by its
/// content and loads nothing twice; a copy of it under another name is a duplicate.
#[test]
fn a_large_export_imported_again_is_known_by_its_content() {
    let (dir, mut store) = fresh();
    let part = "01/02/25 09.00 - Budi: mau booking servis besok jam 10 ya kak\n\
                01/02/25 09.02 - GSI Medan: Bisa Pak, kami catat besok 10.00\n";
    let text = part.repeat(9_000_000 / part.len() + 1);
    let path = dir.path().join("WhatsApp Chat with Budi.txt");
    std::fs::write(&path, &text).unwrap();
    let first = import_into(&mut store, std::slice::from_ref(&path));
    assert_eq!(first.files[0].status, Status::Loaded);
    let messages = 2 * (9_000_000 / part.len() + 1);
    assert_eq!(first.files[0].rows_loaded, messages);
    let again = import_into(&mut store, std::slice::from_ref(&path));
    assert_eq!(
        (again.files[0].status, again.files[0].rows_loaded),
        (Status::Unchanged, 0)
    );
    let copy = dir.path().join("copy of the export.txt");
    std::fs::copy(&path, &copy).unwrap();
    let dup = import_into(&mut store, std::slice::from_ref(&copy));
    assert_eq!(dup.files[0].rows_loaded, 0, "{:?}", dup.files[0]);
    let stored: i64 = store
        .conn()
        .query_row("select count(*) from raw_message", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored as usize, messages);
}
