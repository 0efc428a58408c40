//! patuh.toml: defaults, layering, and errors that name the key and line.

use patuh::config::{Config, DEFAULT_TOML};
use patuh::lang::Lang;
use std::path::Path;

fn parse(text: &str) -> Result<Config, String> {
    Config::parse(text, Path::new("patuh.toml")).map_err(|e| e.to_string())
}

#[test]
fn defaults_are_the_commented_init_file() {
    let c = parse(DEFAULT_TOML).unwrap();
    assert_eq!(c.organisation.name, "Gema Sehat Indonesia");
    assert_eq!(c.report.language, Lang::Id);
    assert_eq!(c.report.semester_start_month, 1);
    assert_eq!(c.branches.len(), 1);
    assert_eq!(c.branches[0].name, "Medan");
    assert_eq!(c.branches[0].time_zone, chrono_tz::Asia::Jakarta);
    assert_eq!(c.sla.inquiry.first_response_minutes.teknis, 30);
    assert_eq!(c.sanctions.written_warning_max, 5);
    let week = c.branches[0].weekly_hours().unwrap();
    assert_eq!(week.day(chrono::Weekday::Sat).to_string(), "08:00-17:00");
    assert_eq!(week.day(chrono::Weekday::Sun).to_string(), "closed");
}

#[test]
fn an_empty_file_keeps_every_default() {
    let c = parse("").unwrap();
    assert_eq!(c.whatsapp.burst_gap_minutes, 3);
    assert_eq!(c.sla.aftersales.handling_operating_days, 7);
}

#[test]
fn a_branch_states_only_what_differs() {
    let c = parse(
        r#"
[[branch]]
name = "Medan"

[[branch]]
name = "Binjai"
days_off = ["2025-06-02", { date = "2025-06-03", name = "Renovasi" }]
[branch.hours]
sat = "08:00-15:00"
"#,
    )
    .unwrap();
    assert_eq!(c.branches.len(), 2);
    let binjai = c.branch("binjai").unwrap();
    assert_eq!(binjai.time_zone, chrono_tz::Asia::Jakarta);
    let week = binjai.weekly_hours().unwrap();
    assert_eq!(week.day(chrono::Weekday::Sat).to_string(), "08:00-15:00");
    assert_eq!(week.day(chrono::Weekday::Mon).to_string(), "08:00-17:00");
    let cal = c.calendar(binjai);
    assert!(!cal.is_operating_day(chrono::NaiveDate::from_ymd_opt(2025, 6, 3).unwrap()));
    let medan = c.calendar(c.branch("Medan").unwrap());
    assert!(medan.is_operating_day(chrono::NaiveDate::from_ymd_opt(2025, 6, 3).unwrap()));
}

#[test]
fn an_unknown_key_names_its_path_and_line() {
    let e = parse("[report]\nlanguage = \"id\"\nsemester_start = 7\n").unwrap_err();
    assert!(e.contains("line 3"), "{e}");
    assert!(e.contains("report.semester_start"), "{e}");
    assert!(e.contains("unknown field"), "{e}");
}

#[test]
fn a_wrong_type_names_its_path_and_line() {
    let e = parse("[whatsapp]\nburst_gap_minutes = \"tiga\"\n").unwrap_err();
    assert!(e.contains("line 2"), "{e}");
    assert!(e.contains("whatsapp.burst_gap_minutes"), "{e}");
}

#[test]
fn bad_hours_and_bad_values_are_refused_with_their_key() {
    let e =
        parse("[[branch]]\nname = \"Medan\"\n[branch.hours]\nmon = \"17:00-08:00\"\n").unwrap_err();
    assert!(e.contains("branch[0].hours.mon"), "{e}");
    let e = parse("[report]\nsemester_start_month = 13\n").unwrap_err();
    assert!(e.contains("report.semester_start_month"), "{e}");
    let e = parse("[[branch]]\nname = \"X\"\ntime_zone = \"Asia/Medan\"\n").unwrap_err();
    assert!(e.contains("Asia/Medan"), "{e}");
    let e = parse("[report]\nlanguage = \"fr\"\n").unwrap_err();
    assert!(e.contains("line 2") && e.contains("fr"), "{e}");
}

#[test]
fn syntax_errors_give_the_line() {
    let e = parse("[report\nlanguage = \"id\"\n").unwrap_err();
    assert!(e.starts_with("patuh.toml: line 1"), "{e}");
}

#[test]
fn open_days_and_company_days_off_change_the_calendar() {
    let c =
        parse("[calendar]\nopen_days = [\"2025-05-12\"]\ndays_off = [\"2025-12-31\"]\n").unwrap();
    let cal = c.calendar(c.default_branch());
    assert!(cal.is_operating_day(chrono::NaiveDate::from_ymd_opt(2025, 5, 12).unwrap()));
    assert!(!cal.is_operating_day(chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()));
}

/// `[sla]` and `burst_gap_minutes` are shorthands for overrides: the shipped values write none
/// (the catalog's defaults stay in force, and a revised SOP's limit is never hidden); a changed
/// value writes one override, in force always, that the parameter table then uses.
#[test]
fn sla_shorthands_override_only_what_the_company_changed() {
    use patuh::config::param_overrides;
    use patuh::rules::{Catalog, ParamTable};
    assert!(param_overrides(&Config::defaults()).is_empty());
    let c = parse(
        "[sla.inquiry]\nfirst_response_minutes = { umum = 20, teknis = 30, komplain = 15 }\n\
         [whatsapp]\nburst_gap_minutes = 5\n",
    )
    .unwrap();
    let o: Vec<(String, String, f64)> = param_overrides(&c)
        .into_iter()
        .map(|o| (o.rule, o.param, o.value))
        .collect();
    assert_eq!(
        o,
        vec![
            ("INQ-T3.sla".to_string(), "umum_minutes".to_string(), 20.0),
            (
                "BKG-4.1.2".to_string(),
                "burst_gap_minutes".to_string(),
                5.0
            ),
            ("BKG-7.1".to_string(), "burst_gap_minutes".to_string(), 5.0),
        ]
    );
    let table = ParamTable::build(&Catalog::builtin(), &param_overrides(&c)).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    // The shorthand is in force from the first case on: it was read before the catalog's first
    // version date and then lost to it (a company's SLA silently ignored); now it wins.
    assert_eq!(table.value("INQ-T3.sla", "umum_minutes", day), Some(20.0));
    assert_eq!(table.value("INQ-T3.sla", "teknis_minutes", day), Some(30.0));
    // Scoring reads through the same lookup.
    let params = patuh::rules::score::judge::Params::new(&table);
    assert_eq!(params.get("INQ-T3.sla", "umum_minutes", day), 20.0);
    // A dated override takes over from its date.
    let mut dated = param_overrides(&c);
    dated.push(patuh::rules::params::RuleOverride {
        rule: "INQ-T3.sla".into(),
        param: "umum_minutes".into(),
        value: 25.0,
        effective_from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    });
    let table = ParamTable::build(&Catalog::builtin(), &dated).unwrap();
    let params = patuh::rules::score::judge::Params::new(&table);
    assert_eq!(params.get("INQ-T3.sla", "umum_minutes", day), 20.0);
    let later = chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
    assert_eq!(params.get("INQ-T3.sla", "umum_minutes", later), 25.0);
}
