-- depends_on: {{ ref('base_support__tickets') }}
-- depends_on: {{ ref('base_support__messages') }}
-- depends_on: {{ ref('base_support__ticket_events') }}
-- depends_on: {{ ref('base_support__ai_actions') }}
-- depends_on: {{ ref('base_support__csat_responses') }}
-- depends_on: {{ ref('stg_support__tickets') }}
-- depends_on: {{ ref('stg_support__messages') }}
-- depends_on: {{ ref('stg_support__ticket_events') }}
-- depends_on: {{ ref('stg_support__ai_actions') }}
-- depends_on: {{ ref('stg_support__csat_responses') }}

{#- The tickets an incremental run recomputes: exactly those whose outcome can have
    changed since the last complete run.
    - a raw row of the ticket was staged, changed or quarantined (its current and its
      previous ticket);
    - a row of the ticket is dated after the previous as_of and up to the current one
      (it enters the evaluation window);
    - the ticket was not mature at the last run and is now (its reopen, repeat-contact or
      inactivity window closed): besides new rows, only maturity depends on as_of;
    - another ticket of the same customer, staged, changed or entering the window, can
      now be its repeat contact (created within the repeat window after its first
      solve), or its repeat contact changed.
    Empty when the run recomputes everything (see macros/incremental.sql). -#}

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
    {%- set since = "cast('" ~ plan.state.ingested_through ~ "' as " ~ dbt.type_timestamp() ~ ")" %}
    {%- set previous_as_of = "cast('" ~ plan.state.as_of ~ "' as " ~ dbt.type_timestamp() ~ ")" %}
    {%- set lifecycle_node = graph.nodes["model." ~ project_name ~ ".int_conversations_lifecycle"] %}
    {%- set lifecycle = adapter.get_relation(
        database=lifecycle_node.database, schema=lifecycle_node.schema, identifier=lifecycle_node.alias,
    ) %}

with

{%- for table_name, time_column in child_tables %}

    base_{{ table_name }} as (

        select * from {{ ref("base_support__" ~ table_name) }}

    ),

    staged_{{ table_name }} as (

        select * from {{ ref("stg_support__" ~ table_name) }}

    ),
{%- endfor %}

base_tickets as {{ inline_cte() }} (

    select * from {{ ref("base_support__tickets") }}

),

staged_tickets as {{ inline_cte() }} (

    select * from {{ ref("stg_support__tickets") }}

),


changed_tickets as (

    select ticket_id
    from base_tickets
    where _ingested_at > {{ since }} and ticket_id is not null
    {%- for table_name, time_column in child_tables %}

        union

        select ticket_id
        from base_{{ table_name }}
        where _ingested_at > {{ since }} and ticket_id is not null

        union

        select _prior_ticket_id as ticket_id
        from base_{{ table_name }}
        where _ingested_at > {{ since }} and _prior_ticket_id is not null
    {%- endfor %}

),

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

),

matured as (

    {%- if lifecycle is not none %}
        select ticket_id
        from {{ lifecycle }}
        where not is_mature and matures_at <= {{ as_of_timestamp() }}
    {%- else %}
        select cast(null as {{ dbt.type_string() }}) as ticket_id
        where 1 = 0
    {%- endif %}

),

-- Tickets whose tickets-table row arrived, changed or entered the window: they may
-- now be, or no longer be, a repeat contact of another ticket of the customer.
contact_candidates as (

    select
        staged_tickets.customer_id,
        staged_tickets.created_at
    from staged_tickets
    inner join base_tickets
        on staged_tickets.ticket_id = base_tickets.ticket_id
    where base_tickets._ingested_at > {{ since }}

    union

    select
        staged_tickets.customer_id,
        staged_tickets.created_at
    from staged_tickets
    inner join entered_window
        on staged_tickets.ticket_id = entered_window.ticket_id

),

same_customer as (

    {%- if lifecycle is not none %}
        -- A solved ticket the candidate can now be a repeat contact of.
        select lifecycle.ticket_id
        from {{ lifecycle }} as lifecycle
        inner join contact_candidates
            on lifecycle.customer_id = contact_candidates.customer_id
        where
            lifecycle.first_solved_at < contact_candidates.created_at
            and contact_candidates.created_at
            <= {{ timestamp_add("hour", var("repeat_contact_window_hours"), "lifecycle.first_solved_at") }}

        union

        -- A ticket whose repeat contact changed (it may no longer be one).
        select lifecycle.ticket_id
        from {{ lifecycle }} as lifecycle
        inner join base_tickets
            on lifecycle.repeat_contact_ticket_id = base_tickets.ticket_id
        where base_tickets._ingested_at > {{ since }}
    {%- else %}
        select staged_tickets.ticket_id
        from staged_tickets
        inner join contact_candidates
            on staged_tickets.customer_id = contact_candidates.customer_id
    {%- endif %}

),

recomputed as (

    select ticket_id from changed_tickets
    union
    select ticket_id from entered_window
    union
    select ticket_id from matured
    union
    select ticket_id from same_customer

)

select ticket_id
from recomputed

{%- endif %}
