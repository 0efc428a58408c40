-- Findings that need review (see checks/chk_needs_review.sql), counted per SOP for the report,
-- in one semester ($1), per report scope.
select split_part(rule_id, '-', 1) as sop, count(*) as findings, scope
from report_finding
where starts_with(reason, 'needs review:') and semester = $1
group by scope, sop
order by scope, sop;
