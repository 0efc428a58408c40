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

#[test]
fn attributes_are_read_from_the_text() {
    let lexicon = Lexicon::builtin();
    let a = lexicon.attributes("Estimasi biaya Rp 1.250.000 atau paket 850rb, selesai jam 3");
    assert_eq!(a.amounts, [1_250_000, 850_000]);
    let a = lexicon
        .attributes("Boleh minta ulasannya ya https://g.page/r/gsi-medan/review, ada voucher 10%!");
    assert_eq!(
        a.review_link.as_deref(),
        Some("https://g.page/r/gsi-medan/review,")
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
