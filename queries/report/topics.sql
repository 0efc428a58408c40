-- Inquiry topics that recur (INQ stage 7) and the after-sales recap (PJL stage 5), semester $1
-- of the ticket's creation: (section, topic, tickets), per report scope.
select 'inquiry' as section, coalesce(t.type, '(no category)') || ': ' || coalesce(t.subject, '(no question recorded)') as topic,
       count(*) as tickets, f.scope
from latest_ticket t
join report_finding f on f.case_key = t.ticket_id and f.rule_id = 'INQ-T1.record'
where t.case_kind = 'inquiry' and f.semester = $1
group by all
union all
select 'aftersales', coalesce(t.product, '(no product)') || ' — ' || coalesce(t.warranty_status, '(no warranty status)'),
       count(*), f.scope
from latest_ticket t
join report_finding f on f.case_key = t.ticket_id and f.rule_id = 'PJL-T1.record'
where t.case_kind = 'aftersales' and f.semester = $1
group by all
order by scope, section, tickets desc, topic;
