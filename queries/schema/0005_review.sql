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

-- The review of a finding, for the findings a decision applies to: patuh's verdict
-- (machine_status) and the decision. `finding.status` holds the verdict after review, which every
-- rate, scorecard and sanction reads; nothing is deleted. Kept beside `finding` rather than as
-- its columns: six more columns on every finding cost scoring 20% at a million findings, for
-- the few that are reviewed.
create table finding_review (
    case_kind      varchar not null,
    case_key       varchar not null,
    rule_id        varchar not null,
    machine_status varchar not null,
    decision       varchar not null,          -- uphold, void, change:pass, …
    reason         varchar not null,
    reviewer       varchar not null,
    reviewed_on    date,
    source         varchar not null           -- file:sheet:row of the decision
);

-- Every finding with both verdicts: what the exports, `patuh case` and the review read.
create view finding_verdict as
select f.*,
       coalesce(r.machine_status, f.status) as machine_status,
       r.decision as review_decision,
       r.reason as review_reason,
       r.reviewer,
       r.reviewed_on,
       r.source as review_source
from finding f
left join finding_review r
  on r.case_kind = f.case_kind and r.case_key = f.case_key and r.rule_id = f.rule_id;
