-- Per advisor and SOP in one semester ($1), per report scope: counts by status, and the
-- advisor's branch (the one most of their findings are in: an advisor who moved is shown at
-- the branch of most work).
-- Counted per case first, then scoped: the scopes double only the cases' rows, not the
-- findings' (at `--scale 10` 0.65 s -> 0.18 s).
with per_case as (
    select coalesce(advisor, '(none)') as advisor, split_part(rule_id, '-', 1) as sop, branch,
           case_kind || ':' || case_key as case_id,
           count(*) as findings,
           count(*) filter (where status = 'pass') as pass,
           count(*) filter (where status = 'fail') as fail,
           count(*) filter (where status = 'advisory') as advisory,
           count(*) filter (where status = 'unknown') as unknown,
           bool_or(status <> 'na') as judged,
           -- A violation in SOP section 7's sense: a case with at least one failed clause.
           bool_or(status = 'fail') as violated
    from finding
    where semester = $1
    group by all
),
scoped as (
    select p.*, s.scope, sum(p.findings) over (partition by s.scope, p.advisor, p.branch) as n
    from per_case p
    join report_scope s using (branch)
)
select advisor, sop, first(branch order by n desc, branch) as branch,
       sum(pass)::bigint as pass,
       sum(fail)::bigint as fail,
       sum(advisory)::bigint as advisory,
       sum(unknown)::bigint as unknown,
       count(distinct case_id) filter (where judged) as cases,
       count(distinct case_id) filter (where violated) as violations,
       scope
from scoped
group by scope, advisor, sop
order by scope, advisor, sop;
