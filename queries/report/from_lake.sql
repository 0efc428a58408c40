-- A store for `patuh report --from LAKE...`: findings, cases and events read back from one or
-- more lakes (hive partitions; {findings}, {cases} and {events} are lists of globs). Event ids
-- are renumbered, as separate runs number their events each from 1; the report reads nothing
-- else (its data-quality appendix needs the stores and says so).
insert into finding
select case_kind, case_key, branch, advisor, rule_id, rule_version, status, measured, "limit",
       unit, started_at, due_at, done_at, reason, evidence, semester
from read_parquet({findings}, hive_partitioning = true, union_by_name = true);

insert into finding_review
select case_kind, case_key, rule_id, machine_status, review_decision, review_reason, reviewer,
       reviewed_on, review_source
from read_parquet({findings}, hive_partitioning = true, union_by_name = true)
where review_decision is not null;

insert into "case"
select case_kind, case_key, branch, advisor, customer, phone, plate, opened_at, closed_at,
       object_id
from read_parquet({cases}, hive_partitioning = true, union_by_name = true);

insert into latest_ticket by name
select case_key as ticket_id, case_kind, ticket_type as type, ticket_subject as subject,
       ticket_product as product, ticket_warranty_status as warranty_status
from read_parquet({cases}, hive_partitioning = true, union_by_name = true)
where case_kind in ('inquiry', 'aftersales');

create temp table lake_event as
select row_number() over (order by filename, event_id) as new_id, *
from read_parquet({events}, hive_partitioning = true, union_by_name = true, filename = true);

insert into event (event_id, branch, occurred_at, seq, actor_role, actor, activity, labels,
                   attributes, text, customer)
select new_id, branch, occurred_at, seq, actor_role, actor, activity, labels, attributes, text,
       customer
from lake_event;

insert into event_object (event_id, object_id, link)
select new_id, unnest(objects), 'lake' from lake_event where objects is not null;
