{#- The health of the input, next to the metrics: per raw table, how many rows were
    used, collapsed as re-extracted duplicates, or quarantined (per reason); how many
    used rows carried an enum value outside the contract (per column); and which
    optional tables were not delivered. -#}

{%- set raw_tables = ["tickets", "messages", "ticket_events", "ai_actions", "csat_responses"] %}
{%- set unknown_value_checks = [
    ("tickets", "channel", "tickets", "channel"),
    ("tickets", "status", "tickets", "status"),
    ("messages", "author_type", "message", "actor_type"),
    ("ticket_events", "event_type", "event", "activity_type"),
    ("ticket_events", "actor_type", "event", "actor_type"),
    ("ticket_events", "status", "event", "status"),
    ("ticket_events", "assignee_type", "event", "assignee_type"),
    ("ticket_events", "reason", "event", "handoff_reason"),
    ("ai_actions", "outcome", "ai_action", "action_outcome"),
    ("ai_actions", "policy_result", "ai_action", "policy_result"),
] %}

with

dispositions as {{ inline_cte() }} (

    select * from {{ ref("int_raw_row_dispositions") }}

),

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}

),

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}

),

used as (

    {{ used_rows_per_raw_table() }}

),

-- Every raw row of a key but the winning one is an older extraction.
duplicates as (
    {%- for raw_table in raw_tables %}

        select
            '{{ raw_table }}' as raw_table,
            sum(raw_row_count - 1) as row_count
        from {{ ref("base_support__" ~ raw_table) }}
        {%- if not loop.last %}

            union all
        {%- endif %}
    {%- endfor %}

),

by_disposition as (

    select
        raw_table,
        'used' as disposition,
        'used' as reason,
        row_count
    from used
    where row_count > 0

    union all

    select
        raw_table,
        'duplicate_collapsed' as disposition,
        'duplicate_collapsed' as reason,
        row_count
    from duplicates
    where row_count > 0

    union all

    select
        raw_table,
        disposition,
        reason,
        count(*) as row_count
    from dispositions
    group by
        raw_table,
        disposition,
        reason

),

-- One pass over each table counts every check.
unknown_counts as (

    select
        {%- for raw_table, raw_column, source_name, column in unknown_value_checks if source_name != "tickets" %}
            sum(
                case when activity_source = '{{ source_name }}' and {{ column }} = 'unknown' then 1 else 0 end
            ) as unknown_{{ loop.index }},
        {%- endfor %}
        count(*) as timeline_rows
    from timeline

),

unknown_ticket_counts as (

    select
        {%- for raw_table, raw_column, source_name, column in unknown_value_checks if source_name == "tickets" %}
            sum(case when {{ column }} = 'unknown' then 1 else 0 end) as unknown_{{ loop.index }},
        {%- endfor %}
        count(*) as ticket_rows
    from tickets

),

unknown_values as (

    {%- for raw_table, raw_column, source_name, column in unknown_value_checks if source_name == "tickets" %}

        select
            '{{ raw_table }}' as raw_table,
            'unknown_value' as disposition,
            '{{ raw_column }}' as reason,
            coalesce(unknown_{{ loop.index }}, 0) as row_count
        from unknown_ticket_counts

        union all
    {%- endfor %}
    {%- for raw_table, raw_column, source_name, column in unknown_value_checks if source_name != "tickets" %}

        select
            '{{ raw_table }}' as raw_table,
            'unknown_value' as disposition,
            '{{ raw_column }}' as reason,
            coalesce(unknown_{{ loop.index }}, 0) as row_count
        from unknown_counts
        {%- if not loop.last %}

            union all
        {%- endif %}
    {%- endfor %}

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
        raw_table,
        sum(row_count) as raw_table_rows
    from by_disposition
    group by raw_table

),

combined as (

    select * from by_disposition
    union all
    select * from unknown_values
    where row_count > 0
    union all
    select * from missing_tables
    where row_count is not null

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
