{#- The contract's `ticket_events` from Zendesk's ticket_field_history: status changes
    (status through the status map), assignments to an agent (ai_agent when the assignee
    is listed as AI) and to a group (queue), the actor from the change's user_id. A
    ticket that came in through an AI channel (via_channel starting with a value listed
    as via_channel in source_ai_identities) or carries a tag listed there was taken by the
    AI when it was created: an `assigned` event to ai_agent at created_at. The rules are
    shared with the Airbyte-layout adapter (zendesk_contract_ticket_events in
    macros/sources/zendesk_rules.sql); this model brings Fivetran's tables to their shape. -#}

with

field_history as (

    select * from {{ ref("base_zendesk__ticket_field_history") }}

),

tickets as (

    select * from {{ ref("base_zendesk__ticket") }}

),

tags as (

    select * from {{ ref("base_zendesk__ticket_tag") }}

),

authors as (

    select * from {{ ref("zendesk__authors") }}

),

changes as (

    -- Fivetran keys a field change by ticket, field and time; the change's user acts.
    select
        {{ dbt.concat([
            "field_name", "':'", "ticket_id", "':'",
            "cast(changed_at as " ~ dbt.type_string() ~ ")",
        ]) }} as event_id,
        ticket_id,
        user_id,
        cast(null as {{ dbt.type_string() }}) as actor_override,
        field_name,
        field_value,
        changed_at,
        _loaded_at
    from field_history

),

{{ zendesk_contract_ticket_events("zendesk") }}
