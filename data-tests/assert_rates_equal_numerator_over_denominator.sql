-- Every stored rate equals its stored numerator over its stored denominator, and the
-- deflection gap equals the sum of its parts.
{%- set tolerance = 0.000001 %}

with

gap as (

    select
        'fct_deflection_gap_monthly' as model_name,
        segment_key as row_key
    from {{ ref("fct_deflection_gap_monthly") }}
    where
        -- safe_rate: null, not an error, when a denominator is zero (PostgreSQL raises).
        abs(deflection_rate - {{ safe_rate("deflected_conversations", "ai_involved_conversations") }})
        > {{ tolerance }}
        or abs(ai_resolution_rate - {{ safe_rate("ai_resolved_conversations", "ai_involved_conversations") }})
        > {{ tolerance }}
        or abs(deflection_gap - (deflection_rate - ai_resolution_rate)) > {{ tolerance }}
        or abs(
            deflection_gap
            - (
                gap_abandoned_rate + gap_rejected_rate + gap_reopened_rate
                + gap_resurfaced_rate + gap_policy_breach_rate
            )
        ) > {{ tolerance }}
        or (ai_involved_conversations = 0 and deflection_rate is not null)

),

releases as (

    select
        'fct_release_comparison' as model_name,
        release_key as row_key
    from {{ ref("fct_release_comparison") }}
    where
        abs(ai_resolution_rate - {{ safe_rate("ai_resolved_conversations", "ai_involved_conversations") }})
        > {{ tolerance }}
        or ai_resolution_rate_lower > ai_resolution_rate + {{ tolerance }}
        or ai_resolution_rate_upper < ai_resolution_rate - {{ tolerance }}
        or ai_resolution_rate_lower < 0
        or ai_resolution_rate_upper > 1

),

readiness as (

    select
        'fct_automation_readiness' as model_name,
        issue_type as row_key
    from {{ ref("fct_automation_readiness") }}
    where
        abs(ai_resolution_rate - {{ safe_rate("ai_resolved_conversations", "ai_involved_conversations") }})
        > {{ tolerance }}
        or ai_resolution_rate_lower > ai_resolution_rate + {{ tolerance }}

),

costs as (

    select
        'fct_cost_monthly' as model_name,
        cast(metric_month as {{ dbt.type_string() }}) as row_key
    from {{ ref("fct_cost_monthly") }}
    where
        abs(cost_per_ai_resolution - ai_cost / nullif(ai_resolved_conversations, 0)) > {{ tolerance }}
        or abs(ai_cost - ai_involved_conversations * ai_cost_per_conversation) > {{ tolerance }}

),

after_hours as (

    select
        'fct_after_hours_monthly' as model_name,
        after_hours_key as row_key
    from {{ ref("fct_after_hours_monthly") }}
    where
        abs(ai_resolution_rate - {{ safe_rate("ai_resolved_conversations", "ai_involved_conversations") }})
        > {{ tolerance }}
        or abs(
            verified_resolution_rate - {{ safe_rate("verified_resolved_conversations", "ai_involved_conversations") }}
        ) > {{ tolerance }}
        or abs(ai_resolved_share - {{ safe_rate("ai_resolved_conversations", "mature_conversations") }})
        > {{ tolerance }}
        or verified_resolved_conversations > ai_resolved_conversations

)

select * from gap
union all
select * from after_hours
union all
select * from releases
union all
select * from readiness
union all
select * from costs
