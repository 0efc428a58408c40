-- Bookings asked for in chat that no booking record holds (cases chat:<phone>:<date>) in the
-- semester ($1), and how many of them no advisor is attributed to, per report scope (a scope
-- without such cases has no row).
select count(*) as cases, count(*) filter (where c.advisor is null) as unattributed, c.scope
from report_case c
where c.case_kind = 'booking' and starts_with(c.case_key, 'chat:')
  and exists (select 1 from finding f
              where f.case_kind = c.case_kind and f.case_key = c.case_key
                and f.semester = $1)
group by c.scope
order by c.scope;
