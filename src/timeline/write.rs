//! The timeline's writing phase: every message as an event with its labels, attributes and
//! object links; each chat's link outcome; the booking cases made from chats; the summary.

use super::classify::{Lexicon, Side};
use super::cues;
use super::link::{CaseWindow, ChatLink, MsgLink};
use super::model::Model;
use super::work::{ChatBookings, ChatLinks, LinkRate, Summary, Work, object_id};
use crate::config::Config;
use crate::store::batches::Inserter;
use crate::store::sql;
use crate::store::table_batch::{TableBatch, Val};
use chrono::NaiveDateTime;
use duckdb::{Connection, params};
use std::collections::HashMap;

impl Work<'_> {
    /// Writes every message as an event with its labels and attributes, its links to the
    /// customer and the case, each chat's link outcome and the cases an ambiguous chat may be
    /// of. Returns the chats by link outcome.
    pub(super) fn write_messages(
        &self,
        conn: &Connection,
        cases: &[CaseWindow],
        per_chat: &ChatLinks,
        chat_bookings: &ChatBookings,
        summary: &mut Summary,
    ) -> duckdb::Result<HashMap<&'static str, i64>> {
        let (lexicon, msgs, classified, automatic, directory) = (
            self.lexicon,
            self.msgs,
            self.classified,
            self.automatic,
            self.directory,
        );
        // With several branches and a way to tell their chats apart configured, a chat that
        // matches none is counted and reported, not guessed.
        let chats_mapped = self.config.branches.len() > 1
            && self
                .config
                .branches
                .iter()
                .any(|b| !b.whatsapp_names.is_empty() || !b.folders.is_empty());
        let mut chat_counts: HashMap<&'static str, i64> = HashMap::new();
        {
            // Arrow batches, inserted on every core at the end.
            let mut events = Inserter::new("event");
            let mut objects = Inserter::new("event_object");
            let mut event_rows = TableBatch::for_table(conn, "event")?;
            let mut object_rows = TableBatch::for_table(conn, "event_object")?;
            let mut links = conn.appender("timeline_link")?;
            let mut maybe = conn.appender("ambiguous_case")?;
            let mut promised: HashMap<usize, NaiveDateTime> = HashMap::new();
            let mut asked: HashMap<usize, NaiveDateTime> = HashMap::new();
            for (ci, (range, (who, assigned, chat_branch, shared))) in
                self.chats.iter().zip(per_chat).enumerate()
            {
                // A chat of a number no record knows, holding a booking request: tied to a new
                // customer by that number.
                let outcome = match who {
                    ChatLink::Unlinked if chat_bookings.chats.contains(&ci) => "new_customer",
                    _ => who.outcome(),
                };
                *chat_counts.entry(outcome).or_default() += 1;
                if chats_mapped && chat_branch.is_none() {
                    summary.chats_without_branch += 1;
                }
                let customer_phone: Option<&str> = who.customer().and_then(|c| {
                    directory.customers[c]
                        .iter()
                        .find_map(|&i| cases[i].phone.as_deref())
                });
                let first = &msgs[range.start];
                if let ChatLink::Ambiguous(list) = who {
                    for &cust in list {
                        for &ci in &directory.customers[cust] {
                            let c = &cases[ci];
                            if msgs[range.clone()]
                                .iter()
                                .any(|m| c.from <= m.sent_at && m.sent_at <= c.to)
                            {
                                maybe.append_row(params![
                                    c.kind,
                                    c.key,
                                    first.file_id,
                                    first.chat
                                ])?;
                            }
                        }
                    }
                }
                let candidates = match who {
                    ChatLink::Ambiguous(list) => list
                        .iter()
                        .map(|&c| customer_label(cases, &directory.customers[c]))
                        .collect::<Vec<_>>()
                        .join(" | "),
                    _ => String::new(),
                };
                links.append_row(params![
                    first.file_id,
                    first.sheet,
                    first.chat,
                    outcome,
                    customer_phone,
                    candidates,
                    range.len() as i64
                ])?;
                let mut next_shared = 0;
                for (k, i) in range.clone().enumerate() {
                    let m = &msgs[i];
                    let read = &classified[i];
                    let mut mask = read.labels;
                    let role = match m.side.as_ref() {
                        "customer" => "customer",
                        "business" if automatic[i] => "auto_reply",
                        "business" => "advisor",
                        _ => "system",
                    };
                    let case = assigned[k];
                    // What the message states in its case can label it (the booked slot, an
                    // amount in a job): the cue is kept beside the label.
                    let said = case.filter(|_| role == "advisor").map(|(c, _)| {
                        (
                            c,
                            cues::Said {
                                text: &m.text,
                                sent: m.sent_at,
                                mask,
                                model: read.kinds & !mask,
                                attrs: &read.attrs,
                                promised: read.promised,
                                promised_before: promised.get(&c).copied(),
                                asked_before: asked.get(&c).copied(),
                            },
                        )
                    });
                    let cue = said
                        .as_ref()
                        .and_then(|(c, said)| cues::cue(lexicon, &cases[*c], said));
                    let maybe_confirmation = cue.is_none()
                        && said.as_ref().is_some_and(|(c, said)| {
                            cues::other_time_stated(lexicon, &cases[*c], said)
                        });
                    // The time an advisor last promised in this case, and the one the customer
                    // last asked for.
                    if let Some((c, _)) = case
                        && let Some(p) = read.promised
                    {
                        match role {
                            "advisor" => {
                                promised.insert(c, p);
                            }
                            "customer" => {
                                asked.insert(c, p);
                            }
                            _ => {}
                        }
                    }
                    let attrs = match cue {
                        Some((a, name)) => {
                            mask |= 1 << a;
                            with_cue(&read.json, &lexicon.activities()[a], name)
                        }
                        None if maybe_confirmation => with_maybe(
                            &read.json,
                            lexicon,
                            &m.text,
                            "booking_confirmation",
                            cues::OTHER_TIME,
                        ),
                        None => read.json.to_string(),
                    };
                    let labels = lexicon.names_of(mask);
                    let activity = if role == "system" {
                        "system_notice".to_string()
                    } else if role == "auto_reply" {
                        "auto_reply".to_string()
                    } else if let Some(first) = labels.first() {
                        first.to_string()
                    } else if m.has_media {
                        "media".to_string()
                    } else {
                        "message".to_string()
                    };
                    let branch = case
                        .and_then(|(c, _)| {
                            self.branch_of
                                .get(&(cases[c].kind.as_str(), cases[c].key.as_str()))
                                .copied()
                        })
                        .unwrap_or(chat_branch.unwrap_or(self.default_branch));
                    let event_id = i as i64 + 1;
                    event_rows.push_row(&[
                        Val::Int(event_id),
                        Val::Text(branch.to_string()),
                        Val::Time(m.sent_at),
                        Val::Int(i64::from(m.row_no)),
                        Val::Text(role.to_string()),
                        Val::text(m.sender.as_deref().map(str::to_string)),
                        Val::Text(activity),
                        Val::Text(labels.join(",")),
                        Val::Text(attrs),
                        Val::Text(m.text.clone()),
                        Val::text(customer_phone.or(m.phone.as_deref()).map(str::to_string)),
                        Val::Int(i64::from(m.file_id)),
                        if m.sheet.is_empty() {
                            Val::Null
                        } else {
                            Val::Shared(m.sheet.clone())
                        },
                        Val::Int(i64::from(m.row_no)),
                    ])?;
                    if event_rows.len() >= 100_000 {
                        events.push(conn, event_rows.finish()?)?;
                    }
                    if role == "system" {
                        continue;
                    }
                    summary.messages += 1;
                    summary.auto_replies += i64::from(role == "auto_reply");
                    if let Some(p) = customer_phone {
                        object_rows.push_row(&[
                            Val::Int(event_id),
                            Val::Text(format!("customer:{p}")),
                            Val::Text(who.outcome().to_string()),
                        ])?;
                    }
                    match case {
                        Some((c, how)) => {
                            summary.messages_linked += 1;
                            object_rows.push_row(&[
                                Val::Int(event_id),
                                Val::Text(object_id(&cases[c])),
                                Val::Text(how.name().to_string()),
                            ])?;
                        }
                        None => summary.messages_unlinked += 1,
                    }
                    // `shared` is in message order: walk it alongside (a chat of a million
                    // messages must not scan it per message).
                    while next_shared < shared.len() && shared[next_shared].0 < k {
                        next_shared += 1;
                    }
                    while next_shared < shared.len() && shared[next_shared].0 == k {
                        object_rows.push_row(&[
                            Val::Int(event_id),
                            Val::Text(object_id(&cases[shared[next_shared].1])),
                            Val::Text(MsgLink::Shared.name().to_string()),
                        ])?;
                        next_shared += 1;
                    }
                    if object_rows.len() >= 100_000 {
                        objects.push(conn, object_rows.finish()?)?;
                    }
                }
            }
            events.push(conn, event_rows.finish()?)?;
            objects.push(conn, object_rows.finish()?)?;
            events.flush(conn)?;
            objects.flush(conn)?;
            links.flush()?;
            maybe.flush()?;
        }
        Ok(chat_counts)
    }
}

