{#- What deflection hides, per month and segment: the deflection rate, the AI
    resolution rate and the gap between them split into its causes. -#}

{%- set counts = [
    "mature_conversations", "pending_conversations", "ai_involved_conversations",
    "deflected_conversations", "ai_resolved_conversations", "ai_resolved_confirmed_conversations",
    "escalated_conversations", "ai_abandoned_conversations", "ai_rejected_conversations",
    "ai_reopened_conversations", "ai_resurfaced_conversations", "ai_policy_breach_conversations",
] %}

with

daily as {{ inline_cte() }} (

    select * from {{ ref("fct_conversation_metrics_daily") }}

),

segmented as (

    {%- for segment_type, segment_column in metric_segments() %}

        select
            cast({{ dbt.date_trunc("month", "metric_date") }} as date) as metric_month,
            '{{ segment_type }}' as segment_type,
            cast({{ segment_column }} as {{ dbt.type_string() }}) as segment_value,
            {%- for count in counts %}
                sum({{ count }}) as {{ count }},
            {%- endfor %}
            count(*) as daily_rows
        from daily
        group by
            cast({{ dbt.date_trunc("month", "metric_date") }} as date),
            cast({{ segment_column }} as {{ dbt.type_string() }})
        {%- if not loop.last %}

            union all
        {%- endif %}
    {%- endfor %}

)

select
    metric_month,
    cast(segment_type as {{ dbt.type_string() }}) as segment_type,
    segment_value,
    {%- for count in counts %}
        cast({{ count }} as {{ dbt.type_int() }}) as {{ count }},
    {%- endfor %}
    cast({{ safe_rate("deflected_conversations", "ai_involved_conversations") }} as {{ type_double() }})
        as deflection_rate,
    cast({{ safe_rate("ai_resolved_conversations", "ai_involved_conversations") }} as {{ type_double() }})
        as ai_resolution_rate,
    cast(
        {{ safe_rate("deflected_conversations - ai_resolved_conversations", "ai_involved_conversations") }}
        as {{ type_double() }}
    ) as deflection_gap,
    cast({{ safe_rate("ai_abandoned_conversations", "ai_involved_conversations") }} as {{ type_double() }})
        as gap_abandoned_rate,
    cast({{ safe_rate("ai_rejected_conversations", "ai_involved_conversations") }} as {{ type_double() }})
        as gap_rejected_rate,
    cast({{ safe_rate("ai_reopened_conversations", "ai_involved_conversations") }} as {{ type_double() }})
        as gap_reopened_rate,
    cast({{ safe_rate("ai_resurfaced_conversations", "ai_involved_conversations") }} as {{ type_double() }})
        as gap_resurfaced_rate,
    cast({{ safe_rate("ai_policy_breach_conversations", "ai_involved_conversations") }} as {{ type_double() }})
        as gap_policy_breach_rate,
    cast({{ safe_rate("escalated_conversations", "ai_involved_conversations") }} as {{ type_double() }})
        as escalation_rate,
    cast({{ safe_rate("ai_resolved_confirmed_conversations", "ai_resolved_conversations") }} as {{ type_double() }})
        as confirmed_share,
    ai_involved_conversations >= {{ var("min_segment_size") }} as is_significant,
    {{ dbt.concat([dbt.cast("metric_month", dbt.type_string()), "'|'", "segment_type", "'|'", "segment_value"]) }}
        as segment_key
from segmented
