{#- AI resolution rate per agent_version, overall (issue_type = 'all') and per issue
    type, with 95% Wilson intervals: is the new AI configuration really better? -#}

with

daily as {{ inline_cte() }} (

    select * from {{ ref("fct_conversation_metrics_daily") }}

),

per_release as (

    select
        agent_version,
        'all' as issue_type,
        min(metric_date) as first_conversation_date,
        max(metric_date) as last_conversation_date,
        sum(mature_conversations) as mature_conversations,
        sum(pending_conversations) as pending_conversations,
        sum(ai_involved_conversations) as ai_involved_conversations,
        sum(ai_resolved_conversations) as ai_resolved_conversations,
        sum(ai_resolved_confirmed_conversations) as ai_resolved_confirmed_conversations,
        sum(deflected_conversations) as deflected_conversations,
        sum(escalated_conversations) as escalated_conversations
    from daily
    group by agent_version

    union all

    select
        agent_version,
        issue_type,
        min(metric_date) as first_conversation_date,
        max(metric_date) as last_conversation_date,
        sum(mature_conversations) as mature_conversations,
        sum(pending_conversations) as pending_conversations,
        sum(ai_involved_conversations) as ai_involved_conversations,
        sum(ai_resolved_conversations) as ai_resolved_conversations,
        sum(ai_resolved_confirmed_conversations) as ai_resolved_confirmed_conversations,
        sum(deflected_conversations) as deflected_conversations,
        sum(escalated_conversations) as escalated_conversations
    from daily
    group by
        agent_version,
        issue_type

)

select
    cast(agent_version as {{ dbt.type_string() }}) as agent_version,
    cast(issue_type as {{ dbt.type_string() }}) as issue_type,
    first_conversation_date,
    last_conversation_date,
    cast(mature_conversations as {{ dbt.type_int() }}) as mature_conversations,
    cast(pending_conversations as {{ dbt.type_int() }}) as pending_conversations,
    cast(ai_involved_conversations as {{ dbt.type_int() }}) as ai_involved_conversations,
    cast(ai_resolved_conversations as {{ dbt.type_int() }}) as ai_resolved_conversations,
    cast(ai_resolved_confirmed_conversations as {{ dbt.type_int() }}) as ai_resolved_confirmed_conversations,
    cast(deflected_conversations as {{ dbt.type_int() }}) as deflected_conversations,
    cast(escalated_conversations as {{ dbt.type_int() }}) as escalated_conversations,
    cast({{ safe_rate("ai_resolved_conversations", "ai_involved_conversations") }} as {{ type_double() }})
        as ai_resolution_rate,
    cast({{ wilson_bound("ai_resolved_conversations", "ai_involved_conversations", "lower") }} as {{ type_double() }})
        as ai_resolution_rate_lower,
    cast({{ wilson_bound("ai_resolved_conversations", "ai_involved_conversations", "upper") }} as {{ type_double() }})
        as ai_resolution_rate_upper,
    cast({{ safe_rate("ai_resolved_confirmed_conversations", "ai_resolved_conversations") }} as {{ type_double() }})
        as confirmed_share,
    cast({{ safe_rate("deflected_conversations", "ai_involved_conversations") }} as {{ type_double() }})
        as deflection_rate,
    ai_involved_conversations >= {{ var("min_segment_size") }} as is_significant,
    {{ dbt.concat(["agent_version", "'|'", "issue_type"]) }} as release_key
from per_release
