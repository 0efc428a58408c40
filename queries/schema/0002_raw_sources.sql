-- Schema 2: the raw rows of each source, as read and normalised by the importers.
-- Columns a source does not fill stay null; `extra` keeps unrecognised columns as JSON.
-- Every table starts with its provenance: file_id (import_file), sheet, row_no (1-based row or line).

create table raw_booking (
    file_id integer not null, sheet varchar, row_no integer not null,
    booking_id varchar not null, created_at timestamp not null, channel varchar,
    customer_name varchar, phone varchar, phone_raw varchar, plate varchar, plate_raw varchar,
    vehicle_type varchar, service varchar, slot timestamp, technician varchar, advisor varchar,
    status varchar, status_raw varchar, reminder_sent_at timestamp, branch varchar, notes varchar,
    extra varchar not null default '{}'
);

create table raw_work_order_status (
    file_id integer not null, sheet varchar, row_no integer not null,
    work_order varchar not null, status varchar not null, status_raw varchar,
    status_at timestamp not null, branch varchar
);

create table raw_work_order (
    file_id integer not null, sheet varchar, row_no integer not null,
    work_order varchar not null, plate varchar, plate_raw varchar, customer_name varchar,
    phone varchar, phone_raw varchar, advisor varchar, technician varchar,
    estimated_done_at timestamp, technician_estimate_at timestamp, additional_work varchar,
    approval_at timestamp, cost_estimate bigint, total_cost bigint, note varchar, branch varchar,
    extra varchar not null default '{}'
);

create table raw_ticket (
    file_id integer not null, sheet varchar, row_no integer not null,
    ticket_id varchar not null, created_at timestamp not null, type varchar, type_raw varchar,
    priority varchar, customer_name varchar, phone varchar, phone_raw varchar, plate varchar,
    advisor varchar, subject varchar, first_response_at timestamp,
    first_response_minutes double, first_response_clock varchar,
    escalated_at timestamp, escalated_to varchar, resolved_at timestamp, status varchar,
    resolution varchar, satisfaction varchar, purchase_date date, product varchar,
    warranty_status varchar, warranty_until date, shipped_at timestamp, tracking_no varchar,
    followup_at timestamp, branch varchar, extra varchar not null default '{}'
);

create table raw_checklist_item (
    file_id integer not null, sheet varchar, row_no integer not null,
    sop varchar not null, operator varchar, work_date date, plate varchar, plate_raw varchar,
    item_no integer, item_text varchar, done boolean, done_raw varchar, note varchar
);

create table raw_message (
    file_id integer not null, sheet varchar, row_no integer not null,  -- sheet: the .txt inside a .zip; row_no: its line
    chat varchar not null,
    sent_at timestamp not null, sender varchar, sender_side varchar not null, -- business, customer, system
    text varchar not null, media varchar, deleted boolean not null, edited boolean not null,
    customer_phone varchar, chat_plate varchar
);

create table raw_advisor (
    file_id integer not null, sheet varchar, row_no integer not null,
    advisor_id varchar not null, name varchar not null, chat_names varchar, role varchar,
    branch varchar, active_from date, active_to date
);
