-- Schema 3: the timeline and scoring tables take their final shape (they were empty until now).
-- An event links to objects (customer, vehicle, booking, work order, ticket, followup); a case is
-- the view of its object's events. `timeline_link` records how each chat was tied to a customer
-- and every link that could not be made, with its candidates.

drop table if exists event;
drop table if exists event_object;
drop table if exists "case";
drop table if exists finding;

-- No primary keys on the rebuilt tables: they are replaced whole on every rebuild, ids are
-- unique by construction, and index upkeep made deleting and reloading 7 million events at
-- the 100× benchmark take minutes.
create table event (
    event_id    bigint not null,
    branch      varchar not null,
    occurred_at timestamp not null,           -- branch local time
    seq         bigint not null,              -- file order, for events in the same minute
    actor_role  varchar not null,             -- customer, advisor, technician, system, auto_reply
    actor       varchar,
    activity    varchar not null,             -- message: first label or 'message'; records: e.g. 'status:qc'
    labels      varchar not null default '',  -- every activity label of a message, comma-separated
    attributes  varchar not null default '{}',
    text        varchar,
    customer    varchar,                      -- E.164 phone of the customer, when known
    file_id     integer,
    sheet       varchar,
    row_no      integer
);

create table event_object (
    event_id  bigint not null,
    object_id varchar not null,               -- 'booking:BKG-2503-00042', 'work_order:SPK-…', 'customer:+62…'
    link      varchar not null                -- record, phone, plate, name, window, content, continuity
);

create table "case" (
    case_kind  varchar not null,              -- booking, job, followup, inquiry, aftersales
    case_key   varchar not null,
    branch     varchar not null,
    advisor    varchar,
    customer   varchar,
    phone      varchar,
    plate      varchar,
    opened_at  timestamp,
    closed_at  timestamp,
    object_id  varchar not null
);

create table timeline_link (
    file_id    integer not null,
    sheet      varchar,
    chat       varchar not null,
    outcome    varchar not null,              -- phone, plate, name, ambiguous, unlinked
    customer   varchar,                       -- the phone linked to
    candidates varchar not null default '',   -- for ambiguous: every candidate phone with its name
    messages   integer not null
);

create table finding (
    case_kind    varchar not null,
    case_key     varchar not null,
    branch       varchar not null,
    advisor      varchar,
    rule_id      varchar not null,
    rule_version integer not null,
    status       varchar not null,            -- pass, fail, advisory, na, unknown
    measured     double,
    "limit"      double,
    unit         varchar,
    started_at   timestamp,
    due_at       timestamp,
    done_at      timestamp,
    reason       varchar,
    evidence     varchar not null default '', -- file:line or file:sheet:row of the events used, '; '-separated
    semester     varchar not null
);

-- A booking whose customer arrived: the job checked in with the booking's plate on the slot date.
create table booking_job (
    booking_id  varchar not null,
    work_order  varchar not null,
    checkin_at  timestamp not null
);

-- Cases that an ambiguous chat (a name shared by several customers) may belong to: their
-- missing chat is missing data, not silence.
create table ambiguous_case (
    case_kind varchar not null,
    case_key  varchar not null,
    file_id   integer not null,
    chat      varchar not null
);
