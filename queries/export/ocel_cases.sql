-- OCEL objects of the cases: each case's own object (booking, job, follow-up, inquiry,
-- after-sales ticket) with the customer, vehicle and advisor it relates to.
select object_id, case_kind, case_key, branch, opened_at,
       case when phone is not null then 'customer:' || phone end as customer,
       case when plate is not null then 'vehicle:' || upper(replace(plate, ' ', '')) end as vehicle,
       case when advisor is not null then 'advisor:' || advisor end as advisor
from "case"
order by object_id;
