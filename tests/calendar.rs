//! The branch calendar at its edges: boundary minutes, nights, weekends, holidays, H-1/H+2.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use patuh::calendar::{BranchCalendar, DayHours, WeeklyHours, h_plus};
use patuh::config::Config;
use proptest::prelude::*;

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The default Medan branch with the shipped Indonesian holidays.
fn medan() -> BranchCalendar {
    let config = Config::defaults();
    config.calendar(config.default_branch())
}

fn minutes(cal: &BranchCalendar, a: &str, b: &str) -> f64 {
    cal.business_minutes(t(a), t(b))
}

#[test]
fn opening_and_closing_minutes_are_half_open() {
    let cal = medan();
    // 2025-08-13 is a Wednesday.
    assert!(!cal.is_open(t("2025-08-13 07:59")));
    assert!(cal.is_open(t("2025-08-13 08:00")));
    assert!(cal.is_open(t("2025-08-13 16:59")));
    assert!(!cal.is_open(t("2025-08-13 17:00")));
    assert_eq!(minutes(&cal, "2025-08-13 16:59", "2025-08-13 17:00"), 1.0);
    assert_eq!(minutes(&cal, "2025-08-13 07:00", "2025-08-13 08:05"), 5.0);
    assert_eq!(minutes(&cal, "2025-08-13 17:00", "2025-08-13 23:59"), 0.0);
}

#[test]
fn message_at_1659_answered_at_0801_next_operating_day_took_two_minutes() {
    let cal = medan();
    assert_eq!(minutes(&cal, "2025-08-13 16:59", "2025-08-14 08:01"), 2.0);
}

#[test]
fn saturday_afternoon_answered_monday_skips_sunday() {
    let cal = medan();
    // Sat 2025-08-09 16:58 -> Mon 2025-08-11 08:03: 2 minutes on Saturday, 3 on Monday.
    assert_eq!(minutes(&cal, "2025-08-09 16:58", "2025-08-11 08:03"), 5.0);
    assert_eq!(minutes(&cal, "2025-08-10 09:00", "2025-08-10 15:00"), 0.0);
    assert!(!cal.is_operating_day(d("2025-08-10")));
}

#[test]
fn a_holiday_monday_is_closed() {
    let cal = medan();
    // Mon 2025-05-12 is Hari Raya Waisak (libur nasional). Tue 05-13 is cuti bersama: open by default.
    assert!(!cal.is_operating_day(d("2025-05-12")));
    assert!(cal.is_operating_day(d("2025-05-13")));
    assert_eq!(minutes(&cal, "2025-05-10 16:50", "2025-05-13 08:05"), 15.0);
    assert_eq!(
        cal.next_opening(t("2025-05-10 17:00")),
        Some(t("2025-05-13 08:00"))
    );
}

#[test]
fn cuti_bersama_closes_only_when_configured() {
    let text = "[calendar]\nclose_on_cuti_bersama = true\n";
    let config = Config::parse(text, std::path::Path::new("patuh.toml")).unwrap();
    let cal = config.calendar(config.default_branch());
    assert!(!cal.is_operating_day(d("2025-05-13")));
    assert_eq!(minutes(&cal, "2025-05-10 16:50", "2025-05-14 08:05"), 15.0);
}

#[test]
fn multi_day_spans_count_only_operating_hours() {
    let cal = medan();
    // Mon 2025-08-11 08:00 -> Wed 2025-08-13 17:00: three full days of 9 hours.
    assert_eq!(
        minutes(&cal, "2025-08-11 08:00", "2025-08-13 17:00"),
        27.0 * 60.0
    );
    // Fri 2025-08-15 12:00 -> Tue 2025-08-19 10:00: Fri 5h, Sat 9h, Sun 0, Mon 17 Aug holiday,
    // Mon 18 Aug cuti bersama (open by default) 9h, Tue 2h.
    assert_eq!(
        minutes(&cal, "2025-08-15 12:00", "2025-08-19 10:00"),
        (5.0 + 9.0 + 9.0 + 2.0) * 60.0
    );
}

#[test]
fn reversed_or_empty_intervals_are_zero() {
    let cal = medan();
    assert_eq!(minutes(&cal, "2025-08-13 10:00", "2025-08-13 09:00"), 0.0);
    assert_eq!(minutes(&cal, "2025-08-13 10:00", "2025-08-13 10:00"), 0.0);
}

#[test]
fn adding_business_time_walks_over_nights_weekends_and_holidays() {
    let cal = medan();
    let plus = |s: &str, m: i64| cal.add_business(t(s), Duration::minutes(m)).unwrap();
    assert_eq!(plus("2025-08-13 16:58", 5), t("2025-08-14 08:03"));
    assert_eq!(plus("2025-08-09 16:00", 120), t("2025-08-11 09:00"));
    // A clock started on Sunday starts at Monday's opening.
    assert_eq!(plus("2025-08-10 11:00", 0), t("2025-08-11 08:00"));
    // Sat 05-10 16:00 + 2h: one hour Saturday, Monday 05-12 is Waisak, one hour Tuesday.
    assert_eq!(plus("2025-05-10 16:00", 120), t("2025-05-13 09:00"));
}

