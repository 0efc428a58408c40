-- Events from the records (work-order status log, booking and ticket rows, checklist forms),
-- numbered after the message events. Each links to its case object. Attributes are JSON text built
-- by hand (DuckDB's json extension is not bundled in this build): json_field writes one
-- "key": "value" pair with the value escaped (backslash, quote, line breaks), null when absent.
-- DuckDB string literals take a backslash literally (no escapes): '\' is one backslash.

create or replace temp macro json_field(k, v) as
    '"' || k || '":' || coalesce(
        '"' || replace(replace(replace(replace(replace(v::varchar, '\', '\\'), '"', '\"'),
                                       chr(10), '\n'), chr(13), '\r'), chr(9), '\t') || '"',
        'null');

create or replace temp table record_event as
select 'status:' || s.status as activity, s.status_at as occurred_at, 'technician' as actor_role,
       w.technician as actor, s.file_id, s.sheet, s.row_no, 'work_order:' || s.work_order as object_id,
       coalesce(s.branch, w.branch) as branch, w.phone as customer, '{}' as attributes
from raw_work_order_status s left join latest_work_order w using (work_order)
union all
select 'technician_estimate', w.technician_estimate_at, 'technician', w.technician, w.file_id,
       w.sheet, w.row_no, 'work_order:' || w.work_order, w.branch, w.phone,
       ('{' || json_field('estimated_done_at', w.estimated_done_at) || '}')
from latest_work_order w where w.technician_estimate_at is not null
union all
select 'approval_logged', w.approval_at, 'system', w.advisor, w.file_id, w.sheet, w.row_no,
       'work_order:' || w.work_order, w.branch, w.phone,
       ('{' || json_field('additional_work', w.additional_work) || '}')
from latest_work_order w where w.approval_at is not null
union all
select 'booking_recorded', b.created_at, 'advisor', b.advisor, b.file_id, b.sheet, b.row_no,
       'booking:' || b.booking_id, b.branch, b.phone,
       ('{' || json_field('slot', b.slot) || ',' || json_field('status', b.status) || ','
            || json_field('technician', b.technician) || '}')
from latest_booking b
union all
select 'reminder_logged', b.reminder_sent_at, 'advisor', b.advisor, b.file_id, b.sheet, b.row_no,
       'booking:' || b.booking_id, b.branch, b.phone, '{}'
from latest_booking b where b.reminder_sent_at is not null
union all
select 'ticket_opened', t.created_at, 'customer', t.customer_name, t.file_id, t.sheet, t.row_no,
       'ticket:' || t.ticket_id, t.branch, t.phone,
       ('{' || json_field('category', t.type) || ',' || json_field('priority', t.priority) || '}')
from latest_ticket t
union all
select 'ticket_first_response', t.first_response_at, 'advisor', t.advisor, t.file_id, t.sheet,
       t.row_no, 'ticket:' || t.ticket_id, t.branch, t.phone, '{}'
from latest_ticket t where t.first_response_at is not null
union all
select 'ticket_escalated', t.escalated_at, 'advisor', t.advisor, t.file_id, t.sheet, t.row_no,
       'ticket:' || t.ticket_id, t.branch, t.phone,
       ('{' || json_field('to', t.escalated_to) || '}')
from latest_ticket t where t.escalated_at is not null
union all
select 'ticket_shipped', t.shipped_at, 'advisor', t.advisor, t.file_id, t.sheet, t.row_no,
       'ticket:' || t.ticket_id, t.branch, t.phone,
       ('{' || json_field('tracking_no', t.tracking_no) || '}')
from latest_ticket t where t.shipped_at is not null
union all
select 'ticket_resolved', t.resolved_at, 'advisor', t.advisor, t.file_id, t.sheet, t.row_no,
       'ticket:' || t.ticket_id, t.branch, t.phone,
       ('{' || json_field('resolution', t.resolution) || '}')
from latest_ticket t where t.resolved_at is not null;

-- Ids once, after the message events; both tables are written from the numbered rows.
create or replace temp table numbered_record_event as
select (select coalesce(max(event_id), 0) from event)
         + row_number() over (order by occurred_at, file_id, row_no, activity) as event_id,
       *
from record_event;

insert into event
select event_id, coalesce(branch, getvariable('default_branch')), occurred_at, row_no,
       actor_role, actor, activity, '', attributes, null, customer, file_id, sheet, row_no
from numbered_record_event;

insert into event_object
select event_id, object_id, 'record'
from numbered_record_event;
