{#- Which tickets an incremental run of a ticket-grain model recomputes: exactly those whose
    outcome can have changed since that model's own last run (its state: base rows ingested
    through `ingested_through`, evaluated at `as_of`). Called from the model's pre-hook
    (macros/incremental.sql); the relations are looked up in the graph rather than by ref,
    since the lists read models downstream of the caller (the lifecycle) as well. -#}

{% macro project_relation(model_name) -%}
    {%- set node = graph.nodes["model." ~ project_name ~ "." ~ model_name] -%}
    {{ return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)) }}
{%- endmacro %}


{% macro tickets_to_recompute_sql(state) -%}
    {%- set since = "cast('" ~ state.ingested_through ~ "' as " ~ dbt.type_timestamp() ~ ")" -%}
    {%- set previous_as_of = "cast('" ~ state.as_of ~ "' as " ~ dbt.type_timestamp() ~ ")" -%}
    {#- Each list is read once: the changed rows give both their ticket and the one they
        left, and the tickets entering the window are also repeat-contact candidates. -#}
    with

    changed_rows as (
        {{ changed_rows_sql(since) }}
    ),

    entered_window as (
        {{ entered_window_sql(previous_as_of) }}
    )

    select ticket_id from changed_rows where ticket_id is not null
    union
    select prior_ticket_id as ticket_id from changed_rows where prior_ticket_id is not null
    union
    select ticket_id from entered_window
    union
    {{ matured_or_repeat_sql(since, previous_as_of, "entered_window") }}
{%- endmacro %}


{#- A raw row of the ticket was staged, changed or quarantined since: the row's ticket and,
    for a child row that moved to another ticket, the ticket it left (_prior_ticket_id). A
    verdict does not change the outcome, but its disposition in int_raw_row_dispositions is
    rebuilt with its ticket. A row without a key is left out: it is quarantined, changes no
    outcome, and is staged again by every run (int_raw_row_dispositions replaces those rows
    on every run). Reads only rows ingested since (base tables are appended in load order,
    so the engine skips the older blocks), once per table. -#}
{% macro changed_rows_sql(since) -%}
    {%- set child_tables = {
        "messages": "message_id",
        "ticket_events": "event_id",
        "ai_actions": "action_id",
        "csat_responses": "response_id",
        "resolution_verdicts": "verdict_id",
    } -%}
    select
        ticket_id,
        cast(null as {{ dbt.type_string() }}) as prior_ticket_id
    from {{ project_relation("base_support__tickets") }}
    where _ingested_at > {{ since }}
    {%- for table_name, key_column in child_tables.items() %}
        union all
        select
            ticket_id,
            _prior_ticket_id as prior_ticket_id
        from {{ project_relation("base_support__" ~ table_name) }}
        where _ingested_at > {{ since }} and {{ key_column }} is not null
    {%- endfor %}
{%- endmacro %}


{#- A staged row dated after the previous as_of and up to this run's: the row enters the
    evaluation window. -#}
{% macro entered_window_sql(previous_as_of) -%}
    {%- set child_tables = [
        ("messages", "sent_at"),
        ("ticket_events", "occurred_at"),
        ("ai_actions", "occurred_at"),
        ("csat_responses", "responded_at"),
    ] -%}
    select ticket_id
    from {{ project_relation("stg_support__tickets") }}
    where created_at > {{ previous_as_of }} and created_at <= {{ as_of_timestamp() }}
    {%- for table_name, time_column in child_tables %}
        union
        select ticket_id
        from {{ project_relation("stg_support__" ~ table_name) }}
        where {{ time_column }} > {{ previous_as_of }} and {{ time_column }} <= {{ as_of_timestamp() }}
    {%- endfor %}
{%- endmacro %}


{#- Tickets whose outcome can change without a new row of their own, read from the
    lifecycle table as it stands:
    - matured: matures_at passed between the previous as_of and this one (besides new
      rows, maturity is the only thing as_of changes);
    - repeat contact: another ticket of the same customer, whose tickets-table row was
      staged or changed or which entered the window, can now be its repeat contact, or its
      repeat contact changed (it may no longer be one).
    Without a lifecycle table: every ticket of those customers. -#}
{% macro matured_or_repeat_sql(since, previous_as_of, entered_window) -%}
    {%- set lifecycle_node = graph.nodes["model." ~ project_name ~ ".int_conversations_lifecycle"] -%}
    {%- set lifecycle = adapter.get_relation(
        database=lifecycle_node.database, schema=lifecycle_node.schema, identifier=lifecycle_node.alias,
    ) -%}
    {%- set base_tickets = project_relation("base_support__tickets") -%}
    {%- set staged_tickets = project_relation("stg_support__tickets") -%}
    {%- set candidates -%}
        select
            staged_tickets.customer_id,
            staged_tickets.created_at
        from {{ staged_tickets }} as staged_tickets
        inner join {{ base_tickets }} as base_tickets
            on staged_tickets.ticket_id = base_tickets.ticket_id
        where base_tickets._ingested_at > {{ since }}
        union
        select
            staged_tickets.customer_id,
            staged_tickets.created_at
        from {{ staged_tickets }} as staged_tickets
        inner join {{ entered_window }} as entered_window
            on staged_tickets.ticket_id = entered_window.ticket_id
    {%- endset -%}
    {%- if lifecycle is not none %}
        select lifecycle.ticket_id
        from {{ lifecycle }} as lifecycle
        where lifecycle.matures_at > {{ previous_as_of }} and lifecycle.matures_at <= {{ as_of_timestamp() }}
        union
        -- A solved ticket the candidate can now be a repeat contact of.
        select lifecycle.ticket_id
        from {{ lifecycle }} as lifecycle
        inner join ({{ candidates }}) as contact_candidates
            on lifecycle.customer_id = contact_candidates.customer_id
        where
            lifecycle.first_solved_at < contact_candidates.created_at
            and contact_candidates.created_at
            <= {{ timestamp_add("hour", var("repeat_contact_window_hours"), "lifecycle.first_solved_at") }}
        union
        -- A ticket whose repeat contact changed.
        select lifecycle.ticket_id
        from {{ lifecycle }} as lifecycle
        inner join {{ base_tickets }} as base_tickets
            on lifecycle.repeat_contact_ticket_id = base_tickets.ticket_id
        where base_tickets._ingested_at > {{ since }}
    {%- else %}
        select staged_tickets.ticket_id
        from {{ staged_tickets }} as staged_tickets
        inner join ({{ candidates }}) as contact_candidates
            on staged_tickets.customer_id = contact_candidates.customer_id
    {%- endif %}
{%- endmacro %}