#[test]
fn last_operating_day_and_reminder_window_of_a_monday_slot() {
    let cal = medan();
    // A Monday slot: H-1 is Saturday (Sunday closed); the window runs to Sunday 23:59:59.
    assert_eq!(
        cal.last_operating_day_before(d("2025-08-11")),
        Some(d("2025-08-09"))
    );
    let (from, to) = cal.reminder_window(d("2025-08-11")).unwrap();
    assert_eq!(from, t("2025-08-09 00:00"));
    assert_eq!(to, d("2025-08-10").and_hms_opt(23, 59, 59).unwrap());
    // A Tuesday slot after the Waisak Monday: the last operating day is Saturday.
    assert_eq!(
        cal.last_operating_day_before(d("2025-05-13")),
        Some(d("2025-05-10"))
    );
    // A Wednesday slot: H-1 is Tuesday.
    assert_eq!(
        cal.last_operating_day_before(d("2025-08-13")),
        Some(d("2025-08-12"))
    );
}

#[test]
fn h_plus_two_ends_at_the_last_second_of_the_day() {
    assert_eq!(
        h_plus(d("2025-08-13"), 2),
        d("2025-08-15").and_hms_opt(23, 59, 59).unwrap()
    );
    // Calendar days ignore weekends and holidays.
    assert_eq!(
        h_plus(d("2025-08-15"), 2),
        d("2025-08-17").and_hms_opt(23, 59, 59).unwrap()
    );
}

#[test]
fn end_of_next_operating_day_skips_closed_days() {
    let cal = medan();
    // No-show on Saturday 2025-05-10: next operating day is Tuesday 05-13.
    assert_eq!(
        cal.end_of_operating_day_after(d("2025-05-10"), 1),
        Some(d("2025-05-13").and_hms_opt(23, 59, 59).unwrap())
    );
}

#[test]
fn a_branch_with_short_saturdays_and_a_lunch_break() {
    let mut week = WeeklyHours::default();
    week.set(
        chrono::Weekday::Sat,
        DayHours::parse("08:00-15:00").unwrap(),
    );
    week.set(
        chrono::Weekday::Wed,
        DayHours::parse("08.00-12.00, 13.00-17.00").unwrap(),
    );
    let cal = BranchCalendar::new(chrono_tz::Asia::Jakarta, week, []);
    assert!(!cal.is_open(t("2025-08-09 15:00")));
    assert_eq!(minutes(&cal, "2025-08-09 14:50", "2025-08-11 08:05"), 15.0);
    assert!(!cal.is_open(t("2025-08-13 12:30")));
    assert_eq!(minutes(&cal, "2025-08-13 11:50", "2025-08-13 13:10"), 20.0);
    assert_eq!(
        cal.next_opening(t("2025-08-13 12:10")),
        Some(t("2025-08-13 13:00"))
    );
}

#[test]
fn hours_that_do_not_parse_are_refused() {
    assert!(DayHours::parse("17:00-08:00").is_err());
    assert!(DayHours::parse("08:00-12:00, 11:00-17:00").is_err());
    assert!(DayHours::parse("pagi").is_err());
    assert!(DayHours::parse("tutup").unwrap().spans().is_empty());
}

#[test]
fn shipped_holidays_cover_2024_to_2027_and_name_their_kind() {
    let days = patuh::calendar::shipped_holidays();
    for year in 2024..=2027 {
        assert!(
            days.iter().any(|h| h.date == d(&format!("{year}-08-17"))),
            "{year} independence day"
        );
        assert!(
            days.iter().any(|h| h.date == d(&format!("{year}-12-25"))),
            "{year} christmas"
        );
    }
    let eid = days.iter().find(|h| h.date == d("2025-03-31")).unwrap();
    assert_eq!(eid.kind, patuh::calendar::HolidayKind::LiburNasional);
    // 2027 is decreed; only Idul Fitri and Idul Adha wait for the government's confirmation.
    let provisional: Vec<String> = days
        .iter()
        .filter(|h| h.provisional)
        .map(|h| h.date.to_string())
        .collect();
    assert_eq!(provisional, ["2027-03-10", "2027-03-11", "2027-05-17"]);
    assert!(
        days.iter()
            .filter(|h| h.date < d("2027-01-01"))
            .all(|h| !h.provisional)
    );
}

fn arb_time() -> impl Strategy<Value = NaiveDateTime> {
    // Any minute in 2025, a year with holidays on every kind of weekday.
    (0i64..365 * 24 * 60).prop_map(|m| t("2025-01-01 00:00") + Duration::minutes(m))
}

