//! KSP — work-status communication (case kind `job`).

use super::judge::{Judge, Status::*};
use super::model::Ev;
use chrono::{Duration, NaiveDateTime};

/// Rules that need the job's chat: `unknown` when the job has none.
const CHAT_RULES: &[&str] = &[
    "KSP-4.1.1",
    "KSP-4.2.2",
    "KSP-4.3.1",
    "KSP-4.3.2",
    "KSP-4.4.1",
    "KSP-4.4.2",
    "KSP-5.1",
    "KSP-5.2",
    "KSP-6.1",
    "KSP-6.2",
    "KSP-6.4",
    "KSP-7.2",
];

const UPDATE_LABELS: &[&str] = &[
    "diagnosis",
    "progress_update",
    "delay_notice",
    "completion_notice",
];

fn is_update(m: &Ev) -> bool {
    m.by_advisor() && UPDATE_LABELS.iter().any(|l| m.has(l))
}

pub fn judge(j: &mut Judge) {
    let c = j.case;
    approval(j);
    let sent: Vec<&Ev> = c.advisor_messages().collect();
    let min = j.p("KSP-6.3", "min_messages");
    let f = if sent.is_empty() && c.chat_ambiguous {
        j.finding("KSP-6.3", Unknown).because(
            "a chat that may be this job's could not be tied to one customer (shared name)",
        )
    } else if sent.is_empty() && c.phone.is_none() {
        // Without a valid phone on the work order a chat saved under the number cannot be
        // found: its absence is missing data, not silence.
        j.finding("KSP-6.3", Unknown)
            .because("no valid phone on the work order to find the job's chat")
            .with_source(c.source())
    } else if sent.len() as f64 >= min {
        j.finding("KSP-6.3", Pass)
            .measured(sent.len() as f64, "messages")
            .limit(min, "messages")
    } else {
        j.finding("KSP-6.3", Fail)
            .measured(sent.len() as f64, "messages")
            .limit(min, "messages")
            .because("no advisor message recorded for this job")
            .with_source(c.source())
    };
    j.put(f);
    if sent.is_empty() {
        j.put_all(CHAT_RULES, Unknown, "no chat recorded for this job");
        return;
    }
    let info = info_message(j);
    let completion = sent.iter().copied().find(|m| m.has("completion_notice"));
    initial_info(j, info);
    update_gaps(j, completion);
    completion_notice(j, completion);
    delay(j, info);
    status_contacts(j, &sent);
    long_job_update(j, info, completion);
    promise_after_estimate(j, info);
    let flag = |rule: &'static str, hit: Vec<&Ev>, what: &str| {
        if hit.is_empty() {
            j.finding(rule, Pass)
        } else {
            j.finding(rule, Advisory)
                .because(format!("{what}: for a person to review"))
                .with_all(hit)
        }
    };
    let rude = flag(
        "KSP-6.1",
        sent.iter().copied().filter(|m| m.attrs.rude).collect(),
        "impolite wording",
    );
    let jargon = flag(
        "KSP-6.2",
        sent.iter().copied().filter(|m| m.attrs.jargon).collect(),
        "unexplained workshop terms",
    );
    j.put(rude);
    j.put(jargon);
}

/// The time the job counts as finished for the customer: QC, or `selesai` when there is no QC.
fn qc_time<'a>(j: &Judge<'a>) -> Option<&'a Ev> {
    j.case.status("qc").or_else(|| j.case.status("selesai"))
}

/// The initial information: the first advisor message after `diagnosa` with the diagnosis.
fn info_message<'a>(j: &Judge<'a>) -> Option<&'a Ev> {
    let after = j.case.status("diagnosa").map(|e| e.at);
    j.case
        .advisor_messages()
        .find(|m| m.has("diagnosis") && !m.has("delay_notice") && after.is_none_or(|d| m.at >= d))
}

