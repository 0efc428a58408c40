//! Reply clocks (RULES.md "Bursts", "Ties", "Only a person's reply counts"): consecutive
//! customer messages less than `burst_gap_minutes` apart are one burst whose clock starts at its
//! first message; the reply is the next message of a person on the business side (automatic
//! replies never stop a clock); a reply in the same minute took 0 minutes. The rule's
//! `limit_minutes` is in business minutes.

use super::clock::{Mark, Unit, slowest};
use super::judge::{Finding, Judge, Status::*};
use super::model::Ev;

/// The end (exclusive index) of the burst that starts at `start`.
fn burst_end(j: &Judge, msgs: &[&Ev], start: usize) -> usize {
    let gap = j.p("burst_gap_minutes");
    let mut end = start + 1;
    while end < msgs.len()
        && msgs[end].by_customer()
        && j.elapsed(msgs[end - 1].at, msgs[end].at, Unit::Minutes) < gap
    {
        end += 1;
    }
    // Automatic replies inside a burst do not end it.
    while end < msgs.len() && !msgs[end].by_advisor() && !msgs[end].by_customer() {
        end += 1;
    }
    end
}

/// The clock of the burst starting at `first`, stopped by the first reply after it.
fn burst_clock(
    j: &Judge,
    msgs: &[&Ev],
    first: usize,
    late: &dyn Fn(f64) -> String,
    never: &str,
) -> (Finding, usize) {
    let end = burst_end(j, msgs, first);
    let reply = msgs[end..]
        .iter()
        .find(|m| m.by_advisor())
        .map(|m| Mark::event(m));
    let f = j.clock(
        &Mark::event(msgs[first]),
        reply.as_ref(),
        j.p("limit_minutes"),
        Unit::BusinessMinutes,
        late,
        never,
    );
    (f, end)
}

/// The first reply to the burst starting at `first`.
pub fn first_reply(j: &Judge, msgs: &[&Ev], first: usize) -> Finding {
    burst_clock(
        j,
        msgs,
        first,
        &|took| format!("first reply after {took:.0} business minutes"),
        "no reply",
    )
    .0
}

/// Every customer burst that needs an answer got one within the limit; measured is the slowest.
pub fn every_reply(j: &Judge, msgs: &[&Ev]) -> Finding {
    let mut clocks = Vec::new();
    let mut i = 0;
    while i < msgs.len() {
        if !msgs[i].by_customer() || msgs[i].needs_no_reply() {
            i += 1;
            continue;
        }
        let (f, end) = burst_clock(
            j,
            msgs,
            i,
            &|took| format!("a customer message waited {took:.0} business minutes for a reply"),
            "a customer message got no reply",
        );
        clocks.push(f);
        i = end;
    }
    let any = !clocks.is_empty();
    match slowest(clocks) {
        Some(f) => f,
        None if any => j.finding(Unknown).because("open at cut-off"),
        None => j
            .finding(Pass)
            .limit(j.p("limit_minutes"), "business_minutes")
            .because("no customer message needed an answer"),
    }
}
