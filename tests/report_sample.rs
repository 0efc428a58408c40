//! The semester report of the sample branch as the committee reads it (issue 17): sanctions
//! that separate a careful advisor from a poor one, and a Pareto whose shares are of all fails.

use crate::support::sample_run;
use std::collections::BTreeMap;

fn report() -> String {
    std::fs::read_to_string(sample_run().join("out/laporan-2025-H2.html")).expect("the report")
}

/// One advisor's scorecard page.
fn scorecard(name: &str) -> String {
    std::fs::read_to_string(
        sample_run()
            .join("out/advisor")
            .join(format!("{}.html", patuh::report::file_name(name))),
    )
    .expect("the scorecard")
}

/// The sanction table's rows: (advisor, SOP, band).
fn bands(html: &str) -> Vec<(String, String, String)> {
    let start = html
        .find("id=\"sanctions\"")
        .expect("the sanctions section");
    let end = start + html[start..].find("</table>").expect("its table");
    let row = regex::Regex::new(
        r#"<tr class="band-(\w+)"><td><a href="advisor/[^"]+">([^<]+)</a></td><td>(\w+)</td>"#,
    )
    .unwrap();
    row.captures_iter(&html[start..end])
        .map(|c| (c[2].to_string(), c[3].to_string(), c[1].to_string()))
        .collect()
}

#[test]
fn sanctions_separate_the_careful_advisor_from_the_poor_one() {
    let html = report();
    let rows = bands(&html);
    let of = |who: &str| -> Vec<&str> {
        rows.iter()
            .filter(|r| r.0 == who)
            .map(|r| r.2.as_str())
            .collect()
    };
    // SA-01 Rina is the sample's careful advisor, SA-05 Intan its poor one.
    let (rina, intan) = (of("Rina"), of("Intan"));
    assert!(!rina.is_empty() && !intan.is_empty(), "{rows:?}");
    assert!(!rina.contains(&"review"), "Rina: {rina:?}");
    assert!(intan.contains(&"review"), "Intan: {intan:?}");
    // The rule applied is printed with its thresholds.
    assert!(
        html.contains("per 100 kasus yang ditangani"),
        "the rule is stated"
    );
    // The scorecard header carries the most severe band of the advisor's SOPs.
    let card = scorecard("Rina");
    assert!(card.contains("Teguran tertulis") && !card.contains("Evaluasi kinerja"));
}

#[test]
fn pareto_shares_are_of_all_fails() {
    // Fails per clause in the semester, recomputed from findings.csv.
    let mut reader = csv::Reader::from_path(sample_run().join("out/findings.csv")).unwrap();
    let h = reader.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (rule, status, semester) = (col("rule_id"), col("status"), col("semester"));
    let mut fails: BTreeMap<String, i64> = BTreeMap::new();
    for rec in reader.records().map(|r| r.unwrap()) {
        if &rec[status] == "fail" && &rec[semester] == "2025-H2" {
            *fails.entry(rec[rule].to_string()).or_default() += 1;
        }
    }
    let total: i64 = fails.values().sum();
    let mut sorted: Vec<(String, i64)> = fails.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    assert!(
        sorted.len() > 15,
        "the sample fails on more clauses than are drawn"
    );
    // The chart's labels: "count · cumulative %" for each bar, most first.
    let svg = std::fs::read_to_string(sample_run().join("out/charts/pareto.svg")).unwrap();
    let label = regex::Regex::new(r">\s*(\d+) · (\d+) %\s*<").unwrap();
    let drawn: Vec<(i64, i64)> = label
        .captures_iter(&svg)
        .map(|c| (c[1].parse().unwrap(), c[2].parse().unwrap()))
        .collect();
    assert_eq!(drawn.len(), 15, "{drawn:?}");
    // Bars are drawn bottom-up; the first 14 are the top clauses, the last the rest.
    let mut by_count = drawn.clone();
    by_count.sort_by_key(|b| b.1);
    let mut run = 0;
    for (i, (count, share)) in by_count.iter().enumerate() {
        let want = if i < 14 {
            sorted[i].1
        } else {
            sorted[14..].iter().map(|s| s.1).sum()
        };
        assert_eq!(*count, want, "bar {i}");
        run += count;
        assert_eq!(
            *share,
            run * 100 / total,
            "bar {i}: share of all {total} fails"
        );
    }
    assert_eq!(run, total, "the bars hold every fail");
    assert!(svg.contains(&format!("lainnya ({} klausul)", sorted.len() - 14)));
}

