-- Decisions of one imported file ($1) whose case key names no record and no case — a typing
-- error, or a workbook from another store. Import quarantines them with the reason (at the end
-- of the batch, when every record of the batch is loaded).
select r.sheet, r.row_no, r.case_key, r.rule_id, r.decision_raw, r.reason, r.reviewer
from raw_review r
where r.file_id = $1
  and not exists (select 1 from raw_booking b where b.booking_id = r.case_key)
  and not exists (select 1 from raw_work_order w where w.work_order = r.case_key)
  and not exists (select 1 from raw_work_order_status w where w.work_order = r.case_key)
  and not exists (select 1 from raw_ticket t where t.ticket_id = r.case_key)
  and not exists (select 1 from "case" c where c.case_key = r.case_key)
order by r.sheet, r.row_no;
