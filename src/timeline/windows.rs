//! The time window in which each case can own messages, from its records and the calendar.
//!
//! booking: from three days before it was recorded (the chat that led to it) to the arrival, or
//! to the end of the operating day after the slot (a no-show is contacted then); job: an hour
//! before check-in to the pick-up or the end of the next operating day after completion;
//! follow-up: from completion for twelve days; inquiry: ten minutes before the ticket to a day
//! after its resolution; after-sales: to six days after resolution (the follow-up of PJL-T5).

use crate::calendar::BranchCalendar;
use chrono::{Duration, NaiveDateTime};

/// What the records say about one case, as `queries/timeline/windows.sql` reads it.
#[derive(Debug, Clone)]
pub struct CaseRecord {
    pub kind: String,
    pub key: String,
    pub branch: String,
    pub phone: Option<String>,
    pub plate: Option<String>,
    pub customer: Option<String>,
    pub opened_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub slot: Option<NaiveDateTime>,
    pub booking_status: Option<String>,
    pub arrived_at: Option<NaiveDateTime>,
    pub checkin_at: Option<NaiveDateTime>,
    pub done_at: Option<NaiveDateTime>,
    pub picked_up_at: Option<NaiveDateTime>,
    pub last_at: Option<NaiveDateTime>,
    pub resolved_at: Option<NaiveDateTime>,
    /// A job's final QC (else its `selesai`): the work is done from here on.
    pub finished_at: Option<NaiveDateTime>,
    /// A job's estimated finish and its costs (estimate, total) as the work order states them.
    pub estimate_at: Option<NaiveDateTime>,
    pub costs: Vec<i64>,
}

/// The window of one case; `None` when the records give no time at all.
pub fn window(r: &CaseRecord, cal: &BranchCalendar) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let next_day_end = |t: NaiveDateTime| {
        cal.end_of_operating_day_after(t.date(), 1)
            .unwrap_or(t + Duration::days(2))
    };
    match r.kind.as_str() {
        "booking" => {
            let created = r.opened_at?;
            let to = if let Some(arrived) = r.arrived_at {
                (arrived - Duration::minutes(61)).max(created + Duration::hours(1))
            } else if r.booking_status.as_deref() == Some("pending") || r.slot.is_none() {
                created + Duration::days(1)
            } else {
                next_day_end(r.slot?)
            };
            Some((created - Duration::days(3), to))
        }
        "job" => {
            let start = r.checkin_at.or(r.opened_at)?;
            let to = match r.done_at {
                Some(done) => r.picked_up_at.unwrap_or(done).max(next_day_end(done)),
                None => r.last_at.unwrap_or(start) + Duration::days(3),
            };
            Some((start - Duration::hours(1), to))
        }
        "followup" => {
            let done = r.done_at?;
            Some((done, done + Duration::days(12)))
        }
        "inquiry" => {
            let created = r.opened_at?;
            let to = r.resolved_at.unwrap_or(created + Duration::days(6)) + Duration::days(1);
            Some((created - Duration::minutes(10), to.max(created)))
        }
        "aftersales" => {
            let created = r.opened_at?;
            let to = r.resolved_at.unwrap_or(created + Duration::days(14)) + Duration::days(6);
            Some((created - Duration::minutes(10), to.max(created)))
        }
        _ => None,
    }
}
