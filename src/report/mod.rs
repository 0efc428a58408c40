//! The report stage: the semester report (one self-contained HTML file, charts inline as SVG),
//! advisor scorecards, the Excel workbook and the charts as files — all from the findings.

mod charts;
pub mod data;
pub mod format;
mod labels;
pub mod lake;
pub mod pdf;
mod view;
mod xlsx;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::privacy::{mask_location, mask_name, mask_phone, mask_text};
use crate::rules::sanction::{Band, per_100, recommend};
use crate::store::Store;
use charts::{Chart, Series};
use data::{Counts, ReportData, quantile};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use view::*;

const REPORT_TEMPLATE: &str = include_str!("../../report_templates/laporan.html");
const SCORECARD_TEMPLATE: &str = include_str!("../../report_templates/advisor.html");
const INDEX_TEMPLATE: &str = include_str!("../../report_templates/advisor_index.html");
const STYLE: &str = include_str!("../../report_templates/style.css");

const SOPS: [&str; 6] = ["BKG", "KSP", "FUT", "INQ", "PJL", "CHK"];

/// What was written.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Written {
    pub semester: String,
    pub files: Vec<PathBuf>,
    /// Seconds per phase, for benchmarks.
    pub timings: Vec<(String, f64)>,
}

/// What one report covers besides its figures: the links to the branches' own reports (in a
/// group's report) and the lakes the store was read from.
struct Scope {
    /// In a group report: each branch's own report, (branch, path from the group report).
    branch_pages: Vec<(String, String)>,
    /// The lakes the store was read from (`patuh report --from`); empty for a run's store.
    lakes: Vec<String>,
}

/// Writes the group's report of `semester` (default: the latest with findings) into `out`
/// and, when the semester's findings hold several branches, each branch's own report, with
/// its scorecards and workbook, into `out/cabang/<branch>/`.
pub fn write_all(
    store: &Store,
    config: &Config,
    lang: Lang,
    semester: Option<&str>,
    out: &Path,
    lakes: &[String],
) -> Result<Written> {
    let semester = choose_semester(store, semester)?;
    let branches: Vec<String> = crate::store::rows(
        store.conn(),
        "select distinct branch from finding where semester = ? order by branch",
        [&semester],
        |r| r.get(0),
    )
    .map_err(|e| store.error("listing the semester's branches", e))?;
    let folder = |b: &str| format!("cabang/{}", file_name(b));
    let started = std::time::Instant::now();
    // Every report's figures in one pass (the group's and each branch's), not one report at a
    // time: at `--scale 10` (10 branches) the branch reports took 4.5-5.4 s, most of it
    // queries' fixed cost on each branch's tenth of the rows and copying the branch's rows.
    let mut data = {
        let scopes = data::Scopes::enter(store, &branches)?;
        let imports = data::Imports::load(store)?;
        let fails = data::fails(store, &semester)?;
        data::load(store, &scopes, &semester, imports, &fails)?
    };
    let _rows = xlsx::Rows::hold(store, &semester)?;
    let read = started.elapsed().as_secs_f64();
    let branch_data = data.split_off(1);
    let group = Scope {
        lakes: lakes.to_vec(),
        branch_pages: branch_data
            .iter()
            .filter_map(|d| d.branch.as_ref())
            .map(|b| (b.clone(), format!("{}/laporan-{semester}.html", folder(b))))
            .collect(),
    };
    let group_data = data.pop().expect("the group's figures come first");
    // The group's report and the branches' at once: the group's workbook, the longest single
    // piece (one thread; at `--scale 100` 7.8 s), no longer waits for the branches or they for
    // it. Every report on its own connection (a workbook streams its rows).
    let group_store = store.try_clone()?;
    let stores: Vec<Store> = branch_data
        .iter()
        .map(|_| store.try_clone())
        .collect::<Result<_>>()?;
    let (group_written, branches_written) = rayon::join(
        move || write(&group_store, config, lang, out, &group, group_data),
        move || {
            let started = std::time::Instant::now();
            let pages: Vec<Result<Written>> = branch_data
                .into_par_iter()
                .zip(stores.into_par_iter())
                .map(|(d, branch_store)| {
                    let scope = Scope {
                        branch_pages: Vec::new(),
                        lakes: lakes.to_vec(),
                    };
                    let dir = out.join(folder(d.branch.as_deref().unwrap_or_default()));
                    write(&branch_store, config, lang, &dir, &scope, d)
                })
                .collect();
            (pages, started.elapsed().as_secs_f64())
        },
    );
    let mut written = group_written?;
    written.timings.insert(0, ("read figures".into(), read));
    let (pages, seconds) = branches_written;
    if !pages.is_empty() {
        for one in pages {
            written.files.extend(one?.files);
        }
        written
            .timings
            .push(("branch reports (beside the group's)".into(), seconds));
    }
    Ok(written)
}