proptest! {
    #[test]
    fn business_duration_is_additive_over_a_split_point(a in arb_time(), b in arb_time(), c in arb_time()) {
        let cal = medan();
        let mut v = [a, b, c];
        v.sort();
        let whole = cal.business_duration(v[0], v[2]);
        let parts = cal.business_duration(v[0], v[1]) + cal.business_duration(v[1], v[2]);
        prop_assert_eq!(whole, parts);
    }

    #[test]
    fn business_duration_is_never_negative_nor_longer_than_the_interval(a in arb_time(), b in arb_time()) {
        let cal = medan();
        let d = cal.business_duration(a, b);
        prop_assert!(d >= Duration::zero());
        prop_assert!(d <= (b - a).max(Duration::zero()));
    }

    #[test]
    fn no_business_time_passes_while_closed(a in arb_time(), len in 0i64..600) {
        let cal = medan();
        let b = a + Duration::minutes(len);
        let open_between = (0..=len).any(|m| cal.is_open(a + Duration::minutes(m)));
        if !open_between {
            prop_assert_eq!(cal.business_duration(a, b), Duration::zero());
        }
    }

    #[test]
    fn adding_then_measuring_gives_back_the_amount(a in arb_time(), m in 0i64..5000) {
        let cal = medan();
        let end = cal.add_business(a, Duration::minutes(m)).unwrap();
        prop_assert_eq!(cal.business_duration(a, end), Duration::minutes(m));
        prop_assert!(end >= a);
    }
}

#[test]
fn h_minus_one_starts_at_midnight_of_the_day_before() {
    assert_eq!(
        patuh::calendar::h_minus(d("2025-08-11"), 1),
        t("2025-08-10 00:00")
    );
}

/// Every shipped day against the independent oracle (python-holidays, citing the decrees), in
/// both directions and by kind; a difference names the date.
#[test]
fn shipped_holidays_equal_the_oracle_day_by_day() {
    let Some(shared) = crate::support::shared_dir() else {
        return;
    };
    let mut oracle = std::collections::BTreeMap::new();
    let mut reader = csv::Reader::from_path(shared.join("oracles/holidays_id_2024-2027.csv"))
        .expect("the oracle file");
    for rec in reader.records().map(|r| r.unwrap()) {
        oracle.insert(d(&rec[0]), rec[1].to_string());
    }
    let mut shipped = std::collections::BTreeMap::new();
    for h in patuh::calendar::shipped_holidays() {
        let kind = match h.kind {
            patuh::calendar::HolidayKind::LiburNasional => "libur_nasional",
            patuh::calendar::HolidayKind::CutiBersama => "cuti_bersama",
            patuh::calendar::HolidayKind::Company => "company",
        };
        shipped.insert(h.date, kind.to_string());
    }
    let mut differences = Vec::new();
    for date in oracle
        .keys()
        .chain(shipped.keys())
        .collect::<std::collections::BTreeSet<_>>()
    {
        match (oracle.get(date), shipped.get(date)) {
            (Some(o), Some(s)) if o != s => differences.push(format!(
                "{date}: the oracle says {o}, rules/holidays_id.toml {s}"
            )),
            (Some(o), None) => differences.push(format!("{date}: {o} in the oracle, missing here")),
            (None, Some(s)) => differences.push(format!("{date}: {s} here, not in the oracle")),
            _ => {}
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn election_day_2024_and_nyepi_2027_are_closed() {
    let cal = medan();
    // Tue 13 Feb 2024 16:55 → Thu 15 Feb 08:05: the 14th was the general election.
    assert_eq!(minutes(&cal, "2024-02-13 16:55", "2024-02-15 08:05"), 10.0);
    // Sat 6 Mar 2027 16:55 → Tue 9 Mar 08:05: Sunday, then Nyepi on Monday 8 March; the 9th
    // is cuti bersama, open by default.
    assert_eq!(minutes(&cal, "2027-03-06 16:55", "2027-03-09 08:05"), 10.0);
}

#[test]
fn hours_to_2400_run_to_midnight_and_print_as_2400() {
    let day = DayHours::parse("20:00-24:00").unwrap();
    assert_eq!(day.to_string(), "20:00-24:00");
    let mut week = WeeklyHours::default();
    for d in [chrono::Weekday::Mon, chrono::Weekday::Tue] {
        week.set(d, day.clone());
    }
    let cal = BranchCalendar::new(chrono_tz::Asia::Jakarta, week, Vec::new());
    // Mon 2025-08-11: 23:59:30 is open, the whole last minute counts, and Tuesday 20:00 follows.
    assert!(cal.is_open(
        NaiveDateTime::parse_from_str("2025-08-11 23:59:30", "%Y-%m-%d %H:%M:%S").unwrap()
    ));
    assert_eq!(minutes(&cal, "2025-08-11 23:00", "2025-08-12 20:01"), 61.0);
    assert_eq!(minutes(&cal, "2025-08-11 20:00", "2025-08-12 00:00"), 240.0);
}

#[test]
fn an_sla_of_zero_operating_days_is_refused_with_its_key() {
    let e = Config::parse(
        "[sla.aftersales]\nhandling_operating_days = 0\n",
        std::path::Path::new("patuh.toml"),
    )
    .map(|_| ())
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("line 2, key sla.aftersales.handling_operating_days")
            && e.contains("0 operating days"),
        "{e}"
    );
}
