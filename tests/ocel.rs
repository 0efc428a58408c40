//! The timelines as an OCEL 2.0 log (issue 13): valid against the OCEL 2.0 JSON schema, with
//! every event of the timeline and every object an event or case points to.

use crate::support::{patuh, sample_run, stderr, tempdir};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The constraints of the OCEL 2.0 JSON schema (https://www.ocel-standard.org/2.0/ocel20-schema-json.json,
/// draft-07), checked field by field: no JSON-Schema crate is available offline, so the schema's
/// `required` lists and `type`s are written out here. Returns every violation, with its path.
fn schema_violations(log: &Value) -> Vec<String> {
    let mut bad = Vec::new();
    let mut string = |v: &Value, path: &str| {
        if !v.is_string() {
            bad.push(format!("{path}: not a string ({v})"));
        }
    };
    let date_time = |v: &Value| {
        v.as_str()
            .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok())
    };
    let mut others = Vec::new();
    for key in ["eventTypes", "objectTypes", "events", "objects"] {
        if !log[key].is_array() {
            others.push(format!("{key}: required array missing"));
        }
    }
    let empty = Vec::new();
    let arr = |v: &Value| v.as_array().unwrap_or(&empty).clone();
    for section in ["eventTypes", "objectTypes"] {
        for (i, t) in arr(&log[section]).iter().enumerate() {
            string(&t["name"], &format!("{section}[{i}].name"));
            if !t["attributes"].is_array() {
                others.push(format!("{section}[{i}].attributes: required array missing"));
            }
            for (j, a) in arr(&t["attributes"]).iter().enumerate() {
                string(&a["name"], &format!("{section}[{i}].attributes[{j}].name"));
                string(&a["type"], &format!("{section}[{i}].attributes[{j}].type"));
            }
        }
    }
    for (i, e) in arr(&log["events"]).iter().enumerate() {
        string(&e["id"], &format!("events[{i}].id"));
        string(&e["type"], &format!("events[{i}].type"));
        if !date_time(&e["time"]) {
            others.push(format!(
                "events[{i}].time: not an RFC 3339 date-time ({})",
                e["time"]
            ));
        }
        for (j, a) in arr(&e["attributes"]).iter().enumerate() {
            string(&a["name"], &format!("events[{i}].attributes[{j}].name"));
            string(&a["value"], &format!("events[{i}].attributes[{j}].value"));
        }
        for (j, r) in arr(&e["relationships"]).iter().enumerate() {
            string(
                &r["objectId"],
                &format!("events[{i}].relationships[{j}].objectId"),
            );
            string(
                &r["qualifier"],
                &format!("events[{i}].relationships[{j}].qualifier"),
            );
        }
    }
    for (i, o) in arr(&log["objects"]).iter().enumerate() {
        string(&o["id"], &format!("objects[{i}].id"));
        string(&o["type"], &format!("objects[{i}].type"));
        for (j, a) in arr(&o["attributes"]).iter().enumerate() {
            string(&a["name"], &format!("objects[{i}].attributes[{j}].name"));
            string(&a["value"], &format!("objects[{i}].attributes[{j}].value"));
            if !date_time(&a["time"]) {
                others.push(format!(
                    "objects[{i}].attributes[{j}].time: not a date-time"
                ));
            }
        }
        for (j, r) in arr(&o["relationships"]).iter().enumerate() {
            string(
                &r["objectId"],
                &format!("objects[{i}].relationships[{j}].objectId"),
            );
            string(
                &r["qualifier"],
                &format!("objects[{i}].relationships[{j}].qualifier"),
            );
        }
    }
    bad.extend(others);
    bad
}

#[test]
fn the_ocel_log_validates_and_holds_every_event_of_the_timeline() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::copy(sample_run().join("s.duckdb"), d.join("s.duckdb")).unwrap();
    let store = d.join("s.duckdb");
    let o = patuh(
        d,
        &[
            "--db",
            store.to_str().unwrap(),
            "export",
            "--ocel",
            "--out",
            d.join("out").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let log: Value =
        serde_json::from_reader(std::fs::File::open(d.join("out/timeline.ocel.json")).unwrap())
            .unwrap();
    let violations = schema_violations(&log);
    assert!(
        violations.is_empty(),
        "{:?}",
        &violations[..violations.len().min(10)]
    );
    // A malformed log is caught: the check is not vacuous.
    let mut broken = log.clone();
    broken["events"][0]["time"] = Value::String("2025-07-01 09:00".into());
    broken["objects"][0].as_object_mut().unwrap().remove("type");
    assert_eq!(schema_violations(&broken).len(), 2);

    // Every event of the timeline, once.
    let conn = duckdb::Connection::open(&store).unwrap();
    let (events, case_objects): (i64, i64) = conn
        .query_row(
            "select (select count(*) from event), (select count(*) from \"case\")",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let listed = log["events"].as_array().unwrap();
    assert_eq!(listed.len() as i64, events);
    let ids: BTreeSet<&str> = listed.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), listed.len(), "event ids are unique");

    // Every relationship points to an object of the log; every event and object type is
    // declared with the attributes its members use.
    let objects: BTreeMap<&str, &str> = log["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["id"].as_str().unwrap(), o["type"].as_str().unwrap()))
        .collect();
    let of_cases = objects
        .values()
        .filter(|t| !["customer", "vehicle", "advisor"].contains(t))
        .count();
    assert_eq!(of_cases as i64, case_objects, "one object per case");
    let declared = |section: &str| -> BTreeMap<String, BTreeSet<String>> {
        log[section]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["name"].as_str().unwrap().to_string(),
                    t["attributes"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|a| a["name"].as_str().unwrap().to_string())
                        .collect(),
                )
            })
            .collect()
    };
    let (event_types, object_types) = (declared("eventTypes"), declared("objectTypes"));
    assert_eq!(
        object_types.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "advisor",
            "after-sales ticket",
            "booking",
            "customer",
            "follow-up",
            "inquiry",
            "job",
            "vehicle"
        ]
    );
    for e in listed {
        let t = e["type"].as_str().unwrap();
        let attrs = &event_types[t];
        for a in e["attributes"].as_array().unwrap() {
            assert!(attrs.contains(a["name"].as_str().unwrap()), "{t}: {a}");
        }
        for r in e["relationships"].as_array().unwrap() {
            let id = r["objectId"].as_str().unwrap();
            assert!(objects.contains_key(id), "{id} is an object");
        }
    }
    for o in log["objects"].as_array().unwrap() {
        for r in o["relationships"].as_array().unwrap() {
            assert!(objects.contains_key(r["objectId"].as_str().unwrap()));
        }
    }
    // Times carry the branch's offset: Medan is UTC+7.
    assert!(
        listed
            .iter()
            .all(|e| e["time"].as_str().unwrap().ends_with("+07:00"))
    );
}
