-- The applied decisions written onto their findings: `status` becomes the reviewed verdict
-- (uphold keeps patuh's, void withdraws the finding — it counts neither way — and change sets
-- the reviewer's); `machine_status` keeps patuh's. Runs right after scoring writes findings.
update finding f set
    status = case d.decision when 'uphold' then f.machine_status
                             when 'void' then 'na'
                             else d.new_status end,
    review_decision = case d.decision when 'change' then 'change:' || d.new_status
                                      else d.decision end,
    review_reason = d.reason,
    reviewer = d.reviewer,
    reviewed_on = d.decided_on,
    review_source = i.display_path || ':' || coalesce(d.sheet || ':', '') || d.row_no
from raw_review d
join review_outcome o on o.file_id = d.file_id and o.row_no = d.row_no
    and o.sheet is not distinct from d.sheet
join import_file i on i.file_id = d.file_id
where o.outcome = 'applied'
  and f.case_key = d.case_key and f.rule_id = d.rule_id
  and (d.case_kind is null or f.case_kind = d.case_kind)
  and finding_fingerprint(f.case_kind, f.machine_status, f.measured, f."limit",
                          f.started_at, f.due_at, f.done_at, f.evidence) = d.fingerprint;
