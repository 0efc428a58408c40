//! `patuh lexicon train|eval`: the message model, rebuilt from the corpus and measured.

use super::stdout_result;
use crate::cli::{Format, LexiconCommand, MessageSide};
use crate::error::{Error, Result};
use crate::timeline::accuracy::{self, Score};
use crate::timeline::classify::{Lexicon, Side};
use crate::timeline::corpus;
use crate::timeline::model::{self, Model, Settings};
use std::io::Write;
use std::path::Path;

pub fn run(action: &LexiconCommand, quiet: bool) -> Result<()> {
    let lexicon = Lexicon::builtin();
    match action {
        LexiconCommand::Train {
            corpus,
            out,
            settings,
        } => {
            let examples = load(corpus, lexicon)?;
            let started = std::time::Instant::now();
            let text = model::train(&examples, lexicon, Settings::from(*settings));
            std::fs::write(out, &text).map_err(|e| Error::io(out, e))?;
            if !quiet {
                let weights = text.lines().filter(|l| !l.starts_with('#')).count();
                eprintln!(
                    "wrote {} ({weights} weights from {} messages) in {:.1} s; rebuild patuh to use it",
                    out.display(),
                    examples.len(),
                    started.elapsed().as_secs_f64()
                );
            }
            Ok(())
        }
        LexiconCommand::Read { text, side } => {
            let side = match side {
                MessageSide::Customer => Side::Customer,
                MessageSide::Business => Side::Business,
            };
            let model = Model::builtin();
            let reading = model::read(lexicon, model, text, side);
            let names = |mask: u64| lexicon.names_of(mask).join(", ");
            let mut scores = model.scores(lexicon, text, side);
            scores.sort_by(|a, b| b.1.total_cmp(&a.1));
            let mut out = std::io::stdout().lock();
            let r = (|| -> std::io::Result<()> {
                writeln!(out, "lexicon: {}", names(reading.lexicon))?;
                for (a, p) in &reading.by_model {
                    writeln!(out, "model:   {} {p:.2}", lexicon.activities()[*a])?;
                }
                for (a, p) in &reading.candidates {
                    writeln!(out, "maybe:   {} {p:.2}", lexicon.activities()[*a])?;
                }
                let top: Vec<String> = scores
                    .iter()
                    .take(5)
                    .map(|(a, p)| format!("{} {p:.2}", lexicon.activities()[*a]))
                    .collect();
                writeln!(out, "scores:  {}", top.join(", "))?;
                writeln!(out, "attributes: {:?}", lexicon.attributes(text))
            })();
            stdout_result(r)
        }
        LexiconCommand::Eval {
            corpus,
            format,
            misses,
            settings,
        } => {
            let examples = load(corpus, lexicon)?;
            if *misses {
                let readings =
                    accuracy::out_of_family_readings(&examples, lexicon, Settings::from(*settings));
                return print_misses(&examples, lexicon, &readings, *format);
            }
            let alone = accuracy::lexicon_alone(&examples, lexicon);
            let inside = accuracy::in_sample(&examples, lexicon, Model::builtin());
            let readings =
                accuracy::out_of_family_readings(&examples, lexicon, Settings::from(*settings));
            let outside = accuracy::tally(&examples, lexicon, readings.iter().map(|r| r.labels()));
            let decided = accuracy::tally(&examples, lexicon, readings.iter().map(|r| r.decided()));
            print(&alone, &inside, &outside, &decided, *format)?;
            if *format == Format::Table {
                print_thresholds(&examples, lexicon, &readings)?;
            }
            Ok(())
        }
    }
}

/// What the threshold of the labels rules read trades, out of family: precision and recall over
/// every activity at each model score, the shipped `DECIDES_AT` marked.
fn print_thresholds(
    examples: &[corpus::Example],
    lexicon: &Lexicon,
    readings: &[model::Reading],
) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let r = (|| -> std::io::Result<()> {
        writeln!(
            out,
            "\nout of family, every activity: labels the rules read from a model score of"
        )?;
        for at in [0.5, 0.6, 0.7, 0.8, 0.9, 0.95] {
            let s = accuracy::overall(&accuracy::tally(
                examples,
                lexicon,
                readings.iter().map(|r| r.decided_at(at)),
            ));
            let mark = if (at - model::DECIDES_AT).abs() < 1e-6 {
                "  (DECIDES_AT)"
            } else {
                ""
            };
            writeln!(
                out,
                "  {at:.2}: precision {:.3} recall {:.3}{mark}",
                s.precision(),
                s.recall()
            )?;
        }
        Ok(())
    })();
    stdout_result(r)
}

