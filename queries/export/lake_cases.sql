-- lake/cases: every case, in the semester of its earliest finding ('unscored' without one),
-- with its counts of findings by status, its object id (events name it) and, for tickets, what
-- the report's recurring-topics section reads — so a report can be built from the lake alone.
-- Sorted (see lake_findings.sql); findings counted per case first
-- (queries/export/case_counts.sql).
select c.case_kind, c.case_key, c.branch, c.advisor, c.customer, c.phone, c.plate,
       c.opened_at, c.closed_at,
       coalesce(f.pass, 0) as pass,
       coalesce(f.fail, 0) as fail,
       coalesce(f.advisory, 0) as advisory,
       coalesce(f.na, 0) as na,
       coalesce(f.unknown, 0) as unknown,
       coalesce(f.semester, 'unscored') as semester,
       c.object_id, t.type as ticket_type, t.subject as ticket_subject,
       t.product as ticket_product, t.warranty_status as ticket_warranty_status
from "case" c
left join case_finding_counts f using (case_kind, case_key)
left join latest_ticket t on c.case_kind in ('inquiry', 'aftersales') and t.ticket_id = c.case_key
order by c.case_kind, c.case_key
