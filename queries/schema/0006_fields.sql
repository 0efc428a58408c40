-- Schema 6: which fields each imported file provides (the header columns recognised, JSON
-- array of field names from rules/headers.toml; null for chats and files imported before).
-- A rule that needs a field its case's record file lacks is `unknown` ("the data cannot show
-- it"), never `fail`.
alter table import_file add column fields varchar;
