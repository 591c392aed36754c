{#- One row per ticket in scope, with its ticket attributes and its activity: who was
    involved, when, and how often (null counts for a ticket without activity).
    Involvement follows the contract: AI = an AI message, an AI action, an
    assignment to ai_agent or any event whose actor is ai_agent; human = a human
    message or note, an assignment to human_agent, or a status change made by a
    human_agent. A critical breach is an unblocked violation of a policy whose
    effective severity is critical (a policy missing from the seed counts with
    unmapped_policy_severity). -#}

with

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}
    where {{ recomputed_tickets() }}

),

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}
    where {{ recomputed_tickets() }}

),

policies as {{ inline_cte() }} (

    select * from {{ ref("policies") }}

),

flagged as (

    select
        timeline.*,
        case when {{ is_ai_activity("timeline") }} then 1 else 0 end as is_ai_activity,
        case when {{ is_human_activity("timeline") }} then 1 else 0 end as is_human_activity,
        case
            when
                timeline.activity_source = 'ai_action'
                and timeline.policy_result = 'violated'
                and timeline.action_outcome != 'blocked'
                and {{ effective_policy_severity("timeline.policy_id", "policies.severity") }} = 'critical'
                then 1
            else 0
        end as is_critical_breach
    from timeline
    left join policies
        on timeline.policy_id = policies.policy_id

),

latest_csat as (

    select
        ticket_id,
        csat_score,
        activity_at as csat_responded_at,
        row_number() over (
            partition by ticket_id
            order by activity_at desc, activity_id desc
        ) as csat_rank
    from timeline
    where activity_source = 'csat' and csat_score is not null

),

latest_agent_version as (

    select
        ticket_id,
        agent_version,
        row_number() over (
            partition by ticket_id
            order by activity_at desc, activity_id desc
        ) as version_rank
    from timeline
    where activity_source = 'ai_action' and agent_version is not null

),

rolled_up as (

    select
        ticket_id,
        min(activity_at) as first_activity_at,
        max(activity_at) as last_activity_at,

        -- involvement
        max(is_ai_activity) as has_ai_activity,
        max(is_human_activity) as has_human_activity,
        min(case when is_ai_activity = 1 then activity_at end) as first_ai_activity_at,
        min(case when is_human_activity = 1 then activity_at end) as first_human_activity_at,
        min(
            case when activity_source = 'message' and actor_type = 'ai_agent' and is_public then activity_at end
        ) as first_ai_reply_at,
        min(
            case when activity_source = 'message' and actor_type = 'human_agent' and is_public then activity_at end
        ) as first_human_reply_at,

        -- messages by author
        sum(case when activity_source = 'message' and actor_type = 'customer' then 1 else 0 end)
            as customer_message_count,
        sum(case when activity_source = 'message' and actor_type = 'ai_agent' then 1 else 0 end)
            as ai_message_count,
        sum(
            case when activity_source = 'message' and actor_type = 'human_agent' and is_public then 1 else 0 end
        ) as human_reply_count,
        sum(case when activity_type = 'internal_note' and actor_type = 'human_agent' then 1 else 0 end)
            as human_note_count,
        sum(case when activity_source = 'message' and actor_type = 'system' then 1 else 0 end)
            as system_message_count,

        -- lifecycle events
        sum(case when activity_type = 'status_changed' then 1 else 0 end) as status_change_count,
        max(
            case when activity_type = 'assigned' and assignee_type = 'human_agent' then 1 else 0 end
        ) as has_human_assignment,
        max(
            case when activity_type = 'status_changed' and actor_type = 'human_agent' then 1 else 0 end
        ) as has_human_status_change,
        max(
            case
                when activity_type = 'status_changed' and status in ('open', 'pending', 'on_hold')
                    then activity_at
            end
        ) as last_reopening_status_at,

        -- handoffs
        sum(case when activity_type = 'handoff_requested' then 1 else 0 end) as handoff_request_count,
        min(case when activity_type = 'handoff_requested' then activity_at end) as first_handoff_requested_at,

        -- customer verdicts
        max(case when activity_type = 'resolution_confirmed' then 1 else 0 end) as has_confirmation_event,
        max(case when activity_type = 'resolution_rejected' then 1 else 0 end) as has_rejection_event,

        -- AI actions and guardrails
        sum(case when activity_source = 'ai_action' then 1 else 0 end) as ai_action_count,
        sum(case when activity_source = 'ai_action' and action_outcome = 'blocked' then 1 else 0 end)
            as ai_action_blocked_count,
        sum(case when activity_source = 'ai_action' and policy_result = 'violated' then 1 else 0 end)
            as policy_violation_count,
        sum(case when activity_source = 'ai_action' and policy_result = 'overridden' then 1 else 0 end)
            as policy_overridden_count,
        sum(case when activity_source = 'ai_action' and policy_result = 'passed' then 1 else 0 end)
            as policy_passed_count,
        sum(is_critical_breach) as critical_breach_count

    from flagged
    group by ticket_id

),

first_handoff as (

    select
        ticket_id,
        handoff_reason,
        row_number() over (
            partition by ticket_id
            order by activity_at, activity_id
        ) as handoff_rank
    from timeline
    where activity_type = 'handoff_requested'

)

select
    tickets.ticket_id,
    tickets.customer_id,
    tickets.channel,
    tickets.issue_type,
    tickets.status,
    tickets.is_spam,
    tickets.merged_into_ticket_id,
    tickets.created_at,
    rolled_up.first_activity_at,
    rolled_up.last_activity_at,
    rolled_up.has_ai_activity,
    rolled_up.has_human_activity,
    rolled_up.first_ai_activity_at,
    rolled_up.first_human_activity_at,
    rolled_up.first_ai_reply_at,
    rolled_up.first_human_reply_at,
    rolled_up.customer_message_count,
    rolled_up.ai_message_count,
    rolled_up.human_reply_count,
    rolled_up.human_note_count,
    rolled_up.system_message_count,
    rolled_up.status_change_count,
    rolled_up.has_human_assignment,
    rolled_up.has_human_status_change,
    rolled_up.last_reopening_status_at,
    rolled_up.handoff_request_count,
    rolled_up.first_handoff_requested_at,
    rolled_up.has_confirmation_event,
    rolled_up.has_rejection_event,
    rolled_up.ai_action_count,
    rolled_up.ai_action_blocked_count,
    rolled_up.policy_violation_count,
    rolled_up.policy_overridden_count,
    rolled_up.policy_passed_count,
    rolled_up.critical_breach_count,
    first_handoff.handoff_reason as first_handoff_reason,
    latest_csat.csat_score,
    latest_csat.csat_responded_at,
    latest_agent_version.agent_version,
    {{ run_started_timestamp() }} as _computed_at
from tickets
left join rolled_up
    on tickets.ticket_id = rolled_up.ticket_id
left join first_handoff
    on
        tickets.ticket_id = first_handoff.ticket_id
        and first_handoff.handoff_rank = 1
left join latest_csat
    on
        tickets.ticket_id = latest_csat.ticket_id
        and latest_csat.csat_rank = 1
left join latest_agent_version
    on
        tickets.ticket_id = latest_agent_version.ticket_id
        and latest_agent_version.version_rank = 1
