//! The timeline: chats tied to customers and messages to cases, on fixtures with known answers
//! (tests/fixtures/cases) and on the sample data.

use crate::support::{patuh, stderr, stdout, tempdir};
use chrono::NaiveDateTime;
use patuh::timeline::link::{CaseWindow, ChatLink, Directory, LinkMsg, MsgLink, assign, name_key};
use std::path::{Path, PathBuf};
use std::process::Output;

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cases")
}

/// Runs patuh on the store in `dir` with the configuration beside `inputs`.
pub fn patuh_on(dir: &Path, inputs: &Path, args: &[&str]) -> Output {
    let db = dir.join("s.duckdb");
    let config = inputs.join("patuh.toml");
    let mut all = vec![
        "--db",
        db.to_str().expect("utf-8 path"),
        "--config",
        config.to_str().expect("utf-8 path"),
    ];
    all.extend_from_slice(args);
    patuh(dir, &all)
}

/// Imports `inputs`, rebuilds the timeline and scores into a store in `dir`; findings.csv and
/// cases.csv are written to `dir/out`.
pub fn pipeline(dir: &Path, inputs: &Path) {
    let out = dir.join("out");
    let out = out.to_str().expect("utf-8 path");
    let input = inputs.to_str().expect("utf-8 path");
    for args in [
        vec!["--quiet", "import", input],
        vec!["--quiet", "timeline"],
        vec!["--quiet", "score", "--out", out],
    ] {
        let o = patuh_on(dir, inputs, &args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
}

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time")
}

fn case(
    kind: &str,
    key: &str,
    phone: Option<&str>,
    name: &str,
    from: &str,
    to: &str,
) -> CaseWindow {
    CaseWindow {
        kind: kind.into(),
        key: key.into(),
        phone: phone.map(Into::into),
        plate: None,
        name: Some(name.into()),
        opened: Some(t(from)),
        slot: None,
        arrived: None,
        closed: None,
        finished: None,
        estimate: None,
        costs: Vec::new(),
        from: t(from),
        to: t(to),
    }
}

fn msg(at: &str, fits: &[&str]) -> LinkMsg {
    LinkMsg {
        at: t(at),
        system: false,
        by_advisor: false,
        promised: None,
        amounts: Vec::new(),
        fits: fits.iter().map(|k| (k.to_string(), 2)).collect(),
        guessed: false,
        after_booking: false,
        asks: false,
        answers: false,
        checks_resolution: false,
        repeats: None,
    }
}

#[test]
fn name_keys_drop_plates_and_duplicate_counters() {
    assert_eq!(
        name_key("Agus Manurung BM 974 FZY").as_deref(),
        Some("agus manurung")
    );
    assert_eq!(
        name_key("Agus Santoso (2)").as_deref(),
        Some("agus santoso")
    );
    assert_eq!(name_key("+62 812-1000-0001"), None);
}

#[test]
fn a_shared_name_is_settled_by_time_and_content_or_reported() {
    let cases = vec![
        case(
            "booking",
            "B8",
            Some("+6281210000008"),
            "Budi Santoso",
            "2025-05-17 10:00",
            "2025-05-24 23:59",
        ),
        case(
            "booking",
            "B9",
            Some("+6281210000009"),
            "Budi Santoso",
            "2025-05-26 10:00",
            "2025-05-31 23:59",
        ),
        case(
            "job",
            "J1",
            Some("+6281210000010"),
            "Ani Lubis",
            "2025-05-22 09:00",
            "2025-05-23 17:00",
        ),
        case(
            "job",
            "J2",
            Some("+6281210000011"),
            "Ani Lubis",
            "2025-05-22 08:00",
            "2025-05-23 17:00",
        ),
    ];
    let dir = Directory::build(&cases);
    // The first Budi's chat lies in B8's window only.
    let chat = [
        msg("2025-05-20 09:50", &["booking"]),
        msg("2025-05-20 09:52", &[]),
    ];
    let who = dir.identify(&cases, None, None, Some("Budi Santoso"), &chat);
    assert_eq!(who.outcome(), "name");
    assert_eq!(cases[dir.customers[who.customer().unwrap()][0]].key, "B8");
    // Both Anis have a job open at the chat's time: ambiguous, with both candidates.
    let chat = [msg("2025-05-22 10:00", &["job"])];
    match dir.identify(&cases, None, None, Some("Ani Lubis"), &chat) {
        ChatLink::Ambiguous(list) => assert_eq!(list.len(), 2),
        other => panic!("expected ambiguous, got {other:?}"),
    }
    // A number no record knows is never matched by name.
    let who = dir.identify(
        &cases,
        Some("+6289999999999"),
        None,
        Some("Budi Santoso"),
        &chat,
    );
    assert_eq!(who, ChatLink::Unlinked);
}

#[test]
fn overlapping_cases_take_messages_by_content_then_continuity() {
    let cases = vec![
        case(
            "followup",
            "SPK-1",
            Some("+62811"),
            "X",
            "2025-05-10 12:00",
            "2025-05-22 12:00",
        ),
        case(
            "booking",
            "B1",
            Some("+62811"),
            "X",
            "2025-05-12 09:00",
            "2025-05-16 23:59",
        ),
    ];
    let msgs = [
        msg("2025-05-11 10:00", &["followup"]),
        msg("2025-05-13 10:00", &["followup"]),
        msg("2025-05-13 10:05", &[]),
        msg("2025-05-14 09:00", &["booking"]),
        msg("2025-05-14 09:01", &[]),
    ];
    let got: Vec<Option<(usize, MsgLink)>> = assign(&cases, &[0, 1], &msgs);
    assert_eq!(got[0], Some((0, MsgLink::Window)));
    assert_eq!(got[1], Some((0, MsgLink::Content)));
    assert_eq!(got[2], Some((0, MsgLink::Continuity)));
    assert_eq!(got[3], Some((1, MsgLink::Content)));
    assert_eq!(got[4], Some((1, MsgLink::Continuity)));
}

/// A booking conversation under way while a follow-up is open: a data line the model only
/// half-sees as a complaint stays with the booking it continues; the advisor's message stating
/// the booking's slot goes to the booking whatever its words, even right after a job's message.
#[test]
fn half_seen_kinds_do_not_pull_a_message_out_of_its_conversation() {
    let followup = case(
        "followup",
        "SPK-1",
        Some("+62811"),
        "X",
        "2025-08-18 15:00",
        "2025-08-30 15:00",
    );
    let mut booking = case(
        "booking",
        "B1",
        Some("+62811"),
        "X",
        "2025-08-26 13:59",
        "2025-09-01 23:59",
    );
    booking.slot = Some(t("2025-09-01 14:00"));
    let mut job = case(
        "job",
        "SPK-2",
        Some("+62811"),
        "X",
        "2025-08-26 08:00",
        "2025-08-27 17:00",
    );
    job.costs = vec![450_000];
    let cases = vec![followup, booking, job];
    let half_seen = |at: &str, fits: &[&str]| LinkMsg {
        guessed: true,
        ..msg(at, fits)
    };
    let msgs = [
        msg("2025-08-26 13:59", &["booking"]),
        half_seen("2025-08-26 14:07", &["followup"]),
        LinkMsg {
            amounts: vec![450_000],
            by_advisor: true,
            ..msg("2025-08-26 14:20", &["job"])
        },
        LinkMsg {
            promised: Some(t("2025-09-01 14:00")),
            by_advisor: true,
            ..half_seen("2025-08-26 14:22", &["followup"])
        },
        // With no conversation under way (a day's pause), the half-seen kind decides.
        half_seen("2025-08-28 10:00", &["followup"]),
    ];
    let got = assign(&cases, &[0, 1, 2], &msgs);
    assert_eq!(got[0], Some((1, MsgLink::Content)));
    assert_eq!(got[1], Some((1, MsgLink::Continuity)));
    assert_eq!(got[2], Some((2, MsgLink::Content)));
    assert_eq!(got[3], Some((1, MsgLink::Content)));
    assert_eq!(got[4], Some((0, MsgLink::Content)));
}

/// Two cases open at once: an advisor message sent as a ticket was resolved belongs to that
/// ticket, whatever its words; a message stating a job's estimated finish or one of its costs
/// belongs to that job; the conversation after each follows it.
#[test]
fn overlapping_cases_take_what_their_records_state() {
    let mut inquiry = case(
        "inquiry",
        "INQ-1",
        Some("+62811"),
        "X",
        "2025-05-10 09:00",
        "2025-05-11 14:00",
    );
    inquiry.closed = Some(t("2025-05-10 13:40"));
    let claim = case(
        "aftersales",
        "PJL-1",
        Some("+62811"),
        "X",
        "2025-05-01 09:00",
        "2025-05-20 09:00",
    );
    let mut first = case(
        "job",
        "SPK-1",
        Some("+62811"),
        "X",
        "2025-05-09 10:00",
        "2025-05-13 17:00",
    );
    first.estimate = Some(t("2025-05-10 15:30"));
    first.costs = vec![2_450_000];
    let mut second = case(
        "job",
        "SPK-2",
        Some("+62811"),
        "X",
        "2025-05-10 11:00",
        "2025-05-13 17:00",
    );
    second.estimate = Some(t("2025-05-12 09:45"));
    second.costs = vec![1_050_000];
    let cases = vec![inquiry, claim, first, second];
    let advisor = |at: &str, fits: &[&str]| LinkMsg {
        by_advisor: true,
        ..msg(at, fits)
    };
    let msgs = [
        // A warranty answer fits the claim by its words, but resolves the inquiry.
        advisor("2025-05-10 13:38", &["aftersales"]),
        msg("2025-05-10 13:45", &[]),
        // A finish time stated: the second job's estimate; then a bill of the first job.
        LinkMsg {
            promised: Some(t("2025-05-12 09:45")),
            ..advisor("2025-05-11 12:39", &["job"])
        },
        LinkMsg {
            amounts: vec![2_450_000],
            ..advisor("2025-05-11 15:00", &["job"])
        },
    ];
    let got = assign(&cases, &[0, 1, 2, 3], &msgs);
    assert_eq!(got[0], Some((0, MsgLink::Content)));
    assert_eq!(got[1], Some((0, MsgLink::Continuity)));
    assert_eq!(got[2], Some((3, MsgLink::Content)));
    assert_eq!(got[3], Some((2, MsgLink::Content)));
}

/// A claim opened by the customer's message owns that message; the advisor's follow-up
/// question minutes later (fitting the job's follow-up and the claim alike) goes to the
/// follow-up, the one case with an outcome by then.
#[test]
fn a_question_after_a_claim_opens_goes_to_the_case_with_an_outcome() {
    let followup = case(
        "followup",
        "SPK-1",
        Some("+62811"),
        "X",
        "2025-05-05 16:37",
        "2025-05-17 16:37",
    );
    let claim = case(
        "aftersales",
        "PJL-1",
        Some("+62811"),
        "X",
        "2025-05-06 14:33",
        "2025-05-20 09:00",
    );
    let cases = vec![followup, claim];
    let msgs = [
        msg("2025-05-06 14:33", &["aftersales"]),
        LinkMsg {
            by_advisor: true,
            asks: true,
            ..msg("2025-05-06 14:36", &["followup", "aftersales"])
        },
    ];
    let got = assign(&cases, &[0, 1], &msgs);
    assert_eq!(got[0], Some((1, MsgLink::Content)));
    assert_eq!(got[1], Some((0, MsgLink::Content)));
}

/// Thanks fit a follow-up and a ticket alike; they go to the ticket resolved last, unless they
/// answer what the customer just wrote in the follow-up (a review reported the evening before).
#[test]
fn thanks_for_a_review_go_to_the_follow_up_not_the_resolved_ticket() {
    let followup = case(
        "followup",
        "SPK-1",
        Some("+62811"),
        "X",
        "2025-12-01 12:48",
        "2025-12-13 12:48",
    );
    let mut claim = case(
        "aftersales",
        "PJL-1",
        Some("+62811"),
        "X",
        "2025-11-20 10:00",
        "2025-12-20 10:00",
    );
    claim.closed = Some(t("2025-11-28 15:00"));
    let cases = vec![followup, claim];
    let thanks = |at: &str| LinkMsg {
        by_advisor: true,
        checks_resolution: true,
        ..msg(at, &["followup", "aftersales", "inquiry"])
    };
    let review = LinkMsg {
        answers: true,
        ..msg("2025-12-02 16:12", &["followup"])
    };
    let got = assign(
        &cases,
        &[0, 1],
        &[review.clone(), thanks("2025-12-03 08:02")],
    );
    assert_eq!(got[0], Some((0, MsgLink::Content)));
    assert_eq!(got[1], Some((0, MsgLink::Continuity)));
    // Without the customer's message before them, the resolved ticket owns them.
    let got = assign(&cases, &[0, 1], &[thanks("2025-12-03 08:02")]);
    assert_eq!(got[0], Some((1, MsgLink::Content)));
    // Nor do thanks a day and more after the customer wrote answer it.
    let got = assign(&cases, &[0, 1], &[review, thanks("2025-12-04 08:02")]);
    assert_eq!(got[1], Some((1, MsgLink::Content)));
}

/// A review request sent again word for word goes to the follow-up the first went to, while it
/// is open, even when a newer follow-up has opened since; not when the customer has just
/// answered in the newer one (a request after their praise there is its own).
#[test]
fn a_repeated_review_request_stays_with_the_first_asking() {
    let first = case(
        "followup",
        "SPK-1",
        Some("+62811"),
        "X",
        "2025-01-16 08:00",
        "2025-01-28 08:00",
    );
    let second = case(
        "followup",
        "SPK-2",
        Some("+62811"),
        "X",
        "2025-01-17 12:58",
        "2025-01-29 12:58",
    );
    let cases = vec![first, second];
    let request = |at: &str, repeats: Option<usize>| LinkMsg {
        by_advisor: true,
        asks: true,
        repeats,
        ..msg(at, &["followup"])
    };
    let praise = |at: &str| LinkMsg {
        answers: true,
        ..msg(at, &["followup"])
    };
    // Praise and a request in the first follow-up; the same request again the next day, after
    // the second opened.
    let msgs = [
        praise("2025-01-16 10:41"),
        request("2025-01-16 11:11", None),
        request("2025-01-18 11:11", Some(1)),
    ];
    let got = assign(&cases, &[0, 1], &msgs);
    assert_eq!(got[2], Some((0, MsgLink::Content)));
    // Without the repeat the newer follow-up takes it.
    let msgs = [
        msgs[0].clone(),
        msgs[1].clone(),
        request("2025-01-18 11:11", None),
    ];
    assert_eq!(assign(&cases, &[0, 1], &msgs)[2].map(|p| p.0), Some(1));
    // The customer praised the second follow-up's work just before: the request is its own.
    let msgs = [
        praise("2025-01-16 10:41"),
        request("2025-01-16 11:11", None),
        praise("2025-01-18 10:00"),
        request("2025-01-18 11:11", Some(1)),
    ];
    let got = assign(&cases, &[0, 1], &msgs);
    assert_eq!(got[2].map(|p| p.0), Some(1));
    assert_eq!(got[3].map(|p| p.0), Some(1));
}

/// Two follow-ups of one customer open at once, a follow-up question fitting both alike:
/// the one opened last takes it and it is shared with the other; a message whose content
/// decides is not shared; one nothing decides is shared with every open case.
#[test]
fn a_message_two_open_jobs_fit_alike_is_shared() {
    let first = case(
        "followup",
        "SPK-1",
        Some("+62811"),
        "X",
        "2025-09-06 15:31",
        "2025-09-18 15:31",
    );
    let second = case(
        "followup",
        "SPK-2",
        Some("+62811"),
        "X",
        "2025-09-08 09:38",
        "2025-09-20 09:38",
    );
    let booking = case(
        "booking",
        "B1",
        Some("+62811"),
        "X",
        "2025-09-08 10:00",
        "2025-09-12 10:00",
    );
    let cases = vec![first, second, booking];
    let msgs = [
        msg("2025-09-09 15:10", &["followup"]),
        msg("2025-09-09 16:00", &["booking"]),
        // A day later, fitting nothing: the case opened last, shared with every other.
        msg("2025-09-10 17:00", &[]),
    ];
    let (got, shared) = patuh::timeline::link::assign_all(&cases, &[0, 1, 2], &msgs);
    assert_eq!(got[0], Some((1, MsgLink::Latest)));
    assert_eq!(got[1], Some((2, MsgLink::Content)));
    assert_eq!(got[2], Some((2, MsgLink::Latest)));
    assert_eq!(shared, vec![(0, 0), (2, 0), (2, 1)]);
}

/// A booking whose slot has passed with no arrival is still open for the no-show contact: an
/// advisor message that fits nothing, tied to the customer's running job only by the
/// conversation's order, may be that contact, so it is tied to the booking as well. One that
/// fits the job, or a customer's, or one before the slot, is not.
#[test]
fn an_unexplained_advisor_message_after_a_booking_slot_is_shared_with_the_booking() {
    let job = case(
        "job",
        "SPK-1",
        Some("+62811"),
        "X",
        "2025-01-23 10:15",
        "2025-01-26 17:00",
    );
    let mut booking = case(
        "booking",
        "B1",
        Some("+62811"),
        "X",
        "2025-01-22 15:00",
        "2025-01-27 23:59",
    );
    booking.slot = Some(t("2025-01-24 09:00"));
    let cases = vec![job, booking];
    let advisor = |at: &str, fits: &[&str]| LinkMsg {
        by_advisor: true,
        ..msg(at, fits)
    };
    let msgs = [
        advisor("2025-01-24 08:00", &["job"]),
        // Before the slot: nothing to contact about yet.
        advisor("2025-01-24 08:30", &[]),
        advisor("2025-01-24 10:00", &["job"]),
        // After the slot, fitting nothing: may be the no-show contact.
        advisor("2025-01-24 10:42", &[]),
        // The customer's own message is no contact by the branch.
        msg("2025-01-24 10:50", &[]),
    ];
    let (got, shared) = patuh::timeline::link::assign_all(&cases, &[0, 1], &msgs);
    assert_eq!(got[3], Some((0, MsgLink::Continuity)));
    assert_eq!(shared, vec![(3, 1)]);
    // The customer came (the booking's job checked in): no contact to look for.
    let mut cases = cases;
    cases[1].arrived = Some(t("2025-01-24 08:40"));
    let (_, shared) = patuh::timeline::link::assign_all(&cases, &[0, 1], &msgs);
    assert!(shared.is_empty(), "{shared:?}");
}

#[test]
fn fixture_chats_link_by_phone_and_name_and_report_the_ambiguous_one() {
    let dir = tempdir();
    pipeline(dir.path(), &fixtures());
    let o = patuh_on(dir.path(), &fixtures(), &["--json", "timeline"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let chats: std::collections::HashMap<String, i64> = v["chats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c[0].as_str().unwrap().to_string(), c[1].as_i64().unwrap()))
        .collect();
    assert_eq!(chats["phone"], 15);
    assert_eq!(
        chats["name"], 2,
        "the two Budi Santoso chats, settled by time"
    );
    assert_eq!(
        chats["ambiguous"], 1,
        "Ani Lubis: two bookings the same morning"
    );
    // `patuh check` names the ambiguous chat with both candidates.
    let o = patuh_on(dir.path(), &fixtures(), &["--json", "check"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let amb = &v["ambiguous_chats"][0];
    assert!(
        amb["file"]
            .as_str()
            .unwrap()
            .ends_with("Chat WhatsApp dengan Ani Lubis.txt"),
        "{amb}"
    );
    let candidates = amb["candidates"].as_str().unwrap();
    assert!(
        candidates.contains("B10") && candidates.contains("B11"),
        "{candidates}"
    );
    // The case shows the customer's messages with their source lines.
    let o = patuh_on(dir.path(), &fixtures(), &["case", "B9"]);
    let text = stdout(&o);
    assert!(text.contains("Pagi, mau booking ganti oli juga"), "{text}");
    assert!(text.contains("Budi Santoso (2).txt:1"), "{text}");
    assert!(text.contains("+62812****0009"), "phone masked: {text}");
    // Record attributes are JSON even when the record's text holds quotes and backslashes.
    let o = patuh_on(dir.path(), &fixtures(), &["--json", "case", "T1"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let resolved = v[0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["activity"] == "ticket_resolved")
        .expect("the ticket's resolution event");
    assert_eq!(
        resolved["attributes"]["resolution"],
        r#"dijawab via WhatsApp: "Minggu tutup" \ info"#
    );
}

#[test]
fn sample_data_links_nearly_every_message() {
    let dir = tempdir();
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    pipeline(dir.path(), &sample);
    let o = patuh_on(dir.path(), &sample, &["--json", "timeline"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let rates = v["link_rates"].as_array().unwrap();
    let rate = |name: &str| {
        let r = rates.iter().find(|r| r["source"] == name).expect(name);
        r["linked"].as_f64().unwrap() / r["total"].as_f64().unwrap()
    };
    println!("link rates: {rates:?}");
    assert!(rate("whatsapp messages") >= 0.97, "{rates:?}");
    assert!(rate("whatsapp chats") >= 0.97, "{rates:?}");
    assert!(rate("jobs with their chat") >= 0.95, "{rates:?}");
}
