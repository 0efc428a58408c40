//! `patuh export --ocel`: the timelines as an OCEL 2.0 log (JSON), for process-mining tools
//! (PM4Py, Celonis, Ocelot).
//!
//! Objects: every case's own object (`booking`, `job`, `follow-up`, `inquiry`, `after-sales
//! ticket`) and the `customer`, `vehicle` and `advisor` objects they relate to; events: every
//! event of the timelines with its activity as type, its time with the branch's UTC offset, its
//! attributes and its links to objects (qualified by the object's type; the advisor who acted
//! as `actor`). Values are written as strings, as the OCEL 2.0 JSON schema wants; message text
//! is left out (the log is for process analysis; the lake has the text). The log is streamed:
//! events first, the type declarations they need after them (JSON keys have no order).

use crate::config::Config;
use crate::error::{Error, Result};
use crate::store::{Store, sql};
use chrono::{NaiveDateTime, TimeZone};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What was written: the file, and its events and objects.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Written {
    pub path: PathBuf,
    pub events: usize,
    pub objects: usize,
}

/// The OCEL object type of a case kind.
fn case_type(kind: &str) -> &'static str {
    match kind {
        "booking" => "booking",
        "job" => "job",
        "followup" => "follow-up",
        "inquiry" => "inquiry",
        _ => "after-sales ticket",
    }
}

