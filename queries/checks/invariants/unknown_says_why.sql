-- An unknown says what patuh could not see.
select case_kind, case_key, rule_id
from finding
where status = 'unknown' and coalesce(reason, '') = '';
