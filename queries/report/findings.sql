-- Every finding of one semester ($1), for the workbook's Temuan sheet (streamed, not held).
select f.rule_id, f.status, f.case_kind, f.case_key, f.branch, coalesce(f.advisor, '') as advisor,
       f.measured, f."limit", f.unit, f.started_at, f.due_at, f.done_at, f.reason, f.evidence
from finding f
where f.semester = $1
order by f.case_kind, f.case_key, f.rule_id;
