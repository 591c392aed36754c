{#- One row per traced AI action dated up to as_of on a conversation in scope: what
    the AI did, whether the step succeeded, and what the guardrail said. A violated
    check on a blocked action is a guardrail that worked; a violated check on an action
    that went through is one that did not, and on a critical policy it is a breach. -#}

with

ai_actions as {{ inline_cte() }} (

    select * from {{ ref("stg_support__ai_actions") }}
    where {{ recomputed_tickets() }}

),

policies as {{ inline_cte() }} (

    select * from {{ ref("dim_policies") }}

),

conversations as {{ inline_cte() }} (

    select * from {{ ref("fct_conversations") }}
    where {{ recomputed_tickets() }}

),

actions as (

    -- In scope exactly as in int_activity_timeline: a conversation in scope (all of them
    -- are in fct_conversations), dated from its start (at most max_pre_creation_hours
    -- before its creation) up to as_of.
    select
        ai_actions.action_id,
        ai_actions.ticket_id,
        ai_actions.occurred_at,
        ai_actions.action_outcome,
        ai_actions.policy_id,
        ai_actions.policy_result,
        ai_actions.agent_version,
        ai_actions.action_name,
        ai_actions.procedure_name,
        ai_actions.is_final_step
    from ai_actions
    inner join conversations
        on ai_actions.ticket_id = conversations.ticket_id
    where
        ai_actions.occurred_at >= {{ conversation_window_start("conversations.created_at") }}
        and ai_actions.occurred_at <= {{ as_of_timestamp() }}

),

classified as (

    select
        actions.action_id,
        actions.ticket_id,
        actions.occurred_at,
        actions.action_name,
        actions.procedure_name,
        actions.action_outcome,
        actions.policy_id,
        policies.policy_name,
        policies.severity,
        actions.policy_result,
        actions.is_final_step,
        actions.agent_version,
        case
            when actions.policy_result is null then 'not_checked'
            when actions.policy_result = 'violated' and actions.action_outcome = 'blocked' then 'blocked'
            when actions.policy_result = 'violated' then 'violated'
            when actions.policy_result in ('overridden', 'passed', 'not_applicable') then actions.policy_result
            else 'unknown'
        end as guardrail_result,
        -- Same rule as critical_breach_count in fct_conversations.
        coalesce(
            actions.policy_result = 'violated'
            and actions.action_outcome != 'blocked'
            and policies.severity = 'critical',
            false
        ) as is_critical_breach
    from actions
    left join policies
        on actions.policy_id = policies.policy_id

),

joined as (

    select
        classified.*,
        conversations.outcome,
        conversations.is_mature,
        conversations.is_in_rate_population,
        conversations.channel,
        conversations.issue_type
    from classified
    inner join conversations
        on classified.ticket_id = conversations.ticket_id

)

select
    -- keys
    cast(action_id as {{ dbt.type_string() }}) as action_id,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,

    -- the action
    cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at,
    cast({{ dbt.date_trunc("day", "occurred_at") }} as date) as action_date,
    cast(action_name as {{ dbt.type_string() }}) as action_name,
    cast(procedure_name as {{ dbt.type_string() }}) as procedure_name,
    cast(action_outcome as {{ dbt.type_string() }}) as action_outcome,
    is_final_step,
    cast(agent_version as {{ dbt.type_string() }}) as agent_version,

    -- the guardrail
    cast(policy_id as {{ dbt.type_string() }}) as policy_id,
    cast(policy_name as {{ dbt.type_string() }}) as policy_name,
    cast(severity as {{ dbt.type_string() }}) as severity,
    cast(policy_result as {{ dbt.type_string() }}) as policy_result,
    cast(guardrail_result as {{ dbt.type_string() }}) as guardrail_result,
    is_critical_breach,

    -- the conversation
    cast(outcome as {{ dbt.type_string() }}) as outcome,
    is_mature,
    is_in_rate_population,
    cast(channel as {{ dbt.type_string() }}) as channel,
    cast(issue_type as {{ dbt.type_string() }}) as issue_type
from joined
