{#- Per issue type: is it ready to hand to the AI? The resolution rate is judged by
    its Wilson lower bound, so a small sample cannot look ready by luck, and enough of
    its AI resolutions must be verified (confirmed by the customer or a completed
    workflow), not merely assumed. -#}

with

daily as {{ inline_cte() }} (

    select * from {{ ref("fct_conversation_metrics_daily") }}

),

per_issue_type as (

    select
        issue_type,
        category,
        risk_level,
        complexity,
        sum(mature_conversations) as mature_conversations,
        sum(pending_conversations) as pending_conversations,
        sum(ai_involved_conversations) as ai_involved_conversations,
        sum(ai_resolved_conversations) as ai_resolved_conversations,
        sum(verified_resolved_conversations) as verified_resolved_conversations,
        sum(ai_only_solved_conversations) as ai_only_solved_conversations,
        sum(ai_only_reopened_conversations) as ai_only_reopened_conversations,
        sum(ai_only_repeat_contact_conversations) as ai_only_repeat_contact_conversations,
        sum(ai_policy_breach_conversations) as ai_policy_breach_conversations,
        sum(ai_actions_critical_breach) as critical_breach_actions,
        sum(ai_resolved_csat_responses) as ai_resolved_csat_responses,
        sum(ai_resolved_csat_score_sum) as ai_resolved_csat_score_sum,
        sum(human_only_csat_responses) as human_only_csat_responses,
        sum(human_only_csat_score_sum) as human_only_csat_score_sum
    from daily
    group by
        issue_type,
        category,
        risk_level,
        complexity

),

rated as (

    select
        *,
        {{ safe_rate("ai_resolved_conversations", "ai_involved_conversations") }} as ai_resolution_rate,
        {{ wilson_bound("ai_resolved_conversations", "ai_involved_conversations", "lower") }}
            as ai_resolution_rate_lower,
        {{ wilson_bound("ai_resolved_conversations", "ai_involved_conversations", "upper") }}
            as ai_resolution_rate_upper,
        {{ safe_rate("verified_resolved_conversations", "ai_resolved_conversations") }} as verified_share,
        {{ safe_rate("ai_only_reopened_conversations", "ai_only_solved_conversations") }} as ai_only_reopen_rate,
        {{ safe_rate("ai_only_repeat_contact_conversations", "ai_only_solved_conversations") }}
            as ai_only_resurfaced_rate,
        {{ safe_rate("ai_resolved_csat_score_sum", "ai_resolved_csat_responses") }} as ai_resolved_csat_mean,
        {{ safe_rate("human_only_csat_score_sum", "human_only_csat_responses") }} as human_only_csat_mean
    from per_issue_type

)

select
    cast(issue_type as {{ dbt.type_string() }}) as issue_type,
    cast(category as {{ dbt.type_string() }}) as category,
    cast(risk_level as {{ dbt.type_string() }}) as risk_level,
    cast(complexity as {{ dbt.type_string() }}) as complexity,
    cast(mature_conversations as {{ dbt.type_int() }}) as mature_conversations,
    cast(pending_conversations as {{ dbt.type_int() }}) as pending_conversations,
    cast(ai_involved_conversations as {{ dbt.type_int() }}) as ai_involved_conversations,
    cast(ai_resolved_conversations as {{ dbt.type_int() }}) as ai_resolved_conversations,
    cast(ai_resolution_rate as {{ type_double() }}) as ai_resolution_rate,
    cast(ai_resolution_rate_lower as {{ type_double() }}) as ai_resolution_rate_lower,
    cast(ai_resolution_rate_upper as {{ type_double() }}) as ai_resolution_rate_upper,
    cast(verified_resolved_conversations as {{ dbt.type_int() }}) as verified_resolved_conversations,
    cast(verified_share as {{ type_double() }}) as verified_share,
    cast(ai_only_solved_conversations as {{ dbt.type_int() }}) as ai_only_solved_conversations,
    cast(ai_only_reopened_conversations as {{ dbt.type_int() }}) as ai_only_reopened_conversations,
    cast(ai_only_reopen_rate as {{ type_double() }}) as ai_only_reopen_rate,
    cast(ai_only_repeat_contact_conversations as {{ dbt.type_int() }}) as ai_only_repeat_contact_conversations,
    cast(ai_only_resurfaced_rate as {{ type_double() }}) as ai_only_resurfaced_rate,
    cast(ai_policy_breach_conversations as {{ dbt.type_int() }}) as ai_policy_breach_conversations,
    cast(critical_breach_actions as {{ dbt.type_int() }}) as critical_breach_actions,
    cast(ai_resolved_csat_responses as {{ dbt.type_int() }}) as ai_resolved_csat_responses,
    cast(ai_resolved_csat_mean as {{ type_double() }}) as ai_resolved_csat_mean,
    cast(human_only_csat_responses as {{ dbt.type_int() }}) as human_only_csat_responses,
    cast(human_only_csat_mean as {{ type_double() }}) as human_only_csat_mean,
    cast(human_only_csat_mean - ai_resolved_csat_mean as {{ type_double() }}) as csat_gap_to_human_only,
    ai_involved_conversations >= {{ var("min_segment_size") }} as is_significant,
    cast(
        case
            when
                ai_resolution_rate_lower >= {{ var("readiness_automate_min_resolution_lower_bound") }}
                and coalesce(ai_only_reopen_rate, 0) <= {{ var("readiness_automate_max_reopen_rate") }}
                and critical_breach_actions = 0
                and coalesce(human_only_csat_mean - ai_resolved_csat_mean, 0) <= {{ var("readiness_max_csat_gap") }}
                -- Resolutions resting on assumption alone do not make an issue type ready.
                and verified_share >= {{ var("readiness_automate_min_verified_share") }}
                then 'automate'
            when ai_resolution_rate_lower >= {{ var("readiness_assist_min_resolution_lower_bound") }} then 'assist'
            else 'keep_human'
        end as {{ dbt.type_string() }}
    ) as readiness_tier
from rated
