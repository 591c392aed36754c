{#- The evaluation time. The var `as_of` when set; otherwise the latest activity
    timestamp in the raw tables, so a fixture run is deterministic and a production
    run evaluates "now". Resolved once per model at compile time into a literal, so
    engines can prune on it. -#}
{% macro as_of_timestamp() -%}
    {%- set configured = var("as_of", none) -%}
    {%- if configured is not none and configured | string | trim != "" -%}
        cast('{{ configured }}' as {{ dbt.type_timestamp() }})
    {%- elif execute -%}
        {%- set latest_activity_sql -%}
            select max(activity_at) as as_of
            from (
                select max(cast(created_at as {{ dbt.type_timestamp() }})) as activity_at from {{ source("support", "tickets") }}
                union all
                select max(cast(sent_at as {{ dbt.type_timestamp() }})) as activity_at from {{ source("support", "messages") }}
                union all
                select max(cast(occurred_at as {{ dbt.type_timestamp() }})) as activity_at from {{ source("support", "ticket_events") }}
                union all
                select max(cast(occurred_at as {{ dbt.type_timestamp() }})) as activity_at from {{ source("support", "ai_actions") }}
                union all
                select max(cast(responded_at as {{ dbt.type_timestamp() }})) as activity_at from {{ source("support", "csat_responses") }}
            ) as latest_per_table
        {%- endset -%}
        {%- set latest = run_query(latest_activity_sql).columns[0].values()[0] -%}
        {%- if latest is none -%}
            cast(null as {{ dbt.type_timestamp() }})
        {%- else -%}
            cast('{{ latest }}' as {{ dbt.type_timestamp() }})
        {%- endif -%}
    {%- else -%}
        cast(null as {{ dbt.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}
