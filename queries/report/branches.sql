-- Compliance per branch and SOP in one semester ($1), for the branch comparison, per report
-- scope.
select branch, split_part(rule_id, '-', 1) as sop,
       count(*) filter (where status = 'pass') as pass,
       count(*) filter (where status = 'fail') as fail,
       count(*) filter (where status = 'unknown') as unknown,
       scope
from report_finding
where semester = $1
group by all
order by scope, branch, sop;