/// Writes the booking cases made from chats alone, attributed to the branch's advisor on duty.
pub(super) fn write_chat_bookings(
    conn: &Connection,
    config: &Config,
    default_branch: &str,
    cases: &[CaseWindow],
    chat_bookings: &ChatBookings,
    summary: &mut Summary,
) -> duckdb::Result<()> {
    let mut rows = conn.appender("case")?;
    for b in &chat_bookings.cases {
        let c = &cases[b.case];
        let branch = b.branch.unwrap_or(default_branch);
        let advisor = config.branch(branch).and_then(|br| br.chat_advisor.clone());
        summary.chat_bookings += 1;
        summary.chat_bookings_unattributed += i64::from(advisor.is_none());
        rows.append_row(params![
            c.kind,
            c.key,
            branch,
            advisor,
            c.name,
            c.phone,
            c.plate,
            c.opened,
            None::<NaiveDateTime>,
            object_id(c)
        ])?;
    }
    rows.flush()?;
    summary.requests_without_phone = chat_bookings.without_phone;
    Ok(())
}

/// The summary's counts: chats by link outcome, cases per kind, events, link rates.
pub(super) fn summarise(
    conn: &Connection,
    chat_counts: &HashMap<&'static str, i64>,
    summary: &mut Summary,
) -> duckdb::Result<()> {
    summary.chats = [
        "phone",
        "plate",
        "name",
        "new_customer",
        "ambiguous",
        "unlinked",
    ]
    .iter()
    .map(|k| (k.to_string(), chat_counts.get(k).copied().unwrap_or(0)))
    .collect();
    let rows = crate::store::rows(conn, sql::TL_SUMMARY, [], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    for (what, name, a, b) in rows {
        match what.as_str() {
            "case" => summary.cases.push((name, a)),
            "events" => summary.events = a,
            _ => summary.link_rates.push(LinkRate {
                source: name,
                linked: a,
                total: b,
            }),
        }
    }
    Ok(())
}

fn customer_label(cases: &[CaseWindow], list: &[usize]) -> String {
    let c = &cases[list[0]];
    let keys: Vec<&str> = list
        .iter()
        .take(3)
        .map(|&i| cases[i].key.as_str())
        .collect();
    format!(
        "{} {} ({})",
        c.name.as_deref().unwrap_or("?"),
        c.phone
            .as_deref()
            .map(crate::privacy::mask_phone)
            .unwrap_or_default(),
        keys.join(", ")
    )
}

/// The attributes with `activity` a candidate by `cue` (`maybe_cues`), and among the kinds the
/// message may be (`maybe`, with the model's score) unless the model already gave it a score.
fn with_maybe(json: &str, lexicon: &Lexicon, text: &str, activity: &str, cue: &str) -> String {
    let mut o: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(json).unwrap_or_default();
    put(&mut o, "maybe_cues", activity, cue.into());
    let seen = ["model", "maybe"]
        .iter()
        .any(|k| o.get(*k).and_then(|m| m.get(activity)).is_some());
    let score = lexicon.index_of(activity).filter(|_| !seen).and_then(|a| {
        Model::builtin()
            .scores(lexicon, text, Side::Business)
            .into_iter()
            .find(|s| s.0 == a)
            .map(|s| s.1)
    });
    if let Some(p) = score {
        put(&mut o, "maybe", activity, super::model::score_value(p));
    }
    serde_json::Value::Object(o).to_string()
}

/// The attributes with a cue's label source added, as the event stores them.
fn with_cue(json: &str, activity: &str, cue: &str) -> String {
    // Cues are rare: the text is read back only for them.
    let mut o: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(json).unwrap_or_default();
    put(&mut o, "cues", activity, cue.into());
    serde_json::Value::Object(o).to_string()
}

/// `o[key][activity] = value`, the map made when missing.
fn put(
    o: &mut serde_json::Map<String, serde_json::Value>,
    key: &str,
    activity: &str,
    value: serde_json::Value,
) {
    let map = o
        .entry(key)
        .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
    if let Some(m) = map.as_object_mut() {
        m.insert(activity.to_string(), value);
    }
}
