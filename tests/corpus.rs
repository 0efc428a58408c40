//! The labelled corpus and the message model (issue 11): the corpus is large and grouped into
//! families, the shipped model is exactly what the corpus trains, and reading is measured on
//! families held out of training.

use patuh::rules::Catalog;
use patuh::timeline::accuracy::{self, Score};
use patuh::timeline::classify::Lexicon;
use patuh::timeline::corpus::{self, Example, activity_of};
use patuh::timeline::model::{self, Model, Settings};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn corpus() -> Vec<Example> {
    corpus::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/corpus")).unwrap()
}

#[test]
fn the_corpus_has_two_thousand_messages_in_eight_families_per_activity() {
    let examples = corpus();
    let lexicon = Lexicon::builtin();
    assert!(examples.len() >= 2000, "{} messages", examples.len());
    let mut families: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut texts = BTreeSet::new();
    for e in &examples {
        families
            .entry(activity_of(&e.family))
            .or_default()
            .insert(&e.family);
        assert!(texts.insert(e.text.as_str()), "{:?} twice", e.text);
    }
    corpus::check_labels(&examples, lexicon).unwrap();
    let mut bad = examples[0].clone();
    bad.labels.push("nothing_of_the_kind".into());
    assert_eq!(
        corpus::check_labels(&[bad], lexicon).unwrap_err(),
        format!(
            "family [{}] labels \"nothing_of_the_kind\", which is no activity of rules/lexicon.toml",
            examples[0].family
        )
    );
    for a in lexicon.activities() {
        let n = families.get(a.as_str()).map_or(0, BTreeSet::len);
        assert!(n >= 8, "{a}: {n} families");
    }
}

#[test]
fn a_corpus_file_names_its_mistakes_by_line() {
    let e = corpus::parse("x.txt", "[diagnosis.a]\nhasil cek: aki soak\n").unwrap_err();
    assert_eq!(e, "x.txt:2: the family [diagnosis.a] has no `side =` line");
    let e = corpus::parse("x.txt", "oke\n").unwrap_err();
    assert_eq!(e, "x.txt:1: a message before the first [family]");
    let e = corpus::parse("x.txt", "[diagnosis]\n").unwrap_err();
    assert_eq!(e, "x.txt:1: a family is [activity.name], got [diagnosis]");
    let ok = corpus::parse(
        "x.txt",
        "[diagnosis.a]\nside = business\n+approval_request aki soak 1 jt, ganti?\n",
    )
    .unwrap();
    assert_eq!(ok[0].labels, ["diagnosis", "approval_request"]);
    assert_eq!(ok[0].text, "aki soak 1 jt, ganti?");
}

#[test]
fn the_shipped_model_is_what_the_corpus_trains_and_the_build_is_deterministic() {
    let examples = corpus();
    let lexicon = Lexicon::builtin();
    let built = model::train(&examples, lexicon, Settings::default());
    let shipped = include_str!("../rules/model.tsv");
    assert!(
        built == shipped,
        "rules/model.tsv is stale: run `patuh lexicon train`"
    );
    assert_eq!(model::train(&examples, lexicon, Settings::default()), built);
    assert!(Model::parse(shipped, lexicon).is_ok());
}

#[test]
fn every_kind_a_rule_rests_on_is_a_lexicon_activity() {
    let lexicon = Lexicon::builtin();
    let catalog = Catalog::builtin();
    let mut n = 0;
    for rule in &catalog.rules {
        for r in &rule.rests_on {
            assert!(
                lexicon.index_of(&r.kind).is_some(),
                "{}: {}",
                rule.id,
                r.kind
            );
            n += 1;
        }
    }
    assert!(n >= 15, "{n} kinds");
}

fn table(name: &str, scores: &[Score]) {
    eprintln!("{name}");
    for s in scores {
        eprintln!(
            "  {:<22} {:>4} msgs {:>3} fams  precision {:.3}  recall {:.3}",
            s.activity,
            s.examples,
            s.families,
            s.precision(),
            s.recall()
        );
    }
}

