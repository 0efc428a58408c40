-- The cases the workbook's Temuan sheet lists (a fail, an unknown or a reviewed finding:
-- queries/report/workbook_rows.sql), for its Kasus sheet; every case judged is in cases.csv.
-- Of one branch ($1), or of the group when null.
select distinct case_kind, case_key, case_branch as branch, case_advisor as advisor, opened_at,
       closed_at
from report_rows.finding
where has_case and ($1 is null or (case_branch = $1 and branch = $1))
order by case_kind, case_key;
