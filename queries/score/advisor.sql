-- One advisor's findings in a semester, per rule: counts by status, median measured, limit.
-- Cases are those a rule applied to (na left out).
-- $1 = advisor name (as on the records, case-insensitive), $2 = semester.
-- A rule measuring in more than one unit shows the median of its most frequent unit in the
-- semester (as queries/report/rules.sql does).
with main as (
    select rule_id, first(unit order by n desc, unit) as unit
    from (select rule_id, unit, count(*) as n from finding
          where semester = $2 and unit is not null group by all)
    group by rule_id
)
select split_part(f.rule_id, '-', 1) as sop, f.rule_id,
       count(distinct case_kind || case_key) filter (where status <> 'na') as cases,
       count(*) filter (where status = 'pass') as pass,
       count(*) filter (where status = 'fail') as fail,
       count(*) filter (where status = 'advisory') as advisory,
       count(*) filter (where status = 'unknown') as unknown,
       count(*) filter (where status = 'na') as na,
       median(measured) filter (where f.unit is not distinct from m.unit) as median_measured,
       -- The limit in the same unit as the median beside it.
       max("limit") filter (where f.unit is not distinct from m.unit) as "limit",
       max(m.unit) as unit
from finding f
left join main m using (rule_id)
where lower(advisor) = lower($1) and semester = $2
group by all
order by sop, f.rule_id;