/// KSP-4.1.1: the diagnosis, time and cost estimate within 2 business hours of `diagnosa`.
fn initial_info(j: &mut Judge, info: Option<&Ev>) {
    let limit = j.p("KSP-4.1.1", "limit_minutes");
    let Some(diag) = j.case.status("diagnosa") else {
        let f = j
            .finding("KSP-4.1.1", Unknown)
            .because("the work order has no diagnosa time");
        return j.put(f);
    };
    let due = j.add_bmin(diag.at, limit);
    let f = match info {
        Some(m) => {
            let took = j.bmin(diag.at, m.at);
            j.finding("KSP-4.1.1", if took <= limit { Pass } else { Fail })
                .measured(took, "business_minutes")
                .limit(limit, "business_minutes")
                .times(Some(diag.at), Some(due), Some(m.at))
                .because(if took <= limit {
                    String::new()
                } else {
                    format!("initial information after {took:.0} business minutes")
                })
                .with(diag)
                .with(m)
        }
        None if j.open_at_cutoff(due) => j
            .finding("KSP-4.1.1", Unknown)
            .because("open at cut-off")
            .with(diag),
        None => j
            .finding("KSP-4.1.1", Fail)
            .limit(limit, "business_minutes")
            .times(Some(diag.at), Some(due), None)
            .because("no diagnosis and estimate sent to the customer")
            .with(diag),
    };
    j.put(f);
}

/// KSP-4.1.3: additional work started only after the customer's approval.
fn approval(j: &mut Judge) {
    let c = j.case;
    if c.additional_work.is_none() && c.status("menunggu_persetujuan").is_none() {
        let f = j
            .finding("KSP-4.1.3", Na)
            .because("no additional work proposed");
        return j.put(f);
    }
    let asked = c.status("menunggu_persetujuan").map(|e| e.at);
    let by_chat = c
        .events
        .iter()
        .find(|m| m.by_customer() && m.has("approval") && asked.is_none_or(|a| m.at >= a));
    let approved_at = [c.approval_at, by_chat.map(|m| m.at)]
        .into_iter()
        .flatten()
        .min();
    let started = c.status("dikerjakan");
    let f = match (approved_at, started) {
        (_, None) => j
            .finding("KSP-4.1.3", Unknown)
            .because("the work order has no dikerjakan time"),
        (None, Some(s)) => j
            .finding("KSP-4.1.3", Fail)
            .times(None, Some(s.at), None)
            .because("additional work without a recorded approval")
            .with(s),
        (Some(a), Some(s)) => {
            let ok = a <= s.at;
            let mut f = j
                .finding("KSP-4.1.3", if ok { Pass } else { Fail })
                .measured((s.at - a).num_minutes() as f64, "minutes")
                .times(None, Some(s.at), Some(a))
                .because(if ok {
                    String::new()
                } else {
                    format!(
                        "work started {} before the approval at {}",
                        s.at.format("%H:%M"),
                        a.format("%H:%M")
                    )
                })
                .with(s)
                .with_source(c.source());
            if let Some(m) = by_chat {
                f = f.with(m);
            }
            f
        }
    };
    j.put(f);
}

