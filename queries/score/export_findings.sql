-- findings.csv / findings.parquet: the columns PRODUCT.md fixes, then rule_version, reason and
-- semester, then the review: status is the verdict after review, machine_status patuh's own
-- (equal when no decision applies) (columns only grow).
select case_kind, case_key, branch, advisor, rule_id, status, measured, "limit", unit,
       strftime(started_at, '%Y-%m-%d %H:%M') as started_at,
       strftime(due_at, '%Y-%m-%d %H:%M') as due_at,
       strftime(done_at, '%Y-%m-%d %H:%M') as done_at,
       evidence, rule_version, reason, semester,
       machine_status, review_decision, review_reason, reviewer,
       strftime(reviewed_on, '%Y-%m-%d') as reviewed_on, review_source
from finding_verdict
order by case_kind, case_key, rule_id
