-- One case's events in time order (file order within a minute), with their source.
-- $1 = the case's object id; a follow-up also shows its job's completion status.
select e.event_id, e.occurred_at, e.actor_role, e.actor, e.activity, e.labels, e.attributes,
       e.text, f.display_path || ':' || coalesce(e.sheet || ':', '') || e.row_no as source,
       o.link
from event_object o
join event e using (event_id)
left join import_file f on f.file_id = e.file_id
where o.object_id = $1
   or ($1 like 'followup:%' and o.object_id = 'work_order:' || substr($1, 10)
       and e.activity = 'status:selesai')
order by e.occurred_at, e.file_id, e.seq, e.event_id;
