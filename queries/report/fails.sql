-- Every fail of one semester ($1) with what a reader needs: the case, the advisor, the reason,
-- the evidence, and the text of the message that started the clock (when there is one).
-- Worst first: the largest measured / limit, then the rest by rule.
select f.rule_id, f.case_kind, f.case_key, coalesce(f.advisor, '(none)') as advisor, f.measured,
       f."limit", f.unit, f.started_at, f.reason, f.evidence, c.customer, c.phone,
       (select e.text from event_object o join event e using (event_id)
        where o.object_id = c.object_id and e.text is not null
          and (e.occurred_at = f.started_at or e.occurred_at = f.done_at)
        order by e.occurred_at limit 1) as excerpt,
       f.branch
from finding f
join "case" c on c.case_kind = f.case_kind and c.case_key = f.case_key
where f.semester = $1 and f.status = 'fail'
order by case when f.measured is not null and f."limit" > 0 then f.measured / f."limit" end desc nulls last,
         f.rule_id, f.case_key;
