{#- Rows per raw table that the outcomes are built from: the tickets in scope and the
    timeline's rows by source; and the external verdicts set beside them (staged, on a
    ticket in scope). Read by fct_data_quality_summary and by the data tests
    that account for every raw row. -#}

with

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}

),

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}

),

verdicts as {{ inline_cte() }} (

    select * from {{ ref("stg_support__resolution_verdicts") }}

),

used_rows as (

    select
        'tickets' as raw_table,
        count(*) as used_rows
    from tickets

    union all

    select
        case timeline.activity_source
            when 'message' then 'messages'
            when 'event' then 'ticket_events'
            when 'ai_action' then 'ai_actions'
            when 'csat' then 'csat_responses'
        end as raw_table,
        count(*) as used_rows
    from timeline
    group by timeline.activity_source

    union all

    select
        'resolution_verdicts' as raw_table,
        count(*) as used_rows
    from verdicts
    inner join tickets
        on verdicts.ticket_id = tickets.ticket_id

)

select
    cast(used_rows.raw_table as {{ dbt.type_string() }}) as raw_table,
    cast(used_rows.used_rows as {{ dbt.type_bigint() }}) as used_rows
from used_rows
