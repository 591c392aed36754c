-- depends_on: {{ ref("base_support__tickets") }}
-- depends_on: {{ ref("base_support__messages") }}
-- depends_on: {{ ref("base_support__ticket_events") }}
-- depends_on: {{ ref("base_support__ai_actions") }}
-- depends_on: {{ ref("base_support__csat_responses") }}
-- depends_on: {{ ref("base_support__resolution_verdicts") }}

{#- Tickets with a raw row staged, changed or quarantined since the last complete run:
    the row's ticket and, for a child row that moved to another ticket, the ticket it
    left (_prior_ticket_id). Empty when the run recomputes every ticket
    (macros/incremental.sql). A verdict does not change the outcome, but its
    disposition in int_raw_row_dispositions is rebuilt with its ticket. -#}

{%- set plan = recompute_plan() %}
{%- set child_tables = ["messages", "ticket_events", "ai_actions", "csat_responses", "resolution_verdicts"] %}

{%- if plan["all"] %}

    select cast(null as {{ dbt.type_string() }}) as ticket_id
    where 1 = 0

{%- else %}
    {%- set since = "cast('" ~ plan.state.ingested_through ~ "' as " ~ dbt.type_timestamp() ~ ")" %}

    with

    base_tickets as {{ inline_cte() }} (

        select * from {{ ref("base_support__tickets") }}

    ),
    {%- for table_name in child_tables %}

        base_{{ table_name }} as {{ inline_cte() }} (

            select * from {{ ref("base_support__" ~ table_name) }}

        ),
    {%- endfor %}

    changed_tickets as (

        select ticket_id
        from base_tickets
        where _ingested_at > {{ since }} and ticket_id is not null
        {%- for table_name in child_tables %}

            union

            select ticket_id
            from base_{{ table_name }}
            where _ingested_at > {{ since }} and ticket_id is not null

            union

            select _prior_ticket_id as ticket_id
            from base_{{ table_name }}
            where _ingested_at > {{ since }} and _prior_ticket_id is not null
        {%- endfor %}

    )

    select changed_tickets.ticket_id
    from changed_tickets

{%- endif %}
