{#- What the AI does when nobody is on shift: per month, segment and business-hours band
    (in_hours, after_hours, or unknown outside the business calendar), the AI resolution
    rate and the verified resolution rate, and the share of all mature conversations the AI
    resolved on its own. Bands follow each conversation's creation time against its
    channel's schedule (seeds business_schedules, business_holidays, channel_schedules); a
    channel without a schedule is open 24/7, so always in_hours. Counts are additive:
    sum them across bands, months or segments and divide again. -#}

with

conversations as {{ inline_cte() }} (

    select * from {{ ref("fct_conversations") }}

),

banded as (

    select
        *,
        case
            when is_created_in_business_hours then 'in_hours'
            when not is_created_in_business_hours then 'after_hours'
            else 'unknown'
        end as business_hours
    from conversations
    where is_in_rate_population

),

segmented as (

    {%- for segment_type, segment_column in metric_segments() %}

        select
            cast({{ dbt.date_trunc("month", "created_date") }} as date) as metric_month,
            '{{ segment_type }}' as segment_type,
            cast({{ segment_column }} as {{ dbt.type_string() }}) as segment_value,
            business_hours,
            count(*) as mature_conversations,
            sum(case when is_ai_involved then 1 else 0 end) as ai_involved_conversations,
            sum(case when is_ai_resolved then 1 else 0 end) as ai_resolved_conversations,
            sum(
                case when resolution_evidence in ('customer_confirmed', 'workflow_completed') then 1 else 0 end
            ) as verified_resolved_conversations,
            sum(case when outcome = 'escalated' then 1 else 0 end) as escalated_conversations,
            sum(case when outcome = 'human_only' then 1 else 0 end) as human_only_conversations
        from banded
        group by
            cast({{ dbt.date_trunc("month", "created_date") }} as date),
            cast({{ segment_column }} as {{ dbt.type_string() }}),
            business_hours
        {%- if not loop.last %}

            union all
        {%- endif %}
    {%- endfor %}

)

select
    metric_month,
    cast(segment_type as {{ dbt.type_string() }}) as segment_type,
    coalesce(segment_value, '(none)') as segment_value,
    cast(business_hours as {{ dbt.type_string() }}) as business_hours,
    cast(mature_conversations as {{ dbt.type_int() }}) as mature_conversations,
    cast(ai_involved_conversations as {{ dbt.type_int() }}) as ai_involved_conversations,
    cast(ai_resolved_conversations as {{ dbt.type_int() }}) as ai_resolved_conversations,
    cast(verified_resolved_conversations as {{ dbt.type_int() }}) as verified_resolved_conversations,
    cast(escalated_conversations as {{ dbt.type_int() }}) as escalated_conversations,
    cast(human_only_conversations as {{ dbt.type_int() }}) as human_only_conversations,
    cast({{ safe_rate("ai_resolved_conversations", "ai_involved_conversations") }} as {{ type_double() }})
        as ai_resolution_rate,
    cast({{ safe_rate("verified_resolved_conversations", "ai_involved_conversations") }} as {{ type_double() }})
        as verified_resolution_rate,
    cast({{ safe_rate("ai_resolved_conversations", "mature_conversations") }} as {{ type_double() }})
        as ai_resolved_share,
    ai_involved_conversations >= {{ var("min_segment_size") }} as is_significant,
    {{ dbt.concat([
        dbt.cast("metric_month", dbt.type_string()), "'|'", "segment_type", "'|'",
        "coalesce(segment_value, '(none)')", "'|'", "business_hours",
    ]) }} as after_hours_key
from segmented
