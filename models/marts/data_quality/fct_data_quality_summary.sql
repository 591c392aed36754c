{#- The health of the input, next to the metrics: per raw table, how many rows were
    used, collapsed as re-extracted duplicates, or quarantined (per reason); how many
    used rows carried an enum value outside the contract (per column); and which
    optional tables were not delivered. The counts come from models/intermediate/data_quality
    and int_raw_row_dispositions. -#}

{%- set raw_tables = ["tickets", "messages", "ticket_events", "ai_actions", "csat_responses", "resolution_verdicts"] %}

with

used_rows as {{ inline_cte() }} (

    select * from {{ ref("int_raw_rows_used") }}

),

collapsed_rows as {{ inline_cte() }} (

    select * from {{ ref("int_raw_rows_collapsed") }}

),

dispositions as {{ inline_cte() }} (

    select * from {{ ref("int_raw_row_dispositions") }}

),

unknown_values as {{ inline_cte() }} (

    select * from {{ ref("int_unknown_enum_values") }}

),

-- Used + duplicate_collapsed + quarantined: every raw row once.
by_disposition as (

    select
        used_rows.raw_table,
        'used' as disposition,
        'used' as reason,
        used_rows.used_rows as row_count
    from used_rows
    where used_rows.used_rows > 0

    union all

    select
        collapsed_rows.raw_table,
        'duplicate_collapsed' as disposition,
        'duplicate_collapsed' as reason,
        collapsed_rows.collapsed_rows as row_count
    from collapsed_rows
    where collapsed_rows.collapsed_rows > 0

    union all

    select
        dispositions.raw_table,
        dispositions.disposition,
        dispositions.reason,
        count(*) as row_count
    from dispositions
    group by
        dispositions.raw_table,
        dispositions.disposition,
        dispositions.reason

),

missing_tables as (

    {%- for raw_table in raw_tables %}

        select
            '{{ raw_table }}' as raw_table,
            'table_missing' as disposition,
            'table_missing' as reason,
            cast({{ 0 if not raw_table_present(raw_table) else "null" }} as {{ dbt.type_bigint() }}) as row_count
        {%- if not loop.last %}

            union all
        {%- endif %}
    {%- endfor %}

),

raw_totals as (

    select
        by_disposition.raw_table,
        sum(by_disposition.row_count) as raw_table_rows
    from by_disposition
    group by by_disposition.raw_table

),

combined as (

    select * from by_disposition

    union all

    select
        unknown_values.raw_table,
        'unknown_value' as disposition,
        unknown_values.raw_column as reason,
        unknown_values.unknown_rows as row_count
    from unknown_values
    where unknown_values.unknown_rows > 0

    union all

    select * from missing_tables
    where missing_tables.row_count is not null

)

select
    cast(
        {{ dbt.concat(["combined.raw_table", "'|'", "combined.disposition", "'|'", "combined.reason"]) }}
        as {{ dbt.type_string() }}
    ) as dq_key,
    cast(combined.raw_table as {{ dbt.type_string() }}) as raw_table,
    cast(combined.disposition as {{ dbt.type_string() }}) as disposition,
    cast(combined.reason as {{ dbt.type_string() }}) as reason,
    cast(combined.row_count as {{ dbt.type_int() }}) as row_count,
    cast(coalesce(raw_totals.raw_table_rows, 0) as {{ dbt.type_int() }}) as raw_table_rows,
    cast(
        {{ safe_rate("combined.row_count", "raw_totals.raw_table_rows") }} as {{ type_double() }}
    ) as share_of_raw_rows
from combined
left join raw_totals
    on combined.raw_table = raw_totals.raw_table
