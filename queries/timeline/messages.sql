-- Every chat message in file order; one chat = one (file_id, sheet).
select m.file_id, coalesce(m.sheet, '') as sheet, m.row_no, m.chat, m.sent_at, m.sender,
       m.sender_side, m.text, m.media is not null as has_media, m.customer_phone, m.chat_plate
from raw_message m
order by m.file_id, m.sheet, m.row_no;
