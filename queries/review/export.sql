-- `patuh review export`: the findings of one semester ($1) that a supervisor reviews — every
-- fail and unknown, and the passes when asked ($4) — for one advisor ($2) and rules starting
-- with $3 when given, with the evidence fingerprint, the first words of the evidence messages
-- and any decision already applied (a re-export keeps the work done).
with picked as (
    select f.*,
           finding_fingerprint(f.case_kind, f.machine_status, f.measured, f."limit",
                               f.started_at, f.due_at, f.done_at, f.evidence) as fingerprint
    from finding_verdict f
    where f.semester = $1
      and (f.machine_status in ('fail', 'unknown') or ($4 and f.machine_status = 'pass'))
      and ($2 is null or lower(f.advisor) = lower($2))
      and ($3 is null or upper(f.rule_id) like upper($3) || '%')
),
located as (
    select p.case_kind, p.case_key, p.rule_id, trim(loc.l) as location, loc.n
    from picked p, unnest(string_split(p.evidence, ';')) with ordinality as loc(l, n)
    where trim(loc.l) <> ''
),
said as (
    -- Evidence locations matched to the events' own locations by equality (a hash join):
    -- a LIKE on the file's path made this a nested loop, 52 s for 27k findings at --scale 10.
    select l.case_kind, l.case_key, l.rule_id,
           string_agg(left(e.text, 90), ' / ' order by l.n) as excerpt
    from located l
    join (select e.text,
                 i.display_path || ':' || coalesce(e.sheet || ':', '') || e.row_no as location
          from event e
          join import_file i on i.file_id = e.file_id
          where e.text is not null) e on e.location = l.location
    group by all
)
select p.case_key, p.case_kind, coalesce(p.advisor, '') as advisor, p.branch, p.rule_id,
       p.machine_status, p.measured, p."limit", p.unit, p.reason, p.evidence, c.customer,
       p.fingerprint, s.excerpt,
       p.review_decision, p.review_reason, p.reviewer, p.reviewed_on
from picked p
left join "case" c on c.case_kind = p.case_kind and c.case_key = p.case_key
left join said s on s.case_kind = p.case_kind and s.case_key = p.case_key and s.rule_id = p.rule_id
order by coalesce(p.advisor, ''), p.rule_id, p.case_key;
