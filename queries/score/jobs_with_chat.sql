-- The job cases that have any message (a follow-up whose own chat is empty but whose job has
-- one is judged, not missing data): messages as scoring counts them (customer, advisor or
-- automatic, with text).
select c.case_key
from "case" c
where c.case_kind = 'job'
  and exists (select 1 from event_object o join event e using (event_id)
              where o.object_id = c.object_id
                and e.actor_role in ('customer', 'advisor', 'auto_reply')
                and coalesce(e.text, '') <> '');
