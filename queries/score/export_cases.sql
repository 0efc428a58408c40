-- cases.csv / cases.parquet: one row per case with its counts of findings by status.
-- The findings and the events are counted per case first, then joined: at `--scale 100`
-- (850 k cases, 10 M findings) 1.9 s instead of 7.2 s for a join grouped by every column.
select c.case_kind, c.case_key, c.branch, c.advisor, c.customer, c.phone, c.plate,
       strftime(c.opened_at, '%Y-%m-%d %H:%M') as opened_at,
       strftime(c.closed_at, '%Y-%m-%d %H:%M') as closed_at,
       coalesce(f.pass, 0) as pass,
       coalesce(f.fail, 0) as fail,
       coalesce(f.advisory, 0) as advisory,
       coalesce(f.na, 0) as na,
       coalesce(f.unknown, 0) as unknown,
       coalesce(e.events, 0) as events
from "case" c
left join (select case_kind, case_key,
                  count(*) filter (where status = 'pass') as pass,
                  count(*) filter (where status = 'fail') as fail,
                  count(*) filter (where status = 'advisory') as advisory,
                  count(*) filter (where status = 'na') as na,
                  count(*) filter (where status = 'unknown') as unknown
           from finding
           group by all) f using (case_kind, case_key)
left join (select object_id, count(*) as events from event_object group by all) e using (object_id)
order by c.case_kind, c.case_key
