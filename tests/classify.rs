//! Message understanding against a hand-labelled set written as customers and advisors write
//! (tests/fixtures/messages/labelled_messages.csv, not the sample generator's phrases).

use patuh::timeline::classify::{Lexicon, Side};
use std::collections::{BTreeMap, BTreeSet};

fn labelled() -> Vec<(Side, String, BTreeSet<String>)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/messages/labelled_messages.csv"
    );
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let side = if &r[0] == "customer" {
                Side::Customer
            } else {
                Side::Business
            };
            let labels = r[2]
                .split(';')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            (side, r[1].to_string(), labels)
        })
        .collect()
}

#[test]
fn precision_and_recall_per_activity() {
    let lexicon = Lexicon::builtin();
    let set = labelled();
    let known: BTreeSet<&str> = lexicon.activities().iter().map(String::as_str).collect();
    for (_, text, labels) in &set {
        for l in labels {
            assert!(
                known.contains(l.as_str()),
                "label {l:?} of {text:?} is no lexicon activity"
            );
        }
    }
    // (true positives, false positives, false negatives) per activity.
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for (side, text, labels) in &set {
        let got: BTreeSet<String> = lexicon
            .classify(text, *side)
            .into_iter()
            .map(str::to_string)
            .collect();
        for a in got.union(labels) {
            let c = counts.entry(a.clone()).or_default();
            match (got.contains(a), labels.contains(a)) {
                (true, true) => c.0 += 1,
                (true, false) => c.1 += 1,
                (false, true) => c.2 += 1,
                (false, false) => {}
            }
        }
        if &got != labels {
            misses.push(format!("{text:?}: expected {labels:?}, got {got:?}"));
        }
    }
    println!(
        "{:<22} {:>5} {:>9} {:>7}",
        "activity", "n", "precision", "recall"
    );
    let mut weak = Vec::new();
    for (a, (tp, fp, fn_)) in &counts {
        let n = tp + fn_;
        let precision = if tp + fp == 0 {
            1.0
        } else {
            *tp as f64 / (tp + fp) as f64
        };
        let recall = if n == 0 { 1.0 } else { *tp as f64 / n as f64 };
        println!("{a:<22} {n:>5} {precision:>9.2} {recall:>7.2}");
        if n >= 20 && (precision < 0.9 || recall < 0.9) {
            weak.push(format!(
                "{a}: precision {precision:.2}, recall {recall:.2} on {n}"
            ));
        }
    }
    for m in &misses {
        println!("miss: {m}");
    }
    assert!(set.len() >= 120, "{} labelled messages", set.len());
    assert!(weak.is_empty(), "{weak:?}");
}

/// Thanking for a review already given asks for none (FUT-7.3 counts requests, FUT-6.3 takes
/// the thanks as the answer); a thanks that goes on to ask is a request.
#[test]
fn a_review_thanked_for_is_no_new_request() {
    let lexicon = Lexicon::builtin();
    let reads = |text: &str| {
        lexicon
            .classify(text, Side::Business)
            .contains(&"testimonial_request")
    };
    for thanks in [
        "Wah makasih banyak ulasannya pak 🙏",
        "Terima kasih banyak atas ulasannya Pak 🙏",
        "Terima kasih sudah meluangkan waktu menulis ulasan, Pak",
        "Reviewnya sudah masuk kak, makasih banyak ya",
    ] {
        assert!(!reads(thanks), "{thanks}");
    }
    for request in [
        "Terima kasih Pak! Boleh minta ulasannya di Google ya: https://g.page/r/x/review",
        "Makasih pak sudah servis di sini, boleh minta ulasannya?",
        "Terima kasih sudah servis, kalau berkenan isi ulasan ya",
    ] {
        assert!(reads(request), "{request}");
    }
    // "Sudah" as customers write it.
    assert!(
        lexicon
            .classify("udah halus kak", Side::Customer)
            .contains(&"positive_feedback")
    );
}

#[test]
fn attributes_are_read_from_the_text() {
    let lexicon = Lexicon::builtin();
    let a = lexicon.attributes("Estimasi biaya Rp 1.250.000 atau paket 850rb, selesai jam 3");
    assert_eq!(a.amounts, [1_250_000, 850_000]);
    let a = lexicon
        .attributes("Boleh minta ulasannya ya https://g.page/r/gsi-medan/review, ada voucher 10%!");
    assert_eq!(
        a.review_link.as_deref(),
        Some("https://g.page/r/gsi-medan/review"),
        "the link without the comma after it"
    );
    assert!(a.reward);
    let a = lexicon.attributes("Mohon maaf, sekalian kirim foto KTP ya");
    assert!(a.apology && a.personal_data);
    let a = lexicon.attributes("Nomor tiket Bapak: PJL-2508-0012");
    assert_eq!(a.ticket.as_deref(), Some("PJL-2508-0012"));
    assert!(
        lexicon.attributes("besok jam 10.30 ya").amounts.is_empty(),
        "times are no amounts"
    );
}

