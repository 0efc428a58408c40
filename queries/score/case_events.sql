-- Every event of every case (messages and record rows), grouped by case object, in time order
-- (file order within a minute). One read for all cases: rules run in Rust over these batches.
-- Read by column name (src/rules/score/mod.rs, attach_events).
select o.object_id, o.link, e.occurred_at, e.actor_role, e.activity, e.labels, e.attributes,
       coalesce(e.text, '') as text,
       f.display_path || ':' || coalesce(e.sheet || ':', '') as source_file, e.row_no
from event_object o
join event e using (event_id)
left join import_file f on f.file_id = e.file_id
where o.object_id not like 'customer:%'
order by o.object_id, e.occurred_at, e.file_id, e.seq, e.event_id;
