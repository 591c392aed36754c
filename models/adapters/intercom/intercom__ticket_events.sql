{#- The contract's ticket events from Intercom parts: close -> status_changed to solved;
    open, unsnoozed, timer_unsnooze and the *_and_reopen parts -> open; snoozed ->
    on_hold; a part that assigned the conversation (assigned_to_type) -> assigned to the
    classified assignee (admin -> human_agent, team -> queue, bot -> ai_agent). The actor
    is the part's author, classified as for messages. A conversation whose current
    version says Fin took part (ai_agent_participated) also gets an assignment to the AI
    at its creation, so Fin's involvement counts even when none of its parts was exported.
    When a conversation has both ratings as CSAT answers (var intercom_csat_rating both)
    and the earlier one is negative (at most csat_negative_max_score) while the latest is
    not, that earlier rating also becomes a resolution_rejected event by the customer at
    its time: the lifecycle counts only the latest CSAT answer, and a rejection of either
    rating must count (docs/sources/intercom.md). -#}

with

parts as (

    select * from {{ ref("intercom__conversation_parts") }}

),

conversations as (

    select * from {{ ref("intercom__conversations") }}

),

csat_responses as (

    select * from {{ ref("intercom__csat_responses") }}

),

used_parts as (

    select
        *,
        {{ intercom_part_status("part_type") }} as part_status
    from parts
    where not is_deleted_in_source

),

status_events as (

    select
        {{ dbt.concat(["'part:'", "part_id", "':status'"]) }} as event_id,
        conversation_id as ticket_id,
        part_created_at as occurred_at,
        'status_changed' as event_type,
        author_class as actor_type,
        part_status as status,
        cast(null as {{ dbt.type_string() }}) as assignee_type,
        _fivetran_synced as _loaded_at
    from used_parts
    where part_status is not null

),

assignment_events as (

    select
        {{ dbt.concat(["'part:'", "part_id", "':assigned'"]) }} as event_id,
        conversation_id as ticket_id,
        part_created_at as occurred_at,
        'assigned' as event_type,
        author_class as actor_type,
        cast(null as {{ dbt.type_string() }}) as status,
        assignee_class as assignee_type,
        _fivetran_synced as _loaded_at
    from used_parts
    where assignee_class is not null

),

fin_participation as (

    select
        {{ dbt.concat(["'conversation:'", "conversation_id", "':ai_agent_participated'"]) }} as event_id,
        conversation_id as ticket_id,
        created_at as occurred_at,
        'assigned' as event_type,
        'system' as actor_type,
        cast(null as {{ dbt.type_string() }}) as status,
        'ai_agent' as assignee_type,
        _fivetran_synced as _loaded_at
    from conversations
    where
        ai_agent_participated
        and conversation_id is not null
        and not is_deleted_in_source

),

-- The CSAT answers as the lifecycle orders them to find the latest: by responded_at,
-- then response_id (int_ticket_activity_rolled_up); scores outside 1-5 are no answer.
ranked_ratings as (

    select
        response_id,
        ticket_id,
        responded_at,
        score,
        _loaded_at,
        row_number() over (
            partition by ticket_id
            order by responded_at desc, response_id desc
        ) as rating_rank,
        count(*) over (partition by ticket_id) as rating_count
    from csat_responses
    where responded_at is not null and score between 1 and 5

),

rating_pairs as (

    select
        *,
        max(case when rating_rank = 1 then score end) over (partition by ticket_id) as latest_score
    from ranked_ratings
    where rating_count = 2

),

rating_rejections as (

    select
        {{ dbt.concat(["'conversation:'", "ticket_id", "':rating_rejected'"]) }} as event_id,
        ticket_id,
        responded_at as occurred_at,
        'resolution_rejected' as event_type,
        'customer' as actor_type,
        cast(null as {{ dbt.type_string() }}) as status,
        cast(null as {{ dbt.type_string() }}) as assignee_type,
        _loaded_at
    from rating_pairs
    where
        rating_rank = 2
        and score <= {{ var("csat_negative_max_score") }}
        -- A negative latest answer already rejects through the CSAT rule.
        and latest_score > {{ var("csat_negative_max_score") }}

),

events as (

    select * from status_events
    union all
    select * from assignment_events
    union all
    select * from fin_participation
    union all
    select * from rating_rejections

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
