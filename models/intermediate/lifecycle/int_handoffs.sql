{{ config(materialized="view") }}

{#- One row per handoff from the AI to a human. A handoff is either a
    handoff_requested event, or - for a conversation with AI and human involvement but
    no request at or before its first human activity - one unrequested handoff at that
    first human activity (a human stepped in without being asked). A conversation with
    several requests has several handoffs. Each handoff carries when a human first got
    involved and first replied publicly at or after it. -#}

with

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}

),

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}

),

flagged as (

    -- Involvement follows the contract, as in int_ticket_activity_rolled_up.
    select
        timeline.ticket_id,
        timeline.activity_id,
        timeline.activity_at,
        timeline.activity_type,
        timeline.actor_type,
        timeline.handoff_reason,
        {{ is_ai_activity("timeline") }} as is_ai_activity,
        {{ is_human_activity("timeline") }} as is_human_activity,
        coalesce(
            timeline.activity_source = 'message'
            and timeline.actor_type = 'human_agent'
            and timeline.is_public,
            false
        ) as is_human_reply
    from timeline
    inner join tickets
        on timeline.ticket_id = tickets.ticket_id

),

conversation_firsts as (

    select
        ticket_id,
        min(case when is_ai_activity then activity_at end) as first_ai_activity_at,
        min(case when is_human_activity then activity_at end) as first_human_activity_at,
        min(case when activity_type = 'handoff_requested' then activity_at end) as first_handoff_requested_at
    from flagged
    group by ticket_id

),

requested_handoffs as (

    select
        activity_id as handoff_id,
        ticket_id,
        activity_at as handoff_at,
        true as is_requested,
        handoff_reason,
        actor_type as requested_by
    from flagged
    where activity_type = 'handoff_requested'

),

unrequested_handoffs as (

    -- A human stepped in with no request at or before that moment.
    select
        {{ dbt.concat(["ticket_id", "':unrequested'"]) }} as handoff_id,
        ticket_id,
        first_human_activity_at as handoff_at,
        false as is_requested,
        cast(null as {{ dbt.type_string() }}) as handoff_reason,
        cast(null as {{ dbt.type_string() }}) as requested_by
    from conversation_firsts
    where
        first_ai_activity_at is not null
        and first_human_activity_at is not null
        and (
            first_handoff_requested_at is null
            or first_handoff_requested_at > first_human_activity_at
        )

),

handoffs as (

    select * from requested_handoffs
    union all
    select * from unrequested_handoffs

),

served as (

    select
        handoffs.handoff_id,
        min(flagged.activity_at) as first_human_activity_after_at,
        min(case when flagged.is_human_reply then flagged.activity_at end) as first_human_reply_at
    from handoffs
    left join flagged
        on
            handoffs.ticket_id = flagged.ticket_id
            and flagged.is_human_activity
            and handoffs.handoff_at <= flagged.activity_at
    group by handoffs.handoff_id

)

select
    handoffs.handoff_id,
    handoffs.ticket_id,
    handoffs.handoff_at,
    handoffs.is_requested,
    handoffs.handoff_reason,
    handoffs.requested_by,
    conversation_firsts.first_ai_activity_at,
    served.first_human_activity_after_at,
    served.first_human_reply_at,
    served.first_human_activity_after_at is not null as is_served
from handoffs
inner join conversation_firsts
    on handoffs.ticket_id = conversation_firsts.ticket_id
inner join served
    on handoffs.handoff_id = served.handoff_id
