{#- One row per conversation: the business schedule of its channel, whether it was created
    in business hours, and its durations in business minutes next to the calendar
    minutes of the same spans (macros/business_hours.sql). The outcome windows (reopen,
    repeat contact, inactivity) stay in calendar hours: this only measures. -#}

with

lifecycle as {{ inline_cte() }} (

    select * from {{ ref("int_conversations_lifecycle") }}
    where {{ recomputed_tickets() }}

),

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}
    where {{ recomputed_tickets() }}

),

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}
    where {{ recomputed_tickets() }}

),

channel_schedules as {{ inline_cte() }} (

    select * from {{ ref("channel_schedules") }}

),

-- The rules of int_handoffs, over the recomputed tickets only.
-- depends_on: {{ ref("int_handoffs") }}
{{ handoffs_ctes(timeline="timeline", tickets="tickets", name="handoffs") }},

ranked_handoffs as (

    select
        ticket_id,
        handoff_at,
        first_human_reply_at,
        row_number() over (partition by ticket_id order by handoff_at, handoff_id) as handoff_rank
    from handoffs

),

first_handoffs as (

    -- The conversation's first handoff (requested, or a human stepping in unasked) and
    -- the first public human reply at or after it.
    select
        ticket_id,
        handoff_at,
        first_human_reply_at
    from ranked_handoffs
    where handoff_rank = 1

),

conversations as (

    select
        lifecycle.ticket_id,
        channel_schedules.schedule_id,
        lifecycle.created_at,
        lifecycle.started_at,
        lifecycle.first_ai_reply_at,
        lifecycle.final_solved_at,
        first_handoffs.handoff_at as first_handoff_at,
        first_handoffs.first_human_reply_at as first_human_reply_after_handoff_at
    from lifecycle
    left join channel_schedules
        on lifecycle.channel = channel_schedules.channel
    left join first_handoffs
        on lifecycle.ticket_id = first_handoffs.ticket_id

),

spans as (

    select
        {{ dbt.concat(["ticket_id", "'|created'"]) }} as span_id,
        schedule_id,
        created_at as start_at,
        created_at as end_at
    from conversations
    union all
    select
        {{ dbt.concat(["ticket_id", "'|first_ai_reply'"]) }} as span_id,
        schedule_id,
        started_at as start_at,
        first_ai_reply_at as end_at
    from conversations
    where first_ai_reply_at is not null
    union all
    select
        {{ dbt.concat(["ticket_id", "'|human_reply_after_handoff'"]) }} as span_id,
        schedule_id,
        first_handoff_at as start_at,
        first_human_reply_after_handoff_at as end_at
    from conversations
    where first_human_reply_after_handoff_at is not null
    union all
    select
        {{ dbt.concat(["ticket_id", "'|resolution'"]) }} as span_id,
        schedule_id,
        started_at as start_at,
        final_solved_at as end_at
    from conversations
    where final_solved_at is not null

),

span_business_minutes as (

    {{ business_minutes_between("spans") }}

)

select
    conversations.ticket_id,
    conversations.schedule_id,
    conversations.first_handoff_at,
    conversations.first_human_reply_after_handoff_at,
    created.starts_in_business_hours as is_created_in_business_hours,
    first_ai_reply.business_minutes as business_minutes_to_first_ai_reply,
    {{ minutes_between("conversations.first_handoff_at", "conversations.first_human_reply_after_handoff_at") }}
        as minutes_to_first_human_reply_after_handoff,
    human_reply.business_minutes as business_minutes_to_first_human_reply_after_handoff,
    resolution.business_minutes as business_minutes_to_final_solve,
    {{ run_started_timestamp() }} as _computed_at
from conversations
left join span_business_minutes as created
    on {{ dbt.concat(["conversations.ticket_id", "'|created'"]) }} = created.span_id
left join span_business_minutes as first_ai_reply
    on {{ dbt.concat(["conversations.ticket_id", "'|first_ai_reply'"]) }} = first_ai_reply.span_id
left join span_business_minutes as human_reply
    on {{ dbt.concat(["conversations.ticket_id", "'|human_reply_after_handoff'"]) }} = human_reply.span_id
left join span_business_minutes as resolution
    on {{ dbt.concat(["conversations.ticket_id", "'|resolution'"]) }} = resolution.span_id
