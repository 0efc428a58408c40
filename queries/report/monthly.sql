-- Pass and fail per month of the case's start and SOP, in one semester ($1): for the branch
-- as a whole (advisor null) and for each advisor (their scorecard's trend), per report scope.
-- Counted per advisor, branch, month and SOP first, then scoped: the scopes double those few
-- rows, not the findings (see advisors.sql).
with counted as (
    select coalesce(f.advisor, '(none)') as advisor, f.branch,
           strftime(c.opened_at, '%Y-%m') as month,
           split_part(f.rule_id, '-', 1) as sop,
           count(*) filter (where f.status = 'pass') as pass,
           count(*) filter (where f.status = 'fail') as fail
    from finding f
    join "case" c on c.case_kind = f.case_kind and c.case_key = f.case_key
    where f.semester = $1
    group by all
)
select case when grouping(advisor) = 1 then null else advisor end as advisor, month, sop,
       sum(pass)::bigint as pass,
       sum(fail)::bigint as fail,
       scope
from counted
join report_scope using (branch)
group by grouping sets ((scope, month, sop), (scope, advisor, month, sop))
order by scope, advisor nulls first, month, sop;
