-- Pass and fail per month of the case's start and SOP, in one semester ($1): for the branch
-- as a whole (advisor null) and for each advisor (their scorecard's trend), per report scope.
with f as (
    select coalesce(f.advisor, '(none)') as advisor,
           strftime(c.opened_at, '%Y-%m') as month,
           split_part(f.rule_id, '-', 1) as sop,
           f.status, f.scope
    from report_finding f
    join "case" c on c.case_kind = f.case_kind and c.case_key = f.case_key
    where f.semester = $1
)
select case when grouping(advisor) = 1 then null else advisor end as advisor, month, sop,
       count(*) filter (where status = 'pass') as pass,
       count(*) filter (where status = 'fail') as fail,
       scope
from f
group by grouping sets ((scope, month, sop), (scope, advisor, month, sop))
order by scope, advisor nulls first, month, sop;
