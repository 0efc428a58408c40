-- A fail is an accusation: it says why, and shows at least one piece of evidence.
select case_kind, case_key, rule_id, reason, evidence
from finding
where status = 'fail'
  and (coalesce(reason, '') = '' or coalesce(evidence, '') = '');
