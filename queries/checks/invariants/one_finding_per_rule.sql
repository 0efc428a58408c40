-- A case has at most one finding per rule.
select case_kind, case_key, rule_id, count(*) as findings
from finding
group by all
having count(*) > 1;
