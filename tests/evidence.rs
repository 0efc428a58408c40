//! Evidence from content, a model beside the lexicon, and abstaining rather than accusing
//! (issue 11): messages in wording the lexicon never saw are read by what they state in their
//! case, and a fail that would rest on a message patuh could not read becomes "needs review".

use crate::support::{Inputs, patuh, run_findings, stderr, stdout, tempdir};
use patuh::timeline::classify::{self, Lexicon, Side};
use patuh::timeline::model::{self, Model};
use std::collections::BTreeMap;

fn verdict(rows: &[BTreeMap<String, String>], key: &str, rule: &str) -> BTreeMap<String, String> {
    rows.iter()
        .find(|f| f["case_key"] == key && f["rule_id"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding for {key}"))
        .clone()
}

/// Neither the lexicon nor (for the abstaining case) a cue reads these messages: the tests
/// below would prove nothing if the lexicon did.
fn lexicon_labels(text: &str) -> Vec<String> {
    Lexicon::builtin()
        .classify(text, Side::Business)
        .into_iter()
        .map(str::to_string)
        .collect()
}

const CONFIRM_IN_OTHER_WORDS: &str = "oke kak, kami catat Rabu 5/3 jam 10 ya";
const CONFIRM_OTHER_TIME: &str = "sip, nama kakak sudah masuk list servis besok jam 11 ya";
const CONFIRM_UNSURE: &str = "sip jam 11";
const CONFIRM_WITHOUT_DETAILS: &str = "Baik, sudah kami catat ya";

#[test]
fn a_booking_confirmed_in_other_words_passes_an_unreadable_one_needs_review() {
    assert!(lexicon_labels(CONFIRM_IN_OTHER_WORDS).is_empty());
    assert!(lexicon_labels(CONFIRM_OTHER_TIME).is_empty());
    assert!(lexicon_labels(CONFIRM_UNSURE).is_empty());
    let dir = tempdir();
    let inputs = Inputs::new(dir.path());
    let write = |name: &str, text: &str| inputs.write(name, text);
    write("patuh.toml", "[whatsapp]\nbusiness_names = [\"GSI\"]\n");
    // Four bookings for Wednesday 5 March 2025 10:00, each confirmed differently on Monday.
    write(
        "booking.csv",
        "No. Booking,Tanggal Booking,Nama Pelanggan,No. HP,Jadwal,SA\n\
         B1,03/03/2025 09.10,Ani,0812-1000-0001,05/03/2025 10.00,Rina\n\
         B2,03/03/2025 09.10,Budi,0812-1000-0002,05/03/2025 10.00,Rina\n\
         B3,03/03/2025 09.10,Cici,0812-1000-0003,05/03/2025 10.00,Rina\n\
         B4,03/03/2025 09.10,Dedi,0812-1000-0004,05/03/2025 10.00,Rina\n",
    );
    for (n, name, reply) in [
        (1, "Ani", CONFIRM_IN_OTHER_WORDS),
        (2, "Budi", CONFIRM_OTHER_TIME),
        (3, "Cici", CONFIRM_WITHOUT_DETAILS),
        (4, "Dedi", CONFIRM_UNSURE),
    ] {
        write(
            &format!("WhatsApp Chat with +62 812-1000-000{n}.txt"),
            &format!(
                "03/03/25 09.00 - {name}: halo mau booking servis hari rabu\n03/03/25 09.02 - GSI: {reply}\n"
            ),
        );
    }
    let rows = run_findings(dir.path(), &inputs);
    // The message states the booked slot: a confirmation of it, whatever its words.
    let b1 = verdict(&rows, "B1", "BKG-4.2.1");
    assert_eq!(b1["status"], "pass", "{b1:?}");
    assert!(b1["evidence"].contains("+62 812-1000-0001.txt:2"), "{b1:?}");
    // A message the model is sure is a confirmation (from `DECIDES_AT`) is one; the time it
    // states is not the recorded slot, which BKG-4.2.2 says.
    let b2 = verdict(&rows, "B2", "BKG-4.2.1");
    assert_eq!(b2["status"], "pass", "{b2:?}");
    assert!(b2["evidence"].contains("+62 812-1000-0002.txt:2"), "{b2:?}");
    let b2 = verdict(&rows, "B2", "BKG-4.2.2");
    assert_eq!(b2["status"], "fail", "{b2:?}");
    assert_eq!(
        b2["reason"], "agreed Tue 04 Mar 11:00 in chat, recorded Wed 05 Mar 10:00",
        "{b2:?}"
    );
    // One the model only half-sees: not proof of a confirmation, not proof of none.
    let b4 = verdict(&rows, "B4", "BKG-4.2.1");
    assert_eq!(b4["status"], "unknown", "{b4:?}");
    assert!(
        b4["reason"].starts_with("needs review: 1 message may be a booking confirmation"),
        "{b4:?}"
    );
    assert!(b4["evidence"].contains("+62 812-1000-0004.txt:2"), "{b4:?}");
    // A confirmation without the slot is still no confirmation with the booking details.
    let b3 = verdict(&rows, "B3", "BKG-4.2.1");
    assert_eq!(b3["status"], "fail", "{b3:?}");

    let db = dir.path().join("s.duckdb");
    // `patuh case` says where each label came from.
    let o = patuh(dir.path(), &["--db", db.to_str().unwrap(), "case", "B1"]);
    assert!(
        stdout(&o).contains("booking_confirmation (model 1.00)"),
        "{}",
        stdout(&o)
    );
    let o = patuh(dir.path(), &["--db", db.to_str().unwrap(), "case", "B2"]);
    assert!(
        stdout(&o).contains("booking_confirmation (model 0."),
        "{}",
        stdout(&o)
    );
    let o = patuh(dir.path(), &["--db", db.to_str().unwrap(), "case", "B4"]);
    assert!(
        stdout(&o).contains("booking_confirmation (maybe 0."),
        "{}",
        stdout(&o)
    );
    // `patuh check` lists what needs review, with the case key.
    let o = patuh(
        dir.path(),
        &["--db", db.to_str().unwrap(), "--json", "check"],
    );
    let check: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let listed: Vec<(&str, &str)> = check["needs_review"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["case_key"].as_str().unwrap(),
                f["rule_id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(listed, [("B4", "BKG-4.2.1")]);
    // The report counts them per SOP.
    let html = std::fs::read_to_string(dir.path().join("out/laporan-2025-H1.html")).unwrap();
    let table = html
        .split("id=\"needs-review-table\"")
        .nth(1)
        .expect("the table");
    assert!(
        table.contains("data-sop=\"BKG\"><td>BKG</td><td class=\"num\">1</td>"),
        "{table}"
    );
}

#[test]
fn a_job_message_is_read_by_what_it_states() {
    let findings = "Pak, shock belakang rembes, ganti sepasang 1,8 jt. Mau sekalian diganti?";
    let waiting = "Pak, unitnya lagi nunggu sparepart dari gudang ya";
    assert!(!lexicon_labels(findings).contains(&"diagnosis".to_string()));
    assert!(lexicon_labels(waiting).is_empty());
    let dir = tempdir();
    let inputs = Inputs::new(dir.path());
    let write = |name: &str, text: &str| inputs.write(name, text);
    write("patuh.toml", "[whatsapp]\nbusiness_names = [\"GSI\"]\n");
    work_order(
        &inputs,
        "SPK-1,BK 1234 ABC,Budi,081234567890",
        &[
            ("Masuk", "04/08/2025 08:05", "05/08/2025 15:00"),
            ("Diagnosa", "04/08/2025 08:40", ""),
            ("Menunggu Part", "04/08/2025 11:00", ""),
            ("Final QC", "05/08/2025 14:30", ""),
            ("Selesai", "05/08/2025 14:45", ""),
        ],
    );
    write(
        "Chat WhatsApp dengan Budi BK 1234 ABC.txt",
        &format!(
            "04/08/25 09.10 - GSI: {findings}\n04/08/25 09.12 - Budi: ok ganti\n04/08/25 12.30 - GSI: {waiting}\n05/08/25 14.50 - GSI: Pak, mobil sudah selesai dan siap diambil, total Rp 2.350.000\n06/08/25 10.00 - GSI: Pak, gimana mobilnya setelah servis kemarin? aman?\n06/08/25 10.30 - Budi: aman mantap\n06/08/25 10.40 - GSI: Kak, boleh bantu isi ulasan di bit.ly/ulasan-gsi ya 🙏\n"
        ),
    );
    let rows = run_findings(dir.path(), &inputs);
    // The approval request states the finding and its price: it is the initial information.
    let diagnosis = verdict(&rows, "SPK-1", "KSP-4.1.1");
    assert_eq!(diagnosis["status"], "pass", "{diagnosis:?}");
    assert!(
        diagnosis["evidence"].contains("BK 1234 ABC.txt:1"),
        "{diagnosis:?}"
    );
    // The message about the awaited part is the update of a job over a day.
    let update = verdict(&rows, "SPK-1", "KSP-5.2");
    assert_eq!(update["status"], "pass", "{update:?}");
    // A link without a scheme, in a message asking for a review, is the review link.
    let link = verdict(&rows, "SPK-1", "FUT-4.3.2");
    assert_eq!(link["status"], "pass", "{link:?}");
    let db = dir.path().join("s.duckdb");
    let o = patuh(dir.path(), &["--db", db.to_str().unwrap(), "case", "SPK-1"]);
    let text = stdout(&o);
    assert!(text.contains("diagnosis (cue: amount)"), "{text}");
    // The model is sure of this one (from `DECIDES_AT`; the work-state cue reads what it is not
    // sure of), and says so.
    assert!(text.contains("progress_update (model 1.00)"), "{text}");
}

#[test]
fn links_are_read_with_or_without_a_scheme() {
    let found: Vec<&str> = classify::links(
        "ulasan: g.page/r/CdF2aA/review, atau (maps.app.goo.gl/xY12Ab). https://bit.ly/x www.gsi.co.id",
    )
    .collect();
    assert_eq!(
        found,
        [
            "g.page/r/CdF2aA/review",
            "maps.app.goo.gl/xY12Ab",
            "https://bit.ly/x",
            "www.gsi.co.id"
        ]
    );
    for not_a_link in [
        "km/jam",
        "1/2",
        "Rp.450/unit",
        "dan/atau",
        "10.00/11.00",
        "a.n./PT",
    ] {
        assert!(!classify::is_link(not_a_link), "{not_a_link}");
    }
    let lexicon = Lexicon::builtin();
    let a = lexicon.attributes("Mohon bantu beri penilaian di maps.app.goo.gl/xY12Ab ya");
    assert_eq!(a.review_link.as_deref(), Some("maps.app.goo.gl/xY12Ab"));
    // A link to a shop is no review place by itself.
    let a = lexicon.attributes("Katalog part: tokopedia.com/gsi/aki");
    assert_eq!(a.review_link, None);
}

#[test]
fn the_model_reads_only_what_the_lexicon_leaves_and_never_overrides_it() {
    let lexicon = Lexicon::builtin();
    let model = Model::builtin();
    // The lexicon explains it: the model is not asked.
    let r = model::read(
        lexicon,
        model,
        "Mobil Bapak sudah selesai dan siap diambil",
        Side::Business,
    );
    assert!(r.by_model.is_empty() && r.candidates.is_empty());
    assert_ne!(r.lexicon, 0);
    // Unknown words for a progress update: the model labels it, with its confidence.
    let r = model::read(
        lexicon,
        model,
        "Pak, unitnya lagi nunggu sparepart dari gudang ya",
        Side::Business,
    );
    assert_eq!(r.lexicon, 0);
    let names: Vec<&str> = r
        .by_model
        .iter()
        .map(|(a, _)| lexicon.activities()[*a].as_str())
        .collect();
    assert_eq!(names, ["progress_update"], "{r:?}");
    assert!(r.by_model[0].1 >= model::LABEL_AT && r.by_model[0].1 <= 1.0);
    // A customer's message is never an advisor's kind.
    let r = model::read(
        lexicon,
        model,
        "sudah saya amankan slotnya Kamis jam 9 pagi",
        Side::Customer,
    );
    assert!(
        r.by_model
            .iter()
            .chain(&r.candidates)
            .all(|(a, _)| lexicon.side_fits(*a, Side::Customer)),
        "{r:?}"
    );
}

#[test]
fn a_booking_asked_for_in_chat_only_is_a_case_judged_on_its_replies() {
    let dir = tempdir();
    let inputs = Inputs::new(dir.path());
    let write = |name: &str, text: &str| inputs.write(name, text);
    write(
        "patuh.toml",
        "[whatsapp]\nbusiness_names = [\"GSI\"]\n\n[[branch]]\nname = \"Medan\"\nchat_advisor = \"Rina\"\n",
    );
    // One booking on record, for another customer, so the booking log is a real one.
    write(
        "booking.csv",
        "No. Booking,Tanggal Booking,Nama Pelanggan,No. HP,Jadwal,SA\nB1,03/03/2025 09.10,Ani,0812-1000-0001,05/03/2025 10.00,Rina\nB2,02/04/2025 08.11,Sri,0812-2000-0004,07/04/2025 08.00,Rina\n",
    );
    write(
        "WhatsApp Chat with +62 812-1000-0001.txt",
        "03/03/25 09.00 - Ani: halo mau booking servis hari rabu\n03/03/25 09.02 - GSI: oke kak, kami catat Rabu 5/3 jam 10 ya\n",
    );
    // Three numbers no record knows, each asking to book on Tuesday 4 March 2025.
    write(
        "WhatsApp Chat with +62 812-2000-0001.txt",
        "04/03/25 10.00 - +62 812-2000-0001: Pagi kak, mau booking servis buat besok bisa?\n04/03/25 10.03 - GSI: Bisa kak, boleh kirim nama, plat dan jam yang diinginkan?\n04/03/25 10.10 - +62 812-2000-0001: ok kak\n",
    );
    write(
        "WhatsApp Chat with +62 812-2000-0002.txt",
        "04/03/25 10.00 - +62 812-2000-0002: Pagi kak, mau booking servis buat besok bisa?\n04/03/25 10.40 - GSI: Bisa kak, boleh kirim nama, plat dan jam yang diinginkan?\n04/03/25 10.50 - +62 812-2000-0002: ok kak\n",
    );
    write(
        "WhatsApp Chat with +62 812-2000-0003.txt",
        "04/03/25 10.00 - +62 812-2000-0003: Pagi kak, mau booking servis buat besok bisa?\n04/03/25 11.30 - +62 812-2000-0003: halo min?\n10/03/25 09.00 - +62 812-2000-0003: ok\n",
    );
    // Asked on the Friday evening before Nyepi and Idul Fitri, answered when the branch opened
    // and booked then: the request led to booking B2, which owns it (no chat-only case).
    write(
        "WhatsApp Chat with +62 812-2000-0004.txt",
        "28/03/25 20.11 - +62 812-2000-0004: min mau booking servis tgl 7 april jam 8 bisa?\n02/04/25 08.00 - GSI: Bisa kak, kirim nama + nopol + mobil ya\n02/04/25 08.08 - +62 812-2000-0004: Sri, BK 2042 LY, Rush\n02/04/25 08.11 - GSI: oke kak, sudah kami catat Senin 7 Apr jam 08.00 ya\n",
    );
    let rows = run_findings(dir.path(), &inputs);
    let led = verdict(&rows, "B2", "BKG-4.1.2");
    // The branch was closed from the Friday evening to the reply (Nyepi, Idul Fitri and its
    // cuti bersama in the holiday calendar): no business minute passed.
    assert_eq!(
        (led["status"].as_str(), led["measured"].as_str()),
        ("pass", "0.0"),
        "{led:?}"
    );
    assert_eq!(
        led["evidence"]
            .split("; ")
            .next()
            .map(|e| e.ends_with(":1")),
        Some(true),
        "measured from the request before the holiday: {led:?}"
    );
    assert!(
        !rows
            .iter()
            .any(|f| f["case_key"].starts_with("chat:+6281220000004"))
    );
    let in_time = "chat:+6281220000001:2025-03-04";
    let late = "chat:+6281220000002:2025-03-04";
    let never = "chat:+6281220000003:2025-03-04";
    let first = verdict(&rows, in_time, "BKG-4.1.2");
    assert_eq!(
        (first["status"].as_str(), first["measured"].as_str()),
        ("pass", "3.0"),
        "{first:?}"
    );
    assert_eq!(
        first["advisor"], "Rina",
        "the advisor on duty for booking chats"
    );
    let first = verdict(&rows, late, "BKG-4.1.2");
    assert_eq!(
        (first["status"].as_str(), first["measured"].as_str()),
        ("fail", "40.0"),
        "{first:?}"
    );
    assert_eq!(verdict(&rows, late, "BKG-7.1")["status"], "pass");
    let first = verdict(&rows, never, "BKG-4.1.2");
    assert_eq!(first["status"], "fail", "{first:?}");
    assert_eq!(verdict(&rows, never, "BKG-7.1")["status"], "fail");
    // Nothing on record to judge: no slot agreed, no record fields.
    for rule in ["BKG-4.1.3", "BKG-4.2.1", "BKG-4.2.2", "BKG-4.2.3"] {
        assert_eq!(verdict(&rows, never, rule)["status"], "na", "{rule}");
    }
    // The recorded booking is no chat-only case.
    assert!(
        !rows
            .iter()
            .any(|f| f["case_key"].starts_with("chat:+6281210000001"))
    );
    // `patuh case` opens it by its key.
    let db = dir.path().join("s.duckdb");
    let o = patuh(dir.path(), &["--db", db.to_str().unwrap(), "case", never]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("halo min?"), "{}", stdout(&o));
    // The report names no number in full.
    let html = std::fs::read_to_string(dir.path().join("out/laporan-2025-H1.html")).unwrap();
    assert!(!html.contains("6281220000003"));
    assert!(
        html.contains("id=\"chat-bookings-count\">3<"),
        "three chat-only bookings"
    );
}

#[test]
fn a_later_finish_time_before_the_promise_is_a_delay_notice() {
    let first = "Pak, aki sudah lemah, kami ganti, selesai jam 14.00 ya";
    let later = "Pak, ternyata masih lama, jadinya jam 16.00 ya";
    assert!(lexicon_labels(later).is_empty());
    let dir = tempdir();
    let inputs = Inputs::new(dir.path());
    let write = |name: &str, text: &str| inputs.write(name, text);
    write("patuh.toml", "[whatsapp]\nbusiness_names = [\"GSI\"]\n");
    work_order(
        &inputs,
        "SPK-7,BK 7000 AB,Sari,081234560007",
        &[
            ("Masuk", "04/08/2025 08:05", "04/08/2025 14:00"),
            ("Diagnosa", "04/08/2025 08:40", ""),
            ("Final QC", "04/08/2025 15:50", ""),
            ("Selesai", "04/08/2025 16:05", ""),
        ],
    );
    write(
        "Chat WhatsApp dengan Sari BK 7000 AB.txt",
        &format!(
            "04/08/25 09.00 - GSI: {first}\n04/08/25 12.30 - GSI: {later}\n04/08/25 16.10 - GSI: Pak, mobil sudah selesai dan siap diambil, total Rp 1.250.000\n"
        ),
    );
    let rows = run_findings(dir.path(), &inputs);
    // Promised 14:00, finished 16:05: the 12:30 message moved the promise in time.
    let delay = verdict(&rows, "SPK-7", "KSP-4.4.1");
    assert_eq!(delay["status"], "pass", "{delay:?}");
    assert!(delay["evidence"].contains("BK 7000 AB.txt:2"), "{delay:?}");
    // It gave no apology and no alternative: KSP-4.4.2 reads that from the same message.
    assert_eq!(verdict(&rows, "SPK-7", "KSP-4.4.2")["status"], "fail");
    let db = dir.path().join("s.duckdb");
    let o = patuh(dir.path(), &["--db", db.to_str().unwrap(), "case", "SPK-7"]);
    assert!(
        stdout(&o).contains("delay_notice (cue: later_time)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn an_offer_names_every_time_it_states() {
    use chrono::NaiveDate;
    use patuh::timeline::promise::stated_times;
    let sent = NaiveDate::from_ymd_opt(2025, 1, 6)
        .unwrap()
        .and_hms_opt(12, 22, 0)
        .unwrap();
    let at = |d: u32, h: u32| {
        NaiveDate::from_ymd_opt(2025, 1, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    // The refused time first, the offered one after a full stop or a comma.
    assert_eq!(
        stated_times(
            "Aduh kak, Kamis 9 Jan jam 13.00 udah ada yang isi. Kalau Kamis 9 Jan jam 15.00 gimana?",
            sent
        ),
        [at(9, 13), at(9, 15)]
    );
    // A clause without a day reads as the nearest such hour; the offer is among the times.
    assert!(
        stated_times(
            "jam 13.00 sudah penuh, yang masih lowong Kamis 9 Jan jam 15.00",
            sent
        )
        .contains(&at(9, 15))
    );
    assert!(stated_times("Baik, sudah kami catat ya", sent).is_empty());
}

/// One job's work-order sheet (advisor Rina, technician Joko): `job` is "SPK,plate,name,phone",
/// each step (status, time, promised finish).
fn work_order(inputs: &Inputs, job: &str, steps: &[(&str, &str, &str)]) {
    let mut csv = String::from(
        "No. SPK,Plat,Nama Pelanggan,No HP,SA,Teknisi,Status,Waktu,Estimasi Selesai\n",
    );
    for (status, at, promised) in steps {
        csv.push_str(&format!("{job},Rina,Joko,{status},{at},{promised}\n"));
    }
    inputs.write("wo.csv", &csv);
}

/// The cues read what a message states in its case when no label (lexicon, or the model from
/// `DECIDES_AT`) did: the booked slot in a booking, an amount or the work's state in a job.
#[test]
fn a_cue_reads_what_a_message_states_in_its_case() {
    use patuh::timeline::cues::{Said, cue};
    use patuh::timeline::link::CaseWindow;
    let lexicon = Lexicon::builtin();
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let window = |kind: &str| CaseWindow {
        kind: kind.into(),
        key: "K".into(),
        phone: None,
        plate: None,
        name: None,
        opened: Some(at("2025-03-03 09:10")),
        slot: Some(at("2025-03-05 10:00")),
        arrived: None,
        closed: None,
        finished: None,
        estimate: None,
        costs: Vec::new(),
        from: at("2025-03-03 09:00"),
        to: at("2025-03-05 10:00"),
    };
    // An advisor message sent at `sent` stating `promised`, after the advisor promised `before`;
    // the customer asked for Wednesday 11:00 (the record says 10:00).
    let read_sent = |case: &CaseWindow,
                     text: &str,
                     model: &[&str],
                     sent: &str,
                     promised: Option<&str>,
                     before: Option<&str>| {
        let attrs = lexicon.attributes(text);
        cue(
            lexicon,
            case,
            &Said {
                text,
                sent: at(sent),
                mask: lexicon.classify_mask(text, Side::Business),
                model: lexicon.mask_of(model),
                attrs: &attrs,
                promised: promised.map(at),
                promised_before: before.map(at),
                asked_before: Some(at("2025-03-05 11:00")),
            },
        )
        .map(|(i, name)| (lexicon.activities()[i].clone(), name))
    };
    let read = |case: &CaseWindow, text: &str, model: &[&str], promised: Option<&str>| {
        read_sent(case, text, model, "2025-03-03 09:02", promised, None)
    };
    let booking = window("booking");
    let slot = Some("2025-03-05 10:00");
    // The booked slot, stated: a confirmation.
    assert_eq!(
        read(&booking, "Rabu 5/3 10.00 🚗", &[], slot),
        Some(("booking_confirmation".to_string(), "slot"))
    );
    // The time the customer asked for (Wednesday 11:00, the record says 10:00): a confirmation
    // of it; another time, a question, or what the model takes for a refusal: none.
    assert_eq!(
        read(&booking, "Rabu 5/3 11.00", &[], Some("2025-03-05 11:00")),
        Some(("booking_confirmation".to_string(), "asked"))
    );
    assert_eq!(
        read(&booking, "Rabu 5/3 12.00", &[], Some("2025-03-05 12:00")),
        None
    );
    assert_eq!(read(&booking, "Rabu 5/3 10.00 bisa?", &[], slot), None);
    // What the model takes for a reminder is one only when a reminder can be (H-1, a weekend
    // between): stating the slot a week ahead, as the booking is made, confirms it.
    let mut next_week = window("booking");
    next_week.slot = Some(at("2025-03-12 10:00"));
    let stated = Some("2025-03-12 10:00");
    let noted = "Noted, Rabu 12 Mar jam 10.00 masuk list servis";
    assert_eq!(
        read(&next_week, noted, &["reminder"], stated),
        Some(("booking_confirmation".to_string(), "slot"))
    );
    assert_eq!(
        read_sent(
            &next_week,
            noted,
            &["reminder"],
            "2025-03-11 15:00",
            stated,
            None
        ),
        None
    );
    // A time stated that is neither the slot nor the asked one labels nothing, but the message
    // may confirm another time: a candidate, so "no confirmation" needs review.
    let other = |text: &str, model: &[&str]| {
        let attrs = lexicon.attributes(text);
        patuh::timeline::cues::other_time_stated(
            lexicon,
            &booking,
            &Said {
                text,
                sent: at("2025-03-03 09:02"),
                mask: lexicon.classify_mask(text, Side::Business),
                model: lexicon.mask_of(model),
                attrs: &attrs,
                promised: Some(at("2025-03-05 12:00")),
                promised_before: None,
                asked_before: Some(at("2025-03-05 11:00")),
            },
        )
    };
    assert!(other("sip jam 12", &[]));
    assert!(!other("jam 12 bisa?", &[]));
    assert!(!other("jam 12 sudah penuh", &["slot_unavailable"]));
    assert_eq!(
        read(
            &booking,
            "Rabu 5/3 10.00 penuh",
            &["slot_unavailable"],
            slot
        ),
        None
    );
    let mut job = window("job");
    job.finished = Some(at("2025-03-05 16:00"));
    // A finish later than the one promised, before it passed: a delay notice's new estimate,
    // also when the model sees the delay and the lexicon a "full" (antrian QC penuh).
    assert_eq!(
        read_sent(
            &job,
            "Kak maaf ya telat, antrian QC penuh, targetnya jadi besok jam 10.00",
            &["delay_notice"],
            "2025-03-04 11:47",
            Some("2025-03-05 10:00"),
            Some("2025-03-04 12:45"),
        ),
        Some(("delay_notice".to_string(), "later_time"))
    );
    assert_eq!(
        read(&job, "Pak, kaki-kaki bunyi, ganti bushing 750rb", &[], None),
        Some(("diagnosis".to_string(), "amount"))
    );
    assert_eq!(
        read(&job, "Pak, mobil lagi test drive", &[], None),
        Some(("progress_update".to_string(), "work_state"))
    );
}
