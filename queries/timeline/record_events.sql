-- Events from the records (work-order status log, booking and ticket rows, checklist forms),
-- numbered after the message events. Each links to its case object. Attributes are JSON text built
-- by hand (DuckDB's json extension is not bundled in this build).

create or replace temp table record_event as
select 'status:' || s.status as activity, s.status_at as occurred_at, 'technician' as actor_role,
       w.technician as actor, s.file_id, s.sheet, s.row_no, 'work_order:' || s.work_order as object_id,
       coalesce(s.branch, w.branch) as branch, w.phone as customer, '{}' as attributes
from raw_work_order_status s left join latest_work_order w using (work_order)
union all
select 'technician_estimate', w.technician_estimate_at, 'technician', w.technician, w.file_id,
       w.sheet, w.row_no, 'work_order:' || w.work_order, w.branch, w.phone,
       ('{' || '"estimated_done_at":' || coalesce('"' || replace(replace(w.estimated_done_at::varchar, '\\', '\\\\'), '"', '\\"') || '"', 'null') || '}')
from latest_work_order w where w.technician_estimate_at is not null
union all
select 'approval_logged', w.approval_at, 'system', w.advisor, w.file_id, w.sheet, w.row_no,
       'work_order:' || w.work_order, w.branch, w.phone,
       ('{' || '"additional_work":' || coalesce('"' || replace(replace(w.additional_work::varchar, '\\', '\\\\'), '"', '\\"') || '"', 'null') || '}')
from latest_work_order w where w.approval_at is not null
union all
select 'booking_recorded', b.created_at, 'advisor', b.advisor, b.file_id, b.sheet, b.row_no,
       'booking:' || b.booking_id, b.branch, b.phone,
       ('{' || '"slot":' || coalesce('"' || replace(replace(b.slot::varchar, '\\', '\\\\'), '"', '\\"') || '"', 'null') || ',' || '"status":' || coalesce('"' || replace(replace(b.status::varchar, '\\', '\\\\'), '"', '\\"') || '"', 'null') || ',' || '"technician":' || coalesce('"' || replace(replace(b.technician::varchar, '\\', '\\\\'), '"', '\\"') || '"', 'null') || '}')
from latest_booking b
union all
select 'reminder_logged', b.reminder_sent_at, 'advisor', b.advisor, b.file_id, b.sheet, b.row_no,
       'booking:' || b.booking_id, b.branch, b.phone, '{}'
from latest_booking b where b.reminder_sent_at is not null
union all
select 'ticket_opened', t.created_at, 'customer', t.customer_name, t.file_id, t.sheet, t.row_no,
       'ticket:' || t.ticket_id, t.branch, t.phone,
       ('{' || '"category":' || coalesce('"' || replace(replace(t.type::varchar, '\\', '\\\\'), '"', '\\"') || '"', 'null') || ',' || '"priority":' || coalesce('"' || replace(replace(t.priority::varchar, '\\', '\\\\'), '"', '\\"') || '"', 'null') || '}')
from latest_ticket t
union all
select 'ticket_first_response', t.first_response_at, 'advisor', t.advisor, t.file_id, t.sheet,
       t.row_no, 'ticket:' || t.ticket_id, t.branch, t.phone, '{}'
from latest_ticket t where t.first_response_at is not null
union all
select 'ticket_escalated', t.escalated_at, 'advisor', t.advisor, t.file_id, t.sheet, t.row_no,
       'ticket:' || t.ticket_id, t.branch, t.phone,
       ('{' || '"to":' || coalesce('"' || replace(replace(t.escalated_to::varchar, '\\', '\\\\'), '"', '\\"') || '"', 'null') || '}')
from latest_ticket t where t.escalated_at is not null
union all
select 'ticket_shipped', t.shipped_at, 'advisor', t.advisor, t.file_id, t.sheet, t.row_no,
       'ticket:' || t.ticket_id, t.branch, t.phone,
       ('{' || '"tracking_no":' || coalesce('"' || replace(replace(t.tracking_no::varchar, '\\', '\\\\'), '"', '\\"') || '"', 'null') || '}')
from latest_ticket t where t.shipped_at is not null
union all
select 'ticket_resolved', t.resolved_at, 'advisor', t.advisor, t.file_id, t.sheet, t.row_no,
       'ticket:' || t.ticket_id, t.branch, t.phone,
       ('{' || '"resolution":' || coalesce('"' || replace(replace(t.resolution::varchar, '\\', '\\\\'), '"', '\\"') || '"', 'null') || '}')
from latest_ticket t where t.resolved_at is not null;

insert into event
select (select coalesce(max(event_id), 0) from event)
         + row_number() over (order by occurred_at, file_id, row_no, activity),
       coalesce(branch, getvariable('default_branch')), occurred_at, row_no, actor_role, actor,
       activity, '', attributes, null, customer, file_id, sheet, row_no
from record_event;

insert into event_object
select e.event_id, r.object_id, 'record'
from event e
join record_event r
  on e.activity = r.activity and e.occurred_at = r.occurred_at and e.file_id = r.file_id
 and e.row_no = r.row_no and e.sheet is not distinct from r.sheet
where e.text is null;
