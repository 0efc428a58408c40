-- Statuses are the five RULES.md names.
select case_kind, case_key, rule_id, status
from finding
where status not in ('pass', 'fail', 'advisory', 'na', 'unknown');
