-- lake/events: every event of the timelines with the objects it belongs to (a list), in the
-- semester of its date (lake_semester, filled from the calendar's semester rule).
select e.event_id, e.branch, e.occurred_at, e.seq, e.actor_role, e.actor, e.activity,
       e.labels, e.attributes, e.text, e.customer, o.objects, s.semester
from event e
left join (select event_id, list(object_id order by object_id) as objects
           from event_object
           group by event_id) o using (event_id)
join lake_semester s on s.day = e.occurred_at::date

order by e.event_id