/// Writes the report of `d` (the group's or a branch's figures) into `out`.
fn write(
    store: &Store,
    config: &Config,
    lang: Lang,
    out: &Path,
    scope: &Scope,
    mut d: data::ReportData,
) -> Result<Written> {
    let semester = d.semester.clone();
    let mut phases = crate::output::Phases::start();
    let t = labels::labels(lang);
    // A finding's reason is written in English for the CSV and `patuh case`; a report page
    // says what the clause requires in the page's language instead, with the numbers beside it.
    let catalog = crate::rules::Catalog::builtin();
    for f in &mut d.fails {
        if let Some(rule) = catalog.get(&f.rule_id) {
            f.reason = Some(if lang == Lang::En {
                rule.summary_en.clone()
            } else {
                rule.sop_text.clone()
            });
        }
        f.unit = f.unit.as_deref().map(|u| {
            t.get(format!("unit_{u}").as_str())
                .map_or(u.to_string(), |x| x.to_string())
        });
    }
    let d = d;
    let io = |p: &Path, e: std::io::Error| Error::input(format!("{}: {e}", p.display()));
    for dir in [out.to_path_buf(), out.join("charts"), out.join("advisor")] {
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    }
    let mut files = Vec::new();

    // Every clause is shown with its short name beside the id (catalog, page language).
    let names: BTreeMap<String, String> = catalog
        .rules
        .iter()
        .map(|r| (r.id.clone(), r.name(lang).to_string()))
        .collect();
    let (typed, charts) = report_view(&d, config, lang, &t, &names)?;
    let mut view =
        serde_json::to_value(&typed).map_err(|e| Error::Other(format!("report view: {e}")))?;
    view["scope_branch"] = json!(d.branch);
    view["lakes"] = json!(scope.lakes);
    view["branch_pages"] = json!(
        scope
            .branch_pages
            .iter()
            .map(|(b, href)| (b.clone(), href.clone()))
            .collect::<BTreeMap<_, _>>()
    );
    phases.lap("view and SVG charts");
    let mut env = minijinja::Environment::new();
    // A label or value the template names but the view lacks is an error, not a blank.
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    format::register(
        &mut env,
        lang,
        config.report.semester_start_month,
        labels::codes(lang),
        names.clone(),
    );
    env.add_template("laporan.html", REPORT_TEMPLATE)
        .and_then(|_| env.add_template("advisor.html", SCORECARD_TEMPLATE))
        .and_then(|_| env.add_template("advisor_index.html", INDEX_TEMPLATE))
        .map_err(|e| Error::Other(format!("report template: {e}")))?;
    let render = |name: &str, ctx: &Value| -> Result<String> {
        env.get_template(name)
            .and_then(|tpl| tpl.render(ctx))
            .map_err(|e| Error::Other(format!("report template {name}: {e:#}")))
    };
    for (name, chart) in &charts {
        let png = out.join("charts").join(format!("{name}.png"));
        chart
            .png(&png)
            .map_err(|e| Error::Other(format!("{}: drawing the chart: {e}", png.display())))?;
        files.push(png);
    }
    phases.lap("PNG charts");
    let mut write_file = |path: PathBuf, text: &str| -> Result<()> {
        std::fs::write(&path, text).map_err(|e| io(&path, e))?;
        files.push(path);
        Ok(())
    };
    // Each chart as SVG (the page's own drawing) and as PNG for slides.
    for (name, _) in &charts {
        write_file(
            out.join("charts").join(format!("{name}.svg")),
            view["charts"][name].as_str().unwrap_or(""),
        )?;
    }
    write_file(
        out.join(format!("laporan-{semester}.html")),
        &render("laporan.html", &view)?,
    )?;
    let mut index = Vec::new();
    // Scorecards are independent: drawn and rendered in parallel, written in order.
    let by = ByAdvisor::new(&d);
    let pages: Vec<String> = typed
        .advisors
        .par_iter()
        .map(|a| {
            let ctx = scorecard_view(&d, &by, lang, &t, &typed, a)?;
            let ctx = serde_json::to_value(&ctx)
                .map_err(|e| Error::Other(format!("scorecard view: {e}")))?;
            render("advisor.html", &ctx)
        })
        .collect::<Result<_>>()?;
    for (a, html) in typed.advisors.iter().zip(pages) {
        write_file(out.join("advisor").join(&a.file), &html)?;
        index.push(IndexRow {
            name: &a.name,
            file: &a.file,
            rate: a.rate,
            fail: a.fail,
        });
    }
    write_file(
        out.join("advisor").join("index.html"),
        &render(
            "advisor_index.html",
            &json!({"t": t, "style": STYLE, "semester": semester, "advisors": index}),
        )?,
    )?;
    phases.lap("pages");
    let workbook = out.join(format!("evaluasi-{semester}.xlsx"));
    xlsx::write(&workbook, store, &d, &t, &names)?;
    files.push(workbook);
    phases.lap("workbook");
    Ok(Written {
        semester,
        files,
        timings: phases.into_laps(),
    })
}

