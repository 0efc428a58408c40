//! CHK-complete and CHK-consistent: the hand-filled SOP checklist forms, matched to their case
//! by plate and date. Judged after the case's other rules, whose verdicts are the evidence a
//! ticked item is checked against.

use super::judge::{Judge, Status::*};
use super::model::Form;

/// Items whose tick the data can contradict: (SOP, words in the item, rule whose `fail` says
/// the step did not happen).
const CHECKABLE: &[(&str, &str, &str)] = &[
    ("BKG", "reminder", "BKG-4.2.3"),
    ("KSP", "hubungi pelanggan", "KSP-6.3"),
];

pub fn judge(j: &mut Judge, forms: &[&Form]) {
    if forms.is_empty() {
        j.put_all(
            &["CHK-complete", "CHK-consistent"],
            Na,
            "no checklist form for this case",
        );
        return;
    }
    let mut gaps = Vec::new();
    let mut contradicted = Vec::new();
    for form in forms {
        for (text, ticked, note, source) in &form.items {
            if !ticked && note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                gaps.push((text.clone(), source.clone()));
            }
            if *ticked {
                let lower = text.to_lowercase();
                for (sop, words, rule) in CHECKABLE {
                    if form.sop == *sop
                        && lower.contains(words)
                        && j.findings
                            .iter()
                            .any(|f| f.rule_id == *rule && f.status == Fail)
                    {
                        contradicted.push((text.clone(), source.clone(), *rule));
                    }
                }
            }
        }
    }
    let f = if gaps.is_empty() {
        j.finding("CHK-complete", Pass)
    } else {
        let mut f = j.finding("CHK-complete", Fail).because(format!(
            "not ticked and not explained: {}",
            gaps.iter()
                .map(|g| g.0.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ));
        for (_, s) in gaps {
            f = f.with_source(s);
        }
        f
    };
    j.put(f);
    let f = if contradicted.is_empty() {
        j.finding("CHK-consistent", Pass)
    } else {
        let mut f = j.finding("CHK-consistent", Fail).because(format!(
            "ticked but the data says otherwise: {}",
            contradicted
                .iter()
                .map(|c| format!("{} ({})", c.0, c.2))
                .collect::<Vec<_>>()
                .join("; ")
        ));
        for (_, s, _) in contradicted {
            f = f.with_source(s);
        }
        f
    };
    j.put(f);
}
