-- Clause compliance per branch and month of the case's start (report_month: month_counts.sql),
-- for the group report's branches side by side over time, per report scope.
select branch, month, sum(pass)::bigint as pass, sum(fail)::bigint as fail, scope
from report_month
join report_scope using (branch)
group by scope, branch, month
order by scope, branch, month;
