-- Schema 1: the ledger of imports, quarantine, rule versions, and the pipeline's own tables.
-- Every raw row names the file it came from (import_file) and its sheet and row or line.

create table import_file (
    file_id          integer primary key,
    path             varchar not null,        -- canonical absolute path: the file's identity
    display_path     varchar not null,        -- as the user named it, for messages and reports
    sha256           varchar not null,
    kind             varchar not null,        -- booking, work_order, ticket, checklist, whatsapp, roster
    layout           varchar,                 -- long / wide, sop_form / flat, zendesk / freshdesk / sheet, android / ios
    size_bytes       bigint not null,
    imported_at      timestamp not null,
    rows_read        integer not null,
    rows_loaded      integer not null,
    rows_quarantined integer not null,
    rows_skipped     integer not null,
    warnings         varchar not null default '[]',  -- JSON array of sentences
    status           varchar not null          -- loaded / replaced
);
create unique index import_file_path on import_file (path);

create table quarantine (
    file_id integer not null,
    sheet   varchar,
    row_no  integer not null,                 -- 1-based spreadsheet row or text line
    reason  varchar not null,                 -- one sentence: 'row 14: Jadwal "31/02/2025" is not a date'
    raw     varchar not null                  -- the row as read, JSON
);

-- Parameters of every rule version in force, catalog defaults and patuh.toml overrides.
create table rule_version (
    rule_id        varchar not null,
    version        integer not null,
    param          varchar not null,
    value          double not null,
    unit           varchar not null,
    effective_from date not null,
    origin         varchar not null           -- catalog / config
);

-- Business objects (customer, vehicle, booking, work order, ticket) that events link to.
create table object (
    object_id   varchar primary key,          -- e.g. 'booking:BK-0001', 'vehicle:BK1234ABC'
    object_type varchar not null,
    attributes  varchar not null default '{}'
);

-- One event table that every rule reads; an event links to many objects (event_object).
create table event (
    event_id    bigint primary key,
    branch      varchar not null,
    occurred_at timestamp not null,           -- branch local time
    seq         bigint not null,              -- file order, for events in the same minute
    actor_role  varchar not null,             -- customer, advisor, technician, system, auto_reply
    actor       varchar,
    activity    varchar not null,
    attributes  varchar not null default '{}',
    text        varchar,
    file_id     integer,
    sheet       varchar,
    row_no      integer
);
create table event_object (
    event_id  bigint not null,
    object_id varchar not null
);

-- A case is a view over objects: its kind, key, and the advisor responsible when it opened.
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
    object_id  varchar not null,
    primary key (case_kind, case_key)
);

create table finding (
    case_kind   varchar not null,
    case_key    varchar not null,
    branch      varchar not null,
    advisor     varchar,
    rule_id     varchar not null,
    rule_version integer not null,
    status      varchar not null,             -- pass, fail, advisory, na, unknown
    measured    double,
    "limit"     double,
    unit        varchar,
    started_at  timestamp,
    due_at      timestamp,
    done_at     timestamp,
    reason      varchar,
    evidence    varchar not null default ''   -- file:line or file:sheet:row of the events used
);
