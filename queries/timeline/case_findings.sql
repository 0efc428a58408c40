-- One case's verdicts, in catalog order of rule ids.
select rule_id, status, measured, "limit", unit, reason, evidence
from finding
where case_kind = $1 and case_key = $2
order by rule_id;
