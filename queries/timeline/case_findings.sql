-- One case's verdicts, in catalog order of rule ids, with the review decision applied to each.
select rule_id, status, measured, "limit", unit, reason, evidence,
       machine_status, review_decision, review_reason, reviewer, reviewed_on, review_source
from finding_verdict
where case_kind = $1 and case_key = $2
order by rule_id;
