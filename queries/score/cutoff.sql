-- The end of the imported data: the last message of any chat (the export's moment), or the
-- last record time when there are no chats. A deadline after it is "open at cut-off".
select coalesce(max(occurred_at) filter (where text is not null), max(occurred_at))
from event;
