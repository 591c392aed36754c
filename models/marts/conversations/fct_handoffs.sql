{#- One row per handoff from the AI to a human (requested, or a human stepping in
    unasked), with how long the AI worked before it, how long the customer then waited
    for a human reply, whether a human ever came, and the conversation it belongs to. -#}

with

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}
    where {{ recomputed_tickets() }}

),

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}
    where {{ recomputed_tickets() }}

),

conversations as {{ inline_cte() }} (

    select * from {{ ref("fct_conversations") }}
    where {{ recomputed_tickets() }}

),

-- The rules of int_handoffs, over the recomputed tickets only.
-- depends_on: {{ ref("int_handoffs") }}
{{ handoffs_ctes(timeline="timeline", tickets="tickets", name="handoffs") }},

joined as (

    select
        handoffs.handoff_id,
        handoffs.ticket_id,
        handoffs.handoff_at,
        handoffs.is_requested,
        handoffs.handoff_reason,
        handoffs.requested_by,
        handoffs.first_ai_activity_at,
        handoffs.first_human_activity_after_at,
        handoffs.first_human_reply_at,
        handoffs.is_served,
        conversations.outcome,
        conversations.is_mature,
        conversations.is_in_rate_population,
        conversations.channel,
        conversations.issue_type,
        conversations.category,
        conversations.risk_level,
        conversations.complexity,
        conversations.agent_version,
        conversations.is_reopened,
        conversations.first_ai_reply_at,
        coalesce(conversations.resolved_by = 'human', false) as is_human_resolved,
        -- The AI's time before the handoff only exists when the AI came first.
        case
            when handoffs.first_ai_activity_at <= handoffs.handoff_at
                then {{ minutes_between("handoffs.first_ai_activity_at", "handoffs.handoff_at") }}
        end as minutes_from_first_ai_activity,
        case
            when conversations.first_ai_reply_at <= handoffs.handoff_at
                then {{ minutes_between("conversations.first_ai_reply_at", "handoffs.handoff_at") }}
        end as minutes_from_first_ai_reply,
        {{ minutes_between("handoffs.handoff_at", "handoffs.first_human_reply_at") }} as minutes_to_first_human_reply
    from handoffs
    inner join conversations
        on handoffs.ticket_id = conversations.ticket_id

)

select
    -- keys
    cast(handoff_id as {{ dbt.type_string() }}) as handoff_id,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,

    -- the handoff
    cast(handoff_at as {{ dbt.type_timestamp() }}) as handoff_at,
    cast({{ dbt.date_trunc("day", "handoff_at") }} as date) as handoff_date,
    is_requested,
    cast(handoff_reason as {{ dbt.type_string() }}) as handoff_reason,
    cast(requested_by as {{ dbt.type_string() }}) as requested_by,

    -- evidence and durations (minutes)
    cast(first_ai_activity_at as {{ dbt.type_timestamp() }}) as first_ai_activity_at,
    cast(minutes_from_first_ai_activity as {{ type_double() }}) as minutes_from_first_ai_activity,
    cast(first_ai_reply_at as {{ dbt.type_timestamp() }}) as first_ai_reply_at,
    cast(minutes_from_first_ai_reply as {{ type_double() }}) as minutes_from_first_ai_reply,
    cast(first_human_activity_after_at as {{ dbt.type_timestamp() }}) as first_human_activity_after_at,
    cast(first_human_reply_at as {{ dbt.type_timestamp() }}) as first_human_reply_at,
    cast(minutes_to_first_human_reply as {{ type_double() }}) as minutes_to_first_human_reply,

    -- what came of it
    is_served,
    is_human_resolved,
    is_reopened,

    -- the conversation
    cast(outcome as {{ dbt.type_string() }}) as outcome,
    is_mature,
    is_in_rate_population,
    cast(channel as {{ dbt.type_string() }}) as channel,
    cast(issue_type as {{ dbt.type_string() }}) as issue_type,
    cast(category as {{ dbt.type_string() }}) as category,
    cast(risk_level as {{ dbt.type_string() }}) as risk_level,
    cast(complexity as {{ dbt.type_string() }}) as complexity,
    cast(agent_version as {{ dbt.type_string() }}) as agent_version
from joined
