-- cases.csv / cases.parquet: one row per case with its counts of findings by status.
-- The findings (queries/export/case_counts.sql) and the events are counted per case first,
-- then joined.
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
left join case_finding_counts f using (case_kind, case_key)
left join (select object_id, count(*) as events from event_object group by all) e using (object_id)
order by c.case_kind, c.case_key
