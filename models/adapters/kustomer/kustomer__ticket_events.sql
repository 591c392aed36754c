{#- The contract's ticket events from Kustomer. The export keeps no status history, only
    the conversation's first and last done, when it was last set open, and its current
    status since when (docs/sources/kustomer.md). From those:
      first_done  status_changed to solved at firstDone.createdAt, by firstDone.createdBy;
      last_done   status_changed to solved at lastDone.createdAt, by lastDone.createdBy,
                  when later than the first done;
      reopened    status_changed to open at open.statusAt when that is after the first
                  done (and before the last done, or the conversation is not done now);
      status      status_changed to the current status (open, snoozed -> on_hold) at
                  modificationHistory.statusAt when the conversation is not done now and
                  that is not before its last done.
    The actor of a done is its user, classified as for notes; the others are system. A
    conversation Kustomer's conversational assistant took part in (attributes.assistant)
    gets an assignment to the AI at its creation, and, when the assistant handed it to an
    agent (assistant.transferredAt), a handoff_requested by the AI then (reason other):
    unless source_ai_identities lists the assistant (author_type assistant, or its id) as
    system, automation rather than AI. Conversations deleted at the source give none. -#}

with

conversations as (

    select * from {{ ref("base_kustomer__conversations") }}

),

authors as {{ inline_cte() }} (

    select * from {{ ref("kustomer__authors") }}

),

identities as {{ inline_cte() }} (

    select * from {{ ref("kustomer__ai_identities") }}

),

status_map as (

    {{ kustomer_seed_rows("source_status_map", "status") }}

),

used as (

    select
        conversations.*,
        status_map.status as mapped_status,
        {{ kustomer_user_author("conversations.first_done_by", "first_done_author") }} as first_done_actor,
        {{ kustomer_user_author("conversations.last_done_by", "last_done_author") }} as last_done_actor,
        case
            when conversations.assistant_status is null and conversations.assistant_id is null then null
            else coalesce(assistant_by_id.counts_as, assistant_by_type.counts_as, 'ai_agent')
        end as assistant_class
    from conversations
    left join status_map
        on conversations.source_status = status_map.source_value
    left join authors as first_done_author
        on lower(conversations.first_done_by) = first_done_author.user_id
    left join authors as last_done_author
        on lower(conversations.last_done_by) = last_done_author.user_id
    left join identities as assistant_by_id
        on
            assistant_by_id.identity_type = 'user_id'
            and lower(conversations.assistant_id) = assistant_by_id.identity_value
    left join identities as assistant_by_type
        on
            assistant_by_type.identity_type = 'author_type'
            and assistant_by_type.identity_value = 'assistant'
    where conversations.conversation_id is not null and not conversations.is_deleted_in_source

),

events as (

    select
        {{ dbt.concat(["'conversation:'", "conversation_id", "':first_done'"]) }} as event_id,
        conversation_id as ticket_id,
        first_done_at as occurred_at,
        'status_changed' as event_type,
        first_done_actor as actor_type,
        'solved' as status,
        cast(null as {{ dbt.type_string() }}) as assignee_type,
        cast(null as {{ dbt.type_string() }}) as reason,
        _loaded_at
    from used
    where first_done_at is not null

    union all

    select
        {{ dbt.concat(["'conversation:'", "conversation_id", "':last_done'"]) }} as event_id,
        conversation_id as ticket_id,
        last_done_at as occurred_at,
        'status_changed' as event_type,
        last_done_actor as actor_type,
        'solved' as status,
        cast(null as {{ dbt.type_string() }}) as assignee_type,
        cast(null as {{ dbt.type_string() }}) as reason,
        _loaded_at
    from used
    where last_done_at is not null and (first_done_at is null or last_done_at > first_done_at)

    union all

    select
        {{ dbt.concat(["'conversation:'", "conversation_id", "':reopened'"]) }} as event_id,
        conversation_id as ticket_id,
        open_status_at as occurred_at,
        'status_changed' as event_type,
        'system' as actor_type,
        'open' as status,
        cast(null as {{ dbt.type_string() }}) as assignee_type,
        cast(null as {{ dbt.type_string() }}) as reason,
        _loaded_at
    from used
    where
        open_status_at > first_done_at
        and (
            open_status_at < last_done_at
            or coalesce(mapped_status not in ('solved', 'closed'), true)
        )

    union all

    select
        {{ dbt.concat(["'conversation:'", "conversation_id", "':status'"]) }} as event_id,
        conversation_id as ticket_id,
        status_at as occurred_at,
        'status_changed' as event_type,
        'system' as actor_type,
        mapped_status as status,
        cast(null as {{ dbt.type_string() }}) as assignee_type,
        cast(null as {{ dbt.type_string() }}) as reason,
        _loaded_at
    from used
    where
        mapped_status in ('open', 'pending', 'on_hold')
        and status_at is not null
        and status_at >= coalesce(last_done_at, first_done_at, status_at)

    union all

    select
        {{ dbt.concat(["'conversation:'", "conversation_id", "':assistant'"]) }} as event_id,
        conversation_id as ticket_id,
        created_at as occurred_at,
        'assigned' as event_type,
        'system' as actor_type,
        cast(null as {{ dbt.type_string() }}) as status,
        'ai_agent' as assignee_type,
        cast(null as {{ dbt.type_string() }}) as reason,
        _loaded_at
    from used
    where assistant_class = 'ai_agent'

    union all

    select
        {{ dbt.concat(["'conversation:'", "conversation_id", "':assistant_transfer'"]) }} as event_id,
        conversation_id as ticket_id,
        assistant_transferred_at as occurred_at,
        'handoff_requested' as event_type,
        'ai_agent' as actor_type,
        cast(null as {{ dbt.type_string() }}) as status,
        cast(null as {{ dbt.type_string() }}) as assignee_type,
        'other' as reason,
        _loaded_at
    from used
    where assistant_class = 'ai_agent' and assistant_transferred_at is not null

)

select
    cast(event_id as {{ dbt.type_string() }}) as event_id,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at,
    cast(event_type as {{ dbt.type_string() }}) as event_type,
    cast(actor_type as {{ dbt.type_string() }}) as actor_type,
    cast(status as {{ dbt.type_string() }}) as status,
    cast(assignee_type as {{ dbt.type_string() }}) as assignee_type,
    cast(reason as {{ dbt.type_string() }}) as reason,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from events
