-- OCEL events: every event of the timelines, in time order, with the objects it belongs to.
-- The object ids come as one text joined by the unit separator (chr(31)), which no id holds.
select e.event_id, e.branch, e.occurred_at, e.activity, e.actor_role, e.actor, e.labels,
       e.attributes, coalesce(o.objects, '') as objects
from event e
left join (select event_id, string_agg(object_id, chr(31) order by object_id) as objects
           from event_object
           group by event_id) o using (event_id)
order by e.occurred_at, e.seq, e.event_id;
