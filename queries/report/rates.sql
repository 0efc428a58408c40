-- Counts by status per semester, SOP and rule (the basis of every compliance rate:
-- pass / (pass + fail), with advisory, na and unknown beside it), per report scope.
select semester, split_part(rule_id, '-', 1) as sop, rule_id,
       count(*) filter (where status = 'pass') as pass,
       count(*) filter (where status = 'fail') as fail,
       count(*) filter (where status = 'advisory') as advisory,
       count(*) filter (where status = 'na') as na,
       count(*) filter (where status = 'unknown') as unknown,
       scope
from report_finding
group by all
order by semester, sop, rule_id;
