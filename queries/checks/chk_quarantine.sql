-- Every quarantined row with the file it came from, in file and row order.
select f.display_path as path, q.sheet, q.row_no, q.reason
from quarantine as q
inner join import_file as f using (file_id)
order by f.display_path, q.sheet, q.row_no