/// (cases judged, cases with at least one fail) of 2025-H2, recomputed from findings.csv.
fn case_share() -> (usize, usize) {
    let mut reader = csv::Reader::from_path(sample_run().join("out/findings.csv")).unwrap();
    let h = reader.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (kind, key, status, semester) = (
        col("case_kind"),
        col("case_key"),
        col("status"),
        col("semester"),
    );
    let mut judged = std::collections::HashSet::new();
    let mut violating = std::collections::HashSet::new();
    for r in reader.records().map(|r| r.unwrap()) {
        if &r[semester] != "2025-H2" || &r[status] == "na" {
            continue;
        }
        let case = format!("{}:{}", &r[kind], &r[key]);
        if &r[status] == "fail" {
            violating.insert(case.clone());
        }
        judged.insert(case);
    }
    (judged.len(), violating.len())
}

/// The page's text without tags, styles and charts.
fn text(html: &str) -> String {
    let re = |p: &str| regex::Regex::new(p).unwrap();
    let t = re(r"(?s)<svg.*?</svg>").replace_all(html, " ");
    let t = re(r"(?s)<style>.*?</style>").replace_all(&t, " ");
    let t = re(r"<[^>]+>").replace_all(&t, " ");
    re(r"\s+").replace_all(&t, " ").into_owned()
}

#[test]
fn the_indonesian_report_writes_numbers_months_and_codes_in_indonesian() {
    let html = report();
    let page = text(&html);
    // Decimal comma, dot thousands, changes in points, semesters and months by name.
    assert!(
        regex::Regex::new(r"\b\d{2},\d%").unwrap().is_match(&page),
        "95,6%"
    );
    assert!(
        !regex::Regex::new(r"\b\d{2}\.\d%").unwrap().is_match(&page),
        "no 95.6%"
    );
    assert!(
        regex::Regex::new(r"\b\d{1,3}\.\d{3}\b")
            .unwrap()
            .is_match(&page),
        "1.234"
    );
    assert!(page.contains(" poin"), "changes in poin");
    assert!(page.contains("Juli–Desember 2025"), "the semester by name");
    assert!(
        page.contains("Juli 2025") && !page.contains("2025-07"),
        "months by name"
    );
    for code in [" whatsapp ", " work_order ", " ambiguous ", "(no category)"] {
        assert!(!page.contains(code), "{code} untranslated");
    }
    // The headline pair with denominators, and what each counts.
    assert!(html.contains("id=\"overall-cases\""));
    // The counts as findings.csv gives them, written with Indonesian thousands.
    let (judged, violating) = case_share();
    let id = |n: usize| {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(c);
        }
        out
    };
    let headline = format!("{} dari {} kasus dinilai", id(violating), id(judged));
    assert!(judged > 1000, "{judged} cases judged");
    assert!(
        page.contains(&headline),
        "cases with a violation: {headline}"
    );
    assert!(html.contains("id=\"headline-note\""));
    // Data quality adds up: read = loaded + quarantined + skipped, per kind.
    let start = html.find("id=\"quality-table\"").unwrap();
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let rows = regex::Regex::new(r#"<tr><td>[^<]+</td>((?:<td class="num">[\d.]+</td>){5})</tr>"#)
        .unwrap();
    let cell = regex::Regex::new(r">([\d.]+)<").unwrap();
    let mut seen = 0;
    for row in rows.captures_iter(table) {
        let n: Vec<i64> = cell
            .captures_iter(&row[1])
            .map(|c| c[1].replace('.', "").parse().unwrap())
            .collect();
        assert_eq!(
            n[1],
            n[2] + n[3] + n[4],
            "read = loaded + quarantined + skipped: {n:?}"
        );
        seen += 1;
    }
    assert!(seen >= 5, "a row per kind: {table}");
}

