-- Findings of one semester ($1) whose verdict a supervisor changed (overturned: the status
-- after review differs from patuh's), with the decision, for the scorecards and the workbook,
-- per report scope.
select coalesce(advisor, '(none)') as advisor, rule_id, case_kind, case_key, machine_status,
       status, review_decision, review_reason, reviewer, reviewed_on, review_source, scope
from report_finding_verdict
where semester = $1 and review_decision is not null and status <> machine_status
order by scope, advisor, rule_id, case_key;
