-- The data-quality appendix: files and rows per kind (read = loaded + quarantined + skipped).
select kind, count(*) as files, sum(rows_read) as rows_read, sum(rows_loaded) as rows_loaded,
       sum(rows_quarantined) as rows_quarantined, sum(rows_skipped) as rows_skipped
from import_file
group by kind
order by kind;
