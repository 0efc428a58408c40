-- The three clauses with most fails in each branch in one semester ($1), for the group report's
-- branches side by side, per report scope.
select branch, rule_id, fails, scope
from (select scope, branch, rule_id, count(*) as fails
      from report_finding
      where semester = $1 and status = 'fail'
      group by scope, branch, rule_id)
qualify row_number() over (partition by scope, branch order by fails desc, rule_id) <= 3
order by scope, branch, fails desc, rule_id;
