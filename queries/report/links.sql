-- How chats were tied to customers (data-quality appendix).
select outcome, count(*) as chats, sum(messages) as messages
from timeline_link
group by outcome
order by chats desc;
