//! Review and disputes (issue 16): the review workbook's round trip — export, decisions filled
//! in by a supervisor (here a test writer), import, score — and what every output then shows.

use crate::support::{findings_csv as findings, patuh, run_into, stderr, stdout, tempdir};
use calamine::{Data, Reader};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// One row of the exported review sheet, by header.
type SheetRow = BTreeMap<String, Data>;

fn read_sheet(path: &Path) -> Vec<SheetRow> {
    let mut book = calamine::open_workbook_auto(path).expect("the review workbook opens");
    let range = book
        .worksheet_range("Tinjauan")
        .expect("the Tinjauan sheet");
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .expect("a header row")
        .iter()
        .map(|c| c.to_string())
        .collect();
    rows.map(|r| {
        header
            .iter()
            .cloned()
            .zip(r.iter().cloned())
            .collect::<SheetRow>()
    })
    .collect()
}

fn text(row: &SheetRow, col: &str) -> String {
    row.get(col).map(|d| d.to_string()).unwrap_or_default()
}

/// A supervisor's decision: (Keputusan, Alasan, Peninjau, Tanggal).
type Decision = (&'static str, &'static str, &'static str, &'static str);

/// Writes the exported rows again as a supervisor would save them, with `decisions` filled in
/// on the rows they name (by index), every other cell as exported.
fn fill(exported: &[SheetRow], decisions: &HashMap<usize, Decision>, path: &Path) -> PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Tinjauan").unwrap();
    let header: Vec<String> = {
        // The export's column order (a row's map is sorted by header name).
        let order = [
            "Kasus",
            "Jenis Kasus",
            "Petugas",
            "Cabang",
            "Aturan",
            "Nama Aturan",
            "Status",
            "Bunyi SOP",
            "Terukur",
            "Batas",
            "Satuan",
            "Penjelasan patuh",
            "Bukti",
            "Cuplikan Bukti",
            "Sidik Bukti",
            "Keputusan",
            "Alasan",
            "Peninjau",
            "Tanggal",
        ];
        assert_eq!(exported[0].len(), order.len(), "{:?}", exported[0].keys());
        order.iter().map(|s| s.to_string()).collect()
    };
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (i, row) in exported.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, h) in header.iter().enumerate() {
            let c = c as u16;
            let value = match (decisions.get(&i), h.as_str()) {
                (Some(d), "Keputusan") => Data::String(d.0.into()),
                (Some(d), "Alasan") => Data::String(d.1.into()),
                (Some(d), "Peninjau") => Data::String(d.2.into()),
                (Some(d), "Tanggal") => Data::String(d.3.into()),
                _ => row.get(h).cloned().unwrap_or(Data::Empty),
            };
            match value {
                Data::String(s) if !s.is_empty() => {
                    ws.write_string(r, c, s).unwrap();
                }
                Data::Float(f) => {
                    ws.write_number(r, c, f).unwrap();
                }
                Data::Int(n) => {
                    ws.write_number(r, c, n as f64).unwrap();
                }
                _ => {}
            }
        }
    }
    wb.save(path).unwrap();
    path.to_path_buf()
}

fn db(dir: &Path) -> String {
    dir.join("s.duckdb").to_str().unwrap().to_string()
}

/// `patuh --db DIR/s.duckdb ARGS`, which must succeed.
fn ok(dir: &Path, args: &[&str]) -> String {
    let store = db(dir);
    let mut all = vec!["--db", store.as_str()];
    all.extend(args);
    let o = patuh(dir, &all);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data")
}

