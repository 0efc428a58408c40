-- One advisor's findings in a semester, per rule: counts by status, median measured, limit.
-- Cases are those a rule applied to (na left out).
-- $1 = advisor name (as on the records, case-insensitive), $2 = semester.
select split_part(rule_id, '-', 1) as sop, rule_id,
       count(distinct case_kind || case_key) filter (where status <> 'na') as cases,
       count(*) filter (where status = 'pass') as pass,
       count(*) filter (where status = 'fail') as fail,
       count(*) filter (where status = 'advisory') as advisory,
       count(*) filter (where status = 'unknown') as unknown,
       count(*) filter (where status = 'na') as na,
       median(measured) as median_measured,
       max("limit") as "limit",
       any_value(unit) as unit
from finding
where lower(advisor) = lower($1) and semester = $2
group by all
order by sop, rule_id;
