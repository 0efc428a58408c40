//! The rule registry: every measurable rule id of the catalog, the case kinds it is judged on
//! and its one judge function. A rule is found by its id in one hop: catalog entry → this table
//! → the function → its fixture `tests/rules/<SOP>/<id>.toml`. A test checks that the ids here,
//! the catalog's measurable rules and the fixture files are the same set.

use super::judge::{Finding, Judge, Judged};
use super::{bkg, chk, fut, inq, ksp, pjl};

pub struct Entry {
    pub id: &'static str,
    /// The case kinds the rule is judged on (the checklist rules: bookings and jobs).
    pub kinds: &'static [&'static str],
    pub judge: fn(&Judge) -> Judged,
    /// The judge as written in the table (`bkg::first_reply`).
    pub judge_name: &'static str,
}

impl Entry {
    /// Where the judge is written (`src/rules/score/bkg.rs`, function `first_reply`).
    pub fn source(&self) -> (String, &'static str) {
        let (module, function) = self
            .judge_name
            .rsplit_once("::")
            .map_or(("", self.judge_name), |(m, f)| (m.trim(), f.trim()));
        (format!("src/rules/score/{module}.rs"), function)
    }

    /// The rule's fixture file, relative to the repository.
    pub fn fixture(&self) -> String {
        let sop = self.id.split('-').next().unwrap_or_default();
        format!("tests/rules/{sop}/{}.toml", self.id)
    }
}

const BOOKING: &[&str] = &["booking"];
const JOB: &[&str] = &["job"];
const FOLLOWUP: &[&str] = &["followup"];
const INQUIRY: &[&str] = &["inquiry"];
const AFTERSALES: &[&str] = &["aftersales"];
const CHECKLIST: &[&str] = &["booking", "job"];

macro_rules! rules {
    ($($id:literal $kinds:ident $judge:path),* $(,)?) => {
        pub const RULES: &[Entry] = &[$(Entry {
            id: $id,
            kinds: $kinds,
            judge: $judge,
            judge_name: stringify!($judge),
        }),*];
    };
}

rules! {
    "BKG-4.1.2" BOOKING bkg::first_reply,
    "BKG-4.1.3" BOOKING bkg::record_complete,
    "BKG-4.1.4" BOOKING bkg::technician,
    "BKG-4.2.1" BOOKING bkg::confirmation,
    "BKG-4.2.2" BOOKING bkg::slot_as_agreed,
    "BKG-4.2.3" BOOKING bkg::reminder,
    "BKG-4.3" BOOKING bkg::slot_unavailable,
    "BKG-4.4.3" BOOKING bkg::arrival_status,
    "BKG-8.5" BOOKING bkg::no_show,
    "BKG-6.2" BOOKING bkg::personal_data,
    "BKG-7.1" BOOKING bkg::replies,
    "KSP-4.1.1" JOB ksp::initial_info,
    "KSP-4.1.3" JOB ksp::approval,
    "KSP-4.2.2" JOB ksp::update_gaps,
    "KSP-4.3.1" JOB ksp::completion_notice,
    "KSP-4.3.2" JOB ksp::completion_photo,
    "KSP-4.4.1" JOB ksp::delay_notice,
    "KSP-4.4.2" JOB ksp::delay_apology,
    "KSP-5.1" JOB ksp::status_contacts,
    "KSP-5.2" JOB ksp::long_job_update,
    "KSP-6.1" JOB ksp::polite,
    "KSP-6.2" JOB ksp::plain_words,
    "KSP-6.3" JOB ksp::kept_informed,
    "KSP-6.4" JOB ksp::promise_after_estimate,
    "KSP-7.2" JOB ksp::not_done_before_qc,
    "FUT-4.1.2" FOLLOWUP fut::phone_valid,
    "FUT-5.1" FOLLOWUP fut::followup_in_time,
    "FUT-4.2.2" FOLLOWUP fut::asks_condition,
    "FUT-4.2.3" FOLLOWUP fut::complaint_response,
    "FUT-4.3.1" FOLLOWUP fut::testimonial_after_praise,
    "FUT-4.3.2" FOLLOWUP fut::review_link,
    "FUT-6.2" FOLLOWUP fut::no_reward,
    "FUT-7.3" FOLLOWUP fut::not_pushy,
    "FUT-6.3" FOLLOWUP fut::review_answered,
    "FUT-8.4" FOLLOWUP fut::second_contact,
    "INQ-T1.greet" INQUIRY inq::greet,
    "INQ-T1.record" INQUIRY inq::record,
    "INQ-T2.classify" INQUIRY inq::classify,
    "INQ-T3.sla" INQUIRY inq::first_response,
    "INQ-T3.eta" INQUIRY inq::estimate,
    "INQ-T4.updates" INQUIRY inq::escalation_updates,
    "INQ-T5.resolve" INQUIRY inq::resolve,
    "INQ-T5.close" INQUIRY inq::close,
    "INQ-T6.doc" INQUIRY inq::documented,
    "PJL-T1.ticket_no" AFTERSALES pjl::ticket_number,
    "PJL-T1.record" AFTERSALES pjl::record,
    "PJL-T2.warranty" AFTERSALES pjl::warranty,
    "PJL-T2.inform" AFTERSALES pjl::warranty_told,
    "PJL-T3.sla" AFTERSALES pjl::handled,
    "PJL-T4.ship" AFTERSALES pjl::shipping,
    "PJL-T5.followup" AFTERSALES pjl::followup,
    "PJL-T5.csat" AFTERSALES pjl::satisfaction,
    "CHK-complete" CHECKLIST chk::complete,
    "CHK-consistent" CHECKLIST chk::consistent,
}

/// The entry of a rule id.
pub fn entry(id: &str) -> Option<&'static Entry> {
    RULES.iter().find(|e| e.id == id)
}

/// Every rule of the case's kind, each giving its one finding, settled (missing data and
/// abstention applied).
pub fn judge_all(j: &mut Judge) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in RULES
        .iter()
        .filter(|e| e.kinds.contains(&j.case.kind.as_str()))
    {
        j.rule = e.id;
        let f = match (e.judge)(j) {
            Ok(f) | Err(f) => f,
        };
        // A judge names no rule: `Judge::finding` makes every finding the registry's rule.
        out.push(j.settle(f));
    }
    out
}
