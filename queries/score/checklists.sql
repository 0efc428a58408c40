-- Filled checklist forms, one row per item, matched later to a case by plate and date (read by
-- column name: src/rules/score/mod.rs, read_forms).
select i.sop, i.operator, i.work_date, i.plate, i.item_no, i.item_text, i.done, i.note,
       f.display_path || ':' || coalesce(i.sheet || ':', '') || i.row_no as source,
       i.file_id || ':' || coalesce(i.sheet, '') || ':' || i.sop || ':' || coalesce(i.plate, '')
         || ':' || coalesce(i.work_date::varchar, '') as form
from raw_checklist_item i
join import_file f using (file_id)
order by form, i.item_no, i.row_no;
