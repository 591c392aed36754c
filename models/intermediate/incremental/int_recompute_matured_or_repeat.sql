-- depends_on: {{ ref("base_support__tickets") }}
-- depends_on: {{ ref("stg_support__tickets") }}
-- depends_on: {{ ref("int_recompute_entered_window") }}

{#- Tickets whose outcome can change without a new row of their own, read from the
    lifecycle table the last complete run left (through adapter.get_relation, not ref:
    the lifecycle is rebuilt from int_tickets_to_recompute, a ref would be a cycle):
    - matured: not mature at the last run and mature now (besides new rows, maturity is
      the only thing as_of changes);
    - repeat contact: another ticket of the same customer, whose tickets-table row was
      staged or changed or which entered the window, can now be its repeat contact, or
      its repeat contact changed (it may no longer be one).
    Without a lifecycle table: every ticket of those customers. Empty when the run
    recomputes every ticket (macros/incremental.sql). -#}

{%- set plan = recompute_plan() %}

{%- if plan["all"] %}

    select cast(null as {{ dbt.type_string() }}) as ticket_id
    where 1 = 0

{%- else %}
    {%- set since = "cast('" ~ plan.state.ingested_through ~ "' as " ~ dbt.type_timestamp() ~ ")" %}
    {%- set lifecycle_node = graph.nodes["model." ~ project_name ~ ".int_conversations_lifecycle"] %}
    {%- set lifecycle = adapter.get_relation(
        database=lifecycle_node.database, schema=lifecycle_node.schema, identifier=lifecycle_node.alias,
    ) %}

    with

    base_tickets as {{ inline_cte() }} (

        select * from {{ ref("base_support__tickets") }}

    ),

    staged_tickets as {{ inline_cte() }} (

        select * from {{ ref("stg_support__tickets") }}

    ),

    entered_window as {{ inline_cte() }} (

        select * from {{ ref("int_recompute_entered_window") }}

    ),

    -- Tickets whose tickets-table row arrived, changed or entered the window.
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

    recomputed as (

        {%- if lifecycle is not none %}
            select lifecycle.ticket_id
            from {{ lifecycle }} as lifecycle
            where not lifecycle.is_mature and lifecycle.matures_at <= {{ as_of_timestamp() }}

            union

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

            -- A ticket whose repeat contact changed.
            select lifecycle.ticket_id
            from {{ lifecycle }} as lifecycle
            inner join base_tickets
                on lifecycle.repeat_contact_ticket_id = base_tickets.ticket_id
            where base_tickets._ingested_at > {{ since }}
        {%- else %}
            select distinct staged_tickets.ticket_id
            from staged_tickets
            inner join contact_candidates
                on staged_tickets.customer_id = contact_candidates.customer_id
        {%- endif %}

    )

    select recomputed.ticket_id
    from recomputed

{%- endif %}