#[test]
fn scorecards_print_no_none_and_measure_in_the_limits_unit() {
    let dir = sample_run().join("out/advisor");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let html = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!text(&html).contains("None"), "None printed");
    }
    // FUT-4.2.3's measured values share the limit's unit (operating days).
    let mut reader = csv::Reader::from_path(sample_run().join("out/findings.csv")).unwrap();
    let h = reader.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let units: std::collections::BTreeSet<String> = reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[col("rule_id")] == "FUT-4.2.3" && !r[col("unit")].is_empty())
        .map(|r| r[col("unit")].to_string())
        .collect();
    assert_eq!(units.into_iter().collect::<Vec<_>>(), ["operating_days"]);
}

#[test]
fn clauses_are_named_beside_their_ids() {
    let catalog = patuh::rules::Catalog::builtin();
    for rule in &catalog.rules {
        assert!(
            !rule.name_id.is_empty() && !rule.name_en.is_empty() && rule.name_id.len() <= 60,
            "{}: a short name in both languages",
            rule.id
        );
    }
    let name = |id: &str| catalog.get(id).unwrap().name_id.clone();
    let html = report();
    let clauses = &html[html.find("id=\"clauses\"").unwrap()..];
    assert!(clauses.contains(&format!(
        "<td>BKG-4.1.2<br><span class=\"note\">{}</span></td>",
        name("BKG-4.1.2")
    )));
    let svg = std::fs::read_to_string(sample_run().join("out/charts/pareto.svg")).unwrap();
    assert!(
        svg.contains(&format!("FUT-5.1 · {}", name("FUT-5.1"))),
        "Pareto labels"
    );
    let card = scorecard("Rina");
    assert!(card.contains(&format!(
        "<td>KSP-5.1<br><span class=\"note\">{}</span></td>",
        name("KSP-5.1")
    )));
}

