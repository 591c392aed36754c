-- Every raw row ends in exactly one place: used + duplicate_collapsed + quarantined
-- equals the rows of the raw table, counted straight from the source.
{%- set raw_tables = ["tickets", "messages", "ticket_events", "ai_actions", "csat_responses"] %}

with

raw_counts as (

    select
        'tickets' as raw_table,
        count(*) as raw_rows
    from {{ source("support", "tickets") }}
    {%- for table_name in raw_tables[1:] if raw_table_present(table_name) %}

        union all

        select
            '{{ table_name }}' as raw_table,
            count(*) as raw_rows
        from {{ source("support", table_name) }}
    {%- endfor %}

),

accounted as (

    select
        raw_table,
        sum(case when disposition = 'used' then 1 else 0 end) as used_rows,
        sum(raw_row_count - 1) as collapsed_rows,
        sum(case when disposition = 'quarantined' then 1 else 0 end) as quarantined_rows,
        sum(raw_row_count) as accounted_rows
    from {{ ref("int_raw_row_dispositions") }}
    group by raw_table

)

select
    raw_counts.raw_table,
    raw_counts.raw_rows,
    accounted.accounted_rows
from raw_counts
left join accounted
    on raw_counts.raw_table = accounted.raw_table
where
    coalesce(accounted.used_rows + accounted.collapsed_rows + accounted.quarantined_rows, 0) != raw_counts.raw_rows
