-- Findings that need review (see checks/chk_needs_review.sql), counted per SOP for the report,
-- in one semester ($1; every semester when null).
select split_part(rule_id, '-', 1) as sop, count(*) as findings
from finding
where starts_with(reason, 'needs review:')
  and ($1 is null or semester = $1)
group by sop
order by sop;
