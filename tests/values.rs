//! Cell values as users type them: dates, phones, plates, amounts; parsers never panic.

use chrono::NaiveDate;
use patuh::values::*;
use proptest::prelude::*;

fn stamp(s: &str) -> String {
    match parse_stamp(s, DayMonth::DayFirst) {
        Some(Stamp::Local(t)) => t.format("%Y-%m-%d %H:%M").to_string(),
        Some(Stamp::Offset(t)) => t.to_rfc3339(),
        None => "none".into(),
    }
}

#[test]
fn every_date_form_of_the_contract() {
    assert_eq!(stamp("2025-04-22 09:15"), "2025-04-22 09:15");
    assert_eq!(stamp("22/04/2025 09.15"), "2025-04-22 09:15");
    assert_eq!(stamp("22-04-2025 9:15"), "2025-04-22 09:15");
    assert_eq!(stamp("22/04/25"), "2025-04-22 00:00");
    assert_eq!(stamp("22 April 2025 09:15"), "2025-04-22 09:15");
    assert_eq!(stamp("22 Apr 2025"), "2025-04-22 00:00");
    assert_eq!(stamp("17 Agt 2025 10.00"), "2025-08-17 10:00");
    assert_eq!(stamp("3 Okt 2025"), "2025-10-03 00:00");
    assert_eq!(stamp("24 Des 2025"), "2025-12-24 00:00");
    assert_eq!(stamp("Senin, 12 Mei 2025 pukul 10.00"), "2025-05-12 10:00");
    assert_eq!(stamp("2025-04-22T09:15:00"), "2025-04-22 09:15");
    assert_eq!(
        stamp("2024-05-03 14:22:05 +0700"),
        "2024-05-03T14:22:05+07:00"
    );
    assert_eq!(stamp("31/02/2025"), "none");
    assert_eq!(stamp("besok jam 10"), "none");
}

#[test]
fn day_month_order_is_decided_from_the_values() {
    assert_eq!(
        decide_day_month(["04/13/2025", "04/02/2025"]),
        DayMonth::MonthFirst
    );
    assert_eq!(
        decide_day_month(["13/04/2025", "02/04/2025"]),
        DayMonth::DayFirst
    );
    // Ambiguous everywhere: day-first, as Indonesian users write.
    assert_eq!(decide_day_month(["04/02/2025"]), DayMonth::DayFirst);
    assert_eq!(
        parse_date_only("04/13/2025", DayMonth::MonthFirst),
        NaiveDate::from_ymd_opt(2025, 4, 13)
    );
}

#[test]
fn excel_serials() {
    assert_eq!(
        excel_serial(45_873.375)
            .unwrap()
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        "2025-08-04 09:00"
    );
    assert_eq!(
        excel_time(0.5).unwrap().format("%H:%M").to_string(),
        "12:00"
    );
}

#[test]
fn twelve_hour_clocks() {
    assert_eq!(
        parse_time_only("8:49 p. m.")
            .unwrap()
            .format("%H:%M")
            .to_string(),
        "20:49"
    );
    assert_eq!(
        parse_time_only("12:05 AM")
            .unwrap()
            .format("%H:%M")
            .to_string(),
        "00:05"
    );
    assert_eq!(
        parse_time_only("12:05\u{202f}PM")
            .unwrap()
            .format("%H:%M")
            .to_string(),
        "12:05"
    );
    assert_eq!(
        parse_time_only("09.15 WIB")
            .unwrap()
            .format("%H:%M")
            .to_string(),
        "09:15"
    );
    assert!(parse_time_only("25:00").is_none());
}

