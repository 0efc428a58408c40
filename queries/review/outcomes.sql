-- What becomes of each imported decision, against the findings just written (their status
-- is still patuh's verdict): the latest
-- decision on a finding (by its date, then the later import, then the lower row) is applied
-- when the finding's evidence still has the fingerprint it was made on; otherwise it is stale.
-- Earlier decisions on the same finding are superseded. A decision on a case or rule with no
-- finding now (the record was removed) is no_finding.
delete from review_outcome;
insert into review_outcome
with ranked as (
    select r.*, row_number() over (
               partition by r.case_key, r.rule_id
               order by r.decided_on desc nulls last, i.imported_at desc, r.file_id desc,
                        r.row_no desc) as turn
    from raw_review r
    join import_file i using (file_id)
),
reviewed as (
    select f.case_kind, f.case_key, f.rule_id,
           finding_fingerprint(f.case_kind, f.status, f.measured, f."limit",
                               f.started_at, f.due_at, f.done_at, f.evidence) as fingerprint
    from finding f
    where exists (select 1 from raw_review r
                  where r.case_key = f.case_key and r.rule_id = f.rule_id)
)
select d.file_id, d.sheet, d.row_no,
       case when d.turn > 1 then 'superseded'
            when not exists (select 1 from reviewed f
                             where f.case_key = d.case_key and f.rule_id = d.rule_id
                               and (d.case_kind is null or f.case_kind = d.case_kind))
                then 'no_finding'
            when not exists (select 1 from reviewed f
                             where f.case_key = d.case_key and f.rule_id = d.rule_id
                               and (d.case_kind is null or f.case_kind = d.case_kind)
                               and f.fingerprint = d.fingerprint)
                then 'stale'
            else 'applied' end
from ranked d;
