//! Reply clocks (RULES.md "Bursts", "Ties", "Only a person's reply counts"): consecutive
//! customer messages less than `gap` minutes apart are one burst whose clock starts at its first
//! message; the reply is the next message of a person on the business side (automatic replies
//! never stop a clock); a reply in the same minute took 0 minutes.

use super::judge::{Finding, Judge, Status::*};
use super::model::Ev;
use chrono::Duration;

/// The end (exclusive index) of the burst that starts at `start`.
fn burst_end(msgs: &[&Ev], start: usize, gap: f64) -> usize {
    let mut end = start + 1;
    while end < msgs.len()
        && msgs[end].by_customer()
        && msgs[end].at - msgs[end - 1].at < Duration::seconds((gap * 60.0) as i64)
    {
        end += 1;
    }
    // Automatic replies inside a burst do not end it.
    while end < msgs.len() && !msgs[end].by_advisor() && !msgs[end].by_customer() {
        end += 1;
    }
    end
}

/// The first reply to the burst starting at `first`.
pub fn judge_reply(
    j: &Judge,
    rule: &'static str,
    msgs: &[&Ev],
    first: usize,
    gap: f64,
    limit: f64,
) -> Finding {
    let start = msgs[first];
    let end = burst_end(msgs, first, gap);
    let clock = start.at;
    let due = j.add_bmin(clock, limit);
    match msgs[end..].iter().find(|m| m.by_advisor()) {
        Some(reply) => {
            let took = j.bmin(clock, reply.at);
            j.finding(rule, if took <= limit { Pass } else { Fail })
                .measured(took, "business_minutes")
                .limit(limit, "business_minutes")
                .times(Some(clock), Some(due), Some(reply.at))
                .because(if took <= limit {
                    String::new()
                } else {
                    format!("first reply after {took:.0} business minutes")
                })
                .with(start)
                .with(reply)
        }
        None if j.open_at_cutoff(due) => j
            .finding(rule, Unknown)
            .times(Some(clock), Some(due), None)
            .because("open at cut-off")
            .with(start),
        None => j
            .finding(rule, Fail)
            .limit(limit, "business_minutes")
            .times(Some(clock), Some(due), None)
            .because("no reply")
            .with(start),
    }
}

/// Every customer burst that needs an answer got one within `limit`; measured is the slowest.
pub fn judge_every_reply(
    j: &Judge,
    rule: &'static str,
    msgs: &[&Ev],
    gap: f64,
    limit: f64,
) -> Finding {
    let mut worst: Option<(f64, &Ev, Option<&Ev>)> = None;
    let mut unanswered_open = false;
    let mut i = 0;
    while i < msgs.len() {
        if !msgs[i].by_customer() || msgs[i].needs_no_reply() {
            i += 1;
            continue;
        }
        let end = burst_end(msgs, i, gap);
        let start = msgs[i];
        let took = match msgs[end..].iter().find(|m| m.by_advisor()) {
            Some(r) => Some((j.bmin(start.at, r.at), Some(*r))),
            None => {
                let due = j.add_bmin(start.at, limit);
                if j.open_at_cutoff(due) {
                    unanswered_open = true;
                    None
                } else {
                    Some((f64::INFINITY, None))
                }
            }
        };
        if let Some((t, r)) = took
            && worst.is_none_or(|w| t > w.0)
        {
            worst = Some((t, start, r));
        }
        i = end;
    }
    match worst {
        None if unanswered_open => j.finding(rule, Unknown).because("open at cut-off"),
        None => j
            .finding(rule, Pass)
            .limit(limit, "business_minutes")
            .because("no customer message needed an answer"),
        Some((t, start, reply)) => {
            let ok = t <= limit;
            let mut f = j
                .finding(rule, if ok { Pass } else { Fail })
                .limit(limit, "business_minutes")
                .times(
                    Some(start.at),
                    Some(j.add_bmin(start.at, limit)),
                    reply.map(|r| r.at),
                )
                .with(start);
            if t.is_finite() {
                f = f.measured(t, "business_minutes");
            }
            if let Some(r) = reply {
                f = f.with(r);
            }
            if !ok {
                f = f.because(if t.is_finite() {
                    format!("a customer message waited {t:.0} business minutes for a reply")
                } else {
                    "a customer message got no reply".to_string()
                });
            }
            f
        }
    }
}
