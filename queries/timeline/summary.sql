-- The rebuild's summary: cases per kind, events, and link rates per source (the share of each
-- source's records or messages tied to a case).
select 'case' as what, case_kind as name, count(*) as a, 0 as b from "case" group by case_kind
union all
select 'events', '', count(*), 0 from event
union all
select 'rate', 'whatsapp messages',
       count(distinct e.event_id) filter (where o.object_id not like 'customer:%'),
       count(distinct e.event_id)
from event e left join event_object o using (event_id)
where e.text is not null and e.actor_role <> 'system'
union all
select 'rate', 'whatsapp chats',
       count(*) filter (where outcome in ('phone', 'plate', 'name')), count(*)
from timeline_link
union all
select 'rate', 'bookings with their chat',
       count(*) filter (where exists (select 1 from event_object o join event e using (event_id)
                                      where o.object_id = c.object_id and e.text is not null)),
       count(*)
from "case" c where c.case_kind = 'booking'
union all
select 'rate', 'jobs with their chat',
       count(*) filter (where exists (select 1 from event_object o join event e using (event_id)
                                      where o.object_id = c.object_id and e.text is not null)),
       count(*)
from "case" c where c.case_kind = 'job'
union all
select 'rate', 'tickets with their chat',
       count(*) filter (where exists (select 1 from event_object o join event e using (event_id)
                                      where o.object_id = c.object_id and e.text is not null)),
       count(*)
from "case" c where c.case_kind in ('inquiry', 'aftersales')
union all
select 'rate', 'bookings with their job (arrived)', (select count(*) from booking_job),
       count(*) filter (where c.closed_at < (select max(occurred_at) from event))
from "case" c where c.case_kind = 'booking';
