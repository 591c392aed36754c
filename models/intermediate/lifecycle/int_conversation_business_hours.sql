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

span_kinds as (

    select 'created' as span_kind
    union all
    select 'first_ai_reply' as span_kind
    union all
    select 'human_reply_after_handoff' as span_kind
    union all
    select 'resolution' as span_kind

),

-- Every measured span of a conversation, from one pass over it: engines that inline CTEs
-- (Spark) would otherwise copy the conversation's whole plan, handoff rules included, into
-- each span and each join below.
candidate_spans as (

    select
        {{ dbt.concat(["conversations.ticket_id", "'|'", "span_kinds.span_kind"]) }} as span_id,
        conversations.ticket_id,
        span_kinds.span_kind,
        conversations.schedule_id,
        conversations.first_handoff_at,
        conversations.first_human_reply_after_handoff_at,
        case span_kinds.span_kind
            when 'created' then conversations.created_at
            when 'human_reply_after_handoff' then conversations.first_handoff_at
            else conversations.started_at
        end as start_at,
        case span_kinds.span_kind
            when 'created' then conversations.created_at
            when 'first_ai_reply' then conversations.first_ai_reply_at
            when 'human_reply_after_handoff' then conversations.first_human_reply_after_handoff_at
            when 'resolution' then conversations.final_solved_at
        end as end_at
    from conversations
    cross join span_kinds

),

spans as (

    -- Every conversation has its created span; the others only once they have ended.
    select *
    from candidate_spans
    where span_kind = 'created' or end_at is not null

),

span_business_minutes as (

    {{ business_minutes_between("spans") }}

),

business_minutes_by_ticket as (

    select
        spans.ticket_id,
        spans.schedule_id,
        spans.first_handoff_at,
        spans.first_human_reply_after_handoff_at,
        max(
            case
                when spans.span_kind = 'created'
                    then
                        case
                            when span_business_minutes.starts_in_business_hours then 1
                            when not span_business_minutes.starts_in_business_hours then 0
                        end
            end
        ) as created_in_business_hours_flag,
        max(case when spans.span_kind = 'first_ai_reply' then span_business_minutes.business_minutes end)
            as business_minutes_to_first_ai_reply,
        max(case when spans.span_kind = 'human_reply_after_handoff' then span_business_minutes.business_minutes end)
            as business_minutes_to_first_human_reply_after_handoff,
        max(case when spans.span_kind = 'resolution' then span_business_minutes.business_minutes end)
            as business_minutes_to_final_solve
    from spans
    left join span_business_minutes
        on spans.span_id = span_business_minutes.span_id
    group by
        spans.ticket_id,
        spans.schedule_id,
        spans.first_handoff_at,
        spans.first_human_reply_after_handoff_at

)

select
    ticket_id,
    schedule_id,
    first_handoff_at,
    first_human_reply_after_handoff_at,
    created_in_business_hours_flag = 1 as is_created_in_business_hours,
    business_minutes_to_first_ai_reply,
    {{ minutes_between("first_handoff_at", "first_human_reply_after_handoff_at") }}
        as minutes_to_first_human_reply_after_handoff,
    business_minutes_to_first_human_reply_after_handoff,
    business_minutes_to_final_solve,
    {{ run_started_timestamp() }} as _computed_at
from business_minutes_by_ticket
