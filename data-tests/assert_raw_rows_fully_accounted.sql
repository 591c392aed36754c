-- Every raw row ends in exactly one place: used (a ticket in scope, a timeline row, or a
-- verdict on a ticket in scope) +
-- duplicate_collapsed (older extractions, from staging) + quarantined (the set-aside
-- rows) equals the rows of the raw table, counted straight from the source.
{%- set raw_tables = ["tickets", "messages", "ticket_events", "ai_actions", "csat_responses", "resolution_verdicts"] %}

with

raw_counts as (

    select
        'tickets' as raw_table,
        count(*) as raw_rows
    from {{ raw_relation("tickets") }}
    {%- for table_name in raw_tables[1:] if raw_table_present(table_name) %}

        union all

        select
            '{{ table_name }}' as raw_table,
            count(*) as raw_rows
        from {{ raw_relation(table_name) }}
    {%- endfor %}

),

parts as (

    select
        raw_table,
        used_rows as row_count
    from {{ ref("int_raw_rows_used") }}

    union all

    select
        raw_table,
        collapsed_rows as row_count
    from {{ ref("int_raw_rows_collapsed") }}

    union all

    select
        raw_table,
        count(*) as row_count
    from {{ ref("int_raw_row_dispositions") }}
    group by raw_table

),

accounted as (

    select
        raw_table,
        sum(row_count) as accounted_rows
    from parts
    group by raw_table

)

select
    raw_counts.raw_table,
    raw_counts.raw_rows,
    accounted.accounted_rows
from raw_counts
left join accounted
    on raw_counts.raw_table = accounted.raw_table
where coalesce(accounted.accounted_rows, 0) != raw_counts.raw_rows
