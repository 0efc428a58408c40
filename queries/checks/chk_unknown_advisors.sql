-- Advisor names written in the sources that match no roster name or WhatsApp chat name
-- (case and spacing ignored): reported, never silently merged (INPUTS.md, advisor roster).
with roster as (
    select lower(regexp_replace(trim(name), '\s+', ' ', 'g')) as folded
    from raw_advisor
    union
    select lower(regexp_replace(trim(alias), '\s+', ' ', 'g'))
    from (select unnest(string_split_regex(coalesce(chat_names, ''), '[;,]')) as alias from raw_advisor)
    where trim(alias) <> ''
),

used as (
    select advisor as name, 'booking' as source, file_id from raw_booking where advisor is not null
    union all
    select advisor, 'work_order', file_id from raw_work_order where advisor is not null
    union all
    select advisor, 'ticket', file_id from raw_ticket where advisor is not null
    union all
    select operator, 'checklist', file_id from raw_checklist_item where operator is not null
),

final as (
    select
        u.name,
        u.source,
        count(*) as rows,
        min(f.display_path) as first_file
    from used as u
    inner join import_file as f using (file_id)
    where lower(regexp_replace(trim(u.name), '\s+', ' ', 'g')) not in (select folded from roster)
    group by u.name, u.source
)

select * from final order by rows desc, name, source
