-- Every case with the record fields its rules read.
select c.case_kind, c.case_key, c.branch, c.advisor, c.customer, c.phone, c.plate,
       c.opened_at, c.closed_at, c.object_id,
       -- booking
       b.vehicle_type, b.service, b.slot, b.technician, b.status, bj.checkin_at,
       -- job
       w.estimated_done_at, w.technician_estimate_at, w.additional_work, w.approval_at,
       w.phone_raw,
       -- ticket
       t.type, t.priority, t.type_raw as category_raw, t.priority_raw, t.subject,
       t.first_response_at, t.escalated_at, t.resolved_at,
       t.resolution, t.satisfaction, t.purchase_date, t.product, t.warranty_status,
       t.warranty_until, t.shipped_at, t.tracking_no,
       f.display_path || ':' || coalesce(coalesce(b.sheet, w.sheet, t.sheet) || ':', '')
         || coalesce(b.row_no, w.row_no, t.row_no) as record_source,
       f.fields as record_fields,
       exists (select 1 from ambiguous_case a
               where a.case_kind = c.case_kind and a.case_key = c.case_key) as chat_ambiguous
from "case" c
left join latest_booking b on c.case_kind = 'booking' and b.booking_id = c.case_key
left join booking_job bj on c.case_kind = 'booking' and bj.booking_id = c.case_key
left join latest_work_order w on c.case_kind in ('job', 'followup') and w.work_order = c.case_key
left join latest_ticket t on c.case_kind in ('inquiry', 'aftersales') and t.ticket_id = c.case_key
left join import_file f on f.file_id = coalesce(b.file_id, w.file_id, t.file_id)
-- In case-object order: the order the events stream in (scoring judges each case once its
-- events are read).
order by c.object_id;
