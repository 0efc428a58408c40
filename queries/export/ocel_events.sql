-- OCEL events: every event of the timelines, in time order, with the objects it belongs to.
-- The object ids come as one text joined by the unit separator (chr(31)), which no id holds.
select e.event_id, e.branch, e.occurred_at, e.activity, e.actor_role, e.actor, e.labels,
       e.attributes, coalesce(o.objects, '') as objects
from event e
-- Sorted after aggregating (an ordered aggregate is slow: see lake_events.sql).
left join (select event_id, array_to_string(list_sort(list(object_id)), chr(31)) as objects
           from event_object
           group by event_id) o using (event_id)
order by e.occurred_at, e.seq, e.event_id;
