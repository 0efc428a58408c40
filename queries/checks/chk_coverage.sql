-- Data coverage: per branch and rule, findings judged (pass or fail) and findings left unknown
-- because the record's export lacks a column the rule needs, with the columns named — in one
-- semester ($1), or every semester when null. Only the rules missing data somewhere are listed.
select branch, rule_id,
       count(*) filter (where status in ('pass', 'fail')) as judged,
       count(*) filter (where starts_with(reason, 'data missing:')) as missing,
       string_agg(distinct substr(reason, length('data missing: ') + 1), '; ')
           filter (where starts_with(reason, 'data missing:')) as what
from finding
where $1 is null or semester = $1
group by branch, rule_id
having count(*) filter (where starts_with(reason, 'data missing:')) > 0
order by branch, rule_id;
