-- Schema 5: supervisors' review decisions, and findings that carry both verdicts.
--
-- A decision comes from a filled-in review workbook (`patuh review export`), imported like any
-- other file: every row keeps its file and row. It is keyed by case key + rule id + the
-- fingerprint of the evidence it was made on; scoring applies it only while the finding's
-- evidence still has that fingerprint (otherwise the decision is stale and shown as such).
create table raw_review (
    file_id        integer not null, sheet varchar, row_no integer not null,
    case_key       varchar not null,
    rule_id        varchar not null,          -- as in the catalog
    case_kind      varchar,                   -- when the workbook names it
    advisor        varchar,                   -- as the reviewer saw it (information only)
    machine_status varchar,                   -- as the reviewer saw it (information only)
    fingerprint    varchar not null,          -- finding_fingerprint() of the finding reviewed
    decision       varchar not null,          -- uphold / void / change
    new_status     varchar,                   -- for change: pass, fail or na
    decision_raw   varchar not null,          -- the word as written
    reason         varchar not null,
    reviewer       varchar not null,
    decided_on     date
);

-- What scoring made of each decision: applied, stale (the evidence changed), superseded (a
-- later decision on the same finding) or no_finding (the case or rule has no finding now).
create table review_outcome (
    file_id  integer not null,
    sheet    varchar,
    row_no   integer not null,
    outcome  varchar not null
);

-- The verdict patuh reached (machine_status) beside the verdict after review (status, which
-- every rate, scorecard and sanction reads). Nothing is deleted by a review.
alter table finding add column machine_status varchar;
alter table finding add column review_decision varchar;   -- uphold, void, change:pass, …
alter table finding add column review_reason varchar;
alter table finding add column reviewer varchar;
alter table finding add column reviewed_on date;
alter table finding add column review_source varchar;     -- file:row of the decision
update finding set machine_status = status;
