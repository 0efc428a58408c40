-- lake/cases: every case, in the semester of its earliest finding ('unscored' without one),
-- with its counts of findings by status, its object id (events name it) and, for tickets, what
-- the report's recurring-topics section reads — so a report can be built from the lake alone.
select c.case_kind, c.case_key, c.branch, c.advisor, c.customer, c.phone, c.plate,
       c.opened_at, c.closed_at,
       count(f.rule_id) filter (where f.status = 'pass') as pass,
       count(f.rule_id) filter (where f.status = 'fail') as fail,
       count(f.rule_id) filter (where f.status = 'advisory') as advisory,
       count(f.rule_id) filter (where f.status = 'na') as na,
       count(f.rule_id) filter (where f.status = 'unknown') as unknown,
       coalesce(min(f.semester), 'unscored') as semester,
       c.object_id, t.type as ticket_type, t.subject as ticket_subject,
       t.product as ticket_product, t.warranty_status as ticket_warranty_status
from "case" c
left join finding f on f.case_kind = c.case_kind and f.case_key = c.case_key
left join latest_ticket t on c.case_kind in ('inquiry', 'aftersales') and t.ticket_id = c.case_key
group by all

order by c.case_kind, c.case_key