/// KSP-4.2.2: long same-day jobs: no gap over 4 business hours between check-in, updates and
/// completion; overnight jobs: an update on every operating day after check-in up to completion.
fn update_gaps(j: &mut Judge, completion: Option<&Ev>) {
    let c = j.case;
    let (Some(checkin), Some(done)) = (c.status("masuk"), c.status("selesai")) else {
        let f = j
            .finding("KSP-4.2.2", Unknown)
            .because("the work order lacks check-in or selesai");
        return j.put(f);
    };
    let updates: Vec<&Ev> = c.events.iter().filter(|m| is_update(m)).collect();
    if done.at.date() > checkin.at.date() {
        let mut d = checkin.at.date();
        let mut missing = Vec::new();
        while let Some(next) = j.cal.end_of_operating_day_after(d, 1) {
            d = next.date();
            if d > done.at.date() {
                break;
            }
            if !updates.iter().any(|u| u.at.date() == d) {
                missing.push(d.format("%a %d %b").to_string());
            }
        }
        let f = if missing.is_empty() {
            j.finding("KSP-4.2.2", Pass)
        } else {
            j.finding("KSP-4.2.2", Fail)
                .measured(missing.len() as f64, "days without update")
                .because(format!("no update on {}", missing.join(", ")))
        };
        let f = f
            .times(Some(checkin.at), Some(done.at), None)
            .with(checkin)
            .with(done);
        return j.put(f);
    }
    let min_job = j.p("KSP-4.2.2", "min_job_hours") * 60.0;
    let max_gap = j.p("KSP-4.2.2", "max_gap_hours") * 60.0;
    if j.bmin(checkin.at, done.at) <= min_job {
        let f = j
            .finding("KSP-4.2.2", Na)
            .because("a same-day job of 3 business hours or less");
        return j.put(f);
    }
    // The last stretch runs to the completion message, or to `selesai` when none was sent:
    // silence from the last update to the end of the job is a gap like any other.
    let end = completion.map_or(done.at, |m| m.at);
    let mut points: Vec<NaiveDateTime> = std::iter::once(checkin.at)
        .chain(updates.iter().map(|u| u.at).filter(|&t| t <= end))
        .chain(std::iter::once(end))
        .collect();
    points.sort();
    let mut worst = (0.0, checkin.at, checkin.at);
    for w in points.windows(2) {
        let g = j.bmin(w[0], w[1]);
        if g > worst.0 {
            worst = (g, w[0], w[1]);
        }
    }
    let f = j
        .finding("KSP-4.2.2", if worst.0 > max_gap { Fail } else { Pass })
        .measured(worst.0, "business_minutes")
        .limit(max_gap, "business_minutes")
        .times(Some(worst.1), None, Some(worst.2))
        .because(if worst.0 > max_gap {
            format!(
                "{:.0} business minutes without an update, {} to {}",
                worst.0,
                worst.1.format("%H:%M"),
                worst.2.format("%H:%M")
            )
        } else {
            String::new()
        })
        .with(checkin)
        .with_all(updates.iter().copied().filter(|u| u.at <= end));
    let f = if completion.is_none() {
        f.with(done)
    } else {
        f
    };
    j.put(f);
}

/// KSP-4.3.1 (within 2 business hours of QC), KSP-4.3.2 (photo, advisory), KSP-7.2 (never
/// before QC).
fn completion_notice(j: &mut Judge, completion: Option<&Ev>) {
    let limit = j.p("KSP-4.3.1", "limit_minutes");
    let Some(qc) = qc_time(j) else {
        j.put_all(
            &["KSP-4.3.1", "KSP-7.2"],
            Unknown,
            "the work order has no QC or selesai time",
        );
        let f = j.finding("KSP-4.3.2", Na).because("no completion");
        return j.put(f);
    };
    let due = j.add_bmin(qc.at, limit);
    let f = match completion {
        Some(m) if m.at < qc.at => j
            .finding("KSP-4.3.1", Fail)
            .times(Some(qc.at), Some(due), Some(m.at))
            .because("completion announced before QC")
            .with(m)
            .with(qc),
        Some(m) => {
            let took = j.bmin(qc.at, m.at);
            j.finding("KSP-4.3.1", if took <= limit { Pass } else { Fail })
                .measured(took, "business_minutes")
                .limit(limit, "business_minutes")
                .times(Some(qc.at), Some(due), Some(m.at))
                .because(if took <= limit {
                    String::new()
                } else {
                    format!("completion message after {took:.0} business minutes")
                })
                .with(qc)
                .with(m)
        }
        None if j.open_at_cutoff(due) => j.finding("KSP-4.3.1", Unknown).because("open at cut-off"),
        None => j
            .finding("KSP-4.3.1", Fail)
            .times(Some(qc.at), Some(due), None)
            .because("no completion message")
            .with(qc),
    };
    j.put(f);
    let photo = completion.and_then(|m| {
        j.case
            .advisor_messages()
            .find(|p| p.attrs.media && p.at >= m.at && p.at <= m.at + Duration::minutes(30))
    });
    let f = match (completion, photo) {
        (Some(m), Some(p)) => j.finding("KSP-4.3.2", Pass).with(m).with(p),
        (Some(m), None) => j
            .finding("KSP-4.3.2", Advisory)
            .because("completion message without a photo of the vehicle")
            .with(m),
        (None, _) => j
            .finding("KSP-4.3.2", Advisory)
            .because("no completion message, so no photo"),
    };
    j.put(f);
    let early = completion.filter(|m| m.at < qc.at);
    let f = match early {
        Some(m) => j
            .finding("KSP-7.2", Fail)
            .times(None, Some(qc.at), Some(m.at))
            .because(format!(
                "told the customer the job was done at {} before QC at {}",
                m.at.format("%H:%M"),
                qc.at.format("%H:%M")
            ))
            .with(m)
            .with(qc),
        None => j.finding("KSP-7.2", Pass),
    };
    j.put(f);
}

