-- Pass and fail per month of the case's start and SOP (report_month: month_counts.sql): for
-- the branch as a whole (advisor null) and for each advisor (their scorecard's trend), per
-- report scope. The scopes double the counted rows, not the findings (see advisors.sql).
select case when grouping(advisor) = 1 then null else advisor end as advisor, month, sop,
       sum(pass)::bigint as pass,
       sum(fail)::bigint as fail,
       scope
from report_month
join report_scope using (branch)
group by grouping sets ((scope, month, sop), (scope, advisor, month, sop))
order by scope, advisor nulls first, month, sop;
