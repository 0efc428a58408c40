-- Findings patuh left unknown because a message it could not read with confidence may be the
-- one the rule looks for ("needs review": the fail would rest on that message's absence), in
-- one semester ($1) or every semester when null; a supervisor reads the evidence and decides
-- (`patuh review export`).
select rule_id, case_kind, case_key, branch,
       coalesce(advisor, '') as advisor, reason, evidence
from finding
where starts_with(reason, 'needs review:')
  and ($1 is null or semester = $1)
order by rule_id, case_key;