/// Out of family, on wording neither the lexicon (written before the corpus) nor the model
/// (trained without the family) saw. The aim is 0.85 for both on every activity with 40
/// messages; it is not reached (see the note). What this holds: the model never reads worse
/// than the lexicon alone, and the averages do not fall below what they are now.
#[test]
fn reading_generalises_to_families_it_never_saw() {
    let examples = corpus();
    let lexicon = Lexicon::builtin();
    let alone = accuracy::lexicon_alone(&examples, lexicon);
    let inside = accuracy::in_sample(&examples, lexicon, Model::builtin());
    let outside = accuracy::out_of_family(&examples, lexicon, Settings::default());
    table("lexicon alone", &alone);
    table("lexicon + model, in-sample", &inside);
    table("lexicon + model, out-of-family", &outside);
    let mean = |s: &[Score], f: fn(&Score) -> f64| {
        let big: Vec<&Score> = s.iter().filter(|s| s.examples >= 40).collect();
        big.iter().map(|s| f(s)).sum::<f64>() / big.len() as f64
    };
    for ((l, i), o) in alone.iter().zip(&inside).zip(&outside) {
        if o.examples < 40 {
            continue;
        }
        assert!(
            o.recall() >= l.recall(),
            "{}: the model lost recall",
            o.activity
        );
        assert!(
            i.recall() >= 0.85 && i.precision() >= 0.80,
            "{} in-sample",
            i.activity
        );
        assert!(
            o.precision() >= 0.45,
            "{}: out-of-family precision {:.3}",
            o.activity,
            o.precision()
        );
    }
    let (p, r) = (
        mean(&outside, Score::precision),
        mean(&outside, Score::recall),
    );
    let (lp, lr) = (mean(&alone, Score::precision), mean(&alone, Score::recall));
    eprintln!("mean out-of-family precision {p:.3} recall {r:.3}; lexicon alone {lp:.3} {lr:.3}");
    // Floors under today's figures (0.83 / 0.67), so a change that reads worse is seen.
    assert!(p >= 0.81 && r >= 0.66, "out-of-family {p:.3} / {r:.3}");
    assert!(r >= lr + 0.25, "the model adds little: {lr:.3} → {r:.3}");
}

/// The labels the rules read (the lexicon's and the model's from `DECIDES_AT`) are a subset of
/// all the labels: out of family they are read with fewer false labels and no more recall, and
/// `patuh lexicon eval` reports them beside the others.
#[test]
fn the_labels_rules_read_are_the_sure_ones() {
    let examples = corpus();
    let lexicon = Lexicon::builtin();
    let readings = accuracy::out_of_family_readings(&examples, lexicon, Settings::default());
    for r in &readings {
        assert_eq!(
            r.decided() & !r.labels(),
            0,
            "a decided label the reading lacks"
        );
        assert_eq!(r.decided_at(patuh::timeline::model::LABEL_AT), r.labels());
    }
    let all = accuracy::overall(&accuracy::tally(
        &examples,
        lexicon,
        readings.iter().map(|r| r.labels()),
    ));
    let sure = accuracy::overall(&accuracy::tally(
        &examples,
        lexicon,
        readings.iter().map(|r| r.decided()),
    ));
    assert!(
        sure.false_pos < all.false_pos,
        "{} vs {}",
        sure.false_pos,
        all.false_pos
    );
    assert!(sure.recall() <= all.recall());
    assert!(
        sure.precision() >= 0.85,
        "labels the rules read, out of family: precision {:.3}",
        sure.precision()
    );
    let v = eval_json(&[]);
    let decided = v["out_of_family_decided"]
        .as_array()
        .expect("the decided table");
    let fp: u64 = decided
        .iter()
        .map(|s| s["false_pos"].as_u64().unwrap())
        .sum();
    assert_eq!(fp as usize, sure.false_pos);
}

/// `patuh lexicon eval --format json` on the shipped corpus, with `extra` options.
fn eval_json(extra: &[&str]) -> serde_json::Value {
    let dir = crate::support::tempdir();
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/corpus");
    let mut args = vec!["lexicon", "eval", "--format", "json", "--corpus", corpus];
    args.extend_from_slice(extra);
    let o = crate::support::patuh(dir.path(), &args);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    serde_json::from_str(&crate::support::stdout(&o)).unwrap()
}

