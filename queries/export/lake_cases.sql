-- lake/cases: every case, in the semester of its earliest finding ('unscored' without one),
-- with its counts of findings by status.
select c.case_kind, c.case_key, c.branch, c.advisor, c.customer, c.phone, c.plate,
       c.opened_at, c.closed_at,
       count(f.rule_id) filter (where f.status = 'pass') as pass,
       count(f.rule_id) filter (where f.status = 'fail') as fail,
       count(f.rule_id) filter (where f.status = 'advisory') as advisory,
       count(f.rule_id) filter (where f.status = 'na') as na,
       count(f.rule_id) filter (where f.status = 'unknown') as unknown,
       coalesce(min(f.semester), 'unscored') as semester
from "case" c
left join finding f on f.case_kind = c.case_kind and f.case_key = c.case_key
group by all
