-- The second headline figure in one semester ($1): cases judged (at least one clause not `na`)
-- and cases with at least one failed clause, per SOP, per advisor, per branch and overall, in
-- one pass, per report scope. A case counts once per group even when clauses of several SOPs
-- (CHK beside BKG) judged it. Counted per case first, then scoped (see advisors.sql); the
-- case named once as one text, not concatenated again for each count.
with per_case as (
    select split_part(rule_id, '-', 1) as sop, coalesce(advisor, '(none)') as advisor, branch,
           case_kind || ':' || case_key as case_id,
           bool_or(status <> 'na') as judged,
           bool_or(status = 'fail') as violated
    from finding
    where semester = $1
    group by all
)
select case grouping(sop, advisor, branch) when 3 then 'sop' when 5 then 'advisor'
                                           when 6 then 'branch' else 'all' end as level,
       coalesce(sop, advisor, branch) as name,
       count(distinct case_id) filter (where judged) as cases,
       count(distinct case_id) filter (where violated) as violating,
       scope
from per_case
join report_scope using (branch)
group by grouping sets ((scope, sop), (scope, advisor), (scope, branch), (scope))
