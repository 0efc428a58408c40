//! KSP — work-status communication (case kind `job`). One function per rule (`registry.rs`).

use super::clock::{Mark, Unit, slowest};
use super::half_read::{judged_on, trigger};
use super::judge::{Finding, Judge, Judged, Status::*};
use super::model::Ev;
use chrono::NaiveDateTime;

const UPDATE_LABELS: &[&str] = &[
    "diagnosis",
    "progress_update",
    "delay_notice",
    "completion_notice",
];

fn is_update(m: &Ev) -> bool {
    m.by_advisor() && UPDATE_LABELS.iter().any(|l| m.has(l))
}

/// The advisor's messages of the job, or `unknown` when it has none (a rule that reads the
/// chat cannot judge a job whose chat patuh does not have; KSP-6.3 judges the silence).
fn sent<'a>(j: &Judge<'a>) -> Result<Vec<&'a Ev>, Finding> {
    j.chat_or_unknown(Ev::by_advisor, "no chat recorded for this job")
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

fn completion<'a>(j: &Judge<'a>) -> Option<&'a Ev> {
    j.case
        .advisor_messages()
        .find(|m| m.has("completion_notice"))
}

/// KSP-6.3: at least one advisor message for the job.
pub fn kept_informed(j: &Judge) -> Judged {
    let c = j.case;
    let sent: Vec<&Ev> = c.advisor_messages().collect();
    let min = j.p("min_messages");
    Ok(if sent.is_empty() && c.chat_ambiguous {
        j.finding(Unknown).because(
            "a chat that may be this job's could not be tied to one customer (shared name)",
        )
    } else if sent.is_empty() && c.phone.is_none() {
        // Without a valid phone on the work order a chat saved under the number cannot be
        // found: its absence is missing data, not silence.
        j.finding(Unknown)
            .because("no valid phone on the work order to find the job's chat")
            .with_source(c.source())
    } else if sent.len() as f64 >= min {
        j.finding(Pass)
            .measured(sent.len() as f64, "messages")
            .limit(min, "messages")
    } else {
        j.finding(Fail)
            .measured(sent.len() as f64, "messages")
            .limit(min, "messages")
            .because("no advisor message recorded for this job")
            .with_source(c.source())
    })
}

/// KSP-4.1.1: the diagnosis, time and cost estimate within 2 business hours of `diagnosa`.
pub fn initial_info(j: &Judge) -> Judged {
    sent(j)?;
    let Some(diag) = j.case.status("diagnosa") else {
        return Ok(j
            .finding(Unknown)
            .because("the work order has no diagnosa time"));
    };
    let info = info_message(j).map(Mark::event);
    Ok(j.clock(
        &Mark::event(diag),
        info.as_ref(),
        j.p("limit_minutes"),
        Unit::BusinessMinutes,
        &|took| format!("initial information after {took:.0} business minutes"),
        "no diagnosis and estimate sent to the customer",
    ))
}

