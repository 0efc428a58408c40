-- lake/findings: every finding with every column, partitioned by branch and semester.
-- Sorted so a second run writes the same bytes (a small lake's files keep the order; with
-- several threads writing, DuckDB 2.0's partitioned write does not keep it within a file).
select case_kind, case_key, branch, advisor, rule_id, status, measured, "limit", unit,
       started_at, due_at, done_at, evidence, rule_version, reason, semester,
       machine_status, review_decision, review_reason, reviewer, reviewed_on, review_source
from finding_verdict
order by case_kind, case_key, rule_id
