-- The three clauses with most fails in each branch in one semester ($1), for the group report's
-- branches side by side.
select branch, rule_id, fails
from (select branch, rule_id, count(*) as fails
      from finding
      where semester = $1 and status = 'fail'
      group by branch, rule_id)
qualify row_number() over (partition by branch order by fails desc, rule_id) <= 3
order by branch, fails desc, rule_id;
