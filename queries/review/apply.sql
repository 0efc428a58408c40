-- The applied decisions written onto their findings (right after scoring wrote them, so
-- `finding.status` is still patuh's verdict): each is recorded in `finding_review` with
-- patuh's verdict, then `status` becomes the reviewed one — uphold keeps patuh's, void
-- withdraws the finding (it counts neither way), change sets the reviewer's.
delete from finding_review;
insert into finding_review
select f.case_kind, f.case_key, f.rule_id, f.status,
       case d.decision when 'change' then 'change:' || d.new_status else d.decision end,
       d.reason, d.reviewer, d.decided_on,
       i.display_path || ':' || coalesce(d.sheet || ':', '') || d.row_no
from raw_review d
join review_outcome o on o.file_id = d.file_id and o.row_no = d.row_no
    and o.sheet is not distinct from d.sheet
join import_file i on i.file_id = d.file_id
join finding f on f.case_key = d.case_key and f.rule_id = d.rule_id
    and (d.case_kind is null or f.case_kind = d.case_kind)
where o.outcome = 'applied'
  and finding_fingerprint(f.case_kind, f.status, f.measured, f."limit",
                          f.started_at, f.due_at, f.done_at, f.evidence) = d.fingerprint;

update finding f set status = case r.decision when 'uphold' then r.machine_status
                                              when 'void' then 'na'
                                              else substr(r.decision, length('change:') + 1) end
from finding_review r
where r.case_kind = f.case_kind and r.case_key = f.case_key and r.rule_id = f.rule_id;
