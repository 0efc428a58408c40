//! Sanction recommendations (SOP section 7): the band an advisor's violations of one SOP fall in
//! under the configured policy. A violation is a case with at least one failed clause of the SOP;
//! `unknown` never counts. The decision stays with the supervisor: this is a recommendation.

use crate::config::{SanctionBasis, Sanctions};

/// The recommendation, mildest first (so the most severe of several is their maximum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    None,
    Verbal,
    Written,
    Review,
}

impl Band {
    /// The label key of the report's vocabulary.
    pub fn label_key(self) -> &'static str {
        match self {
            Band::None => "none",
            Band::Verbal => "verbal",
            Band::Written => "written",
            Band::Review => "review",
        }
    }
}

/// Violating cases per 100 cases handled; `None` without cases.
pub fn per_100(violations: i64, cases: i64) -> Option<f64> {
    (cases > 0).then(|| 100.0 * violations as f64 / cases as f64)
}

/// The band of one advisor in one SOP: `violations` cases with a failed clause out of `cases`
/// handled, and the clause compliance `rate` (pass / (pass + fail)).
pub fn recommend(violations: i64, cases: i64, rate: Option<f64>, policy: &Sanctions) -> Band {
    if violations == 0 {
        return Band::None;
    }
    if rate.is_some_and(|r| r < policy.review_below_rate) {
        return Band::Review;
    }
    let (measure, verbal, written) = match policy.basis {
        SanctionBasis::Cases => (
            violations as f64,
            f64::from(policy.verbal_warning_max),
            f64::from(policy.written_warning_max),
        ),
        SanctionBasis::Per100Cases => (
            per_100(violations, cases).unwrap_or(f64::INFINITY),
            policy.verbal_warning_per_100,
            policy.written_warning_per_100,
        ),
    };
    if measure <= verbal {
        Band::Verbal
    } else if measure <= written {
        Band::Written
    } else {
        Band::Review
    }
}
