-- Per advisor in one semester ($1): cases judged and cases with at least one failed clause
-- (each case once, whatever SOPs judged it): the scorecard's second headline figure.
select coalesce(advisor, '(none)') as advisor,
       count(distinct case_kind || ':' || case_key) filter (where status <> 'na') as cases,
       count(distinct case_kind || ':' || case_key) filter (where status = 'fail') as violating
from finding
where semester = $1
group by all
order by advisor;
