-- Reviewed findings and machine fails of one semester ($1; every semester when null), per
-- advisor, rule and pair of verdicts: the report's review section, the scorecards and
-- `patuh review agreement` all count from these rows; the branch last, so a branch's report
-- takes its own rows (the counts add up over branches).
select coalesce(advisor, '') as advisor, rule_id, machine_status, status,
       review_decision is not null as reviewed, count(*) as findings, branch
from finding_verdict
where ($1 is null or semester = $1)
  and (review_decision is not null or machine_status = 'fail')
group by all
order by all;
