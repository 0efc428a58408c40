-- Every piece of evidence names an imported file and a line or row in it (`file:line`,
-- `file:sheet:row`): a supervisor can open it.
with pieces as (
  select case_kind, case_key, rule_id, unnest(string_split(evidence, '; ')) as piece
  from finding
  where evidence is not null and evidence <> ''
)
select p.case_kind, p.case_key, p.rule_id, p.piece
from pieces p
where not regexp_matches(p.piece, ':[0-9]+$')
   or not exists (select 1 from import_file f where starts_with(p.piece, f.display_path || ':'));
