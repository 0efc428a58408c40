-- Bookings asked for in chat that no booking record holds (cases chat:<phone>:<date>) in the
-- semester ($1; every semester when null), and how many of them no advisor is attributed to.
select count(*) as cases, count(*) filter (where c.advisor is null) as unattributed
from "case" c
where c.case_kind = 'booking' and starts_with(c.case_key, 'chat:')
  and ($1 is null or exists (select 1 from finding f
                             where f.case_kind = c.case_kind and f.case_key = c.case_key
                               and f.semester = $1));
