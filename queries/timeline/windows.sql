-- What linking needs of every case: who (phone, plate, name) and the times that bound the
-- messages it can own, and what a job's record states (its estimated finish, its costs) for
-- telling two open jobs of one customer apart. Rust turns these into windows with the branch calendar (read by column
-- name: src/timeline/build.rs, read_records).
select c.case_kind as kind, c.case_key as key, c.branch, c.phone, c.plate, c.customer,
       c.opened_at, c.closed_at,
       b.slot, b.status as booking_status, bj.checkin_at as arrived_at,
       s.checkin_at, s.done_at, s.picked_up_at, s.last_at,
       t.resolved_at, coalesce(s.qc_at, s.done_at) as finished_at,
       w.estimated_done_at as estimate_at, w.cost_estimate, w.total_cost
from "case" c
left join latest_booking b on c.case_kind = 'booking' and b.booking_id = c.case_key
left join booking_job bj on c.case_kind = 'booking' and bj.booking_id = c.case_key
left join work_order_status s on c.case_kind in ('job', 'followup') and s.work_order = c.case_key
left join latest_work_order w on c.case_kind = 'job' and w.work_order = c.case_key
left join latest_ticket t on c.case_kind in ('inquiry', 'aftersales') and t.ticket_id = c.case_key
order by c.case_kind, c.case_key;
