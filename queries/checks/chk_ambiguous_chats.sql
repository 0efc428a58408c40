-- Chats that could belong to several customers (a shared contact name), with the candidates:
-- never guessed, so their cases' chat rules are unknown until a phone or plate settles them.
select f.display_path || coalesce(':' || nullif(l.sheet, ''), '') as file, l.chat, l.messages, l.candidates
from timeline_link l
join import_file f using (file_id)
where l.outcome = 'ambiguous'
order by file;