/// KSP-4.4.1: a job finishing after the promised time got a delay notice before the promise;
/// KSP-4.4.2: that notice apologises and offers an alternative.
fn delay(j: &mut Judge, info: Option<&Ev>) {
    let c = j.case;
    let promised = info.and_then(|m| m.promised_at()).or(c.estimated_done_at);
    let (Some(promised), Some(done)) = (promised, c.status("selesai")) else {
        j.put_all(
            &["KSP-4.4.1", "KSP-4.4.2"],
            Na,
            "no promised time or no completion",
        );
        return;
    };
    if done.at <= promised {
        j.put_all(
            &["KSP-4.4.1", "KSP-4.4.2"],
            Na,
            "finished by the promised time",
        );
        return;
    }
    let tertunda = c.status("tertunda").map(|e| e.at);
    let notice = c.advisor_messages().find(|m| {
        m.has("delay_notice")
            && (m.at <= promised
                || tertunda.is_some_and(|t| {
                    m.at >= t && j.bmin(t, m.at) <= j.p("KSP-4.4.1", "tertunda_limit_minutes")
                }))
    });
    let f = match notice {
        Some(m) => j
            .finding("KSP-4.4.1", Pass)
            .times(None, Some(promised), Some(m.at))
            .with(m),
        None => j
            .finding("KSP-4.4.1", Fail)
            .times(None, Some(promised), None)
            .because(format!(
                "promised {}, finished {}, no delay notice before the promise",
                promised.format("%a %d %b %H:%M"),
                done.at.format("%a %d %b %H:%M")
            ))
            .with(done)
            .with_all(info),
    };
    j.put(f);
    let f = match notice {
        None => j.finding("KSP-4.4.2", Na).because("no delay notice"),
        Some(m) => {
            let alternative = m.attrs.reward || m.attrs.alternative;
            let ok = m.attrs.apology && alternative;
            j.finding("KSP-4.4.2", if ok { Pass } else { Fail })
                .because(match (m.attrs.apology, alternative) {
                    (true, true) => "",
                    (false, true) => "the delay notice does not apologise",
                    (true, false) => "the delay notice offers no alternative",
                    (false, false) => {
                        "the delay notice neither apologises nor offers an alternative"
                    }
                })
                .with(m)
        }
    };
    j.put(f);
}

