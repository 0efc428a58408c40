-- Per advisor and SOP in one semester ($1): counts by status, and the advisor's branch (the one
-- most of their findings are in: an advisor who moved is shown at the branch of most work).
select coalesce(advisor, '(none)') as advisor, split_part(rule_id, '-', 1) as sop,
       first(branch order by n desc, branch) as branch,
       count(*) filter (where status = 'pass') as pass,
       count(*) filter (where status = 'fail') as fail,
       count(*) filter (where status = 'advisory') as advisory,
       count(*) filter (where status = 'unknown') as unknown,
       count(distinct case_kind || ':' || case_key) filter (where status <> 'na') as cases,
       -- A violation in SOP section 7's sense: a case with at least one failed clause.
       count(distinct case_kind || ':' || case_key) filter (where status = 'fail') as violations
from (select *, count(*) over (partition by advisor, branch) as n
      from finding where semester = $1)
group by all
order by advisor, sop;
