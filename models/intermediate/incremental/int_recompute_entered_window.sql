-- depends_on: {{ ref("stg_support__tickets") }}
-- depends_on: {{ ref("stg_support__messages") }}
-- depends_on: {{ ref("stg_support__ticket_events") }}
-- depends_on: {{ ref("stg_support__ai_actions") }}
-- depends_on: {{ ref("stg_support__csat_responses") }}

{#- Tickets with a staged row dated after the previous run's as_of and up to this run's:
    the row enters the evaluation window. Empty when the run recomputes every ticket
    (macros/incremental.sql). -#}

{%- set plan = recompute_plan() %}
{%- set child_tables = [
    ("messages", "sent_at"),
    ("ticket_events", "occurred_at"),
    ("ai_actions", "occurred_at"),
    ("csat_responses", "responded_at"),
] %}

{%- if plan["all"] %}

    select cast(null as {{ dbt.type_string() }}) as ticket_id
    where 1 = 0

{%- else %}
    {%- set previous_as_of = "cast('" ~ plan.state.as_of ~ "' as " ~ dbt.type_timestamp() ~ ")" %}

    with

    staged_tickets as {{ inline_cte() }} (

        select * from {{ ref("stg_support__tickets") }}

    ),
    {%- for table_name, time_column in child_tables %}

        staged_{{ table_name }} as {{ inline_cte() }} (

            select * from {{ ref("stg_support__" ~ table_name) }}

        ),
    {%- endfor %}

    entered_window as (

        select ticket_id
        from staged_tickets
        where created_at > {{ previous_as_of }} and created_at <= {{ as_of_timestamp() }}
        {%- for table_name, time_column in child_tables %}

            union

            select ticket_id
            from staged_{{ table_name }}
            where {{ time_column }} > {{ previous_as_of }} and {{ time_column }} <= {{ as_of_timestamp() }}
        {%- endfor %}

    )

    select entered_window.ticket_id
    from entered_window

{%- endif %}
