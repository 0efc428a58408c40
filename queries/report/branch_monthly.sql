-- Clause compliance per branch and month of the case's start in one semester ($1), for the
-- group report's branches side by side over time, per report scope (counted first, then
-- scoped: see monthly.sql).
with counted as (
    select f.branch, strftime(c.opened_at, '%Y-%m') as month,
           count(*) filter (where f.status = 'pass') as pass,
           count(*) filter (where f.status = 'fail') as fail
    from finding f
    join "case" c on c.case_kind = f.case_kind and c.case_key = f.case_key
    where f.semester = $1
    group by all
)
select branch, month, pass, fail, scope
from counted
join report_scope using (branch)
order by scope, branch, month;
