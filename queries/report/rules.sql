-- Per rule in one semester ($1): counts by status and the median of the measured values that
-- were judged, for the branch as a whole (advisor null) and for each advisor, per report scope.
-- A rule measuring in more than one unit (KSP-4.2.2: business minutes between updates, or days
-- without one) shows the median of its most frequent unit only: a median across units means
-- nothing, and the choice does not depend on row order.
with f as (
    select scope, coalesce(advisor, '(none)') as advisor, rule_id, status, measured, "limit", unit
    from report_finding
    where semester = $1
),
main as (
    select scope, rule_id, first(unit order by n desc, unit) as unit
    from (select scope, rule_id, unit, count(*) as n from f where unit is not null group by all)
    group by scope, rule_id
)
select case when grouping(advisor) = 1 then null else advisor end as advisor, f.rule_id,
       count(*) filter (where status = 'pass') as pass,
       count(*) filter (where status = 'fail') as fail,
       count(*) filter (where status = 'unknown') as unknown,
       quantile_disc(measured, 0.5) filter (where status in ('pass', 'fail')
                                              and f.unit is not distinct from m.unit) as median,
       -- The limit in the same unit as the median beside it.
       max("limit") filter (where f.unit is not distinct from m.unit) as "limit",
       max(m.unit) as unit,
       f.scope
from f
left join main m using (scope, rule_id)
group by grouping sets ((f.scope, f.rule_id), (f.scope, advisor, f.rule_id))
order by f.scope, advisor nulls first, f.rule_id;