/// Every message whose labels out of family differ from its own: what a corpus or concept
/// edit should fix next.
fn print_misses(
    examples: &[corpus::Example],
    lexicon: &Lexicon,
    readings: &[model::Reading],
    format: Format,
) -> Result<()> {
    let mut t =
        crate::output::Table::new(["family", "side", "labels", "read", "text"]).max_width(200);
    let mut rows: Vec<serde_json::Value> = Vec::new();
    for (e, r) in examples.iter().zip(readings) {
        let want = lexicon.mask_of(&e.labels.iter().map(String::as_str).collect::<Vec<_>>());
        if r.labels() == want {
            continue;
        }
        let mut read: Vec<String> = lexicon
            .names_of(r.lexicon)
            .iter()
            .map(|n| format!("{n} (lexicon)"))
            .collect();
        read.extend(
            r.by_model
                .iter()
                .map(|(a, p)| format!("{} {p:.2}", lexicon.activities()[*a])),
        );
        read.extend(
            r.candidates
                .iter()
                .map(|(a, p)| format!("maybe {} {p:.2}", lexicon.activities()[*a])),
        );
        let side = match e.side {
            Side::Customer => "customer",
            Side::Business => "business",
            Side::Any => "any",
        };
        rows.push(serde_json::json!({"family": e.family, "side": side, "labels": e.labels, "read": read, "text": e.text}));
        t.row([
            e.family.clone(),
            side.to_string(),
            e.labels.join(", "),
            read.join(", "),
            e.text.clone(),
        ]);
    }
    let mut out = std::io::stdout().lock();
    stdout_result(if format == Format::Json {
        crate::output::write_json(&mut out, &rows)
    } else {
        t.write(&mut out)
    })
}

fn load(dir: &Path, lexicon: &Lexicon) -> Result<Vec<corpus::Example>> {
    let examples = corpus::load_dir(dir).map_err(Error::input)?;
    corpus::check_labels(&examples, lexicon)
        .map_err(|e| Error::input(format!("{}: {e}", dir.display())))?;
    Ok(examples)
}

/// The three tables side by side, one row per activity: CSV and the terminal table share the
/// header and the cells; JSON gives the three lists as they are.
fn print(
    alone: &[Score],
    inside: &[Score],
    outside: &[Score],
    decided: &[Score],
    format: Format,
) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if format == Format::Json {
        let v = serde_json::json!({"lexicon_alone": alone, "in_sample": inside, "out_of_family": outside, "out_of_family_decided": decided});
        return stdout_result(crate::output::write_json(&mut out, &v));
    }
    let header = [
        "activity",
        "messages",
        "families",
        "lexicon_precision",
        "lexicon_recall",
        "in_precision",
        "in_recall",
        "out_precision",
        "out_recall",
        "decided_precision",
        "decided_recall",
    ];
    let rows: Vec<Vec<String>> = alone
        .iter()
        .zip(inside)
        .zip(outside)
        .zip(decided)
        .map(|(((l, i), o), d)| {
            let mut row = vec![
                i.activity.clone(),
                i.examples.to_string(),
                i.families.to_string(),
            ];
            for s in [l, i, o, d] {
                row.push(format!("{:.3}", s.precision()));
                row.push(format!("{:.3}", s.recall()));
            }
            row
        })
        .collect();
    let r = if format == Format::Csv {
        let mut w = csv::Writer::from_writer(&mut out);
        std::iter::once(header.map(String::from).to_vec())
            .chain(rows)
            .try_for_each(|r| w.write_record(&r))
            .map_err(std::io::Error::other)
            .and_then(|()| w.flush())
    } else {
        let mut t = crate::output::Table::new(header);
        for r in rows {
            t.row(r);
        }
        t.write(&mut out)
    };
    stdout_result(r)
}
