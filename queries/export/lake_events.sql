-- lake/events: every event of the timelines with the objects it belongs to (a list), in the
-- semester of its date (lake_semester, filled from the calendar's semester rule).
select e.event_id, e.branch, e.occurred_at, e.seq, e.actor_role, e.actor, e.activity,
       e.labels, e.attributes, e.text, e.customer,
       (select list(o.object_id order by o.object_id) from event_object o
        where o.event_id = e.event_id) as objects,
       s.semester
from event e
join lake_semester s on s.day = e.occurred_at::date