#[test]
fn examples_cover_the_problems_and_every_cut_list_says_so() {
    let html = report();
    let section = &html[html.find("id=\"examples\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    let rules: Vec<String> = regex::Regex::new(r"<td>([A-Z]+-[\w.]+)<br>")
        .unwrap()
        .captures_iter(section)
        .map(|c| c[1].to_string())
        .collect();
    let distinct: std::collections::BTreeSet<&String> = rules.iter().collect();
    assert!(distinct.len() >= 6, "several clauses: {rules:?}");
    for r in &distinct {
        assert!(
            rules.iter().filter(|x| x == r).count() <= 2,
            "{r}: at most two"
        );
    }
    // The clause that got worse most is among them.
    let worse = &html[html.find("<h3>Tiga klausul").unwrap()..];
    let first_worse = regex::Regex::new(r"<li>([A-Z]+-[\w.]+) ")
        .unwrap()
        .captures(worse)
        .unwrap()[1]
        .to_string();
    assert!(
        distinct.contains(&first_worse),
        "{first_worse} in {distinct:?}"
    );
    // Cut lists say how many of how many, and where the rest are.
    let mut reader = csv::Reader::from_path(sample_run().join("out/findings.csv")).unwrap();
    let h = reader.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (status, semester) = (col("status"), col("semester"));
    let fails = reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[status] == "fail" && &r[semester] == "2025-H2")
        .count();
    let note = format!(
        "Ditampilkan {} dari {}; semuanya ada di lembar Temuan pada evaluasi-2025-H2.xlsx",
        rules.len(),
        patuh::report::format::value(fails as f64, patuh::lang::Lang::Id)
    );
    assert!(html.contains(&note), "{note}");
    assert!(html.contains("id=\"compensation-note\">Ditampilkan 20 dari "));
}

/// Where a page's content ends, as a share of its height (words above the bottom margin).
fn fill(bbox_page: &str) -> f64 {
    let num = |key: &str, s: &str| -> Vec<f64> {
        regex::Regex::new(&format!(r#"{key}="([\d.]+)""#))
            .unwrap()
            .captures_iter(s)
            .map(|c| c[1].parse().unwrap())
            .collect()
    };
    let height = num("height", bbox_page)[0];
    num("yMax", bbox_page)
        .into_iter()
        .filter(|y| *y < height - 45.0)
        .fold(0.0, f64::max)
        / height
}

#[test]
fn the_printed_report_numbers_its_pages_and_leaves_none_nearly_empty() {
    let Some(browser) = patuh::report::pdf::find_browser() else {
        eprintln!("skipped: no Chromium to print with");
        return;
    };
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        eprintln!("skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    let dir = sample_run();
    let out = dir.join("printed");
    let o = crate::support::patuh(
        dir,
        &[
            "--db",
            dir.join("s.duckdb").to_str().unwrap(),
            "--quiet",
            "report",
            "--pdf",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    let pdf = out.join("laporan-2025-H2.pdf");
    let text = |args: &[&str]| -> String {
        let o = std::process::Command::new("pdftotext")
            .args(args)
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let bbox = text(&["-bbox"]);
    let pages: Vec<&str> = bbox.split("<page ").skip(1).collect();
    let n = pages.len();
    assert!((8..=30).contains(&n), "{n} pages");
    // Page x of y on every page, the running header from the second page on.
    for i in 1..=n {
        let page = text(&["-f", &i.to_string(), "-l", &i.to_string()]);
        assert!(
            page.contains(&format!("Halaman {i} dari {n}")),
            "page {i}: {page}"
        );
        if i > 1 {
            assert!(
                page.contains("Gema Sehat Indonesia · Semester Juli–Desember 2025"),
                "running header on page {i}"
            );
        }
    }
    // No nearly empty page but the last.
    for (i, page) in pages[..n - 1].iter().enumerate() {
        assert!(
            fill(page) > 0.5,
            "page {} is nearly empty ({:.2})",
            i + 1,
            fill(page)
        );
    }
    // The contents list links every section.
    let html = report();
    for id in ["summary", "clauses", "sanctions", "examples", "quality"] {
        assert!(
            html.contains(&format!("<a href=\"#{id}\">")),
            "contents: {id}"
        );
    }
    // A scorecard, even the busiest advisor's, prints in at most six pages.
    let cards = out.join("advisor");
    for name in ["Teguh", "Rina"] {
        let card = cards.join(format!("{}.html", patuh::report::file_name(name)));
        let card_pdf = out.join(format!("{name}.pdf"));
        let profile = out.join(format!("profile-{name}"));
        patuh::report::pdf::headless(browser, &profile)
            .args([
                "--no-pdf-header-footer",
                &format!("--print-to-pdf={}", card_pdf.display()),
                &format!("file://{}", card.display()),
            ])
            .output()
            .unwrap();
        let info = std::process::Command::new("pdftotext")
            .arg(&card_pdf)
            .arg("-")
            .output()
            .unwrap();
        let pages = String::from_utf8_lossy(&info.stdout)
            .matches('\u{c}')
            .count();
        assert!(
            (1..=6).contains(&pages),
            "{name}'s scorecard prints on {pages} pages"
        );
    }
}

#[test]
fn advisor_names_link_to_their_own_scorecard() {
    let html = report();
    let link = regex::Regex::new(r#"<a href="advisor/([^"]+)">([^<]+)</a>"#).unwrap();
    let mut seen = 0;
    for c in link.captures_iter(&html) {
        assert_eq!(
            &c[1],
            format!("{}.html", patuh::report::file_name(&c[2])),
            "{}",
            &c[0]
        );
        assert!(sample_run().join("out/advisor").join(&c[1]).exists());
        seen += 1;
    }
    assert!(seen >= 8, "{seen} links");
}

#[test]
fn the_workbook_summary_carries_both_headline_figures() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(sample_run().join("out/evaluasi-2025-H2.xlsx")).unwrap();
    let sheet = book.worksheet_range("Ringkasan").unwrap();
    let row = sheet
        .rows()
        .find(|r| r.first() == Some(&Data::String("Kasus dengan pelanggaran".into())))
        .expect("the cases-with-a-violation row");
    let Data::Float(share) = row[1] else {
        panic!("a number: {row:?}")
    };
    let (cases, violating) = case_share();
    assert!(
        (share - violating as f64 / cases as f64).abs() < 1e-9,
        "{share}"
    );
    assert_eq!(row[2], Data::String(format!("{violating} dari {cases}")));
}

/// KSP-4.2.2 measures business minutes between updates, or days without any: the scorecard's
/// medians are of the most frequent unit only (recomputed here from findings.csv), with that
/// unit beside them, whatever order the findings were written in.
#[test]
fn a_rule_measured_in_two_units_shows_the_median_of_its_main_unit() {
    let mut reader = csv::Reader::from_path(sample_run().join("out/findings.csv")).unwrap();
    let h = reader.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[col("rule_id")] == "KSP-4.2.2" && &r[col("semester")] == "2025-H2")
        .collect();
    let units: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| &r[col("unit")])
        .filter(|u| !u.is_empty())
        .collect();
    assert!(
        units.len() > 1,
        "the sample measures KSP-4.2.2 in two units: {units:?}"
    );
    let lower_median = |advisor: Option<&str>| {
        let mut m: Vec<f64> = rows
            .iter()
            .filter(|r| advisor.is_none_or(|a| &r[col("advisor")] == a))
            .filter(|r| matches!(&r[col("status")], "pass" | "fail"))
            .filter(|r| &r[col("unit")] == "business_minutes")
            .map(|r| r[col("measured")].parse::<f64>().unwrap())
            .collect();
        m.sort_by(f64::total_cmp);
        m[(m.len() - 1) / 2]
    };
    let cells = crate::support::rule_row(&scorecard("Intan"), "KSP-4.2.2");
    let id = |x: f64| patuh::report::format::value(x, patuh::lang::Lang::Id);
    assert_eq!(cells[6], id(lower_median(Some("Intan"))), "{cells:?}");
    assert_eq!(cells[7], id(lower_median(None)), "{cells:?}");
    assert_eq!(cells[9], "menit kerja", "{cells:?}");
}

/// Rows go into the store on every core in no fixed order; every output must come out the
/// same anyway. Two runs of the sample dated by SOURCE_DATE_EPOCH write the same bytes.
#[test]
fn a_second_run_writes_the_same_outputs() {
    let sample = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let run = |dir: &std::path::Path| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_patuh"))
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .args([
                "--db",
                &dir.join("s.duckdb").to_string_lossy(),
                "--quiet",
                "run",
            ])
            .arg(&sample)
            .arg("--out")
            .arg(dir.join("out"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        dir.join("out")
    };
    let (one, two) = (crate::support::tempdir(), crate::support::tempdir());
    let (first, second) = (run(one.path()), run(two.path()));
    let files = crate::support::files_under(&first);
    assert!(files.len() > 20, "{} files", files.len());
    for f in &files {
        let (a, b) = (
            std::fs::read(first.join(f)).unwrap(),
            std::fs::read(second.join(f)),
        );
        let b = b.unwrap_or_else(|e| panic!("{} missing in the second run: {e}", f.display()));
        assert!(a == b, "{} differs between two runs", f.display());
    }
    let report = std::fs::read_to_string(first.join("laporan-2025-H2.html")).unwrap();
    assert!(
        report.contains("Dibuat 2026-01-01 00:00"),
        "the report is dated by SOURCE_DATE_EPOCH"
    );
}

/// findings.csv is in case order (kind, key, then rule) and cases.csv in case order: tools
/// reading them and a reader comparing two runs rely on it (findings are written on every core
/// in no fixed order, and the export sorts them before formatting their times).
#[test]
fn exports_are_in_case_order() {
    let out = sample_run().join("out");
    let keys: Vec<(String, String, String)> = crate::support::findings_csv(&out)
        .into_iter()
        .map(|r| {
            (
                r["case_kind"].clone(),
                r["case_key"].clone(),
                r["rule_id"].clone(),
            )
        })
        .collect();
    assert!(keys.len() > 100_000, "{} findings", keys.len());
    if let Some(i) = keys.windows(2).position(|w| w[0] >= w[1]) {
        panic!(
            "findings.csv rows {} and {} out of order: {:?} then {:?}",
            i + 2,
            i + 3,
            keys[i],
            keys[i + 1]
        );
    }
    let mut reader = csv::Reader::from_path(out.join("cases.csv")).unwrap();
    let cases: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string())
        })
        .collect();
    assert!(cases.len() > 5_000, "{} cases", cases.len());
    assert!(
        cases.windows(2).all(|w| w[0] < w[1]),
        "cases.csv out of case order"
    );
}
