{#- Rows per raw table that the outcomes are built from: the tickets in scope and the
    timeline's rows by source. A query with columns raw_table, row_count; used by the
    data-quality summary and by the tests that account for every raw row. -#}
{% macro used_rows_per_raw_table() -%}
    select
        'tickets' as raw_table,
        count(*) as row_count
    from {{ ref("int_tickets_in_scope") }}

    union all

    select
        case activity_source
            when 'message' then 'messages'
            when 'event' then 'ticket_events'
            when 'ai_action' then 'ai_actions'
            when 'csat' then 'csat_responses'
        end as raw_table,
        count(*) as row_count
    from {{ ref("int_activity_timeline") }}
    group by activity_source
{%- endmacro %}
