{#- Older extractions per raw table: every raw row of a key but the winning one, as
    counted by the base_ models (raw_row_count - 1 per key). -#}

{%- set raw_tables = ["tickets", "messages", "ticket_events", "ai_actions", "csat_responses", "resolution_verdicts"] %}

with

{%- for raw_table in raw_tables %}

    base_{{ raw_table }} as {{ inline_cte() }} (

        select * from {{ ref("base_support__" ~ raw_table) }}

    ),
{%- endfor %}

collapsed_rows as (
    {%- for raw_table in raw_tables %}

        select
            '{{ raw_table }}' as raw_table,
            coalesce(sum(base_{{ raw_table }}.raw_row_count - 1), 0) as collapsed_rows
        from base_{{ raw_table }}
        {%- if not loop.last %}

            union all
        {%- endif %}
    {%- endfor %}

)

select
    cast(collapsed_rows.raw_table as {{ dbt.type_string() }}) as raw_table,
    cast(collapsed_rows.collapsed_rows as {{ dbt.type_bigint() }}) as collapsed_rows
from collapsed_rows
