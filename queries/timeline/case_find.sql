-- Cases with this key (a work order is a job and a follow-up), case-insensitive.
select case_kind, case_key, branch, advisor, customer, phone, plate, opened_at, closed_at, object_id
from "case"
where upper(case_key) = upper($1)
order by case case_kind when 'booking' then 1 when 'job' then 2 when 'followup' then 3 else 4 end;