#[test]
fn a_batch_gives_the_same_answers_in_order() {
    let lexicon = Lexicon::builtin();
    let msgs: Vec<(String, Side)> = labelled().into_iter().map(|(s, t, _)| (t, s)).collect();
    let batch = lexicon.classify_batch(&msgs);
    for ((t, s), got) in msgs.iter().zip(&batch) {
        assert_eq!(&lexicon.classify(t, *s), got);
    }
}

mod promises {
    use chrono::NaiveDateTime;
    use patuh::timeline::promise::promised_time;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn p(text: &str, sent: &str) -> Option<String> {
        promised_time(text, at(sent)).map(|t| t.format("%Y-%m-%d %H:%M").to_string())
    }

    #[test]
    fn the_forms_of_the_issue() {
        // 2025-05-09 is a Friday.
        let sent = "2025-05-09 14:20";
        assert_eq!(
            p("Bisa pak, besok jam 10 ya", sent).as_deref(),
            Some("2025-05-10 10:00")
        );
        assert_eq!(
            p("Jadwal Senin 12 Mei pukul 10.00", sent).as_deref(),
            Some("2025-05-12 10:00")
        );
        assert_eq!(
            p("estimasi selesai jam 3 sore", sent).as_deref(),
            Some("2025-05-09 15:00")
        );
        assert_eq!(
            p("kira2 2 jam lagi kak", sent).as_deref(),
            Some("2025-05-09 16:20")
        );
        assert_eq!(
            p("30 menit lagi selesai", sent).as_deref(),
            Some("2025-05-09 14:50")
        );
    }

    /// `may_state_time` is asked once per distinct text so that a text without a time is not
    /// searched for one per message: it must never say no where `promised_time` finds a time.
    #[test]
    fn a_text_that_cannot_state_a_time_promises_none() {
        use patuh::timeline::promise::may_state_time;
        let sent = "2025-05-09 14:20";
        let cases = [
            ("Bisa pak, besok jam 10 ya", true),
            ("kira2 2 jam lagi kak", true),
            ("30 menit lagi selesai", true),
            ("Jum'at pk. 13.30 bisa", true),
            ("estimasi selesai jam 3 sore", true),
            ("terima kasih pak", false),
            ("estimasi Rp 450 ribu", false),
            ("Jadwal Senin 12 Mei", false),
            ("", false),
        ];
        for (text, can) in cases {
            assert_eq!(may_state_time(text), can, "{text}");
            assert_eq!(p(text, sent).is_some(), can, "{text}");
        }
    }

    #[test]
    fn days_hours_and_dates_as_written() {
        let sent = "2025-05-09 14:20";
        assert_eq!(
            p("lusa jm 9 pagi", sent).as_deref(),
            Some("2025-05-11 09:00")
        );
        assert_eq!(
            p("Selasa pk. 13.30", sent).as_deref(),
            Some("2025-05-13 13:30")
        );
        assert_eq!(
            p("jam 7 malam bisa diambil", sent).as_deref(),
            Some("2025-05-09 19:00")
        );
        assert_eq!(
            p("jam 1 siang", sent).as_deref(),
            Some("2025-05-10 13:00"),
            "13:00 has passed at 14:20: tomorrow"
        );
        assert_eq!(
            p("tgl 20/05 jam 08.30", sent).as_deref(),
            Some("2025-05-20 08:30")
        );
        assert_eq!(
            p("12 Januari jam 9", sent).as_deref(),
            Some("2026-01-12 09:00"),
            "a date already past is next year's"
        );
        // A past hour with no day named is tomorrow's.
        assert_eq!(p("jam 10 ya", sent).as_deref(), Some("2025-05-10 10:00"));
    }

    #[test]
    fn no_time_no_promise() {
        let sent = "2025-05-09 14:20";
        assert_eq!(p("besok ya pak", sent), None);
        assert_eq!(p("Total Rp 1.250.000", sent), None);
        assert_eq!(p("", sent), None);
    }
}

proptest::proptest! {
    #[test]
    fn classifying_and_reading_promises_never_panic(text in "\\PC{0,60}") {
        let lexicon = Lexicon::builtin();
        let _ = lexicon.classify(&text, Side::Customer);
        let _ = lexicon.attributes(&text);
        let sent = chrono::NaiveDate::from_ymd_opt(2025, 2, 28).unwrap().and_hms_opt(16, 0, 0).unwrap();
        let _ = patuh::timeline::promise::promised_time(&text, sent);
        let _ = patuh::timeline::promise::promised_time(&format!("jam {text} besok"), sent);
    }
}
