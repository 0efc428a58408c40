-- Pass and fail per advisor, branch, month of the case's start and SOP in one semester ($1),
-- counted once for monthly.sql and branch_monthly.sql: joining the findings to their cases is
-- the costly part, and each query did it (at `--scale 100` 0.60 s + 0.45 s).
create or replace temp table report_month as
select coalesce(f.advisor, '(none)') as advisor, f.branch,
       strftime(c.opened_at, '%Y-%m') as month,
       split_part(f.rule_id, '-', 1) as sop,
       count(*) filter (where f.status = 'pass') as pass,
       count(*) filter (where f.status = 'fail') as fail
from finding f
join "case" c on c.case_kind = f.case_kind and c.case_key = f.case_key
where f.semester = $1
group by all;
