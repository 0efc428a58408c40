-- The end of the imported data, per branch: the branch's last chat message (the export's
-- moment), or its last record time when it has no chats. A deadline after it is "open at
-- cut-off". Per branch, so an eastern branch's later clock cannot close a western branch's
-- open cases (and a branch whose exports stop earlier keeps its own cut-off).
select branch, coalesce(max(occurred_at) filter (where text is not null), max(occurred_at))
from event
group by branch
