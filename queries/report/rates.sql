-- Counts by status per semester, SOP and rule (the basis of every compliance rate:
-- pass / (pass + fail), with advisory, na and unknown beside it), per report scope (counted per
-- branch first, then scoped: see monthly.sql).
with counted as (
    select branch, semester, rule_id,
           count(*) filter (where status = 'pass') as pass,
           count(*) filter (where status = 'fail') as fail,
           count(*) filter (where status = 'advisory') as advisory,
           count(*) filter (where status = 'na') as na,
           count(*) filter (where status = 'unknown') as unknown
    from finding
    group by all
)
select semester, split_part(rule_id, '-', 1) as sop, rule_id,
       sum(pass)::bigint as pass,
       sum(fail)::bigint as fail,
       sum(advisory)::bigint as advisory,
       sum(na)::bigint as na,
       sum(unknown)::bigint as unknown,
       scope
from counted
join report_scope using (branch)
group by scope, semester, rule_id
order by scope, semester, sop, rule_id;
