-- The findings of one semester ($1) a reader of the workbook looks into (every fail and unknown,
-- and every finding a review decided), with their case, held once in the report's own
-- in-memory database for the group's workbook and every branch's (each branch's workbook then
-- reads its own rows instead of filtering the whole finding table: at `--scale 100`, 100
-- branches, 0.45 s each). Sorted by branch, so a branch's rows are a few row groups.
create or replace table report_rows.finding as
select f.rule_id, f.status, f.case_kind, f.case_key, f.branch,
       coalesce(f.advisor, '') as advisor, f.measured, f."limit", f.unit, f.started_at,
       f.due_at, f.done_at, f.reason, f.evidence, c.customer, f.machine_status,
       f.review_decision, f.review_reason, f.reviewer,
       c.case_key is not null as has_case, c.branch as case_branch, c.advisor as case_advisor,
       c.opened_at, c.closed_at
from finding_verdict f
left join "case" c on c.case_kind = f.case_kind and c.case_key = f.case_key
where f.semester = $1
  and (f.status in ('fail', 'unknown') or f.machine_status in ('fail', 'unknown')
       or f.review_decision is not null)
order by f.branch, f.case_kind, f.case_key, f.rule_id;
