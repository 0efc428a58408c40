//! `patuh case <key>`: one case as a supervisor reads it — who and when, every event with the
//! business minutes since the one before and its source line, then each rule's verdict.

use super::{Context, stdout_result};
use crate::error::{Error, Result};
use crate::output::{Table, excerpt, write_json};
use crate::privacy::mask_phone;
use crate::store::sql;
use chrono::NaiveDateTime;
use std::io::Write;

struct Header {
    kind: String,
    key: String,
    branch: String,
    advisor: Option<String>,
    customer: Option<String>,
    phone: Option<String>,
    plate: Option<String>,
    opened_at: Option<NaiveDateTime>,
    closed_at: Option<NaiveDateTime>,
    object_id: String,
}

#[derive(serde::Serialize)]
struct EventRow {
    at: NaiveDateTime,
    business_minutes_since_previous: Option<f64>,
    actor: String,
    activity: String,
    labels: String,
    attributes: serde_json::Value,
    text: String,
    source: String,
    link: String,
}

#[derive(serde::Serialize)]
struct Verdict {
    rule_id: String,
    status: String,
    measured: Option<f64>,
    limit: Option<f64>,
    unit: Option<String>,
    reason: Option<String>,
    evidence: String,
    /// patuh's own verdict (equal to `status` unless a review changed it).
    machine_status: Option<String>,
    review: Option<Review>,
}

/// A supervisor's decision on a verdict.
#[derive(serde::Serialize)]
struct Review {
    decision: String,
    reason: Option<String>,
    reviewer: Option<String>,
    reviewed_on: Option<chrono::NaiveDate>,
    source: Option<String>,
}

pub fn run(ctx: &Context, key: &str) -> Result<()> {
    let store = ctx.open_store()?;
    let conn = store.conn();
    let doing = "reading the case";
    let headers: Vec<Header> = crate::store::rows(conn, sql::TL_CASE_FIND, [key], |r| {
        Ok(Header {
            kind: r.get(0)?,
            key: r.get(1)?,
            branch: r.get(2)?,
            advisor: r.get(3)?,
            customer: r.get(4)?,
            phone: r.get(5)?,
            plate: r.get(6)?,
            opened_at: r.get(7)?,
            closed_at: r.get(8)?,
            object_id: r.get(9)?,
        })
    })
    .map_err(|e| store.error(doing, e))?;
    if headers.is_empty() {
        return Err(Error::input(format!(
            "no case {key:?}: give a booking id, a work order number or a ticket number (run `patuh timeline` after importing)"
        )));
    }
    let mut json_cases = Vec::new();
    let mut out = std::io::stdout().lock();
    for (n, h) in headers.iter().enumerate() {
        let cal = ctx.config.calendar(
            ctx.config
                .branch(&h.branch)
                .unwrap_or(ctx.config.default_branch()),
        );
        let mut previous: Option<NaiveDateTime> = None;
        let events: Vec<EventRow> =
            crate::store::rows(conn, sql::TL_CASE_EVENTS, [&h.object_id], |r| {
                let at: NaiveDateTime = r.get(1)?;
                let attributes: String = r.get(6)?;
                Ok(EventRow {
                    at,
                    business_minutes_since_previous: None,
                    actor: r.get(2)?,
                    activity: r.get(4)?,
                    labels: r.get(5)?,
                    attributes: serde_json::from_str(&attributes)
                        .unwrap_or(serde_json::Value::Null),
                    text: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                    source: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                    link: r.get(9)?,
                })
            })
            .map_err(|e| store.error(doing, e))?;
        let events: Vec<EventRow> = events
            .into_iter()
            .map(|mut e| {
                e.business_minutes_since_previous =
                    previous.map(|p| cal.business_minutes(p, e.at).round());
                previous = Some(e.at);
                e
            })
            .collect();
        let verdicts: Vec<Verdict> =
            crate::store::rows(conn, sql::TL_CASE_FINDINGS, [&h.kind, &h.key], |r| {
                Ok(Verdict {
                    rule_id: r.get(0)?,
                    status: r.get(1)?,
                    measured: r.get(2)?,
                    limit: r.get(3)?,
                    unit: r.get(4)?,
                    reason: r.get(5)?,
                    evidence: r.get(6)?,
                    machine_status: r.get(7)?,
                    review: match r.get::<_, Option<String>>(8)? {
                        Some(decision) => Some(Review {
                            decision,
                            reason: r.get(9)?,
                            reviewer: r.get(10)?,
                            reviewed_on: r.get(11)?,
                            source: r.get(12)?,
                        }),
                        None => None,
                    },
                })
            })
            .map_err(|e| store.error(doing, e))?;
        let phone = h.phone.as_deref().map(mask_phone);
        if ctx.json {
            json_cases.push(serde_json::json!({
                "kind": h.kind, "key": h.key, "branch": h.branch, "advisor": h.advisor,
                "customer": h.customer, "phone": phone, "plate": h.plate,
                "opened_at": h.opened_at, "closed_at": h.closed_at,
                "events": events, "verdicts": verdicts,
            }));
            continue;
        }
        let result = (|| -> std::io::Result<()> {
            if n > 0 {
                writeln!(out)?;
            }
            let time = |t: Option<NaiveDateTime>| {
                t.map_or("-".to_string(), |t| {
                    t.format("%a %d %b %Y %H:%M").to_string()
                })
            };
            writeln!(out, "{} {}  (branch {})", h.kind, h.key, h.branch)?;
            writeln!(
                out,
                "customer {}  phone {}  vehicle {}  advisor {}",
                h.customer.as_deref().unwrap_or("-"),
                phone.as_deref().unwrap_or("-"),
                h.plate.as_deref().unwrap_or("-"),
                h.advisor.as_deref().unwrap_or("-")
            )?;
            writeln!(
                out,
                "opened {}  closed {}",
                time(h.opened_at),
                time(h.closed_at)
            )?;
            writeln!(out)?;
            let mut t = Table::new(["time", "+bmin", "actor", "activity", "text", "source"])
                .max_width(80)
                .location("source");
            for e in &events {
                let mut activity = event_labels(e);
                if let Some(o) = e.attributes.as_object() {
                    let attrs: Vec<String> = o
                        .iter()
                        .filter(|(k, _)| {
                            !matches!(k.as_str(), "cues" | "model" | "maybe" | "maybe_cues")
                        })
                        .map(|(k, v)| match v {
                            serde_json::Value::Bool(true) => k.clone(),
                            serde_json::Value::String(s) => format!("{k}={s}"),
                            other => format!("{k}={other}"),
                        })
                        .collect();
                    if !attrs.is_empty() {
                        activity = format!("{activity} [{}]", attrs.join(" "));
                    }
                }
                // Tied to another open case of the customer alike: it may pass this case,
                // never fail it.
                if e.link == "shared" {
                    activity = format!("{activity} (shared)");
                }
                t.row([
                    e.at.format("%a %d %b %H:%M").to_string(),
                    e.business_minutes_since_previous
                        .map_or(String::new(), |m| format!("{m:.0}")),
                    e.actor.clone(),
                    activity,
                    excerpt(&e.text, 80),
                    e.source.clone(),
                ]);
            }
            t.write(&mut out)?;
            writeln!(out)?;
            if verdicts.is_empty() {
                writeln!(out, "no verdicts yet: run `patuh score`")?;
            } else {
                let mut t = Table::new(["rule", "status", "measured", "limit", "why", "evidence"])
                    .max_width(70)
                    .location("evidence");
                for v in &verdicts {
                    let num = |x: Option<f64>| {
                        x.map_or(String::new(), |x| format!("{}", (x * 10.0).round() / 10.0))
                    };
                    // A verdict a review changed shows patuh's beside it.
                    let status = match v.machine_status.as_deref() {
                        Some(m) if m != v.status => format!("{} (patuh: {m})", v.status),
                        _ => v.status.clone(),
                    };
                    t.row([
                        v.rule_id.clone(),
                        status,
                        format!("{} {}", num(v.measured), v.unit.as_deref().unwrap_or(""))
                            .trim()
                            .to_string(),
                        num(v.limit),
                        v.reason.clone().unwrap_or_default(),
                        v.evidence.clone(),
                    ]);
                    if let Some(r) = &v.review {
                        t.row([
                            String::new(),
                            format!("review: {}", r.decision),
                            String::new(),
                            String::new(),
                            format!(
                                "{} — {}{}",
                                r.reason.as_deref().unwrap_or(""),
                                r.reviewer.as_deref().unwrap_or("?"),
                                r.reviewed_on.map_or(String::new(), |d| format!(", {d}"))
                            ),
                            r.source.clone().unwrap_or_default(),
                        ]);
                    }
                }
                t.write(&mut out)?;
            }
            Ok(())
        })();
        stdout_result(result)?;
    }
    if ctx.json {
        return stdout_result(write_json(&mut out, &json_cases));
    }
    Ok(())
}

