-- The source kinds imported at all (booking, work_order, ticket, checklist, whatsapp, roster,
-- review): a rule that reads a kind no file of which was imported cannot be judged.
select distinct kind from import_file order by kind;
