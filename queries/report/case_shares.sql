-- The second headline figure in one semester ($1): cases judged (at least one clause not `na`)
-- and cases with at least one failed clause, per SOP, per advisor, per branch and overall, in
-- one pass. A case counts once per group even when clauses of several SOPs (CHK beside BKG)
-- judged it.
select case grouping(sop, advisor, branch) when 3 then 'sop' when 5 then 'advisor'
                                           when 6 then 'branch' else 'all' end as level,
       coalesce(sop, advisor, branch) as name,
       count(distinct case_kind || ':' || case_key) filter (where status <> 'na') as cases,
       count(distinct case_kind || ':' || case_key) filter (where status = 'fail') as violating
from (select split_part(rule_id, '-', 1) as sop, coalesce(advisor, '(none)') as advisor,
             branch, case_kind, case_key, status
      from finding
      where semester = $1)
group by grouping sets ((sop), (advisor), (branch), ())