/// The event's labels with where each came from: the lexicon (bare), a structural cue
/// ("booking_confirmation (cue: slot)"), the message model with its confidence ("model 0.97":
/// read from `DECIDES_AT`; "model, unread 0.75" below it, where a fail resting on its absence
/// needs review), or a kind the model half-sees ("maybe 0.41").
fn event_labels(e: &EventRow) -> String {
    let attr = |key: &str| e.attributes.get(key).and_then(|v| v.as_object());
    let mut parts: Vec<String> = if e.labels.is_empty() {
        vec![]
    } else {
        e.labels
            .split(',')
            .map(
                |l| match attr("cues").and_then(|c| c.get(l)).and_then(|v| v.as_str()) {
                    Some(cue) => format!("{l} (cue: {cue})"),
                    None => match attr("model")
                        .and_then(|m| m.get(l))
                        .and_then(|p| p.as_f64())
                    {
                        Some(p) => format!("{l} (model {p:.2})"),
                        None => l.to_string(),
                    },
                },
            )
            .collect()
    };
    let read: Vec<&str> = e.labels.split(',').collect();
    // The model's labels the rules did not read (under `DECIDES_AT`) say so.
    for (key, how) in [("model", "model, unread"), ("maybe", "maybe")] {
        if let Some(m) = attr(key) {
            // A label already read (by a cue or the sure model) is shown once, above.
            for (l, p) in m.iter().filter(|(l, _)| !read.contains(&l.as_str())) {
                let p = p.as_f64().unwrap_or(0.0);
                match attr("maybe_cues")
                    .and_then(|c| c.get(l))
                    .and_then(|v| v.as_str())
                {
                    Some(cue) if key == "maybe" => {
                        parts.push(format!("{l} (maybe {p:.2}, cue: {cue})"))
                    }
                    _ => parts.push(format!("{l} ({how} {p:.2})")),
                }
            }
        }
    }
    if parts.is_empty() {
        e.activity.clone()
    } else {
        parts.join(", ")
    }
}
