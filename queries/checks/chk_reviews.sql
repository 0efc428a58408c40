-- `patuh check`: review decisions that scoring did not apply, with why (stale: the finding's
-- evidence changed since the decision; no_finding: the case or rule has no finding now).
select i.display_path, d.sheet, d.row_no, d.case_key, d.rule_id, o.outcome, d.reviewer
from review_outcome o
join raw_review d on d.file_id = o.file_id and d.row_no = o.row_no
    and d.sheet is not distinct from o.sheet
join import_file i on i.file_id = d.file_id
where o.outcome in ('stale', 'no_finding')
order by i.display_path, d.sheet, d.row_no;