/// The sample's rows of one advisor and status, each once per rule (so decisions spread).
fn pick(rows: &[SheetRow], advisor: &str, status: &str) -> Vec<usize> {
    let mut seen = std::collections::BTreeSet::new();
    rows.iter()
        .enumerate()
        .filter(|(_, r)| text(r, "Petugas") == advisor && text(r, "Status") == status)
        .filter(|(_, r)| seen.insert(text(r, "Aturan")))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn decisions_round_trip_into_findings_rates_scorecards_and_sanctions() {
    let dir = tempdir();
    let d = dir.path();
    let o = run_into(d, &sample());
    assert!(o.status.success(), "{}", stderr(&o));
    let before = findings(&d.join("out"));
    let intan_fails_before = before
        .iter()
        .filter(|f| f["advisor"] == "Intan" && f["status"] == "fail")
        .count();
    // Before any review: both verdicts equal everywhere, no decision.
    assert!(before.iter().all(|f| f["status"] == f["machine_status"]));
    assert!(before.iter().all(|f| f["review_decision"].is_empty()));

    ok(
        d,
        &[
            "review",
            "export",
            "--include-pass",
            "--out",
            d.join("rv").to_str().unwrap(),
        ],
    );
    let exported = read_sheet(&d.join("rv/review-2025-H2.xlsx"));
    let fails_h2 = before
        .iter()
        .filter(|f| f["semester"] == "2025-H2" && f["machine_status"] == "fail")
        .count();
    assert_eq!(
        exported
            .iter()
            .filter(|r| text(r, "Status") == "gagal")
            .count(),
        fails_h2,
        "every fail of the semester is in the workbook"
    );
    // A finding resting on chat messages shows their first words (customers masked).
    let from_chat: Vec<&SheetRow> = exported
        .iter()
        .filter(|r| text(r, "Bukti").contains(".txt:"))
        .collect();
    assert!(!from_chat.is_empty());
    assert!(
        from_chat
            .iter()
            .filter(|r| !text(r, "Cuplikan Bukti").is_empty())
            .count()
            * 10
            >= from_chat.len() * 9,
        "excerpts of chat evidence"
    );
    // Decisions on Intan's findings: 3 voided, 2 changed to pass, 2 upheld, an unknown made a
    // fail, and 2 passes upheld (a calibration sample).
    let intan_fails = pick(&exported, "Intan", "gagal");
    let intan_unknown = pick(&exported, "Intan", "tidak diketahui");
    let intan_pass = pick(&exported, "Intan", "lulus");
    assert!(intan_fails.len() >= 7 && !intan_unknown.is_empty() && intan_pass.len() >= 2);
    let mut decisions: HashMap<usize, Decision> = HashMap::new();
    let void: Vec<usize> = intan_fails[..3].to_vec();
    let to_pass: Vec<usize> = intan_fails[3..5].to_vec();
    let upheld: Vec<usize> = intan_fails[5..7].to_vec();
    for &i in &void {
        decisions.insert(
            i,
            (
                "batal",
                "pelanggan menelepon, tidak tercatat di chat",
                "Sari",
                "2026-01-10",
            ),
        );
    }
    for &i in &to_pass {
        decisions.insert(
            i,
            (
                "ubah:pass",
                "hari itu cabang libur lokal",
                "Sari",
                "2026-01-10",
            ),
        );
    }
    for &i in &upheld {
        decisions.insert(i, ("setuju", "bukti jelas", "Sari", "2026-01-11"));
    }
    decisions.insert(
        intan_unknown[0],
        (
            "ubah:fail",
            "pelanggan tidak dihubungi (dicek di log telepon)",
            "Budi",
            "",
        ),
    );
    for &i in &intan_pass[..2] {
        decisions.insert(i, ("setuju", "sampel kalibrasi", "Budi", "2026-01-12"));
    }
    let filled = fill(&exported, &decisions, &d.join("review-2025-H2-diisi.xlsx"));

    let imported = ok(d, &["--json", "import", filled.to_str().unwrap()]);
    let summary: serde_json::Value = serde_json::from_str(&imported).unwrap();
    let file = &summary["files"][0];
    assert_eq!(file["kind"], "review", "{file}");
    assert_eq!(file["rows_loaded"], 10, "{file}");
    assert_eq!(file["rows_quarantined"], 0, "{file}");
    assert_eq!(
        file["rows_skipped"].as_u64().unwrap() as usize,
        exported.len() - 10,
        "rows without a decision are skipped"
    );
    ok(d, &["score", "--out", d.join("out2").to_str().unwrap()]);
    ok(d, &["report", "--out", d.join("out2").to_str().unwrap()]);
    let after = findings(&d.join("out2"));
    assert_eq!(after.len(), before.len(), "nothing is deleted by a review");
    let find = |row: usize| -> &BTreeMap<String, String> {
        let r = &exported[row];
        after
            .iter()
            .find(|f| f["case_key"] == text(r, "Kasus") && f["rule_id"] == text(r, "Aturan"))
            .expect("the reviewed finding")
    };
    for &i in &void {
        let f = find(i);
        assert_eq!(
            (f["machine_status"].as_str(), f["status"].as_str()),
            ("fail", "na")
        );
        assert_eq!(f["review_decision"], "void");
        assert_eq!(
            f["review_reason"],
            "pelanggan menelepon, tidak tercatat di chat"
        );
        assert_eq!(f["reviewer"], "Sari");
        assert_eq!(f["reviewed_on"], "2026-01-10");
        assert!(
            f["review_source"].contains("review-2025-H2-diisi.xlsx:Tinjauan:"),
            "{f:?}"
        );
    }
    for &i in &to_pass {
        assert_eq!(find(i)["status"], "pass");
        assert_eq!(find(i)["review_decision"], "change:pass");
    }
    for &i in &upheld {
        assert_eq!(find(i)["status"], "fail");
        assert_eq!(find(i)["review_decision"], "uphold");
    }
    let made_fail = find(intan_unknown[0]);
    assert_eq!(
        (
            made_fail["machine_status"].as_str(),
            made_fail["status"].as_str()
        ),
        ("unknown", "fail")
    );
    assert_eq!(made_fail["reviewed_on"], "", "no date given");
    // Every finding without a decision keeps patuh's verdict.
    let reviewed = after
        .iter()
        .filter(|f| !f["review_decision"].is_empty())
        .count();
    assert_eq!(reviewed, 10);
    assert!(
        after
            .iter()
            .filter(|f| f["review_decision"].is_empty())
            .all(|f| f["status"] == f["machine_status"])
    );

    // Rates use the reviewed status: Intan has 5 fewer fails and 1 more.
    let intan_fails_after = after
        .iter()
        .filter(|f| f["advisor"] == "Intan" && f["status"] == "fail")
        .count();
    assert_eq!(intan_fails_after, intan_fails_before - 5 + 1);
    let card: serde_json::Value =
        serde_json::from_str(&ok(d, &["--json", "advisor", "Intan"])).unwrap();
    let card_fails: i64 = card["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["fail"].as_i64().unwrap())
        .sum();
    let h2_fails = after
        .iter()
        .filter(|f| f["advisor"] == "Intan" && f["status"] == "fail" && f["semester"] == "2025-H2")
        .count() as i64;
    assert_eq!(
        card_fails, h2_fails,
        "`patuh advisor` counts the reviewed status"
    );

    // The report's review section: reviewed, upheld, overturned.
    let html = std::fs::read_to_string(d.join("out2/laporan-2025-H2.html")).unwrap();
    let total = html
        .split("data-sop=\"*\">")
        .nth(1)
        .expect("the review total row");
    let cells: Vec<String> = regex::Regex::new(r#"<td class="num">([^<]*)</td>"#)
        .unwrap()
        .captures_iter(total.split("</tr>").next().unwrap())
        .map(|c| c[1].to_string())
        .collect();
    // 10 reviewed: 4 upheld (2 fails, 2 passes), 6 overturned (3 void, 2 to pass, 1 to fail).
    assert_eq!(cells[..3], ["10", "4", "6"], "{cells:?}");
    assert!(
        html.contains("id=\"review-chance\""),
        "sanctioned advisors' chance of review"
    );
    // Sanctions count the reviewed status: Intan's failed clauses and violating cases per SOP
    // in the sanction table equal those recomputed from findings.csv after review.
    let sanctions = html.split("id=\"sanctions\"").nth(1).unwrap();
    let sanctions = &sanctions[..sanctions.find("</table>").unwrap()];
    let row = regex::Regex::new(
        r#"<tr class="band-\w+"><td><a href="[^"]+">Intan</a></td><td>(\w+)</td><td class="num">[^<]*</td><td class="num">([^<]*)</td><td class="num">[^<]*</td><td class="num">([^<]*)</td>"#,
    )
    .unwrap();
    let shown: BTreeMap<String, (String, String)> = row
        .captures_iter(sanctions)
        .map(|c| (c[1].to_string(), (c[2].to_string(), c[3].to_string())))
        .collect();
    assert!(!shown.is_empty(), "Intan has sanction rows");
    for (sop, (violations, fails)) in &shown {
        let mine: Vec<&BTreeMap<String, String>> = after
            .iter()
            .filter(|f| {
                f["advisor"] == "Intan"
                    && f["semester"] == "2025-H2"
                    && f["status"] == "fail"
                    && f["rule_id"].starts_with(&format!("{sop}-"))
            })
            .collect();
        let cases: std::collections::BTreeSet<(&str, &str)> = mine
            .iter()
            .map(|f| (f["case_kind"].as_str(), f["case_key"].as_str()))
            .collect();
        assert_eq!(
            (violations.replace('.', ""), fails.replace('.', "")),
            (cases.len().to_string(), mine.len().to_string()),
            "{sop}"
        );
    }
    let chance = html
        .split("data-advisor=\"Intan\">")
        .nth(1)
        .expect("Intan in the chance table");
    assert!(
        chance.split("</tr>").next().unwrap().contains(">7<"),
        "Intan had 7 of her fails reviewed"
    );
    // The scorecard shows each overturned finding with its reason.
    let page = std::fs::read_to_string(
        d.join("out2/advisor")
            .join(format!("{}.html", patuh::report::file_name("Intan"))),
    )
    .unwrap();
    let overturned = page
        .split("id=\"overturned\"")
        .nth(1)
        .expect("the overturned section");
    for &i in void.iter().chain(&to_pass) {
        assert!(
            overturned.contains(&format!("data-case=\"{}\"", text(&exported[i], "Kasus"))),
            "case {} listed",
            text(&exported[i], "Kasus")
        );
    }
    assert!(overturned.contains("hari itu cabang libur lokal"));
    // The workbook's Temuan sheet: the status after review, patuh's beside it, the decision.
    let mut book = calamine::open_workbook_auto(d.join("out2/evaluasi-2025-H2.xlsx")).unwrap();
    let temuan = book.worksheet_range("Temuan").unwrap();
    let voided = &exported[void[0]];
    let row = temuan
        .rows()
        .find(|r| {
            r[0].to_string() == text(voided, "Aturan") && r[3].to_string() == text(voided, "Kasus")
        })
        .expect("the voided finding in Temuan");
    let cells: Vec<String> = [1, 14, 15, 16, 17]
        .iter()
        .map(|&c| row[c].to_string())
        .collect();
    assert_eq!(
        cells,
        [
            "Tidak berlaku",
            "Gagal",
            "Batal",
            "pelanggan menelepon, tidak tercatat di chat",
            "Sari"
        ]
    );
    // `patuh case` shows the decision under the rule.
    let case = ok(d, &["case", &text(&exported[void[0]], "Kasus")]);
    assert!(case.contains("na (patuh: fail)"), "{case}");
    assert!(case.contains("review: void"), "{case}");

    // Calibration: agreement recomputed from findings.csv's two verdicts.
    let agreement: serde_json::Value =
        serde_json::from_str(&ok(d, &["--json", "review", "agreement"])).unwrap();
    let all = agreement
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule_id"] == "*")
        .unwrap();
    assert_eq!(all["decisions"], 10);
    assert_eq!(all["upheld"], 4);
    // kappa from the pairs: (fail,na) 3, (fail,pass) 2, (fail,fail) 2, (unknown,fail) 1,
    // (pass,pass) 2.
    let pairs: Vec<(String, String)> = after
        .iter()
        .filter(|f| !f["review_decision"].is_empty())
        .map(|f| (f["machine_status"].clone(), f["status"].clone()))
        .collect();
    let n = pairs.len() as f64;
    let share = |side: usize, v: &str| {
        pairs
            .iter()
            .filter(|p| if side == 0 { p.0 == v } else { p.1 == v })
            .count() as f64
            / n
    };
    let po = pairs.iter().filter(|p| p.0 == p.1).count() as f64 / n;
    let pe: f64 = ["pass", "fail", "na", "unknown"]
        .iter()
        .map(|v| share(0, v) * share(1, v))
        .sum();
    let kappa = (po - pe) / (1.0 - pe);
    assert!(
        (all["kappa"]
            .as_f64()
            .expect("a kappa for 10 mixed decisions")
            - kappa)
            .abs()
            < 1e-9,
        "{all}"
    );

    // A re-export keeps the decisions made.
    ok(
        d,
        &["review", "export", "--out", d.join("rv2").to_str().unwrap()],
    );
    let again = read_sheet(&d.join("rv2/review-2025-H2.xlsx"));
    let kept = again
        .iter()
        .filter(|r| text(r, "Kasus") == text(&exported[void[0]], "Kasus"))
        .find(|r| text(r, "Aturan") == text(&exported[void[0]], "Aturan"))
        .expect("the voided finding is still listed");
    assert_eq!(text(kept, "Keputusan"), "batal");
    assert_eq!(text(kept, "Peninjau"), "Sari");

    // Changed evidence: a new limit for one reviewed rule changes the fingerprint of its
    // findings; their decisions are stale, not applied, and `patuh check` lists them.
    let catalog = patuh::rules::Catalog::builtin();
    let (stale_rule, param) = decisions
        .keys()
        .map(|&i| text(&exported[i], "Aturan"))
        .filter_map(|id| {
            let rule = catalog.get(&id)?;
            let p = rule.params.iter().find(|p| p.name.starts_with("limit"))?;
            Some((id, p.name.clone()))
        })
        .min()
        .expect("a reviewed rule with a limit");
    let stale: Vec<usize> = decisions
        .keys()
        .copied()
        .filter(|&i| text(&exported[i], "Aturan") == stale_rule)
        .collect();
    let config = d.join("patuh.toml");
    std::fs::write(
        &config,
        format!(
            "[[rule_override]]\nrule = \"{stale_rule}\"\nparam = \"{param}\"\nvalue = 997\neffective_from = \"2025-01-01\"\n"
        ),
    )
    .unwrap();
    let config = config.to_str().unwrap();
    ok(
        d,
        &[
            "--config",
            config,
            "score",
            "--out",
            d.join("out3").to_str().unwrap(),
        ],
    );
    let rescored = findings(&d.join("out3"));
    let still: usize = rescored
        .iter()
        .filter(|f| !f["review_decision"].is_empty())
        .count();
    assert_eq!(
        still,
        10 - stale.len(),
        "only the stale decisions are dropped"
    );
    for &i in &stale {
        let r = &exported[i];
        let f = rescored
            .iter()
            .find(|f| f["case_key"] == text(r, "Kasus") && f["rule_id"] == stale_rule)
            .unwrap();
        assert_eq!(f["review_decision"], "", "stale: not applied ({f:?})");
        assert_eq!(f["status"], f["machine_status"]);
    }
    let check: serde_json::Value =
        serde_json::from_str(&ok(d, &["--config", config, "--json", "check"])).unwrap();
    let listed: Vec<(String, String, String)> = check["reviews_not_applied"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["case_key"].as_str().unwrap().to_string(),
                r["rule_id"].as_str().unwrap().to_string(),
                r["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut expected: Vec<(String, String, String)> = stale
        .iter()
        .map(|&i| {
            (
                text(&exported[i], "Kasus"),
                stale_rule.clone(),
                "stale".into(),
            )
        })
        .collect();
    expected.sort();
    let mut listed = listed;
    listed.sort();
    assert_eq!(listed, expected);
}

/// A copy of the sample run's store in a fresh folder, to import into.
fn sample_store(dir: &Path) {
    std::fs::copy(
        crate::support::sample_run().join("s.duckdb"),
        dir.join("s.duckdb"),
    )
    .expect("a copy of the sample store");
}

/// Writes a review sheet with the export's headers and `rows` (one cell per header, in order).
fn write_review(path: &Path, rows: &[[&str; 8]]) {
    let header = [
        "Kasus",
        "Aturan",
        "Status",
        "Sidik Bukti",
        "Keputusan",
        "Alasan",
        "Peninjau",
        "Tanggal",
    ];
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Tinjauan").unwrap();
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn bad_review_rows_are_quarantined_with_row_and_reason_and_nothing_else_changes() {
    let dir = tempdir();
    let d = dir.path();
    sample_store(d);
    ok(
        d,
        &["review", "export", "--out", d.join("rv").to_str().unwrap()],
    );
    let exported = read_sheet(&d.join("rv/review-2025-H2.xlsx"));
    let good = &exported[0];
    let (key, rule, fp) = (
        text(good, "Kasus"),
        text(good, "Aturan"),
        text(good, "Sidik Bukti"),
    );
    let path = d.join("tinjauan-manual.xlsx");
    write_review(
        &path,
        &[
            [
                &key,
                &rule,
                "gagal",
                &fp,
                "batal",
                "salah pelanggan",
                "Sari",
                "2026-01-05",
            ],
            [
                "BKG-9999-99999",
                &rule,
                "gagal",
                &fp,
                "batal",
                "x",
                "Sari",
                "",
            ],
            [&key, "BKG-9.9", "gagal", &fp, "batal", "x", "Sari", ""],
            [&key, &rule, "gagal", &fp, "mungkin", "x", "Sari", ""],
            [&key, &rule, "gagal", &fp, "setuju", "", "Sari", ""],
            [&key, &rule, "gagal", &fp, "setuju", "bukti jelas", "", ""],
            [&key, &rule, "gagal", &fp, "", "", "", ""],
        ],
    );
    let summary: serde_json::Value =
        serde_json::from_str(&ok(d, &["--json", "import", path.to_str().unwrap()])).unwrap();
    let file = &summary["files"][0];
    assert_eq!(file["kind"], "review", "{file}");
    assert_eq!(
        (
            &file["rows_read"],
            &file["rows_loaded"],
            &file["rows_quarantined"],
            &file["rows_skipped"]
        ),
        (
            &serde_json::json!(7),
            &serde_json::json!(1),
            &serde_json::json!(5),
            &serde_json::json!(1)
        ),
        "{file}"
    );
    let check: serde_json::Value = serde_json::from_str(&ok(d, &["--json", "check"])).unwrap();
    let mine: Vec<(i64, String)> = check["quarantined"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| {
            q["path"]
                .as_str()
                .unwrap()
                .ends_with("tinjauan-manual.xlsx")
        })
        .map(|q| {
            assert_eq!(q["sheet"], "Tinjauan");
            (
                q["row"].as_i64().unwrap(),
                q["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let reasons: BTreeMap<i64, String> = mine.into_iter().collect();
    assert_eq!(reasons.keys().copied().collect::<Vec<_>>(), [3, 4, 5, 6, 7]);
    assert!(
        reasons[&3].contains("\"BKG-9999-99999\" is in no imported record or case"),
        "{}",
        reasons[&3]
    );
    assert!(
        reasons[&4].contains("\"BKG-9.9\" is not a measurable rule"),
        "{}",
        reasons[&4]
    );
    assert!(
        reasons[&5].contains("\"mungkin\" is not a decision; expected setuju, batal"),
        "{}",
        reasons[&5]
    );
    assert!(
        reasons[&6].contains("has no reason (Alasan)"),
        "{}",
        reasons[&6]
    );
    assert!(
        reasons[&7].contains("names no reviewer (Peninjau)"),
        "{}",
        reasons[&7]
    );

    // Scoring applies the one good decision; every other finding is as it was.
    let before = findings(&crate::support::sample_run().join("out"));
    ok(d, &["score", "--out", d.join("out").to_str().unwrap()]);
    let after = findings(&d.join("out"));
    assert_eq!(after.len(), before.len());
    let changed: Vec<&BTreeMap<String, String>> = after
        .iter()
        .filter(|f| f["status"] != f["machine_status"] || !f["review_decision"].is_empty())
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(
        (
            changed[0]["case_key"].as_str(),
            changed[0]["rule_id"].as_str()
        ),
        (key.as_str(), rule.as_str())
    );
    assert_eq!(changed[0]["status"], "na");
    let kept = |rows: &[BTreeMap<String, String>]| -> Vec<(String, String, String)> {
        rows.iter()
            .filter(|f| !(f["case_key"] == key && f["rule_id"] == rule))
            .map(|f| {
                (
                    f["case_key"].clone(),
                    f["rule_id"].clone(),
                    f["status"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(kept(&after), kept(&before));

    // The report's review section, in English too.
    ok(
        d,
        &[
            "--lang",
            "en",
            "report",
            "--out",
            d.join("out").to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(d.join("out/laporan-2025-H2.html")).unwrap();
    let section = html.split("<section id=\"review\">").nth(1).unwrap();
    assert!(
        section.starts_with("\n<h2>Review</h2>"),
        "{}",
        &section[..80]
    );
    assert!(section.contains("<th class=\"num\">Upheld</th>"));
    let total = section.split("data-sop=\"*\">").nth(1).unwrap();
    assert!(
        total.starts_with(
            "<td>Total</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td>"
        ),
        "{}",
        &total[..120]
    );
}

#[test]
fn the_review_workbook_opens_in_libreoffice_with_its_decision_list() {
    let Some(soffice) = crate::support::on_path("soffice") else {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
        return;
    };
    let dir = tempdir();
    let d = dir.path();
    sample_store(d);
    ok(
        d,
        &["review", "export", "--out", d.join("rv").to_str().unwrap()],
    );
    let o = std::process::Command::new(soffice)
        .arg(format!("-env:UserInstallation=file://{}/lo", d.display()))
        .args(["--headless", "--convert-to", "ods", "--outdir"])
        .arg(d.join("ods"))
        .arg(d.join("rv/review-2025-H2.xlsx"))
        .output()
        .expect("soffice runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let ods = d.join("ods/review-2025-H2.ods");
    assert!(ods.exists(), "converted: {}", stdout(&o));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&ods).unwrap()).unwrap();
    let mut content = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("content.xml").unwrap(), &mut content).unwrap();
    // LibreOffice kept the drop-down list of decisions on the Keputusan column.
    let list =
        regex::Regex::new(r#"table:condition="of:cell-content-is-in-list\(([^)]*)\)""#).unwrap();
    let lists: Vec<String> = list
        .captures_iter(&content)
        .map(|c| c[1].replace("&quot;", "\""))
        .collect();
    assert!(
        lists
            .iter()
            .any(|l| l == "\"setuju\";\"batal\";\"ubah:pass\";\"ubah:fail\";\"ubah:na\""),
        "{lists:?}"
    );
    assert!(
        content.contains("table:content-validation-name"),
        "applied to cells"
    );
    // Every exported row arrived: the case keys of the sheet are in the converted file.
    let exported = read_sheet(&d.join("rv/review-2025-H2.xlsx"));
    for r in exported.iter().step_by(97) {
        assert!(content.contains(&text(r, "Sidik Bukti")));
    }
}

#[test]
fn kappa_matches_a_worked_example_and_is_withheld_when_patuh_said_one_verdict() {
    use patuh::review::agreement::kappa;
    // Two raters, 50 items: 20 both fail, 15 both pass, 5 fail/pass, 10 pass/fail.
    // po = 0.7, pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = 0.4.
    let k = kappa(&[
        ("fail", "fail", 20),
        ("fail", "pass", 5),
        ("pass", "fail", 10),
        ("pass", "pass", 15),
    ])
    .expect("defined");
    assert!((k - 0.4).abs() < 1e-9, "{k}");
    // Perfect agreement on two verdicts is 1; a review of fails only says nothing.
    assert_eq!(
        kappa(&[("fail", "fail", 7), ("pass", "pass", 3)]),
        Some(1.0)
    );
    assert_eq!(kappa(&[("fail", "fail", 30), ("fail", "na", 3)]), None);
}
