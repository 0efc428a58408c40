-- The findings of one semester ($1) a reader of the workbook looks into, for its Temuan sheet
-- (streamed, not held): every fail and unknown, and every finding a review decided. The
-- complete findings (passes and n/a too) are findings.csv / findings.parquet beside it.
-- With the case's customer so the evidence locations can be masked, and the review decision.
-- Of one branch ($2), or of the group when null.
select f.rule_id, f.status, f.case_kind, f.case_key, f.branch, coalesce(f.advisor, '') as advisor,
       f.measured, f."limit", f.unit, f.started_at, f.due_at, f.done_at, f.reason, f.evidence,
       c.customer, f.machine_status, f.review_decision, f.review_reason, f.reviewer
from finding_verdict f
left join "case" c on c.case_kind = f.case_kind and c.case_key = f.case_key
                  and ($2 is null or c.branch = $2)
where f.semester = $1 and ($2 is null or f.branch = $2)
  and (f.status in ('fail', 'unknown') or f.machine_status in ('fail', 'unknown')
       or f.review_decision is not null)
order by f.case_kind, f.case_key, f.rule_id;