/// KSP-4.1.3: additional work started only after the customer's approval.
pub fn approval(j: &Judge) -> Judged {
    let c = j.case;
    if c.additional_work.is_none() && c.status("menunggu_persetujuan").is_none() {
        return Ok(j.finding(Na).because("no additional work proposed"));
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
    Ok(match (approved_at, started) {
        (_, None) => j
            .finding(Unknown)
            .because("the work order has no dikerjakan time"),
        // An approval shows in the work order's approval column or in the chat: with neither
        // in the data, its absence is missing data, not work done without one.
        (None, Some(s)) if !c.has_field("approval_at") && c.messages().next().is_none() => j
            .finding(Unknown)
            .because(format!(
                "data missing: the work-order export has no {} column and no chat is linked to this job",
                crate::ingest::vocab::fields("work_order").display("approval_at")
            ))
            .with(s),
        (None, Some(s)) => j
            .finding(Fail)
            .times(None, Some(s.at), None)
            .because("additional work without a recorded approval")
            .with(s),
        (Some(a), Some(s)) => {
            let late = format!(
                "work started {} before the approval at {}",
                s.at.format("%H:%M"),
                a.format("%H:%M")
            );
            let mut f = j
                .by_deadline(None, s.at, Some(a), &late)
                .measured(j.elapsed(a, s.at, Unit::Minutes), "minutes")
                .with(s)
                .with_source(c.source());
            if let Some(m) = by_chat {
                f = f.with(m);
            }
            f
        }
    })
}

/// KSP-4.2.2: long same-day jobs: no gap over 4 business hours between check-in, updates and
/// completion; overnight jobs: an update on every operating day after check-in up to completion.
pub fn update_gaps(j: &Judge) -> Judged {
    sent(j)?;
    let c = j.case;
    let (Some(checkin), Some(done)) = (c.status("masuk"), c.status("selesai")) else {
        return Ok(j
            .finding(Unknown)
            .because("the work order lacks check-in or selesai"));
    };
    let updates: Vec<&Ev> = c.events.iter().filter(|m| is_update(m)).collect();
    if done.at.date() > checkin.at.date() {
        let missing: Vec<String> = j
            .operating_days_after(checkin.at.date())
            .take_while(|d| *d <= done.at.date())
            .filter(|d| !updates.iter().any(|u| u.at.date() == *d))
            .map(|d| d.format("%a %d %b").to_string())
            .collect();
        // Measured on a fail only: the job's main unit stays business minutes (the report shows
        // the median of a rule's most frequent unit).
        let f = if missing.is_empty() {
            j.finding(Pass)
        } else {
            j.finding(Fail)
                .measured(missing.len() as f64, "days without update")
                .limit(0.0, "days without update")
                .because(format!("no update on {}", missing.join(", ")))
        };
        return Ok(f
            .times(Some(checkin.at), Some(done.at), None)
            .with(checkin)
            .with(done));
    }
    let min_job = j.p("min_job_hours") * 60.0;
    let max_gap = j.p("max_gap_hours") * 60.0;
    if j.elapsed(checkin.at, done.at, Unit::BusinessMinutes) <= min_job {
        return Ok(j
            .finding(Na)
            .because("a same-day job of 3 business hours or less"));
    }
    // The last stretch runs to the completion message, or to `selesai` when none was sent:
    // silence from the last update to the end of the job is a gap like any other.
    let completion = completion(j);
    let end = completion.map_or(done.at, |m| m.at);
    let mut points: Vec<NaiveDateTime> = std::iter::once(checkin.at)
        .chain(updates.iter().map(|u| u.at).filter(|&t| t <= end))
        .chain(std::iter::once(end))
        .collect();
    points.sort();
    let mut worst = (0.0, checkin.at, checkin.at);
    for w in points.windows(2) {
        let g = j.elapsed(w[0], w[1], Unit::BusinessMinutes);
        if g > worst.0 {
            worst = (g, w[0], w[1]);
        }
    }
    let f = j
        .finding(if worst.0 > max_gap { Fail } else { Pass })
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
    Ok(if completion.is_none() {
        f.with(done)
    } else {
        f
    })
}

/// KSP-4.3.1: the completion message within 2 business hours of QC, never before it.
pub fn completion_notice(j: &Judge) -> Judged {
    sent(j)?;
    let Some(qc) = qc_time(j) else {
        return Ok(j
            .finding(Unknown)
            .because("the work order has no QC or selesai time"));
    };
    let completion = completion(j);
    if let Some(m) = completion.filter(|m| m.at < qc.at) {
        let due = j.deadline(qc.at, j.p("limit_minutes"), Unit::BusinessMinutes);
        return Ok(j
            .finding(Fail)
            .times(Some(qc.at), Some(due), Some(m.at))
            .because("completion announced before QC")
            .with(m)
            .with(qc));
    }
    let stop = completion.map(Mark::event);
    Ok(j.clock(
        &Mark::event(qc),
        stop.as_ref(),
        j.p("limit_minutes"),
        Unit::BusinessMinutes,
        &|took| format!("completion message after {took:.0} business minutes"),
        "no completion message",
    ))
}

/// KSP-4.3.2 (advisory): the completion message comes with a photo of the vehicle.
pub fn completion_photo(j: &Judge) -> Judged {
    sent(j)?;
    if qc_time(j).is_none() {
        return Ok(j.finding(Na).because("no completion"));
    }
    let completion = completion(j);
    let photo = completion.and_then(|m| {
        let within = j.deadline(m.at, j.p("photo_within_minutes"), Unit::Minutes);
        j.case
            .advisor_messages()
            .find(|p| p.attrs.media && p.at >= m.at && p.at <= within)
    });
    Ok(match (completion, photo) {
        (Some(m), Some(p)) => j.finding(Pass).with(m).with(p),
        (Some(m), None) => j
            .finding(Advisory)
            .because("completion message without a photo of the vehicle")
            .with(m),
        (None, _) => j
            .finding(Advisory)
            .because("no completion message, so no photo"),
    })
}

/// KSP-7.2: the customer is never told the job is done before QC.
pub fn not_done_before_qc(j: &Judge) -> Judged {
    sent(j)?;
    let Some(qc) = qc_time(j) else {
        return Ok(j
            .finding(Unknown)
            .because("the work order has no QC or selesai time"));
    };
    // A message half-read as a completion notice before QC would be this fail: it needs
    // review (`half_read`), as the one read with confidence is the fail.
    let msgs: Vec<&Ev> = j.case.advisor_messages().collect();
    let before_qc = |m: &Ev| m.at < qc.at;
    let kinds = &["completion_notice"];
    let Some(found @ (m, _)) = trigger(&msgs, kinds, before_qc, NaiveDateTime::MIN) else {
        return Ok(j.finding(Pass));
    };
    let f = j
        .finding(Fail)
        .times(None, Some(qc.at), Some(m.at))
        .because(format!(
            "told the customer the job was done at {} before QC at {}",
            m.at.format("%H:%M"),
            qc.at.format("%H:%M")
        ))
        .with(m)
        .with(qc);
    Ok(judged_on(
        j,
        f,
        found,
        "completion notice",
        "no completion message before QC",
    ))
}

/// A job finishing later than promised, and its delay notice if one came in time: before the
/// promise, or within the limit after a `tertunda` status (KSP-4.4.1's parameter).
enum Delay<'a> {
    /// No promise, no completion, or finished by the promise (the reason).
    NotLate(&'static str),
    Late {
        promised: NaiveDateTime,
        done: &'a Ev,
        notice: Option<&'a Ev>,
    },
}

fn delay<'a>(j: &Judge<'a>) -> Delay<'a> {
    let c = j.case;
    let promised = info_message(j)
        .and_then(|m| m.promised_at())
        .or(c.estimated_done_at);
    let (Some(promised), Some(done)) = (promised, c.status("selesai")) else {
        return Delay::NotLate("no promised time or no completion");
    };
    if done.at <= promised {
        return Delay::NotLate("finished by the promised time");
    }
    let limit = j.params.get("KSP-4.4.1", "tertunda_limit_minutes", j.date);
    let tertunda = c
        .status("tertunda")
        .map(|e| (e.at, j.deadline(e.at, limit, Unit::BusinessMinutes)));
    let notice = c.advisor_messages().find(|m| {
        m.has("delay_notice")
            && (m.at <= promised || tertunda.is_some_and(|(t, due)| m.at >= t && m.at <= due))
    });
    Delay::Late {
        promised,
        done,
        notice,
    }
}

