-- The rebuild's summary: cases per kind, events, and link rates per source (the share of each
-- source's records or messages tied to a case). `ord` keeps the printed order.
with chatted as (
    -- Case objects with at least one message.
    select distinct o.object_id
    from event_object o join event e using (event_id)
    where e.text is not null and o.object_id not like 'customer:%'
),
rates as (
    select 1 as ord, 'whatsapp messages' as name,
           count(distinct e.event_id) filter (where o.object_id not like 'customer:%') as a,
           count(distinct e.event_id) as b
    from event e left join event_object o using (event_id)
    where e.text is not null and e.actor_role <> 'system'
    union all
    select 2, 'whatsapp chats', count(*) filter (where outcome in ('phone', 'plate', 'name', 'new_customer')),
           count(*)
    from timeline_link
    union all
    select case when c.case_kind = 'booking' then 3 when c.case_kind = 'job' then 4 else 5 end,
           case when c.case_kind in ('booking', 'job') then c.case_kind || 's'
                else 'tickets' end || ' with their chat',
           count(*) filter (where h.object_id is not null), count(*)
    from "case" c left join chatted h using (object_id)
    where c.case_kind in ('booking', 'job', 'inquiry', 'aftersales')
    group by all
    union all
    select 6, 'bookings with their job (arrived)', (select count(*) from booking_job),
           count(*) filter (where c.closed_at < (select max(occurred_at) from event))
    from "case" c where c.case_kind = 'booking'
)
select what, name, a, b
from (
    select 0 as ord, 'case' as what, case_kind as name, count(*) as a, 0 as b
    from "case" group by case_kind
    union all
    select 0, 'events', '', count(*), 0 from event
    union all
    select ord, 'rate', name, a, b from rates
)
order by ord, what, name;
