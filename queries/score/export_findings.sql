-- findings.csv / findings.parquet: the columns PRODUCT.md fixes, then rule_version, reason and
-- semester (columns only grow).
select case_kind, case_key, branch, advisor, rule_id, status, measured, "limit", unit,
       strftime(started_at, '%Y-%m-%d %H:%M') as started_at,
       strftime(due_at, '%Y-%m-%d %H:%M') as due_at,
       strftime(done_at, '%Y-%m-%d %H:%M') as done_at,
       evidence, rule_version, reason, semester
from finding
order by case_kind, case_key, rule_id