/// KSP-5.1: every customer-relevant status change followed by an advisor message.
fn status_contacts(j: &mut Judge, sent: &[&Ev]) {
    let c = j.case;
    let limit = j.p("KSP-5.1", "limit_minutes");
    let mut changes: Vec<&Ev> = ["diagnosa", "menunggu_part", "tertunda"]
        .iter()
        .filter_map(|s| c.status(s))
        .collect();
    if let Some(q) = qc_time(j) {
        changes.push(q);
    }
    if changes.is_empty() {
        let f = j
            .finding("KSP-5.1", Unknown)
            .because("the work order has no status log");
        return j.put(f);
    }
    let mut worst: Option<(f64, &Ev, Option<&Ev>)> = None;
    let mut open = false;
    for s in &changes {
        let next = sent.iter().copied().find(|m| m.at >= s.at);
        let took = match next {
            Some(m) => j.bmin(s.at, m.at),
            None if j.open_at_cutoff(j.add_bmin(s.at, limit)) => {
                open = true;
                continue;
            }
            None => f64::INFINITY,
        };
        if worst.is_none_or(|w| took > w.0) {
            worst = Some((took, s, next));
        }
    }
    let f = match worst {
        None if open => j.finding("KSP-5.1", Unknown).because("open at cut-off"),
        None => return,
        Some((took, s, m)) => {
            let ok = took <= limit;
            let mut f = j
                .finding("KSP-5.1", if ok { Pass } else { Fail })
                .limit(limit, "business_minutes")
                .times(Some(s.at), Some(j.add_bmin(s.at, limit)), m.map(|m| m.at))
                .with(s);
            if took.is_finite() {
                f = f.measured(took, "business_minutes");
            }
            if let Some(m) = m {
                f = f.with(m);
            }
            if !ok {
                f = f.because(format!(
                    "status {} not followed by a message within {limit:.0} business minutes",
                    s.activity.trim_start_matches("status:")
                ));
            }
            f
        }
    };
    j.put(f);
}

/// KSP-5.2: a job over a day got an update between the initial information and completion.
fn long_job_update(j: &mut Judge, info: Option<&Ev>, completion: Option<&Ev>) {
    let c = j.case;
    let hours = j.p("KSP-5.2", "long_job_hours");
    let min = j.p("KSP-5.2", "min_updates");
    let (Some(checkin), Some(done)) = (c.status("masuk"), c.status("selesai")) else {
        let f = j
            .finding("KSP-5.2", Unknown)
            .because("the work order lacks check-in or selesai");
        return j.put(f);
    };
    if done.at - checkin.at <= Duration::minutes((hours * 60.0) as i64) {
        let f = j.finding("KSP-5.2", Na).because("a job of a day or less");
        return j.put(f);
    }
    let from = info.map_or(checkin.at, |m| m.at);
    let to = completion.map_or(done.at, |m| m.at);
    let between: Vec<&Ev> = c
        .events
        .iter()
        .filter(|m| is_update(m) && m.at > from && m.at < to)
        .collect();
    let ok = between.len() as f64 >= min;
    let f = j
        .finding("KSP-5.2", if ok { Pass } else { Fail })
        .measured(between.len() as f64, "messages")
        .limit(min, "messages")
        .times(Some(from), Some(to), None)
        .because(if ok {
            ""
        } else {
            "no progress update during a job of more than a day"
        })
        .with(checkin)
        .with(done)
        .with_all(between);
    j.put(f);
}

/// KSP-6.4: the completion time was promised only after the technician's estimate existed.
fn promise_after_estimate(j: &mut Judge, info: Option<&Ev>) {
    let c = j.case;
    let promise = info.filter(|m| m.promised_at().is_some()).or_else(|| {
        c.advisor_messages()
            .find(|m| m.promised_at().is_some() && !m.has("booking_confirmation"))
    });
    let f = match (promise, c.technician_estimate_at) {
        (None, _) => j
            .finding("KSP-6.4", Na)
            .because("no completion time promised"),
        (Some(m), None) => j
            .finding("KSP-6.4", Unknown)
            .because("the work order has no technician estimate time")
            .with(m),
        (Some(m), Some(t)) => {
            let ok = t <= m.at;
            j.finding("KSP-6.4", if ok { Pass } else { Fail })
                .times(None, Some(m.at), Some(t))
                .because(if ok {
                    String::new()
                } else {
                    format!(
                        "promised at {} before the technician's estimate at {}",
                        m.at.format("%H:%M"),
                        t.format("%H:%M")
                    )
                })
                .with(m)
                .with_source(c.source())
        }
    };
    j.put(f);
}
