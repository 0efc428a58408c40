-- lake/findings: every finding with every column, partitioned by branch and semester.
select case_kind, case_key, branch, advisor, rule_id, status, measured, "limit", unit,
       started_at, due_at, done_at, evidence, rule_version, reason, semester,
       machine_status, review_decision, review_reason, reviewer, reviewed_on, review_source
from finding_verdict

order by case_kind, case_key, rule_id
