-- Schema 7: a ticket's priority as written, beside the mapped word (as its type has), so a
-- priority patuh cannot read is told apart from one that is missing: unknown, not a fail.
alter table raw_ticket add column priority_raw varchar;
