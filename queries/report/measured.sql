-- Measured values of the time rules the report draws as distributions, in one semester ($1),
-- per report scope.
select rule_id, measured, "limit", coalesce(unit, '') as unit, scope
from report_finding
where semester = $1 and measured is not null and status in ('pass', 'fail')
  and rule_id in ('BKG-4.1.2', 'KSP-5.1', 'FUT-5.1')
order by scope, rule_id, measured;
