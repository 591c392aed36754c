{#- What the AI costs per month and per resolution, and the human cost it avoided.
    Unit costs are the vars ai_cost_per_conversation and human_cost_per_conversation. -#}

with

daily as {{ inline_cte() }} (

    select * from {{ ref("fct_conversation_metrics_daily") }}

),

monthly as (

    select
        cast({{ dbt.date_trunc("month", "metric_date") }} as date) as metric_month,
        sum(mature_conversations) as mature_conversations,
        sum(pending_conversations) as pending_conversations,
        sum(ai_involved_conversations) as ai_involved_conversations,
        sum(ai_resolved_conversations) as ai_resolved_conversations,
        sum(ai_cost) as ai_cost,
        sum(human_cost_avoided) as human_cost_avoided
    from daily
    group by cast({{ dbt.date_trunc("month", "metric_date") }} as date)

)

select
    metric_month,
    cast(mature_conversations as {{ dbt.type_int() }}) as mature_conversations,
    cast(pending_conversations as {{ dbt.type_int() }}) as pending_conversations,
    cast(ai_involved_conversations as {{ dbt.type_int() }}) as ai_involved_conversations,
    cast(ai_resolved_conversations as {{ dbt.type_int() }}) as ai_resolved_conversations,
    cast({{ var("ai_cost_per_conversation") }} as {{ type_double() }}) as ai_cost_per_conversation,
    cast({{ var("human_cost_per_conversation") }} as {{ type_double() }}) as human_cost_per_conversation,
    cast(ai_cost as {{ type_double() }}) as ai_cost,
    cast({{ safe_rate("ai_cost", "ai_resolved_conversations") }} as {{ type_double() }}) as cost_per_ai_resolution,
    cast(human_cost_avoided as {{ type_double() }}) as human_cost_avoided,
    cast(human_cost_avoided - ai_cost as {{ type_double() }}) as net_cost_avoided
from monthly
