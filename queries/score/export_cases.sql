-- cases.csv / cases.parquet: one row per case with its counts of findings by status.
select c.case_kind, c.case_key, c.branch, c.advisor, c.customer, c.phone, c.plate,
       strftime(c.opened_at, '%Y-%m-%d %H:%M') as opened_at,
       strftime(c.closed_at, '%Y-%m-%d %H:%M') as closed_at,
       count(f.rule_id) filter (where f.status = 'pass') as pass,
       count(f.rule_id) filter (where f.status = 'fail') as fail,
       count(f.rule_id) filter (where f.status = 'advisory') as advisory,
       count(f.rule_id) filter (where f.status = 'na') as na,
       count(f.rule_id) filter (where f.status = 'unknown') as unknown,
       (select count(*) from event_object o where o.object_id = c.object_id) as events
from "case" c
left join finding f on f.case_kind = c.case_kind and f.case_key = c.case_key
group by all
order by c.case_kind, c.case_key