/// `patuh lexicon eval --misses` lists exactly the messages read wrongly out of family, each
/// with its own labels and what was read instead.
#[test]
fn eval_misses_lists_the_messages_read_wrongly() {
    let examples = corpus();
    let lexicon = Lexicon::builtin();
    let readings = accuracy::out_of_family_readings(&examples, lexicon, Settings::default());
    let wrong: Vec<&str> = examples
        .iter()
        .zip(&readings)
        .filter(|(e, r)| {
            let labels: Vec<&str> = e.labels.iter().map(String::as_str).collect();
            r.labels() != lexicon.mask_of(&labels)
        })
        .map(|(e, _)| e.text.as_str())
        .collect();
    assert!(
        wrong.len() > 100 && wrong.len() < examples.len() / 2,
        "{}",
        wrong.len()
    );
    let listed: Vec<serde_json::Value> = serde_json::from_value(eval_json(&["--misses"])).unwrap();
    let texts: Vec<&str> = listed.iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(texts, wrong);
    // A miss names its labels, and what was read is not just those.
    for m in &listed {
        let labels: Vec<&str> = m["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        let read: Vec<&str> = m["read"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().split(' ').next().unwrap())
            .filter(|r| *r != "maybe")
            .collect();
        let mut read_labels: Vec<&str> = read.clone();
        read_labels.sort_unstable();
        read_labels.dedup();
        let mut own = labels.clone();
        own.sort_unstable();
        assert_ne!(read_labels, own, "{m}");
    }
}

/// The word families of rules/concepts.toml are features: a word read as written or without
/// its particle ("ulasannya"), each concept once, each pair of them, and times and dates
/// written in digits.
#[test]
fn word_families_are_features_of_a_message() {
    let features = |text: &str| {
        let mut out = Vec::new();
        patuh::timeline::model::features(text, &mut |f| out.push(f.to_string()));
        out
    };
    let f = features("beres pak ulasannya");
    for want in ["k:done", "k:review", "k:customer", "kk:done review"] {
        assert!(f.contains(&want.to_string()), "{want} not in {f:?}");
    }
    assert_eq!(f.iter().filter(|x| *x == "k:done").count(), 1);
    // Another word of the same family, the same concept.
    assert!(features("kelar kak reviewnya").contains(&"kk:done review".to_string()));
    let f = features("oke Rabu 3/12 jam 10.00");
    assert!(f.contains(&"k:clock".to_string()) && f.contains(&"k:day".to_string()));
    // "10.000" is an amount, not a time of day.
    assert!(!features("biaya 10.000").contains(&"k:clock".to_string()));
    // A word written without its vowels meets its word: "stju" is "setuju" (agree), "dgnti" and
    // "diganti" share their consonants, and so do "srvis" and "servis".
    let f = features("pk stju dgnti?");
    assert!(f.contains(&"k:agree".to_string()), "{f:?}");
    assert!(f.contains(&"k:work".to_string()), "{f:?}");
    assert!(features("diganti").contains(&"s:dgnt".to_string()));
    assert!(f.contains(&"s:dgnt".to_string()));
    assert!(features("srvis").contains(&"s:srvs".to_string()));
    // Short skeletons name no concept: "ad" (ada) is no word of any family.
    assert!(!features("ad").iter().any(|x| x.starts_with("k:")));
}

/// The timeline scores texts that differ only in case and digits once (`model_key`): the model
/// reads them alike, and a reading with the scores of another text of its key is the reading
/// of its own.
#[test]
fn texts_alike_to_the_model_are_scored_once_and_read_the_same() {
    use patuh::timeline::classify::Side;
    let lexicon = Lexicon::builtin();
    let model = Model::builtin();
    let alike = [
        (
            "Hasil cek: kampas rem 2 mm, biaya Rp 450.000",
            "hasil CEK: kampas rem 3 mm, biaya rp 380.000",
        ),
        (
            "Mobil selesai jam 16.00 ya Pak",
            "mobil selesai JAM 09.30 ya pak",
        ),
        (
            "slot Rabu 3/12 jam 10 penuh kak",
            "Slot rabu 4/11 jam 11 penuh Kak",
        ),
        ("ok", "OK"),
    ];
    for (a, b) in alike {
        assert_eq!(model::model_key(a), model::model_key(b), "{a} / {b}");
        for side in [Side::Business, Side::Customer] {
            let shared = model.scores(lexicon, a, side);
            assert!(side == Side::Customer || !shared.is_empty());
            assert_eq!(model.scores(lexicon, b, side), shared, "{b}");
            let read = model::read_with(lexicon, b, side, &mut || shared.clone());
            assert_eq!(read, model::read(lexicon, model, b, side), "{b}");
        }
    }
    // A letter apart is another text to the model.
    assert_ne!(model::model_key("ganti oli"), model::model_key("ganti aki"));
}