#[test]
fn phones_to_e164() {
    let e = |s: &str| normalise_phone(s).map(|p| p.e164);
    assert_eq!(e("0812-3456-789").as_deref(), Some("+628123456789"));
    assert_eq!(e("62812345678").as_deref(), Some("+62812345678"));
    assert_eq!(e("+62 812 3456 7890").as_deref(), Some("+6281234567890"));
    assert_eq!(e("+62 0812 3456 7890").as_deref(), Some("+6281234567890"));
    assert_eq!(e("'081234567890").as_deref(), Some("+6281234567890"));
    assert_eq!(
        e("\u{202a}+62\u{a0}812-3456-7890\u{202c}").as_deref(),
        Some("+6281234567890")
    );
    assert_eq!(e("(061) 4567890").as_deref(), Some("+62614567890"));
    assert!(normalise_phone("+628123456789").unwrap().mobile);
    assert!(!normalise_phone("(061) 4567890").unwrap().mobile);
    assert!(
        !normalise_phone("+62 840 1234 5678").unwrap().mobile,
        "84 is no mobile prefix"
    );
    assert_eq!(e("0812"), None);
}

#[test]
fn plates_display_and_key() {
    for raw in ["BK1234ABC", "bk 1234 abc", "BK-1234-ABC", "BK.1234.ABC"] {
        let p = normalise_plate(raw).unwrap();
        assert_eq!(
            (p.display.as_str(), p.key.as_str()),
            ("BK 1234 ABC", "BK1234ABC"),
            "{raw}"
        );
    }
    assert_eq!(normalise_plate("B.1234.XYZ").unwrap().display, "B 1234 XYZ");
    assert_eq!(normalise_plate("RI 1").unwrap().display, "RI 1");
    assert_eq!(
        normalise_plate("CD 12 34").unwrap().key,
        "CD1234",
        "special plates are tolerated"
    );
    assert_eq!(
        find_plate("Budi BK 1234 ABC").unwrap().display,
        "BK 1234 ABC"
    );
    assert_eq!(find_plate("datang di 10 wib ya"), None);
}

#[test]
fn rupiah_amounts() {
    assert_eq!(parse_rupiah("Rp 1.250.000"), Some(1_250_000));
    assert_eq!(parse_rupiah("Rp1.250.000"), Some(1_250_000));
    assert_eq!(parse_rupiah("Rp. 1.250.000,00"), Some(1_250_000));
    assert_eq!(parse_rupiah("IDR 1,250,000"), Some(1_250_000));
    assert_eq!(parse_rupiah("1.250.000,-"), Some(1_250_000));
    assert_eq!(parse_rupiah("Rp\u{a0}1.250.000"), Some(1_250_000));
    assert_eq!(parse_rupiah("1,25 jt"), Some(1_250_000));
    assert_eq!(parse_rupiah("850rb"), Some(850_000));
    assert_eq!(parse_rupiah("850 ribu"), Some(850_000));
    assert_eq!(parse_rupiah("850k"), Some(850_000));
    assert_eq!(parse_rupiah("2 juta"), Some(2_000_000));
    assert_eq!(parse_rupiah("Rp50.000"), Some(50_000));
    assert_eq!(parse_rupiah("abc"), None);
}

proptest! {
    #[test]
    fn the_date_parser_never_panics(s in "\\PC{0,40}") {
        let _ = parse_stamp(&s, DayMonth::DayFirst);
        let _ = parse_stamp(&s, DayMonth::MonthFirst);
        let _ = parse_time_only(&s);
        let _ = parse_rupiah(&s);
        let _ = normalise_phone(&s);
        let _ = normalise_plate(&s);
    }

    #[test]
    fn date_shaped_strings_never_panic(d in 0u32..40, m in 0u32..40, y in 0u32..3000, h in 0u32..30, mi in 0u32..70, sep in "[/.-]", tsep in "[:.]") {
        let s = format!("{d}{sep}{m}{sep}{y} {h}{tsep}{mi:02}");
        let _ = parse_stamp(&s, DayMonth::DayFirst);
    }

    #[test]
    fn the_whatsapp_parser_never_panics(s in "(\\[?[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4},? [0-9]{1,2}[.:][0-9]{2}( [AP]M)?\\]? ?-? ?\\PC{0,20}\n){0,5}\\PC{0,30}") {
        let chat = patuh::ingest::whatsapp::parse(&s, None);
        prop_assert!(chat.messages.len() + chat.bad_lines.len() <= chat.lines);
    }
}
