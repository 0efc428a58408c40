//! The report as a reader sees it: the HTML's sections and numbers against the findings,
//! untrusted text escaped, the workbook read back with calamine, English on request.

use crate::support::{stderr, tempdir};
use crate::timeline::{fixtures, patuh_on, pipeline};
use calamine::{Data, Reader, Xlsx, open_workbook};
use std::path::Path;

/// pass / (pass + fail) of one semester from findings.csv, as the report rounds it.
fn rate_from_findings(dir: &Path, semester: &str) -> (usize, f64) {
    let mut r = csv::Reader::from_path(dir.join("out/findings.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let (st, sem) = (
        h.iter().position(|x| x == "status").unwrap(),
        h.iter().position(|x| x == "semester").unwrap(),
    );
    let (mut pass, mut fail) = (0usize, 0usize);
    for rec in r.records().map(|x| x.unwrap()) {
        if &rec[sem] == semester {
            match &rec[st] {
                "pass" => pass += 1,
                "fail" => fail += 1,
                _ => {}
            }
        }
    }
    (
        fail,
        (1000.0 * pass as f64 / (pass + fail) as f64).round() / 10.0,
    )
}

fn report(dir: &Path, inputs: &Path, extra: &[&str]) -> String {
    let out = dir.join("out");
    let mut args = extra.to_vec();
    args.extend(["--quiet", "report", "--out", out.to_str().unwrap()]);
    let o = patuh_on(dir, inputs, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::read_to_string(out.join("laporan-2025-H1.html")).expect("the report")
}

#[test]
fn the_report_shows_the_findings_numbers_and_escapes_user_text() {
    let dir = tempdir();
    pipeline(dir.path(), &fixtures());
    let html = report(dir.path(), &fixtures(), &[]);
    for id in [
        "summary",
        "clauses",
        "trend",
        "distributions",
        "advisors",
        "sanctions",
        "examples",
        "topics",
        "quality",
    ] {
        assert!(
            html.contains(&format!("<section id=\"{id}\"")),
            "section {id} missing"
        );
    }
    assert!(html.contains("Laporan Evaluasi Kepatuhan SOP"));
    let (_, rate) = rate_from_findings(dir.path(), "2025-H1");
    let overall = html
        .split("id=\"overall-rate\"")
        .nth(1)
        .expect("overall rate");
    assert!(
        // The Indonesian page writes a decimal comma.
        overall.contains(&format!(
            "<b>{}%</b>",
            format!("{rate:.1}").replace('.', ",")
        )),
        "overall {rate}% not shown: {}",
        &overall[..200]
    );
    // Customers' phones are masked, also in the chat file names given as evidence.
    assert!(!html.contains("812-1000-0002"), "a phone number in clear");
    // The branch comparison names the fixture's one branch.
    let branches = html
        .split("id=\"branch-table\"")
        .nth(1)
        .expect("branch table");
    assert!(
        branches
            .split("</table>")
            .next()
            .unwrap()
            .contains("<td>Medan</td>")
    );
    // Every chart is inline SVG; the charts folder has each as SVG and as a PNG twice its size.
    assert!(html.matches("<svg").count() >= 6);
    for chart in [
        "pareto",
        "trend",
        "first_reply",
        "status_contact",
        "followup_days",
        "advisors",
    ] {
        let charts = dir.path().join("out/charts");
        let svg = std::fs::read_to_string(charts.join(format!("{chart}.svg"))).unwrap();
        let svg_width: u32 = svg
            .split("width=\"")
            .nth(1)
            .and_then(|w| w.split('"').next())
            .and_then(|w| w.parse().ok())
            .expect("the SVG's width");
        let png = std::fs::read(charts.join(format!("{chart}.png"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{chart}.png is a PNG");
        let png_width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        assert_eq!(
            png_width,
            2 * svg_width,
            "{chart}.png is drawn at twice the size"
        );
        assert!(png.len() > 10_000, "{chart}.png has a drawing");
    }
    // An advisor's name with markup is shown as text.
    assert!(
        html.contains("&lt;b&gt;Iwan&lt;&#x2f;b&gt;") || html.contains("&lt;b&gt;Iwan&lt;/b&gt;"),
        "escaped name missing"
    );
    assert!(!html.contains("<script>alert(1)</script>"));
    // Self-contained: no external script, stylesheet, image or font.
    for external in ["<script src", "<link", "src=\"http", "@import", "url(http"] {
        assert!(!html.contains(external), "the report loads {external}");
    }
    // Scorecards: one per advisor, linked from the index.
    let index = std::fs::read_to_string(dir.path().join("out/advisor/index.html")).unwrap();
    let rina_file = format!("{}.html", patuh::report::file_name("Rina"));
    assert!(index.contains(&format!("href=\"{rina_file}\"")), "{index}");
    let rina = std::fs::read_to_string(dir.path().join("out/advisor").join(&rina_file)).unwrap();
    assert!(
        rina.contains("BKG-4.1.2") && rina.contains("B2"),
        "Rina's failed first reply (B2) is listed"
    );
    // Her first-reply row against the branch, recomputed from findings.csv.
    let row = |advisor: Option<&str>| {
        let mut r = csv::Reader::from_path(dir.path().join("out/findings.csv")).unwrap();
        let h = r.headers().unwrap().clone();
        let col = |n: &str| h.iter().position(|x| x == n).unwrap();
        let (rule, adv, st, sem, m) = (
            col("rule_id"),
            col("advisor"),
            col("status"),
            col("semester"),
            col("measured"),
        );
        let (mut pass, mut fail, mut measured) = (0, 0, Vec::new());
        for rec in r.records().map(|x| x.unwrap()) {
            if &rec[rule] != "BKG-4.1.2"
                || &rec[sem] != "2025-H1"
                || advisor.is_some_and(|a| &rec[adv] != a)
            {
                continue;
            }
            match &rec[st] {
                "pass" => pass += 1,
                "fail" => fail += 1,
                _ => continue,
            }
            measured.push(rec[m].parse::<f64>().unwrap());
        }
        measured.sort_by(f64::total_cmp);
        let median = measured[(measured.len() - 1) / 2];
        (pass, fail, median)
    };
    let (pass, fail, median) = row(Some("Rina"));
    let (_, _, branch_median) = row(None);
    let cells = crate::support::rule_row(&rina, "BKG-4.1.2");
    assert_eq!(cells[1], pass.to_string(), "pass: {cells:?}");
    assert_eq!(cells[2], fail.to_string(), "fail: {cells:?}");
    // Numbers as Indonesians write them (decimal comma, no ".0" on whole numbers).
    let id = |x: f64| patuh::report::format::value(x, patuh::lang::Lang::Id);
    assert_eq!(cells[6], id(median), "median: {cells:?}");
    assert_eq!(cells[7], id(branch_median), "branch median: {cells:?}");
    assert_eq!(cells[8], "5", "limit: {cells:?}");
    // Her monthly trend: a chart and a row per month with cases.
    assert!(rina.contains("<svg"), "Rina's trend chart");
    let months = rina
        .split("id=\"trend-table\"")
        .nth(1)
        .expect("trend table")
        .split("</table>")
        .next()
        .unwrap()
        .matches(" 2025</td>")
        .count();
    assert!(months >= 1, "a month in Rina's trend, by name");
}

#[test]
fn the_workbook_reads_back_with_its_sheets_rows_and_text_cells() {
    let dir = tempdir();
    pipeline(dir.path(), &fixtures());
    report(dir.path(), &fixtures(), &[]);
    let (fails, _) = rate_from_findings(dir.path(), "2025-H1");
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("out/evaluasi-2025-H1.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Ringkasan",
            "Per SOP",
            "Per Klausul",
            "Per Advisor",
            "Temuan",
            "Kasus",
            "Kualitas Data"
        ]
    );
    // Temuan: every fail and unknown of the semester (the rest is in findings.csv), statuses and
    // headers in Indonesian; Kasus: their cases.
    let mut r = csv::Reader::from_path(dir.path().join("out/findings.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let (sem, kind, key, status) = (
        h.iter().position(|x| x == "semester").unwrap(),
        h.iter().position(|x| x == "case_kind").unwrap(),
        h.iter().position(|x| x == "case_key").unwrap(),
        h.iter().position(|x| x == "status").unwrap(),
    );
    let mut findings = 0;
    let mut cases = std::collections::BTreeSet::new();
    for rec in r.records().map(|x| x.unwrap()) {
        if &rec[sem] == "2025-H1" && matches!(&rec[status], "fail" | "unknown") {
            findings += 1;
            cases.insert((rec[kind].to_string(), rec[key].to_string()));
        }
    }
    let temuan = wb.worksheet_range("Temuan").unwrap();
    assert!(findings > 0);
    assert_eq!(temuan.height() - 1, findings, "one row per fail or unknown");
    assert_eq!(temuan.get((0, 0)), Some(&Data::String("Klausul".into())));
    assert_eq!(
        temuan.get((0, 2)),
        Some(&Data::String("Jenis kasus".into()))
    );
    let gagal: Vec<_> = temuan
        .rows()
        .filter(|r| r[1] == Data::String("Gagal".into()))
        .collect();
    assert_eq!(gagal.len(), fails, "fails shown as Gagal");
    // A fail says what its clause requires, in Indonesian.
    let b2 = gagal
        .iter()
        .find(|r| r[0] == Data::String("BKG-4.1.2".into()) && r[3] == Data::String("B2".into()))
        .expect("B2's failed first reply");
    assert!(b2[12].to_string().contains("5 menit"), "{:?}", b2[12]);
    let kasus = wb.worksheet_range("Kasus").unwrap();
    assert_eq!(
        kasus.height() - 1,
        cases.len(),
        "one row per case with a fail or unknown"
    );
    // A name that looks like a formula is a text cell, never a formula.
    let advisors = wb.worksheet_range("Per Advisor").unwrap();
    assert!(
        advisors
            .rows()
            .any(|r| r[0] == Data::String("=SUM(1,2)".into()))
    );
    let formulas = wb.worksheet_formula("Per Advisor").unwrap();
    assert!(
        formulas.rows().all(|r| r.iter().all(|c| c.is_empty())),
        "no formulas"
    );
    // The summary's rate is a number formatted as a percentage.
    let summary = wb.worksheet_range("Ringkasan").unwrap();
    assert!(matches!(summary.get((2, 1)), Some(Data::Float(r)) if *r > 0.0 && *r <= 1.0));
}

#[test]
fn english_on_request_with_no_indonesian_headings() {
    let dir = tempdir();
    pipeline(dir.path(), &fixtures());
    let html = report(dir.path(), &fixtures(), &["--lang", "en"]);
    assert!(html.contains("SOP Compliance Evaluation Report"));
    for id_word in ["Ringkasan Eksekutif", "Kepatuhan per Klausul", "Lampiran"] {
        assert!(!html.contains(id_word), "{id_word} on an English page");
    }
}

/// Opens the report in headless Chromium: every chart rendered (an SVG with a size), no text
/// wider than the A4 page, and a screenshot. Skips with a message when Chromium is absent.
#[test]
fn the_report_renders_in_headless_chromium() {
    let Some(browser) = patuh::report::pdf::find_browser() else {
        eprintln!("skipped: headless Chromium is not installed (apt-get install chromium)");
        return;
    };
    let dir = tempdir();
    pipeline(dir.path(), &fixtures());
    let html = report(dir.path(), &fixtures(), &[]);
    // A copy with a checker that writes its verdict into the page, read back with --dump-dom.
    let checker = r#"<script>
window.addEventListener('load', () => {
  const svgs = [...document.querySelectorAll('.chart svg')];
  const drawn = svgs.filter(s => s.getBoundingClientRect().width > 100 && s.querySelector('rect, path, polyline, text'));
  const page = document.body.getBoundingClientRect().width;
  const wide = [...document.querySelectorAll('td, th, p, h1, h2, h3, li')].filter(e => e.getBoundingClientRect().right > page + 2);
  const out = document.createElement('pre');
  out.id = 'check';
  out.textContent = `charts ${svgs.length} drawn ${drawn.length} overflow ${wide.length}`;
  document.body.appendChild(out);
});
</script></body>"#;
    let page = dir.path().join("check.html");
    std::fs::write(&page, html.replace("</body>", checker)).unwrap();
    let url = format!("file://{}", page.display());
    // 794 px = the A4 width at 96 dpi.
    let chromium = |profile: &str| {
        let mut c = patuh::report::pdf::headless(browser, &dir.path().join(profile));
        c.arg("--window-size=794,1123");
        c
    };
    let dom = chromium("p1")
        .args(["--virtual-time-budget=5000", "--dump-dom", &url])
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dom.stdout);
    let check = dom
        .split("<pre id=\"check\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .expect("the checker ran");
    let nums: Vec<usize> = check
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(nums[0] >= 6, "{check}");
    assert_eq!(nums[0], nums[1], "every chart rendered: {check}");
    assert_eq!(nums[2], 0, "no text wider than the page: {check}");
    let shot = dir.path().join("report.png");
    chromium("p2")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        shot.metadata().map(|m| m.len() > 10_000).unwrap_or(false),
        "a screenshot"
    );
    // `--pdf` prints the same report on A4 pages.
    let out = dir.path().join("pdf");
    let o = patuh_on(
        dir.path(),
        &fixtures(),
        &["--quiet", "report", "--pdf", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = std::fs::read(out.join("laporan-2025-H1.pdf")).expect("the PDF");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let text = String::from_utf8_lossy(&pdf);
    // Chromium writes one MediaBox per page.
    let boxes: Vec<(f64, f64)> = text
        .split("/MediaBox [0 0 ")
        .skip(1)
        .filter_map(|b| {
            let mut it = b.split([' ', ']']).filter_map(|x| x.parse::<f64>().ok());
            Some((it.next()?, it.next()?))
        })
        .collect();
    let pages = boxes.len();
    assert!(
        boxes
            .iter()
            .all(|(w, h)| (w - 595.0).abs() < 2.0 && (h - 842.0).abs() < 2.0),
        "every page is A4 (595 × 842 pt): {boxes:?}"
    );
    assert!(pages >= 3, "the report spans pages: {pages}");
}

#[test]
fn numbers_months_semesters_and_times_as_each_language_writes_them() {
    use patuh::lang::Lang::{En, Id};
    use patuh::report::format::*;
    assert_eq!(number(1234567.26, 1, Id), "1.234.567,3");
    assert_eq!(number(1234567.26, 1, En), "1,234,567.3");
    assert_eq!(number(-0.04, 1, Id), "0,0", "no minus zero");
    assert_eq!(percent(95.6, Id), "95,6%");
    assert_eq!(points(-1.2, Id), "-1,2 poin");
    assert_eq!(points(0.3, En), "+0.3 pts");
    assert_eq!(month("2025-08", Id), "Agustus 2025");
    assert_eq!(month_short("2025-08", Id), "Agu 2025");
    assert_eq!(month_short("2025-08", En), "Aug 2025");
    assert_eq!(when("2025-08-05 12:36", Id), "5 Agu 2025 12.36");
    assert_eq!(when("2025-08-05 12:36", En), "5 Aug 2025 12:36");
    assert_eq!(semester("2025-H2", 1, Id), "Juli–Desember 2025");
    assert_eq!(semester("2025-H1", 1, En), "January–June 2025");
    // A company whose year starts in April: its second half runs over New Year.
    assert_eq!(semester("2025-H2", 4, Id), "Oktober 2025–Maret 2026");
}
