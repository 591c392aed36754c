{#- Additive counts per day x channel x issue_type x agent_version, so a BI tool can
    roll up to any period or segment and divide sums: never average the rates. -#}

{%- set outcomes = [
    "human_only", "escalated", "ai_policy_breach", "ai_reopened", "ai_resurfaced",
    "ai_rejected", "ai_abandoned", "ai_resolved_confirmed", "ai_resolved_assumed",
] %}
{#- A measure whose raw table was not delivered is null (absent), never 0. -#}
{%- set csat_sum = "sum" if raw_table_present("csat_responses") else "null + sum" %}
{%- set actions_sum = "sum" if raw_table_present("ai_actions") else "null + sum" %}
{%- set csat_groups = {
    "ai_resolved": "is_ai_resolved",
    "escalated": "outcome = 'escalated'",
    "human_only": "outcome = 'human_only'",
} %}

with

conversations as {{ inline_cte() }} (

    select * from {{ ref("fct_conversations") }}

),

flagged as (

    select
        created_date as metric_date,
        channel,
        category,
        risk_level,
        complexity,
        outcome,
        is_ai_resolved,
        is_deflected,
        is_confirmed,
        resolution_evidence,
        is_reopened,
        has_repeat_contact,
        csat_score,
        resolved_by,
        minutes_to_resolution,
        minutes_to_first_ai_reply,
        handoff_request_count,
        ai_action_count,
        ai_action_blocked_count,
        policy_violation_count,
        policy_overridden_count,
        policy_passed_count,
        critical_breach_count,
        ai_cost,
        is_csat_positive,
        -- Every metric is computed over mature, non-excluded conversations.
        is_in_rate_population as is_counted,
        coalesce(issue_type, '(none)') as issue_type,
        coalesce(agent_version, '(none)') as agent_version,
        is_in_rate_population and is_ai_involved as is_ai_counted,
        is_in_rate_population and is_solved as is_solved_counted
    from conversations

)

select
    -- grain
    metric_date,
    channel,
    issue_type,
    agent_version,
    -- issue type attributes (functionally dependent on issue_type)
    category,
    risk_level,
    complexity,

    -- volume
    cast(count(*) as {{ dbt.type_int() }}) as conversations,
    cast(sum(case when outcome = 'excluded' then 1 else 0 end) as {{ dbt.type_int() }}) as excluded_conversations,
    cast(sum(case when outcome = 'pending' then 1 else 0 end) as {{ dbt.type_int() }}) as pending_conversations,
    cast(sum(case when is_counted then 1 else 0 end) as {{ dbt.type_int() }}) as mature_conversations,
    cast(sum(case when is_ai_counted then 1 else 0 end) as {{ dbt.type_int() }}) as ai_involved_conversations,

    -- outcomes
    {%- for outcome in outcomes %}
        {#- A policy breach can only be seen in the AI's action trace: absent without it. #}
        cast({{ actions_sum if outcome == "ai_policy_breach" else "sum" }}(
            case when outcome = '{{ outcome }}' then 1 else 0 end
        ) as {{ dbt.type_int() }}) as {{ outcome }}_conversations,
    {%- endfor %}
    cast(sum(case when is_ai_resolved then 1 else 0 end) as {{ dbt.type_int() }}) as ai_resolved_conversations,
    cast(sum(case when is_deflected then 1 else 0 end) as {{ dbt.type_int() }}) as deflected_conversations,
    cast(sum(case when is_counted and is_confirmed then 1 else 0 end) as {{ dbt.type_int() }})
        as confirmed_conversations,

    -- resolution evidence of the AI-resolved conversations: verified = the customer's word
    -- or a workflow the AI completed (verified_resolution_rate = verified / ai_involved)
    cast(sum(case when resolution_evidence = 'workflow_completed' then 1 else 0 end) as {{ dbt.type_int() }})
        as workflow_completed_conversations,
    cast(
        sum(case when resolution_evidence in ('customer_confirmed', 'workflow_completed') then 1 else 0 end)
        as {{ dbt.type_int() }}
    ) as verified_resolved_conversations,

    -- reopens and repeat contacts, over mature solved conversations
    cast(sum(case when is_solved_counted then 1 else 0 end) as {{ dbt.type_int() }}) as solved_conversations,
    cast(sum(case when is_solved_counted and is_reopened then 1 else 0 end) as {{ dbt.type_int() }})
        as reopened_conversations,
    cast(sum(case when is_solved_counted and has_repeat_contact then 1 else 0 end) as {{ dbt.type_int() }})
        as repeat_contact_conversations,
    cast(sum(case when is_solved_counted and is_deflected then 1 else 0 end) as {{ dbt.type_int() }})
        as ai_only_solved_conversations,
    cast(
        sum(case when is_solved_counted and is_deflected and is_reopened then 1 else 0 end) as {{ dbt.type_int() }}
    ) as ai_only_reopened_conversations,
    cast(
        sum(case when is_solved_counted and is_deflected and has_repeat_contact then 1 else 0 end)
        as {{ dbt.type_int() }}
    ) as ai_only_repeat_contact_conversations,

    -- handoffs
    cast(sum(case when is_ai_counted and handoff_request_count > 0 then 1 else 0 end) as {{ dbt.type_int() }})
        as handoff_requested_conversations,

    -- CSAT (latest valid answer per conversation); null when no CSAT table was delivered
    cast({{ csat_sum }}(case when is_counted and csat_score is not null then 1 else 0 end) as {{ dbt.type_int() }})
        as csat_responses,
    cast({{ csat_sum }}(case when is_counted then coalesce(csat_score, 0) else 0 end) as {{ dbt.type_int() }})
        as csat_score_sum,
    cast({{ csat_sum }}(case when is_counted and is_csat_positive then 1 else 0 end) as {{ dbt.type_int() }})
        as csat_positive_responses,
    {%- for group, condition in csat_groups.items() %}
        cast(sum(case when is_counted and {{ condition }} then 1 else 0 end) as {{ dbt.type_int() }})
            as {{ group }}_csat_eligible,
        cast(
            {{ csat_sum }}(case when is_counted and {{ condition }} and csat_score is not null then 1 else 0 end)
            as {{ dbt.type_int() }}
        ) as {{ group }}_csat_responses,
        cast(
            {{ csat_sum }}(
                case when is_counted and {{ condition }} then coalesce(csat_score, 0) else 0 end
            ) as {{ dbt.type_int() }}
        ) as {{ group }}_csat_score_sum,
        cast(
            {{ csat_sum }}(case when is_counted and {{ condition }} and is_csat_positive then 1 else 0 end)
            as {{ dbt.type_int() }}
        ) as {{ group }}_csat_positive_responses,
    {%- endfor %}

    -- durations (sums and counts; medians live in fct_response_times_monthly)
    cast(sum(case when is_counted and resolved_by = 'ai' then 1 else 0 end) as {{ dbt.type_int() }})
        as ai_resolution_time_count,
    cast(
        sum(case when is_counted and resolved_by = 'ai' then minutes_to_resolution else 0 end) as {{ type_double() }}
    ) as ai_resolution_minutes_sum,
    cast(sum(case when is_counted and resolved_by = 'human' then 1 else 0 end) as {{ dbt.type_int() }})
        as human_resolution_time_count,
    cast(
        sum(case when is_counted and resolved_by = 'human' then minutes_to_resolution else 0 end)
        as {{ type_double() }}
    ) as human_resolution_minutes_sum,
    cast(
        sum(case when is_ai_counted and minutes_to_first_ai_reply is not null then 1 else 0 end)
        as {{ dbt.type_int() }}
    ) as ai_first_reply_count,
    cast(
        sum(case when is_ai_counted then coalesce(minutes_to_first_ai_reply, 0) else 0 end) as {{ type_double() }}
    ) as ai_first_reply_minutes_sum,

    -- AI actions and guardrails
    cast({{ actions_sum }}(case when is_counted then ai_action_count else 0 end) as {{ dbt.type_int() }}) as ai_actions,
    cast({{ actions_sum }}(case when is_counted then ai_action_blocked_count else 0 end) as {{ dbt.type_int() }})
        as ai_actions_blocked,
    cast({{ actions_sum }}(case when is_counted then policy_violation_count else 0 end) as {{ dbt.type_int() }})
        as ai_actions_policy_violated,
    cast({{ actions_sum }}(case when is_counted then policy_overridden_count else 0 end) as {{ dbt.type_int() }})
        as ai_actions_policy_overridden,
    cast({{ actions_sum }}(case when is_counted then policy_passed_count else 0 end) as {{ dbt.type_int() }})
        as ai_actions_policy_passed,
    cast({{ actions_sum }}(case when is_counted then critical_breach_count else 0 end) as {{ dbt.type_int() }})
        as ai_actions_critical_breach,

    -- cost inputs
    cast(sum(case when is_counted then ai_cost else 0 end) as {{ type_double() }}) as ai_cost,
    cast(
        sum(case when is_ai_resolved then {{ var("human_cost_per_conversation") }} else 0 end) as {{ type_double() }}
    ) as human_cost_avoided,

    {{ dbt.concat([
        dbt.cast("metric_date", dbt.type_string()), "'|'", "channel", "'|'", "issue_type", "'|'", "agent_version",
    ]) }} as metric_key
from flagged
group by
    metric_date,
    channel,
    issue_type,
    category,
    risk_level,
    complexity,
    agent_version
