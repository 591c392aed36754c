with

classified as {{ inline_cte() }} (

    select * from {{ ref("int_conversations_classified") }}
    where {{ recomputed_tickets() }}

),

business_hours as {{ inline_cte() }} (

    select * from {{ ref("int_conversation_business_hours") }}
    where {{ recomputed_tickets() }}

),

workflow_completions as {{ inline_cte() }} (

    select * from {{ ref("int_workflow_completions") }}
    where {{ recomputed_tickets() }}

),

issue_types as {{ inline_cte() }} (

    select * from {{ ref("issue_types") }}

),

enriched as (

    select
        classified.*,
        business_hours.schedule_id,
        business_hours.is_created_in_business_hours,
        business_hours.business_minutes_to_first_ai_reply,
        business_hours.minutes_to_first_human_reply_after_handoff,
        business_hours.business_minutes_to_first_human_reply_after_handoff,
        business_hours.business_minutes_to_final_solve,
        coalesce(issue_types.category, 'unmapped') as category,
        coalesce(issue_types.risk_level, 'unmapped') as risk_level,
        coalesce(issue_types.complexity, 'unmapped') as complexity,
        -- Who made the last solve stick: the AI alone, or a human.
        case
            when classified.is_ai_resolved then 'ai'
            when
                classified.outcome in ('human_only', 'escalated')
                and classified.is_currently_solved
                and not classified.is_reopened
                then 'human'
        end as resolved_by,
        -- What shows an AI resolution really happened: the customer's word, else a
        -- workflow the AI completed before the final solve, else nothing (assumed).
        case
            when not classified.is_ai_resolved then null
            when classified.is_confirmed then 'customer_confirmed'
            when workflow_completions.ticket_id is not null then 'workflow_completed'
            else 'assumed'
        end as resolution_evidence,
        case
            when classified.is_ai_resolved and not classified.is_confirmed
                then workflow_completions.workflow_completed_action_id
        end as resolution_evidence_action_id
    from classified
    left join business_hours
        on classified.ticket_id = business_hours.ticket_id
    left join issue_types
        on classified.issue_type = issue_types.issue_type
    left join workflow_completions
        on classified.ticket_id = workflow_completions.ticket_id

)

select
    -- keys
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    {%- if var("hash_customer_ids") %}
        cast({{ dbt.hash("customer_id") }} as {{ dbt.type_string() }}) as customer_id,
    {%- else %}
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
    {%- endif %}

    -- segment
    cast(channel as {{ dbt.type_string() }}) as channel,
    cast(issue_type as {{ dbt.type_string() }}) as issue_type,
    cast(agent_version as {{ dbt.type_string() }}) as agent_version,
    cast(category as {{ dbt.type_string() }}) as category,
    cast(risk_level as {{ dbt.type_string() }}) as risk_level,
    cast(complexity as {{ dbt.type_string() }}) as complexity,
    cast(status as {{ dbt.type_string() }}) as last_known_status,
    cast({{ dbt.date_trunc("day", "created_at") }} as date) as created_date,
    cast(schedule_id as {{ dbt.type_string() }}) as schedule_id,
    is_created_in_business_hours,

    -- outcome
    cast(outcome as {{ dbt.type_string() }}) as outcome,
    cast(outcome_reason as {{ dbt.type_string() }}) as outcome_reason,
    is_mature,
    is_ai_involved,
    is_human_involved,
    is_deflected,
    is_ai_resolved,
    is_confirmed,
    is_rejected,
    is_reopened,
    has_repeat_contact,
    has_policy_breach,
    is_unanswered,
    is_handoff_unserved,
    is_spam,
    is_currently_solved,
    is_solved,
    is_in_rate_population,
    is_csat_positive,
    cast(resolved_by as {{ dbt.type_string() }}) as resolved_by,
    cast(resolution_evidence as {{ dbt.type_string() }}) as resolution_evidence,
    cast(resolution_evidence_action_id as {{ dbt.type_string() }}) as resolution_evidence_action_id,
    cast(merged_into_ticket_id as {{ dbt.type_string() }}) as merged_into_ticket_id,

    -- evidence: timestamps
    created_at,
    started_at,
    first_ai_activity_at,
    first_ai_reply_at,
    first_human_activity_at,
    first_human_reply_at,
    first_handoff_requested_at,
    cast(handoff_reason as {{ dbt.type_string() }}) as handoff_reason,
    first_solved_at,
    final_solved_at,
    reopened_at,
    cast(reopen_type as {{ dbt.type_string() }}) as reopen_type,
    cast(repeat_contact_ticket_id as {{ dbt.type_string() }}) as repeat_contact_ticket_id,
    repeat_contact_at,
    cast(repeat_contact_channel as {{ dbt.type_string() }}) as repeat_contact_channel,
    last_activity_at,
    matures_at,

    -- evidence: customer verdict
    cast(csat_score as {{ dbt.type_int() }}) as csat_score,
    csat_responded_at,
    has_confirmation_event,
    has_rejection_event,

    -- evidence: counts
    cast(solve_count as {{ dbt.type_int() }}) as solve_count,
    cast(customer_message_count as {{ dbt.type_int() }}) as customer_message_count,
    cast(ai_message_count as {{ dbt.type_int() }}) as ai_message_count,
    cast(human_reply_count as {{ dbt.type_int() }}) as human_reply_count,
    cast(human_note_count as {{ dbt.type_int() }}) as human_note_count,
    cast(system_message_count as {{ dbt.type_int() }}) as system_message_count,
    cast(handoff_request_count as {{ dbt.type_int() }}) as handoff_request_count,
    cast(ai_action_count as {{ dbt.type_int() }}) as ai_action_count,
    cast(ai_action_blocked_count as {{ dbt.type_int() }}) as ai_action_blocked_count,
    cast(policy_violation_count as {{ dbt.type_int() }}) as policy_violation_count,
    cast(policy_overridden_count as {{ dbt.type_int() }}) as policy_overridden_count,
    cast(policy_passed_count as {{ dbt.type_int() }}) as policy_passed_count,
    cast(critical_breach_count as {{ dbt.type_int() }}) as critical_breach_count,

    -- durations (minutes) and cost
    cast(
        case when resolved_by is not null then {{ minutes_between("started_at", "final_solved_at") }} end
        as {{ type_double() }}
    ) as minutes_to_resolution,
    cast({{ minutes_between("started_at", "first_ai_reply_at") }} as {{ type_double() }}) as minutes_to_first_ai_reply,
    cast(
        case when resolved_by is not null then business_minutes_to_final_solve end
        as {{ type_double() }}
    ) as business_minutes_to_resolution,
    cast(business_minutes_to_first_ai_reply as {{ type_double() }}) as business_minutes_to_first_ai_reply,
    cast(minutes_to_first_human_reply_after_handoff as {{ type_double() }})
        as minutes_to_first_human_reply_after_handoff,
    cast(business_minutes_to_first_human_reply_after_handoff as {{ type_double() }})
        as business_minutes_to_first_human_reply_after_handoff,
    cast(
        case when is_ai_involved then {{ var("ai_cost_per_conversation") }} else 0 end
        as {{ type_double() }}
    ) as ai_cost,

    -- provenance
    cast({{ as_of_timestamp() }} as {{ dbt.type_timestamp() }}) as as_of,
    cast(rules_version as {{ dbt.type_string() }}) as rules_version,
    cast(rules_config as {{ dbt.type_string() }}) as rules_config
from enriched
