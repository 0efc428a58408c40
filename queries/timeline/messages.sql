-- Every chat message in file order; one chat = one (file_id, sheet). Read in Arrow batches by
-- column name (src/timeline/build.rs, read_messages).
select m.file_id, coalesce(m.sheet, '') as sheet, m.row_no, m.chat, m.sent_at, m.sender,
       m.sender_side as side, m.text, m.media is not null as has_media,
       m.customer_phone as phone, m.chat_plate as plate
from raw_message m
order by m.file_id, m.sheet, m.row_no;
