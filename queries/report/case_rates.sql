-- The second headline figure: per SOP (and overall, sop = null) in one semester ($1), the cases
-- judged (at least one clause not `na`) and the cases with at least one failed clause. A case
-- counts once overall even when clauses of several SOPs (CHK beside BKG) judged it.
select split_part(rule_id, '-', 1) as sop,
       count(distinct case_kind || ':' || case_key) filter (where status <> 'na') as cases,
       count(distinct case_kind || ':' || case_key) filter (where status = 'fail') as violating
from finding
where semester = $1
group by grouping sets ((split_part(rule_id, '-', 1)), ())
order by sop nulls last;
