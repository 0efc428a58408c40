-- Tables the timeline fills from the records (queries/timeline/cases.sql) and scoring, the
-- exports and the report read: one reading of the records for every stage. A latest_* table
-- holds the latest row of each record id with the raw table's columns, so a migration that adds
-- a raw column adds it here too (the timeline inserts by name and fails loudly otherwise).
create or replace table latest_booking as select * from raw_booking limit 0;
create or replace table latest_work_order as select * from raw_work_order limit 0;
-- case_kind: 'aftersales' for a warranty claim or complaint ticket, else 'inquiry'.
create or replace table latest_ticket as
select *, null::varchar as case_kind from raw_ticket limit 0;

-- A work order's status times, from its status log.
create or replace table work_order_status (
    work_order   varchar not null,
    checkin_at   timestamp,  -- masuk
    done_at      timestamp,  -- selesai
    qc_at        timestamp,
    picked_up_at timestamp,  -- diambil
    first_at     timestamp,
    last_at      timestamp,
    branch       varchar
);