/// KSP-4.4.1: a job finishing after the promised time got a delay notice before the promise.
pub fn delay_notice(j: &Judge) -> Judged {
    sent(j)?;
    Ok(match delay(j) {
        Delay::NotLate(why) => j.finding(Na).because(why),
        Delay::Late {
            promised,
            notice: Some(m),
            ..
        } => j
            .finding(Pass)
            .times(None, Some(promised), Some(m.at))
            .with(m),
        Delay::Late {
            promised,
            done,
            notice: None,
        } => j
            .finding(Fail)
            .times(None, Some(promised), None)
            .because(format!(
                "promised {}, finished {}, no delay notice before the promise",
                promised.format("%a %d %b %H:%M"),
                done.at.format("%a %d %b %H:%M")
            ))
            .with(done)
            .with_all(info_message(j)),
    })
}

/// KSP-4.4.2: that delay notice apologises and offers an alternative.
pub fn delay_apology(j: &Judge) -> Judged {
    sent(j)?;
    Ok(match delay(j) {
        Delay::NotLate(why) => j.finding(Na).because(why),
        Delay::Late { notice: None, .. } => j.finding(Na).because("no delay notice"),
        Delay::Late {
            notice: Some(m), ..
        } => {
            let alternative = m.attrs.reward || m.attrs.alternative;
            let ok = m.attrs.apology && alternative;
            j.finding(if ok { Pass } else { Fail })
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
    })
}

/// KSP-5.1: every customer-relevant status change followed by an advisor message.
pub fn status_contacts(j: &Judge) -> Judged {
    let sent = sent(j)?;
    let c = j.case;
    let mut changes: Vec<&Ev> = ["diagnosa", "menunggu_part", "tertunda"]
        .iter()
        .filter_map(|s| c.status(s))
        .collect();
    if let Some(q) = qc_time(j) {
        changes.push(q);
    }
    if changes.is_empty() {
        return Ok(j
            .finding(Unknown)
            .because("the work order has no status log"));
    }
    let limit = j.p("limit_minutes");
    let clocks: Vec<Finding> = changes
        .iter()
        .map(|s| {
            let next = sent.iter().copied().find(|m| m.at >= s.at).map(Mark::event);
            let late = format!(
                "status {} not followed by a message within {limit:.0} business minutes",
                s.activity.trim_start_matches("status:")
            );
            j.in_time(
                &Mark::event(s),
                next.as_ref(),
                limit,
                Unit::BusinessMinutes,
                &late,
            )
        })
        .collect();
    Ok(slowest(clocks).unwrap_or_else(|| j.finding(Unknown).because("open at cut-off")))
}

/// KSP-5.2: a job over a day got an update between the initial information and completion.
pub fn long_job_update(j: &Judge) -> Judged {
    sent(j)?;
    let c = j.case;
    let hours = j.p("long_job_hours");
    let min = j.p("min_updates");
    let (Some(checkin), Some(done)) = (c.status("masuk"), c.status("selesai")) else {
        return Ok(j
            .finding(Unknown)
            .because("the work order lacks check-in or selesai"));
    };
    if j.elapsed(checkin.at, done.at, Unit::Hours) <= hours {
        return Ok(j.finding(Na).because("a job of a day or less"));
    }
    let from = info_message(j).map_or(checkin.at, |m| m.at);
    let to = completion(j).map_or(done.at, |m| m.at);
    let between: Vec<&Ev> = c
        .events
        .iter()
        .filter(|m| is_update(m) && m.at > from && m.at < to)
        .collect();
    let ok = between.len() as f64 >= min;
    Ok(j.finding(if ok { Pass } else { Fail })
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
        .with_all(between))
}

/// KSP-6.4: the completion time was promised only after the technician's estimate existed.
pub fn promise_after_estimate(j: &Judge) -> Judged {
    sent(j)?;
    let c = j.case;
    let promise = info_message(j)
        .filter(|m| m.promised_at().is_some())
        .or_else(|| {
            c.advisor_messages()
                .find(|m| m.promised_at().is_some() && !m.has("booking_confirmation"))
        });
    Ok(match (promise, c.technician_estimate_at) {
        (None, _) => j.finding(Na).because("no completion time promised"),
        (Some(m), None) => j
            .finding(Unknown)
            .because("the work order has no technician estimate time")
            .with(m),
        (Some(m), Some(t)) => {
            let late = format!(
                "promised at {} before the technician's estimate at {}",
                m.at.format("%H:%M"),
                t.format("%H:%M")
            );
            j.by_deadline(None, m.at, Some(t), &late)
                .with(m)
                .with_source(c.source())
        }
    })
}

/// KSP-6.1 and KSP-6.2 (advisory): messages a person should review.
fn flag(j: &Judge, hit: impl Fn(&Ev) -> bool, what: &str) -> Judged {
    let sent = sent(j)?;
    let hits: Vec<&Ev> = sent.into_iter().filter(|m| hit(m)).collect();
    Ok(if hits.is_empty() {
        j.finding(Pass)
    } else {
        j.finding(Advisory)
            .because(format!("{what}: for a person to review"))
            .with_all(hits)
    })
}

/// KSP-6.1 (advisory): polite wording.
pub fn polite(j: &Judge) -> Judged {
    flag(j, |m| m.attrs.rude, "impolite wording")
}

/// KSP-6.2 (advisory): workshop terms explained.
pub fn plain_words(j: &Judge) -> Judged {
    flag(j, |m| m.attrs.jargon, "unexplained workshop terms")
}
