-- Per rule in one semester ($1): counts by status and the median of the measured values that
-- were judged, for the branch as a whole (advisor null) and for each advisor.
with f as (
    select coalesce(advisor, '(none)') as advisor, rule_id, status, measured, "limit", unit
    from finding
    where semester = $1
)
select case when grouping(advisor) = 1 then null else advisor end as advisor, rule_id,
       count(*) filter (where status = 'pass') as pass,
       count(*) filter (where status = 'fail') as fail,
       count(*) filter (where status = 'unknown') as unknown,
       quantile_disc(measured, 0.5) filter (where status in ('pass', 'fail')) as median,
       max("limit") as "limit",
       any_value(unit) filter (where unit is not null) as unit
from f
group by grouping sets ((rule_id), (advisor, rule_id))
order by advisor nulls first, rule_id;
