{#- One row per conversation with every fact the outcome rules need: involvement,
    solves, reopens, repeat contacts, the customer's verdict, guardrail breaches,
    whether the customer was left unanswered, and maturity as of the evaluation time. -#}

{%- set maturity_window_hours = [var("reopen_window_hours"), var("repeat_contact_window_hours")] | max %}

with

activity as {{ inline_cte() }} (

    select * from {{ ref("int_ticket_activity_rolled_up") }}
    where {{ recomputed_tickets() }}

),

solves as {{ inline_cte() }} (

    select * from {{ ref("int_solve_episodes") }}
    where {{ recomputed_tickets() }}

),

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}
    where {{ recomputed_tickets() }}

),

-- Every ticket: any can be a repeat contact of a recomputed one.
tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}

),

-- The rules of int_ticket_reopens and int_repeat_contacts, over the recomputed tickets only.
-- depends_on: {{ ref("int_ticket_reopens") }}, {{ ref("int_repeat_contacts") }}
{{ ticket_reopens_ctes(timeline="timeline", solves="solves", name="reopens") }},

{{ repeat_contacts_ctes(tickets="tickets", solves="solves", name="repeat_contacts") }},

solve_summary as (

    select
        ticket_id,
        count(*) as solve_count,
        min(solved_at) as first_solved_at,
        max(solved_at) as final_solved_at
    from solves
    group by ticket_id

),

public_messages as (

    -- System notices are not answers: only customer, AI and human messages count.
    select
        timeline.ticket_id,
        timeline.actor_type,
        row_number() over (
            partition by timeline.ticket_id
            order by timeline.activity_at desc, timeline.activity_id desc
        ) as recency_rank
    from timeline
    left join solve_summary
        on timeline.ticket_id = solve_summary.ticket_id
    where
        timeline.activity_type = 'message'
        and timeline.actor_type in ('customer', 'ai_agent', 'human_agent')
        and (
            solve_summary.final_solved_at is null
            or timeline.activity_at <= solve_summary.final_solved_at
        )

),

last_public_message as (

    select
        ticket_id,
        actor_type as last_public_message_by
    from public_messages
    where recency_rank = 1

),

joined as (

    select
        activity.ticket_id,
        activity.customer_id,
        activity.channel,
        activity.issue_type,
        activity.status,
        activity.is_spam,
        activity.merged_into_ticket_id,
        activity.created_at,
        activity.agent_version,
        activity.first_ai_activity_at,
        activity.first_human_activity_at,
        activity.first_ai_reply_at,
        activity.first_human_reply_at,
        activity.first_handoff_requested_at,
        activity.first_handoff_reason as handoff_reason,
        solve_summary.first_solved_at,
        solve_summary.final_solved_at,
        reopens.reopened_at,
        reopens.reopen_type,
        repeat_contacts.repeat_contact_ticket_id,
        repeat_contacts.repeat_contact_at,
        repeat_contacts.repeat_contact_channel,
        activity.csat_score,
        activity.csat_responded_at,
        last_public_message.last_public_message_by,
        coalesce(activity.has_ai_activity, 0) = 1 as is_ai_involved,
        coalesce(activity.has_human_activity, 0) = 1 as is_human_involved,
        coalesce(activity.handoff_request_count, 0) as handoff_request_count,
        coalesce(activity.has_human_assignment, 0) = 1 as has_human_assignment,
        coalesce(activity.has_human_status_change, 0) = 1 as has_human_status_change,
        coalesce(solve_summary.solve_count, 0) as solve_count,
        coalesce(activity.has_confirmation_event, 0) = 1 as has_confirmation_event,
        coalesce(activity.has_rejection_event, 0) = 1 as has_rejection_event,
        coalesce(activity.customer_message_count, 0) as customer_message_count,
        coalesce(activity.ai_message_count, 0) as ai_message_count,
        coalesce(activity.human_reply_count, 0) as human_reply_count,
        coalesce(activity.human_note_count, 0) as human_note_count,
        coalesce(activity.system_message_count, 0) as system_message_count,
        coalesce(activity.ai_action_count, 0) as ai_action_count,
        coalesce(activity.ai_action_blocked_count, 0) as ai_action_blocked_count,
        coalesce(activity.policy_violation_count, 0) as policy_violation_count,
        coalesce(activity.policy_overridden_count, 0) as policy_overridden_count,
        coalesce(activity.policy_passed_count, 0) as policy_passed_count,
        coalesce(activity.critical_breach_count, 0) as critical_breach_count,
        -- The conversation starts at its earliest activity when that precedes the
        -- ticket's creation (the bot spoke before the help desk created the ticket).
        case
            when activity.first_activity_at < activity.created_at then activity.first_activity_at
            else activity.created_at
        end as started_at,
        case
            when activity.last_activity_at > activity.created_at then activity.last_activity_at
            else activity.created_at
        end as last_activity_at,
        -- Still solved: no status change back to open, pending or on_hold after the last solve.
        (
            solve_summary.final_solved_at is not null
            and (
                activity.last_reopening_status_at is null
                or activity.last_reopening_status_at <= solve_summary.final_solved_at
            )
        ) as is_currently_solved
    from activity
    left join solve_summary
        on activity.ticket_id = solve_summary.ticket_id
    left join reopens
        on activity.ticket_id = reopens.ticket_id
    left join repeat_contacts
        on activity.ticket_id = repeat_contacts.ticket_id
    left join last_public_message
        on activity.ticket_id = last_public_message.ticket_id

),

matured as (

    select
        *,
        -- A solved conversation can still be reopened or resurface until both windows
        -- have passed since its last solve; an open one is settled by inactivity.
        case
            when is_currently_solved
                then {{ timestamp_add("hour", maturity_window_hours, "final_solved_at") }}
            else {{ timestamp_add("hour", var("inactivity_close_hours"), "last_activity_at") }}
        end as matures_at
    from joined

)

select
    *,
    matures_at <= {{ as_of_timestamp() }} as is_mature,
    {{ run_started_timestamp() }} as _computed_at
from matured
