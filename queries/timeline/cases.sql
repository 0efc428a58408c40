-- Cases from the records: one per booking, work order (job, and its follow-up once it is
-- finished) and ticket. A record imported twice (the same id in two files) counts once: the
-- latest import wins. A record naming no branch takes its advisor's (roster), else the first. The latest_* and
-- work_order_status tables are kept for scoring: one reading of the records for both stages.

delete from "case";
delete from booking_job;

-- The tables are declared in queries/schema/0008_stage_tables.sql.
delete from latest_booking;
insert into latest_booking by name
select * from raw_booking
qualify row_number() over (partition by booking_id order by file_id desc, row_no desc) = 1;

delete from latest_work_order;
insert into latest_work_order by name
select * from raw_work_order
where plate is not null or customer_name is not null or phone is not null or advisor is not null
qualify row_number() over (partition by work_order order by file_id desc, row_no) = 1;

delete from work_order_status;
insert into work_order_status by name
select work_order,
       min(status_at) filter (where status = 'masuk')   as checkin_at,
       min(status_at) filter (where status = 'selesai') as done_at,
       min(status_at) filter (where status = 'qc')      as qc_at,
       min(status_at) filter (where status = 'diambil') as picked_up_at,
       min(status_at) as first_at,
       max(status_at) as last_at,
       min(branch) as branch  -- one per work order in practice; min keeps it independent of row order
from raw_work_order_status
group by work_order;

delete from latest_ticket;
insert into latest_ticket by name
select *,
       case when type = 'aftersales'
              or (type is null and (warranty_status is not null or purchase_date is not null
                                    or product is not null))
            then 'aftersales' else 'inquiry' end as case_kind
from raw_ticket
qualify row_number() over (partition by ticket_id order by file_id desc, row_no desc) = 1;

-- The branch of a record that names none (no branch column, no branch folder): its advisor's
-- branch in the roster, by name or chat name (case and spacing ignored), when the roster puts
-- the advisor in exactly one branch; else the configured first branch.
create or replace temp table advisor_branch as
select folded, any_value(branch) as branch
from (select lower(regexp_replace(trim(name), '\s+', ' ', 'g')) as folded, branch
      from raw_advisor where branch is not null
      union all
      select lower(regexp_replace(trim(alias), '\s+', ' ', 'g')), branch
      from (select unnest(regexp_split_to_array(chat_names, '[;,]')) as alias, branch
            from raw_advisor where branch is not null and chat_names is not null)
      where trim(alias) <> '')
group by folded
having count(distinct branch) = 1;

create or replace temp macro branch_of(named, advisor) as
    coalesce(named,
             (select ab.branch from advisor_branch ab
              where ab.folded = lower(regexp_replace(trim(advisor), '\s+', ' ', 'g'))),
             getvariable('default_branch'));

insert into "case"
select 'booking', booking_id, branch_of(branch, advisor), advisor,
       customer_name, phone, plate, created_at, slot, 'booking:' || booking_id
from latest_booking;

insert into "case"
select 'job', s.work_order, branch_of(coalesce(w.branch, s.branch), w.advisor),
       w.advisor, w.customer_name, w.phone, w.plate, coalesce(s.checkin_at, s.first_at),
       coalesce(s.done_at, s.last_at), 'work_order:' || s.work_order
from work_order_status s left join latest_work_order w using (work_order);

insert into "case"
select 'followup', s.work_order, branch_of(coalesce(w.branch, s.branch), w.advisor),
       w.advisor, w.customer_name, w.phone, w.plate, s.done_at, null,
       'followup:' || s.work_order
from work_order_status s left join latest_work_order w using (work_order)
where s.done_at is not null;

insert into "case"
select case_kind, ticket_id, branch_of(branch, advisor), advisor,
       customer_name, phone, plate, created_at, resolved_at, 'ticket:' || ticket_id
from latest_ticket;

-- One spelling per advisor: names that differ only in case or spacing are one advisor
-- (INPUTS.md matches names with case and spacing ignored), written as the roster writes the name
-- when the roster has it, else in the most used spelling (on a tie, one not in capitals).
-- "TEGUH" and "Teguh" get one scorecard; a chat alias is not renamed to the roster's full name.
create or replace temp table advisor_spelling as
with roster_name as (
    select lower(regexp_replace(trim(name), '\s+', ' ', 'g')) as folded, min(name) as canonical
    from raw_advisor
    group by folded
),
used as (
    select lower(regexp_replace(trim(advisor), '\s+', ' ', 'g')) as folded, advisor,
           count(*) as n
    from "case"
    where advisor is not null
    group by all
)
select u.advisor as written,
       coalesce(r.canonical,
                first_value(u.advisor) over (partition by u.folded
                                            order by u.n desc, u.advisor = upper(u.advisor),
                                                     u.advisor))
           as canonical
from used u
left join roster_name r using (folded);

update "case" set advisor = s.canonical
from advisor_spelling s
where "case".advisor = s.written and s.written <> s.canonical;

-- Arrival: a check-in with the booking's plate on the slot date (the earliest, when several).
-- Both sides get their keys first, so the join is a plain equality join on (plate, date): with
-- the plate expressions in the join condition the planner chose a join that took 53 s at 100×.
insert into booking_job
select b.booking_id, arg_min(w.work_order, w.checkin_at), min(w.checkin_at)
from (select booking_id, upper(replace(plate, ' ', '')) as plate_key, slot::date as slot_date
      from latest_booking
      where slot is not null and plate is not null) b
join (select o.work_order, upper(replace(o.plate, ' ', '')) as plate_key, s.checkin_at,
             s.checkin_at::date as checkin_date
      from latest_work_order o
      join work_order_status s using (work_order)
      where s.checkin_at is not null and o.plate is not null) w
  on w.plate_key = b.plate_key and w.checkin_date = b.slot_date
group by b.booking_id;
