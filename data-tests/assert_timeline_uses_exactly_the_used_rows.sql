-- The rows int_raw_row_dispositions calls `used` are exactly the rows the timeline
-- (and so every outcome) is built from, table by table.
with

used as (

    select
        raw_table,
        count(*) as used_rows
    from {{ ref("int_raw_row_dispositions") }}
    where disposition = 'used' and raw_table != 'tickets'
    group by raw_table

),

timeline as (

    select
        case activity_source
            when 'message' then 'messages'
            when 'event' then 'ticket_events'
            when 'ai_action' then 'ai_actions'
            when 'csat' then 'csat_responses'
        end as raw_table,
        count(*) as timeline_rows
    from {{ ref("int_activity_timeline") }}
    group by activity_source

),

tickets_in_scope as (

    select count(*) as in_scope_rows
    from {{ ref("int_tickets_in_scope") }}

),

used_tickets as (

    select count(*) as used_rows
    from {{ ref("int_raw_row_dispositions") }}
    where raw_table = 'tickets' and disposition = 'used'

),

tickets as (

    select
        'tickets' as raw_table,
        tickets_in_scope.in_scope_rows,
        used_tickets.used_rows
    from tickets_in_scope
    cross join used_tickets

)

select
    coalesce(used.raw_table, timeline.raw_table) as raw_table,
    used.used_rows,
    timeline.timeline_rows
from used
full outer join timeline
    on used.raw_table = timeline.raw_table
where coalesce(used.used_rows, 0) != coalesce(timeline.timeline_rows, 0)

union all

select
    raw_table,
    used_rows,
    in_scope_rows
from tickets
where used_rows != in_scope_rows
