-- Every finding belongs to a case of the store.
select f.case_kind, f.case_key, f.rule_id
from finding f
where not exists (select 1 from "case" c
                  where c.case_kind = f.case_kind and c.case_key = f.case_key);
