//! How well messages are read: precision and recall per activity of the lexicon and model
//! together, on the corpus the model was trained on (in-sample) and on families held out of
//! training (out-of-family: a way of saying a thing neither the lexicon nor the model saw).

use super::classify::Lexicon;
use super::corpus::{Example, activity_of};
use super::model::{self, Model, Reading, Settings};
use std::collections::BTreeMap;

/// The folds of the out-of-family evaluation: family k of every activity sits in fold k mod 8,
/// so each family is judged by a model trained without it.
pub const FOLDS: usize = 8;

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Score {
    pub activity: String,
    /// Messages carrying the activity.
    pub examples: usize,
    pub families: usize,
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Scores of the built model on the corpus it was trained on.
pub fn in_sample(examples: &[Example], lexicon: &Lexicon, model: &Model) -> Vec<Score> {
    let mut acc = Tally::new(examples, lexicon);
    for e in examples {
        acc.add(e, model::read(lexicon, model, &e.text, e.side).labels());
    }
    acc.scores()
}

/// Scores of the lexicon alone (it was written before the corpus: for it, every family is
/// out-of-sample).
pub fn lexicon_alone(examples: &[Example], lexicon: &Lexicon) -> Vec<Score> {
    let mut acc = Tally::new(examples, lexicon);
    for e in examples {
        acc.add(e, lexicon.classify_mask(&e.text, e.side));
    }
    acc.scores()
}

/// Scores when every family is read by a model trained without it.
pub fn out_of_family(examples: &[Example], lexicon: &Lexicon, settings: Settings) -> Vec<Score> {
    let readings = out_of_family_readings(examples, lexicon, settings);
    tally(examples, lexicon, readings.iter().map(Reading::labels))
}

/// Precision and recall per activity of `masks` (one per example, in order).
pub fn tally(
    examples: &[Example],
    lexicon: &Lexicon,
    masks: impl Iterator<Item = u64>,
) -> Vec<Score> {
    let mut acc = Tally::new(examples, lexicon);
    for (e, mask) in examples.iter().zip(masks) {
        acc.add(e, mask);
    }
    acc.scores()
}

/// Precision and recall over every activity at once (micro average).
pub fn overall(scores: &[Score]) -> Score {
    scores.iter().fold(Score::default(), |mut t, s| {
        t.examples += s.examples;
        t.true_pos += s.true_pos;
        t.false_pos += s.false_pos;
        t.false_neg += s.false_neg;
        t
    })
}

/// How every example is read by a model trained without its family, in corpus order.
pub fn out_of_family_readings(
    examples: &[Example],
    lexicon: &Lexicon,
    settings: Settings,
) -> Vec<Reading> {
    let fold = folds(examples);
    let per_fold: Vec<Vec<(usize, Reading)>> = (0..FOLDS)
        .map(|k| {
            let train: Vec<Example> = examples
                .iter()
                .filter(|e| fold[e.family.as_str()] != k)
                .cloned()
                .collect();
            let text = model::train(&train, lexicon, settings);
            let held = Model::parse(&text, lexicon).expect("a trained model parses");
            examples
                .iter()
                .enumerate()
                .filter(|(_, e)| fold[e.family.as_str()] == k)
                .map(|(i, e)| (i, model::read(lexicon, &held, &e.text, e.side)))
                .collect()
        })
        .collect();
    let mut out = vec![Reading::default(); examples.len()];
    for (i, r) in per_fold.into_iter().flatten() {
        out[i] = r;
    }
    out
}

/// Each family's fold: its position among its activity's families, in corpus order.
fn folds(examples: &[Example]) -> BTreeMap<&str, usize> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_activity: BTreeMap<&str, usize> = BTreeMap::new();
    for e in examples {
        if !seen.contains_key(e.family.as_str()) {
            let n = per_activity.entry(activity_of(&e.family)).or_default();
            seen.insert(&e.family, *n % FOLDS);
            *n += 1;
        }
    }
    seen
}

struct Tally<'a> {
    lexicon: &'a Lexicon,
    counts: BTreeMap<usize, Score>,
}

impl<'a> Tally<'a> {
    fn new(examples: &[Example], lexicon: &'a Lexicon) -> Self {
        let mut counts: BTreeMap<usize, Score> = BTreeMap::new();
        let mut families: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for e in examples {
            for l in &e.labels {
                if let Some(a) = lexicon.index_of(l) {
                    let s = counts.entry(a).or_default();
                    s.activity.clone_from(l);
                    s.examples += 1;
                    let f = families.entry(a).or_default();
                    if !f.contains(&e.family.as_str()) {
                        f.push(&e.family);
                    }
                }
            }
        }
        for (a, f) in families {
            counts.get_mut(&a).expect("counted above").families = f.len();
        }
        Self { lexicon, counts }
    }

    fn add(&mut self, e: &Example, mask: u64) {
        let truth = self
            .lexicon
            .mask_of(&e.labels.iter().map(String::as_str).collect::<Vec<_>>());
        for (a, s) in self.counts.iter_mut() {
            let bit = 1u64 << a;
            match (mask & bit != 0, truth & bit != 0) {
                (true, true) => s.true_pos += 1,
                (true, false) => s.false_pos += 1,
                (false, true) => s.false_neg += 1,
                (false, false) => {}
            }
        }
    }

    fn scores(self) -> Vec<Score> {
        self.counts.into_values().collect()
    }
}
