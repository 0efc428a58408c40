-- Pass and fail per month of the case's start and SOP, in one semester ($1).
select strftime(c.opened_at, '%Y-%m') as month, split_part(f.rule_id, '-', 1) as sop,
       count(*) filter (where f.status = 'pass') as pass,
       count(*) filter (where f.status = 'fail') as fail
from finding f
join "case" c on c.case_kind = f.case_kind and c.case_key = f.case_key
where f.semester = $1
group by all
order by month, sop;
