-- The cases judged in one semester ($1), for the workbook's Kasus sheet.
select distinct c.case_kind, c.case_key, c.branch, c.advisor, c.opened_at, c.closed_at
from "case" c
join finding f on f.case_kind = c.case_kind and f.case_key = c.case_key
where f.semester = $1
order by c.case_kind, c.case_key;
