{#- The contract's `ticket_events` from Zendesk's ticket_field_history: status changes
    (status through the status map), assignments to an agent (ai_agent when the assignee
    is listed as AI) and to a group (queue), the actor from the change's user_id. A
    ticket that came in through an AI channel (via_channel starting with a value listed
    as via_channel in source_ai_identities) or carries a tag listed there was taken by the
    AI when it was created: an `assigned` event to ai_agent at created_at. -#}

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

status_map as (

    {{ zendesk_seed_rows("source_status_map", "status") }}

),

identities as (

    select
        lower(trim(identity_type)) as identity_type,
        lower(trim(identity_value)) as identity_value
    from {{ ref("source_ai_identities") }}
    where
        lower(trim(source_system)) = 'zendesk'
        and coalesce(nullif(lower(trim(counts_as)), ''), 'ai_agent') = 'ai_agent'

),

requesters as (

    select
        ticket_id,
        min(customer_id) as customer_id
    from tickets
    group by ticket_id

),

used_tickets as (

    select
        ticket_id,
        via_channel,
        created_at,
        _loaded_at
    from tickets
    where not is_deleted_in_source

),

field_changes as (

    select
        {{ dbt.concat([
            "field_history.field_name", "':'", "field_history.ticket_id", "':'",
            "cast(field_history.changed_at as " ~ dbt.type_string() ~ ")",
        ]) }} as event_id,
        field_history.ticket_id,
        field_history.changed_at as occurred_at,
        case when field_history.field_name = 'status' then 'status_changed' else 'assigned' end as event_type,
        case
            when field_history.user_id is null or field_history.user_id = '-1' then 'system'
            when actors.author_type is not null and actors.author_type != 'unknown' then actors.author_type
            when field_history.user_id = requesters.customer_id then 'customer'
            else 'unknown'
        end as actor_type,
        case
            when field_history.field_name != 'status' then null
            when field_history.field_value is null then null
            else coalesce(status_map.status, 'unknown')
        end as status,
        case
            when field_history.field_name = 'group_id' then 'queue'
            when field_history.field_name != 'assignee_id' then null
            when assignees.author_type = 'ai_agent' then 'ai_agent'
            -- Automation listed as system is not a person: the ticket waits in a queue.
            when assignees.author_type = 'system' then 'queue'
            else 'human_agent'
        end as assignee_type,
        field_history._loaded_at
    from field_history
    left join status_map
        on
            field_history.field_name = 'status'
            and lower(field_history.field_value) = status_map.source_value
    left join authors as actors
        on field_history.user_id = actors.user_id
    left join authors as assignees
        on
            field_history.field_name = 'assignee_id'
            and field_history.field_value = assignees.user_id
    left join requesters
        on field_history.ticket_id = requesters.ticket_id
    where
        field_history.field_name in ('status', 'assignee_id', 'group_id')
        -- An assignee or group cleared is not an assignment.
        and (field_history.field_name = 'status' or field_history.field_value is not null)

),

ai_channel_intake as (

    select
        {{ dbt.concat(["'via_channel:'", "used_tickets.ticket_id"]) }} as event_id,
        used_tickets.ticket_id,
        used_tickets.created_at as occurred_at,
        used_tickets._loaded_at
    from used_tickets
    inner join identities
        on
            identities.identity_type = 'via_channel'
            and used_tickets.via_channel like {{ dbt.concat(["identities.identity_value", "'%'"]) }}
    group by used_tickets.ticket_id, used_tickets.created_at, used_tickets._loaded_at

),

ai_tag_intake as (

    -- A tag has no time of its own: an AI tag marks the AI as involved from creation.
    select
        {{ dbt.concat(["'tag:'", "used_tickets.ticket_id", "':'", "min(tags.tag)"]) }} as event_id,
        used_tickets.ticket_id,
        used_tickets.created_at as occurred_at,
        used_tickets._loaded_at
    from used_tickets
    inner join tags
        on used_tickets.ticket_id = tags.ticket_id
    inner join identities
        on
            identities.identity_type = 'tag'
            and tags.tag = identities.identity_value
    group by used_tickets.ticket_id, used_tickets.created_at, used_tickets._loaded_at

),

ai_intake as (

    select * from ai_channel_intake
    union all
    select * from ai_tag_intake

),

events as (

    select
        event_id,
        ticket_id,
        occurred_at,
        event_type,
        actor_type,
        status,
        assignee_type,
        _loaded_at
    from field_changes

    union all

    select
        event_id,
        ticket_id,
        occurred_at,
        'assigned' as event_type,
        'system' as actor_type,
        cast(null as {{ dbt.type_string() }}) as status,
        'ai_agent' as assignee_type,
        _loaded_at
    from ai_intake

)

select
    cast(event_id as {{ dbt.type_string() }}) as event_id,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at,
    cast(event_type as {{ dbt.type_string() }}) as event_type,
    cast(actor_type as {{ dbt.type_string() }}) as actor_type,
    cast(status as {{ dbt.type_string() }}) as status,
    cast(assignee_type as {{ dbt.type_string() }}) as assignee_type,
    cast(null as {{ dbt.type_string() }}) as reason,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from events
