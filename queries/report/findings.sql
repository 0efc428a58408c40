-- The findings a reader of the workbook looks into, for its Temuan sheet (streamed, not held):
-- every fail and unknown, and every finding a review decided (queries/report/workbook_rows.sql
-- holds them). The complete findings (passes and n/a too) are findings.csv / findings.parquet
-- beside it. With the case's customer so the evidence locations can be masked, and the review
-- decision. Of one branch ($1), or of the group when null; a branch's report names the
-- customer of its own cases only.
select rule_id, status, case_kind, case_key, branch, advisor, measured, "limit", unit,
       started_at, due_at, done_at, reason, evidence,
       case when $1 is null or case_branch = $1 then customer end as customer,
       machine_status, review_decision, review_reason, reviewer
from report_rows.finding
where $1 is null or branch = $1
order by case_kind, case_key, rule_id;
