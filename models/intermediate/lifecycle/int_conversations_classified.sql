{{ config(materialized="view") }}

{#- Exactly one outcome per conversation, checked in a fixed order (first match wins),
    and the machine-readable reason that decided it. See METRICS.md. -#}

with

lifecycle as {{ inline_cte() }} (

    select * from {{ ref("int_conversations_lifecycle") }}

),

flagged as (

    select
        *,
        (
            has_rejection_event
            or coalesce(csat_score <= {{ var("csat_negative_max_score") }}, false)
        ) as is_rejected,
        (
            has_confirmation_event
            or coalesce(csat_score >= {{ var("csat_confirm_min_score") }}, false)
        ) as is_confirmed,
        critical_breach_count > 0 as has_policy_breach,
        reopened_at is not null as is_reopened,
        repeat_contact_ticket_id is not null as has_repeat_contact,
        solve_count > 0 as is_solved,
        coalesce(last_public_message_by = 'customer', false) as is_unanswered,
        (handoff_request_count > 0 and not is_human_involved) as is_handoff_unserved
    from lifecycle

),

classified as (

    select
        *,
        case
            when is_spam or merged_into_ticket_id is not null then 'excluded'
            when not is_mature then 'pending'
            when not is_ai_involved then 'human_only'
            when is_human_involved then 'escalated'
            when has_policy_breach then 'ai_policy_breach'
            when is_reopened then 'ai_reopened'
            when has_repeat_contact then 'ai_resurfaced'
            when is_rejected then 'ai_rejected'
            when is_handoff_unserved or not is_solved or is_unanswered then 'ai_abandoned'
            when is_confirmed then 'ai_resolved_confirmed'
            else 'ai_resolved_assumed'
        end as outcome,
        case
            when is_spam then 'spam'
            when merged_into_ticket_id is not null then 'merged'
            when not is_mature then 'not_mature'
            when not is_ai_involved then 'no_ai_involvement'
            when is_human_involved
                then
                    case
                        when human_reply_count > 0 then 'human_replied'
                        when human_note_count > 0 then 'human_note'
                        when has_human_assignment then 'assigned_to_human'
                        else 'human_changed_status'
                    end
            when has_policy_breach then 'policy_violation'
            when is_reopened then reopen_type
            when has_repeat_contact then 'repeat_contact'
            when is_rejected
                then
                    case when has_rejection_event then 'customer_rejected' else 'csat_negative' end
            when is_handoff_unserved then 'handoff_unserved'
            when not is_solved then 'inactive_unsolved'
            when is_unanswered then 'unanswered_customer'
            when is_confirmed
                then
                    case when has_confirmation_event then 'customer_confirmed' else 'csat_confirmed' end
            else 'solved_no_return'
        end as outcome_reason
    from flagged

)

select
    *,
    outcome in (
        'ai_policy_breach', 'ai_reopened', 'ai_resurfaced', 'ai_rejected', 'ai_abandoned',
        'ai_resolved_confirmed', 'ai_resolved_assumed'
    ) as is_deflected,
    outcome in ('ai_resolved_confirmed', 'ai_resolved_assumed') as is_ai_resolved,
    -- The population of every rate: mature and not excluded.
    outcome not in ('excluded', 'pending') as is_in_rate_population,
    coalesce(csat_score >= {{ var("csat_confirm_min_score") }}, false) as is_csat_positive,
    '{{ outcome_rules_version() }}' as rules_version,
    '{{ outcome_rules_config() }}' as rules_config
from classified
