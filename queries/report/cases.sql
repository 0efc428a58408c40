-- The cases of one semester ($1) that the workbook's Temuan sheet lists (a fail, an unknown or
-- a reviewed finding), for its Kasus sheet; every case judged is in cases.csv. Of one branch
-- ($2), or of the group when null.
select distinct c.case_kind, c.case_key, c.branch, c.advisor, c.opened_at, c.closed_at
from "case" c
join finding_verdict f on f.case_kind = c.case_kind and f.case_key = c.case_key
where f.semester = $1 and ($2 is null or (c.branch = $2 and f.branch = $2))
  and (f.status in ('fail', 'unknown') or f.machine_status in ('fail', 'unknown')
       or f.review_decision is not null)
order by c.case_kind, c.case_key;