/// The type of an object id by its prefix (`customer:+62…`, `booking:BK-1`).
fn type_of_id(id: &str, case_types: &BTreeMap<String, &'static str>) -> &'static str {
    if let Some(t) = case_types.get(id) {
        return t;
    }
    match id.split(':').next().unwrap_or("") {
        "customer" => "customer",
        "vehicle" => "vehicle",
        "advisor" => "advisor",
        "booking" => "booking",
        "work_order" => "job",
        "followup" => "follow-up",
        _ => "after-sales ticket",
    }
}

/// RFC 3339 with the branch's offset (`2025-07-01T09:00:00+07:00`): OCEL times are absolute.
fn rfc3339(t: NaiveDateTime, tz: chrono_tz::Tz) -> String {
    match tz.from_local_datetime(&t).earliest() {
        Some(at) => at.fixed_offset().to_rfc3339(),
        None => format!("{}Z", t.format("%Y-%m-%dT%H:%M:%S")),
    }
}

/// A JSON attribute value as the schema's string.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Writes `dir/timeline.ocel.json`.
pub fn write(store: &Store, config: &Config, dir: &Path) -> Result<Written> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::input(format!("{}: cannot create the folder: {e}", dir.display())))?;
    let path = dir.join("timeline.ocel.json");
    let io = |e: std::io::Error| Error::io(&path, e);
    let zone = |branch: &str| {
        config
            .branch(branch)
            .unwrap_or(config.default_branch())
            .time_zone
    };
    let err = |e| store.error("writing the OCEL log", e);
    let conn = store.conn();

    // Case objects, and the other objects they relate to.
    let mut case_types: BTreeMap<String, &'static str> = BTreeMap::new();
    let mut objects: Vec<Value> = Vec::new();
    let mut related: BTreeSet<String> = BTreeSet::new();
    let mut stmt = conn.prepare(sql::EX_OCEL_CASES).map_err(err)?;
    let mut rows = stmt.query([]).map_err(err)?;
    while let Some(r) = rows.next().map_err(err)? {
        let id: String = r.get("object_id").map_err(err)?;
        let kind: String = r.get("case_kind").map_err(err)?;
        let key: String = r.get("case_key").map_err(err)?;
        let branch: String = r.get("branch").map_err(err)?;
        let opened: Option<NaiveDateTime> = r.get("opened_at").map_err(err)?;
        let since = opened.map_or("1970-01-01T00:00:00Z".to_string(), |t| {
            rfc3339(t, zone(&branch))
        });
        let mut relationships = Vec::new();
        for (col, qualifier) in [
            ("customer", "customer"),
            ("vehicle", "vehicle"),
            ("advisor", "handled by"),
        ] {
            if let Some(other) = r.get::<_, Option<String>>(col).map_err(err)? {
                relationships.push(json!({"objectId": other, "qualifier": qualifier}));
                related.insert(other);
            }
        }
        let t = case_type(&kind);
        case_types.insert(id.clone(), t);
        objects.push(json!({
            "id": id, "type": t,
            "attributes": [
                {"name": "case_key", "value": key, "time": since},
                {"name": "branch", "value": branch, "time": since},
            ],
            "relationships": relationships,
        }));
    }
    drop(rows);

    let file = std::fs::File::create(&path).map_err(io)?;
    let mut out = std::io::BufWriter::new(file);
    out.write_all(b"{\"events\":[").map_err(io)?;
    let mut event_types: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut events = 0usize;
    let mut stmt = conn.prepare(sql::EX_OCEL_EVENTS).map_err(err)?;
    let mut rows = stmt.query([]).map_err(err)?;
    while let Some(r) = rows.next().map_err(err)? {
        let get_text =
            |col: &str| -> Result<Option<String>> { r.get::<_, Option<String>>(col).map_err(err) };
        let id: i64 = r.get("event_id").map_err(err)?;
        let branch = get_text("branch")?.unwrap_or_default();
        let at: NaiveDateTime = r.get("occurred_at").map_err(err)?;
        let activity = get_text("activity")?.unwrap_or_default();
        let role = get_text("actor_role")?.unwrap_or_default();
        let actor = get_text("actor")?;
        let mut attributes: Vec<(String, String)> = vec![
            ("branch".into(), branch.clone()),
            ("actor_role".into(), role.clone()),
        ];
        if let Some(a) = &actor {
            attributes.push(("actor".into(), a.clone()));
        }
        if let Some(labels) = get_text("labels")?.filter(|l| !l.is_empty()) {
            attributes.push(("labels".into(), labels));
        }
        if let Some(Value::Object(map)) = get_text("attributes")?
            .as_deref()
            .and_then(|a| serde_json::from_str::<Value>(a).ok())
        {
            attributes.extend(map.iter().map(|(k, v)| (k.clone(), text(v))));
        }
        let linked: Vec<String> = get_text("objects")?
            .unwrap_or_default()
            .split('\u{1f}')
            .filter(|o| !o.is_empty())
            .map(str::to_string)
            .collect();
        let mut relationships: Vec<Value> = linked
            .iter()
            .map(|o| json!({"objectId": o, "qualifier": type_of_id(o, &case_types)}))
            .collect();
        related.extend(linked.into_iter().filter(|o| !case_types.contains_key(o)));
        if role == "advisor"
            && let Some(a) = &actor
        {
            let advisor = format!("advisor:{a}");
            relationships.push(json!({"objectId": advisor, "qualifier": "actor"}));
            related.insert(advisor);
        }
        event_types
            .entry(activity.clone())
            .or_default()
            .extend(attributes.iter().map(|(k, _)| k.clone()));
        let event = json!({
            "id": format!("e{id}"),
            "type": activity,
            "time": rfc3339(at, zone(&branch)),
            "attributes": attributes.iter().map(|(k, v)| json!({"name": k, "value": v})).collect::<Vec<_>>(),
            "relationships": relationships,
        });
        if events > 0 {
            out.write_all(b",").map_err(io)?;
        }
        serde_json::to_writer(&mut out, &event).map_err(|e| io(e.into()))?;
        events += 1;
    }
    drop(rows);

    // The objects the cases and events relate to that are not cases themselves.
    for id in related.iter().filter(|id| !case_types.contains_key(*id)) {
        objects.push(json!({"id": id, "type": type_of_id(id, &case_types), "attributes": [], "relationships": []}));
    }
    out.write_all(b"],\"objects\":").map_err(io)?;
    serde_json::to_writer(&mut out, &objects).map_err(|e| io(e.into()))?;
    let types: Vec<Value> = event_types
        .iter()
        .map(|(t, attrs)| {
            json!({"name": t, "attributes": attrs.iter().map(|a| json!({"name": a, "type": "string"})).collect::<Vec<_>>()})
        })
        .collect();
    out.write_all(b",\"eventTypes\":").map_err(io)?;
    serde_json::to_writer(&mut out, &types).map_err(|e| io(e.into()))?;
    let object_types: BTreeSet<&str> = objects.iter().filter_map(|o| o["type"].as_str()).collect();
    let object_types: Vec<Value> = object_types
        .iter()
        .map(|t| {
            let attributes = if ["customer", "vehicle", "advisor"].contains(t) {
                json!([])
            } else {
                json!([{"name": "case_key", "type": "string"}, {"name": "branch", "type": "string"}])
            };
            json!({"name": t, "attributes": attributes})
        })
        .collect();
    out.write_all(b",\"objectTypes\":").map_err(io)?;
    serde_json::to_writer(&mut out, &object_types).map_err(|e| io(e.into()))?;
    out.write_all(b"}\n").map_err(io)?;
    out.flush().map_err(io)?;
    Ok(Written {
        path,
        events,
        objects: objects.len(),
    })
}