/// The semester asked for, which must have findings, or the default one (`default_semester`).
pub fn choose_semester(store: &Store, asked: Option<&str>) -> Result<String> {
    let counts = data::semesters(store)?;
    match asked {
        Some(s) if counts.iter().any(|x| x.0 == s) => Ok(s.to_string()),
        Some(s) => Err(Error::input(format!(
            "no findings for semester {s}: the store has {}",
            if counts.is_empty() {
                "none (run `patuh score`)".to_string()
            } else {
                counts
                    .iter()
                    .map(|c| c.0.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ))),
        None => default_semester(&counts).ok_or_else(|| {
            Error::input("no findings in the store: run `patuh score` first".to_string())
        }),
    }
}

/// The latest semester with a real share of the findings: a semester holding only the tail
/// of the previous one (follow-ups of December's jobs) is not reported by default.
pub fn default_semester(counts: &[(String, i64)]) -> Option<String> {
    let largest = counts.iter().map(|c| c.1).max().unwrap_or(0);
    counts
        .iter()
        .rev()
        .find(|c| c.1 * 10 >= largest)
        .map(|c| c.0.clone())
}

/// A scorecard's file name from an advisor's name: up to 40 letters, digits and dashes for a
/// person to recognise, then 8 hex digits of the name's SHA-256 so that names differing only
/// in what the letters drop ("Dewi 🌸", "Dewi 🌷") never share a file, and no name is too long
/// for a file system. Stable: the same name gets the same file every semester.
pub fn file_name(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let mut slug: String = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .take(40)
        .collect();
    if slug.is_empty() {
        slug = "tanpa-nama".into();
    }
    let hash = crate::ingest::sha256_hex(name.as_bytes());
    format!("{}-{}", slug.trim_end_matches('-'), &hash[..8])
}

/// "BKG-4.1.2 · Balas booking ≤ 5 menit" for a chart label (the id alone when unnamed).
pub fn clause_label(id: &str, names: &BTreeMap<String, String>) -> String {
    match names.get(id) {
        Some(name) => format!("{id} · {name}"),
        None => id.to_string(),
    }
}

/// Clauses with the most fails whose worst examples the report shows (besides those that got
/// worse most).
const EXAMPLE_CLAUSES: usize = 6;
/// Clauses whose fails may have cost the customer (SOP section 7.6: penggantian rugi), listed
/// for a supervisor's review, never recommended.
const COMPENSATION_RULES: &[&str] = &["BKG-4.2.2", "FUT-4.2.3", "BKG-8.5"];
const COMPENSATION_SHOWN: usize = 20;
/// Failed findings listed on a scorecard (worst first); the rest are in the workbook.
const SCORECARD_FAILS: usize = 10;

/// Bars of the Pareto chart, clauses with fails drawn one by one.
const PARETO_BARS: usize = 15;

/// The Pareto's bars, most fails first: up to `keep` bars, the last of them holding the fails of
/// every clause not drawn ("lainnya (12 klausul)"), so the cumulative shares are of all fails
/// and the last bar reaches 100 % only because everything is counted.
pub fn pareto_bars(mut fails: Vec<(String, i64)>, keep: usize, other: &str) -> Vec<(String, i64)> {
    fails.retain(|f| f.1 > 0);
    fails.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if fails.len() > keep {
        let rest = fails.split_off(keep - 1);
        let sum = rest.iter().map(|r| r.1).sum();
        fails.push((other.replace("{n}", &rest.len().to_string()), sum));
    }
    fails
}

/// A cut list's note: "{shown} of {total}; the rest in {file}" with the semester's workbook.
fn shown_of(template: &str, shown: usize, total: usize, semester: &str, lang: Lang) -> String {
    template
        .replace("{shown}", &format::value(shown as f64, lang))
        .replace("{total}", &format::value(total as f64, lang))
        .replace("{file}", &format!("evaluasi-{semester}.xlsx"))
}

/// The sentence saying which sanction rule the recommendations follow.
fn sanction_rule(config: &Config, t: &BTreeMap<&str, &str>) -> String {
    let s = &config.sanctions;
    let (key, verbal, written) = match s.basis {
        crate::config::SanctionBasis::Per100Cases => (
            "sanction_rule_per_100",
            s.verbal_warning_per_100.to_string(),
            s.written_warning_per_100.to_string(),
        ),
        crate::config::SanctionBasis::Cases => (
            "sanction_rule_cases",
            s.verbal_warning_max.to_string(),
            s.written_warning_max.to_string(),
        ),
    };
    t[key]
        .replace("{verbal}", &verbal)
        .replace("{written}", &written)
        .replace("{rate}", &format!("{}%", s.review_below_rate * 100.0))
}

/// The report page's view, and its charts by file name (their SVG is in the view too).
fn report_view<'a>(
    d: &'a ReportData,
    config: &'a Config,
    lang: Lang,
    t: &'a BTreeMap<&'a str, &'a str>,
    names: &BTreeMap<String, String>,
) -> Result<(ReportView<'a>, Vec<(&'static str, Chart)>)> {
    let sem = |s: &str| -> BTreeMap<String, Counts> {
        let mut m: BTreeMap<String, Counts> = BTreeMap::new();
        for r in d.rates.iter().filter(|r| r.semester == s) {
            m.entry(r.sop.clone()).or_default().add(&r.counts);
        }
        m
    };
    let now = sem(&d.semester);
    let before = d.previous.as_deref().map(sem).unwrap_or_default();
    let total = |m: &BTreeMap<String, Counts>| {
        let mut c = Counts::default();
        m.values().for_each(|x| c.add(x));
        c
    };
    let (all_now, all_before) = (total(&now), total(&before));
    let per_sop: Vec<SopView> = SOPS
        .iter()
        .filter(|s| now.contains_key(**s))
        .map(|s| {
            let c = &now[*s];
            let b = before.get(*s);
            SopView {
                sop: s.to_string(),
                name: t[format!("sop_{s}").as_str()].to_string(),
                counts: c.into(),
                checks: c.pass + c.fail,
                case_share: (&d.case_share("sop", Some(s))).into(),
                previous: pct(b.and_then(Counts::rate)),
                delta: delta(c.rate(), b.and_then(Counts::rate)),
            }
        })
        .collect();
    let rule_rates = |s: &str| -> BTreeMap<String, Counts> {
        d.rates
            .iter()
            .filter(|r| r.semester == s)
            .map(|r| (r.rule_id.clone(), r.counts.clone()))
            .collect()
    };
    let rules_now = rule_rates(&d.semester);
    let rules_before = d.previous.as_deref().map(rule_rates).unwrap_or_default();
    // In rule id order (the map's).
    let clauses: Vec<ClauseView> = rules_now
        .iter()
        .map(|(id, c)| {
            let b = rules_before.get(id).and_then(Counts::rate);
            ClauseView {
                rule_id: id.clone(),
                counts: c.into(),
                previous: pct(b),
                delta: delta(c.rate(), b),
            }
        })
        .collect();
    let mut worse: Vec<&ClauseView> = clauses
        .iter()
        .filter(|c| c.delta.is_some_and(|x| x < 0.0))
        .collect();
    worse.sort_by(|a, b| {
        a.delta
            .partial_cmp(&b.delta)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let worse: Vec<ClauseView> = worse.into_iter().take(3).cloned().collect();
    let pareto: Vec<(String, i64)> = pareto_bars(
        rules_now
            .iter()
            .map(|(id, c)| (id.clone(), c.fail))
            .collect(),
        PARETO_BARS,
        t["other_clauses"],
    )
    .into_iter()
    .map(|(id, fails)| (clause_label(&id, names), fails))
    .collect();

    // Monthly trend.
    let branch_months: Vec<&data::MonthRow> =
        d.monthly.iter().filter(|r| r.advisor.is_none()).collect();
    let (months, series) = trend_series(&branch_months);
    let trend_rows = trend_table(&months, &series);

    // Distributions.
    let dist = |rule: &str, label: &str| -> (DistributionView, Chart) {
        let mut v: Vec<f64> = d
            .measured
            .iter()
            .filter(|m| m.0 == rule)
            .map(|m| m.1)
            .collect();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        let limit = d.measured.iter().find(|m| m.0 == rule).map_or(0.0, |m| m.2);
        let unit = d
            .measured
            .iter()
            .find(|m| m.0 == rule)
            .map_or("", |m| m.3.as_str());
        let x_label = t
            .get(format!("unit_{unit}").as_str())
            .copied()
            .unwrap_or(unit)
            .to_string();
        (
            DistributionView {
                rule_id: rule.to_string(),
                label: label.to_string(),
                n: v.len(),
                median: quantile(&v, 0.5),
                p90: quantile(&v, 0.9),
                limit,
            },
            Chart::Histogram {
                title: label.to_string(),
                x_label,
                y_label: t["cases"].to_string(),
                limit_label: t["limit"].to_string(),
                limit: limit.max(1.0),
                values: v,
            },
        )
    };
    let (d1, s1) = dist("BKG-4.1.2", t["first_reply"]);
    let (d2, s2) = dist("KSP-5.1", t["status_contact"]);
    let (d3, s3) = dist("FUT-5.1", t["followup_days"]);

    // Advisors.
    let mut advisor_names: Vec<String> = d.advisors.iter().map(|a| a.advisor.clone()).collect();
    advisor_names.dedup();
    let mut advisors: Vec<AdvisorView> = advisor_names
        .iter()
        .map(|n| {
            let rows: Vec<&data::AdvisorRow> =
                d.advisors.iter().filter(|a| &a.advisor == n).collect();
            let (pass, fail, unknown) = rows.iter().fold((0, 0, 0), |acc, r| {
                (acc.0 + r.pass, acc.1 + r.fail, acc.2 + r.unknown)
            });
            let rate = Counts {
                pass,
                fail,
                ..Default::default()
            }
            .rate();
            let mut worst = Band::None;
            let sops: Vec<AdvisorSopView> = rows
                .iter()
                .map(|r| {
                    let rr = Counts {
                        pass: r.pass,
                        fail: r.fail,
                        ..Default::default()
                    }
                    .rate();
                    let band = recommend(r.violations, r.cases, rr, &config.sanctions);
                    worst = worst.max(band);
                    AdvisorSopView {
                        sop: r.sop.clone(),
                        pass: r.pass,
                        fail: r.fail,
                        unknown: r.unknown,
                        cases: r.cases,
                        violations: r.violations,
                        per_100: per_100(r.violations, r.cases).map(|x| (x * 10.0).round() / 10.0),
                        rate: pct(rr),
                        band: band.label_key(),
                        sanction: t[band.label_key()].to_string(),
                    }
                })
                .collect();
            // The header's recommendation is the most severe of the advisor's SOPs.
            AdvisorView {
                name: n.clone(),
                file: format!("{}.html", file_name(n)),
                case_share: (&d.case_share("advisor", Some(n))).into(),
                branch: rows.first().map(|r| r.branch.clone()),
                pass,
                fail,
                unknown,
                rate: pct(rate),
                sanction: t[worst.label_key()].to_string(),
                band: worst.label_key(),
                sops,
            }
        })
        .collect();
    advisors.sort_by(|a, b| {
        b.rate
            .unwrap_or(-1.0)
            .partial_cmp(&a.rate.unwrap_or(-1.0))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let grid: Vec<charts::AdvisorRates> = advisors
        .iter()
        .filter(|a| a.name != "(none)")
        .map(|a| {
            let sops = a
                .sops
                .iter()
                .map(|x| (x.sop.clone(), x.rate.map(|r| r / 100.0)))
                .collect();
            (a.name.clone(), sops)
        })
        .collect();

    // Worst examples that cover the problems: the worst two fails of each clause with the most
    // fails, and of each clause that got worse most (d.fails is sorted worst first).
    let mut example_rules: Vec<String> = Vec::new();
    let mut by_fails: Vec<(&String, i64)> = rules_now
        .iter()
        .filter(|(_, c)| c.fail > 0)
        .map(|(id, c)| (id, c.fail))
        .collect();
    by_fails.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for id in by_fails
        .iter()
        .take(EXAMPLE_CLAUSES)
        .map(|(id, _)| id.to_string())
        .chain(worse.iter().map(|w| w.rule_id.clone()))
    {
        if !example_rules.contains(&id) {
            example_rules.push(id);
        }
    }
    let examples: Vec<FailView> = example_rules
        .iter()
        .flat_map(|id| d.fails.iter().filter(move |f| &f.rule_id == id).take(2))
        .map(fail_view)
        .collect();
    let cut = |shown: usize, total: usize| shown_of(t["shown_of"], shown, total, &d.semester, lang);
    let examples_note = cut(examples.len(), d.fails.len());
    let candidates: Vec<&data::FailRow> = d
        .fails
        .iter()
        .filter(|f| COMPENSATION_RULES.contains(&f.rule_id.as_str()))
        .collect();
    let compensation: Vec<FailView> = candidates
        .iter()
        .take(COMPENSATION_SHOWN)
        .map(|f| fail_view(f))
        .collect();
    let compensation_note = cut(compensation.len(), candidates.len());
    let unknown_rules: Vec<UnknownRule> = clauses
        .iter()
        .filter(|c| c.counts.unknown > 0)
        .map(|c| UnknownRule {
            rule_id: c.rule_id.clone(),
            unknown: c.counts.unknown,
        })
        .collect();
    // The query's placeholders for an empty column, in the page's words.
    let topic = |text: &str| -> String {
        [
            ("(no category)", "no_category"),
            ("(no question recorded)", "no_question"),
            ("(no product)", "no_product"),
            ("(no warranty status)", "no_warranty_status"),
        ]
        .iter()
        .fold(text.to_string(), |acc, (code, key)| {
            acc.replace(code, t[key])
        })
    };
    let topics_of = |section: &str| -> Vec<TopicView> {
        d.topics
            .iter()
            .filter(|x| x.0 == section)
            .take(10)
            .map(|x| TopicView {
                topic: topic(&x.1),
                tickets: x.2,
            })
            .collect()
    };
    // Each branch in the data is judged by its own calendar: the report states every one.
    let mut calendar_branches: Vec<&crate::config::Branch> = d
        .branches
        .iter()
        .filter_map(|b| config.branch(&b.0))
        .collect();
    calendar_branches.dedup_by(|a, b| a.name == b.name);
    if calendar_branches.is_empty() {
        calendar_branches.push(config.default_branch());
    }
    let calendars: Vec<CalendarView> = calendar_branches
        .iter()
        .map(|branch| {
            let days_off: Vec<String> = config
                .calendar
                .days_off
                .iter()
                .chain(&branch.days_off)
                .map(|d| d.date.to_string())
                .collect();
            CalendarView {
                name: branch.name.clone(),
                tz: branch.time_zone.to_string(),
                week: week_text(branch, t),
                holidays: t[if config.calendar.close_on_cuti_bersama {
                    "holidays_with_cuti"
                } else {
                    "holidays_national"
                }]
                .to_string(),
                days_off: days_off.join(", "),
            }
        })
        .collect();
    // Branch comparison: one row per branch, its rate per SOP and overall.
    let mut branch_names: Vec<String> = d.branches.iter().map(|b| b.0.clone()).collect();
    branch_names.dedup();
    let branches: Vec<BranchView> = branch_names
        .iter()
        .map(|name| {
            let rows: Vec<_> = d.branches.iter().filter(|b| &b.0 == name).collect();
            let all = rows.iter().fold(Counts::default(), |mut c, b| {
                c.pass += b.2;
                c.fail += b.3;
                c.unknown += b.4;
                c
            });
            let sops = series
                .iter()
                .map(|(sop, _)| {
                    let c = rows.iter().find(|b| &b.1 == sop).map(|b| Counts {
                        pass: b.2,
                        fail: b.3,
                        ..Default::default()
                    });
                    pct(c.and_then(|c| c.rate()))
                })
                .collect();
            BranchView {
                name: name.clone(),
                rate: pct(all.rate()),
                fail: all.fail,
                unknown: all.unknown,
                sops,
                worst: d
                    .branch_clauses
                    .iter()
                    .filter(|c| &c.0 == name)
                    .map(|c| BranchClause {
                        rule_id: c.1.clone(),
                        fails: c.2,
                    })
                    .collect(),
                case_share: (&d.case_share("branch", Some(name))).into(),
            }
        })
        .collect();
    let review = review_json(d, &advisors);
    // Each branch's compliance month by month, side by side (the group report's trend).
    let mut branch_months: Vec<String> = d.branch_monthly.iter().map(|m| m.1.clone()).collect();
    branch_months.sort();
    branch_months.dedup();
    let branch_trend: Vec<BranchTrend> = branches
        .iter()
        .map(|b| BranchTrend {
            name: b.name.clone(),
            rates: branch_months
                .iter()
                .map(|m| {
                    let c = d
                        .branch_monthly
                        .iter()
                        .find(|x| x.0 == b.name && &x.1 == m)
                        .map(|x| Counts {
                            pass: x.2,
                            fail: x.3,
                            ..Default::default()
                        });
                    pct(c.and_then(|c| c.rate()))
                })
                .collect(),
        })
        .collect();
    let charts = vec![
        (
            "pareto",
            Chart::Pareto {
                title: t["pareto"].to_string(),
                y_label: t["violations"].to_string(),
                bars: pareto,
            },
        ),
        (
            "trend",
            Chart::Trend {
                title: t["trend_chart"].to_string(),
                months: chart_months(&months, lang),
                series: series.clone(),
            },
        ),
        ("first_reply", s1),
        ("status_contact", s2),
        ("followup_days", s3),
        (
            "advisors",
            Chart::AdvisorsGrid {
                title: t["advisors_chart"].to_string(),
                advisors: grid,
            },
        ),
    ];
    let mut svgs = BTreeMap::new();
    for (name, chart) in &charts {
        let svg = chart
            .svg()
            .map_err(|e| Error::Other(format!("drawing chart {name}: {e}")))?;
        svgs.insert(name.to_string(), svg);
    }
    let view = ReportView {
        branches,
        t,
        style: STYLE,
        semester: &d.semester,
        previous: d.previous.as_deref(),
        organisation: &config.organisation.name,
        calendars,
        sanction_rule: sanction_rule(config, t),
        print_header: format!(
            "{} · {} {}",
            config.organisation.name,
            t["semester"],
            format::semester(&d.semester, config.report.semester_start_month, lang)
        )
        .replace(['"', '\\', '<', '>', '\n'], " "),
        generated: crate::output::generated_at(),
        overall: (&all_now).into(),
        overall_previous: pct(all_before.rate()),
        overall_checks: all_now.pass + all_now.fail,
        overall_cases: (&d.case_share("all", None)).into(),
        overall_delta: delta(all_now.rate(), all_before.rate()),
        per_sop,
        clauses,
        worse,
        trend: trend_rows,
        trend_sops: series.iter().map(|s| s.0.clone()).collect(),
        distributions: vec![d1, d2, d3],
        advisors,
        examples,
        compensation,
        examples_note,
        compensation_note,
        topics: topics_of("inquiry"),
        recap: topics_of("aftersales"),
        quality: &d.imports.quality,
        links: &d.imports.links,
        unknown_rules,
        failed_files: &d.imports.failed_files,
        unknown_advisors: &d.imports.unknown_advisors,
        charts: svgs,
        review,
        coverage: &d.coverage,
        needs_review: &d.needs_review,
        chat_bookings: &d.chat_bookings,
        needs_review_total: d.needs_review.iter().map(|x| x.findings).sum(),
        branch_months,
        branch_trend,
    };
    Ok((view, charts))
}

/// Overturned findings above this many per rule are a sign the rule or its data needs work;
/// the report lists the rules with most.
const REVIEW_RULES_SHOWN: usize = 10;

/// The review section: what was reviewed, upheld and overturned (per SOP and rule), and
/// whether every advisor with a sanction recommendation had fails reviewed.
fn review_json(d: &ReportData, advisors: &[AdvisorView]) -> Value {
    let r = &d.review;
    let tally = |name: &str, t: &crate::review::Tally| {
        json!({"name": name, "reviewed": t.reviewed, "upheld": t.upheld,
               "overturned": t.overturned, "rate": pct(t.overturn_rate())})
    };
    let sops: Vec<Value> = r.by_sop.iter().map(|(s, t)| tally(s, t)).collect();
    let rules: Vec<Value> = r
        .most_overturned(REVIEW_RULES_SHOWN)
        .iter()
        .map(|(id, t)| tally(id, t))
        .collect();
    let sanctioned: Vec<Value> = advisors
        .iter()
        .filter(|a| a.band != "none")
        .map(|a| {
            let name = a.name.as_str();
            let own = r.advisors.iter().find(|x| x.advisor == name);
            let (fails, reviewed, overturned) =
                own.map_or((0, 0, 0), |x| (x.fails, x.fails_reviewed, x.overturned));
            json!({"name": name, "file": a.file, "sanction": a.sanction, "band": a.band,
                   "fails": fails, "fails_reviewed": reviewed, "overturned": overturned,
                   "share": pct((fails > 0).then(|| reviewed as f64 / fails as f64))})
        })
        .collect();
    let not_applied = |outcome: &str| {
        d.reviews_not_applied
            .iter()
            .find(|x| x.0 == outcome)
            .map_or(0, |x| x.1)
    };
    json!({"total": tally("*", &r.total), "sops": sops, "rules": rules,
           "sanctioned": sanctioned, "stale": not_applied("stale"),
           "no_finding": not_applied("no_finding")})
}

/// Month axis labels in the page's language: `2025-07` as `Jul 2025`.
fn chart_months(months: &[String], lang: Lang) -> Vec<String> {
    months
        .iter()
        .map(|m| format::month_short(m, lang))
        .collect()
}

/// The trend as table rows: one per month, with each SOP's rate.
fn trend_table(months: &[String], series: &[Series]) -> Vec<TrendRow> {
    months
        .iter()
        .enumerate()
        .map(|(i, m)| TrendRow {
            month: m.clone(),
            rates: series
                .iter()
                .map(|(s, v)| SopRate {
                    sop: s.clone(),
                    rate: pct(v[i]),
                })
                .collect(),
        })
        .collect()
}

/// Months, and each SOP's compliance per month (none where nothing was judged), in catalog
/// order, for the SOPs the rows hold.
fn trend_series(rows: &[&data::MonthRow]) -> (Vec<String>, Vec<Series>) {
    let mut months: Vec<String> = rows.iter().map(|r| r.month.clone()).collect();
    months.sort();
    months.dedup();
    let series = SOPS
        .iter()
        .filter(|s| rows.iter().any(|r| r.sop == **s))
        .map(|s| {
            let values = months
                .iter()
                .map(|m| {
                    rows.iter()
                        .find(|r| &r.month == m && r.sop == *s)
                        .and_then(|r| {
                            Counts {
                                pass: r.pass,
                                fail: r.fail,
                                ..Default::default()
                            }
                            .rate()
                        })
                })
                .collect();
            (s.to_string(), values)
        })
        .collect();
    (months, series)
}

/// The branch's week as text: "Mon 08:00-17:00, …, Sun closed".
fn week_text(branch: &crate::config::Branch, t: &BTreeMap<&str, &str>) -> String {
    use chrono::Weekday::*;
    let Ok(week) = branch.weekly_hours() else {
        return String::new();
    };
    [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
        .iter()
        .zip(t["day_names"].split(','))
        .map(|(d, name)| {
            let spans = week.day(*d).spans();
            let h = if spans.is_empty() {
                t["closed"].to_string()
            } else {
                spans
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            format!("{name} {h}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A fail as the report shows it: the customer's name and phone masked.
fn fail_view(f: &data::FailRow) -> FailView {
    // Chat files are named after the customer (number or contact name): masked too.
    FailView {
        rule_id: f.rule_id.clone(),
        case_kind: f.case_kind.clone(),
        case_key: f.case_key.clone(),
        advisor: f.advisor.clone(),
        measured: f.measured.map(|m| (m * 10.0).round() / 10.0),
        limit: f.limit,
        unit: f.unit.clone(),
        started_at: f.started_at.map(|t| t.format("%Y-%m-%d %H:%M").to_string()),
        reason: f.reason.clone(),
        evidence: mask_location(&f.evidence, f.customer.as_deref()),
        customer: f.customer.as_deref().map(mask_name),
        phone: f.phone.as_deref().map(mask_phone),
        excerpt: f
            .excerpt
            .as_deref()
            .map(|e| mask_text(&crate::output::excerpt(e, 160), f.customer.as_deref())),
    }
}

/// The report's rows grouped by advisor once, so each scorecard reads only its own.
struct ByAdvisor<'a> {
    fails: HashMap<&'a str, Vec<&'a data::FailRow>>,
    rules: HashMap<&'a str, Vec<&'a data::RuleRow>>,
    monthly: HashMap<&'a str, Vec<&'a data::MonthRow>>,
    branch_rules: BTreeMap<&'a str, &'a data::RuleRow>,
}

impl<'a> ByAdvisor<'a> {
    fn new(d: &'a ReportData) -> Self {
        let mut by = ByAdvisor {
            fails: HashMap::new(),
            rules: HashMap::new(),
            monthly: HashMap::new(),
            branch_rules: BTreeMap::new(),
        };
        for f in &d.fails {
            by.fails.entry(f.advisor.as_str()).or_default().push(f);
        }
        for r in &d.rules {
            match r.advisor.as_deref() {
                Some(a) => by.rules.entry(a).or_default().push(r),
                None => {
                    by.branch_rules.insert(r.rule_id.as_str(), r);
                }
            }
        }
        for m in &d.monthly {
            if let Some(a) = m.advisor.as_deref() {
                by.monthly.entry(a).or_default().push(m);
            }
        }
        by
    }
}

fn scorecard_view<'a>(
    d: &'a ReportData,
    by: &ByAdvisor,
    lang: Lang,
    t: &'a BTreeMap<&'a str, &'a str>,
    report: &ReportView,
    advisor: &'a AdvisorView,
) -> Result<ScorecardView<'a>> {
    let name = advisor.name.as_str();
    let none = Vec::new();
    // The scorecard summarises first; its fail list keeps to the worst ones so it prints in a
    // few pages, and says where the rest are (the workbook, filtered by advisor).
    let all_fails = by.fails.get(name).unwrap_or(&none);
    let fails: Vec<FailView> = all_fails
        .iter()
        .take(SCORECARD_FAILS)
        .map(|f| fail_view(f))
        .collect();
    let fails_note = shown_of(
        t["shown_of_advisor"],
        fails.len(),
        all_fails.len(),
        &d.semester,
        lang,
    );
    let sops: Vec<ScorecardSop> = advisor
        .sops
        .iter()
        .map(|s| ScorecardSop {
            sop: s,
            branch_rate: report
                .per_sop
                .iter()
                .find(|b| b.sop == s.sop)
                .and_then(|b| b.counts.rate),
        })
        .collect();
    // Per rule against the branch: rate and median measured value beside the limit.
    let rate = |r: &data::RuleRow| {
        Counts {
            pass: r.pass,
            fail: r.fail,
            ..Default::default()
        }
        .rate()
    };
    let one_decimal = |x: Option<f64>| x.map(|x| (x * 10.0).round() / 10.0);
    let rules: Vec<ScorecardRule> = by
        .rules
        .get(name)
        .map_or(&[][..], |v| v.as_slice())
        .iter()
        .filter(|r| r.pass + r.fail + r.unknown > 0)
        .map(|r| {
            let b = by.branch_rules.get(r.rule_id.as_str());
            ScorecardRule {
                rule_id: r.rule_id.clone(),
                pass: r.pass,
                fail: r.fail,
                unknown: r.unknown,
                rate: pct(rate(r)),
                branch_rate: pct(b.and_then(|b| rate(b))),
                median: one_decimal(r.median),
                branch_median: one_decimal(b.and_then(|b| b.median)),
                limit: r.limit,
                unit: r.unit.as_deref().map(|u| {
                    t.get(format!("unit_{u}").as_str())
                        .map_or(u.to_string(), |x| x.to_string())
                }),
            }
        })
        .collect();
    // The advisor's own monthly trend, drawn like the report's.
    let months: &[&data::MonthRow] = by.monthly.get(name).map_or(&[], |v| v.as_slice());
    let (months, series) = trend_series(months);
    let trend = trend_table(&months, &series);
    let trend_chart = Chart::Trend {
        title: t["trend_chart"].to_string(),
        months: chart_months(&months, lang),
        series: series.clone(),
    }
    .svg()
    .map_err(|e| Error::Other(format!("drawing {name}'s trend chart: {e}")))?;
    let overturned: Vec<OverturnedView> = d
        .overturned
        .iter()
        .filter(|o| o.advisor == name)
        .map(|o| OverturnedView {
            rule_id: o.rule_id.clone(),
            case_key: o.case_key.clone(),
            machine_status: o.machine_status.clone(),
            status: o.status.clone(),
            decision: o.decision.clone(),
            reason: o.reason.clone(),
            reviewer: o.reviewer.clone(),
            reviewed_on: o.reviewed_on.map(|d| d.to_string()),
        })
        .collect();
    let reviewed = d
        .review
        .advisors
        .iter()
        .find(|x| x.advisor == name)
        .cloned()
        .unwrap_or_default();
    Ok(ScorecardView {
        t,
        style: STYLE,
        semester: &d.semester,
        advisor,
        sops,
        overturned,
        fails_reviewed: reviewed.fails_reviewed,
        machine_fails: reviewed.fails,
        rules,
        trend,
        trend_sops: series.iter().map(|s| s.0.clone()).collect(),
        trend_chart,
        fails,
        fails_total: all_fails.len(),
        fails_note,
    })
}
