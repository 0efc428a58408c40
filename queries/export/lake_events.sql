-- lake/events: every event of the timelines with the objects it belongs to (a list, sorted), in
-- the semester of its date (lake_semester, filled from the calendar's semester rule).
-- The list is sorted after aggregating, not by an ordered aggregate: at `--scale 100` (7 M
-- events) `list(object_id order by object_id)` alone took 35 s, `list_sort(list(object_id))` 8 s.
-- Sorted (see lake_findings.sql).
select e.event_id, e.branch, e.occurred_at, e.seq, e.actor_role, e.actor, e.activity,
       e.labels, e.attributes, e.text, e.customer, o.objects, s.semester
from event e
left join (select event_id, list_sort(list(object_id)) as objects
           from event_object
           group by event_id) o using (event_id)
-- A left join though every event's day is in lake_semester: as an inner join the optimizer
-- joined it first and the objects' join after, 34-56 s instead of 8 s at `--scale 100`.
left join lake_semester s on s.day = e.occurred_at::date
order by e.event_id
