{#- Medians and 90th percentiles of the durations that matter, per month and segment:
    time to true resolution (conversation start to the last solve that stuck) for AI-resolved and
    human-resolved conversations, the AI's first reply, and how long a customer waited
    for a human after a handoff. Percentiles are not additive: they are computed here
    from the rows, never averaged. -#}

with

conversations as {{ inline_cte() }} (

    select * from {{ ref("fct_conversations") }}

),

handoffs as {{ inline_cte() }} (

    select * from {{ ref("fct_handoffs") }}

),

observations as (

    select
        created_date as metric_date,
        channel,
        coalesce(issue_type, '(none)') as issue_type,
        category,
        risk_level,
        complexity,
        coalesce(agent_version, '(none)') as agent_version,
        case when resolved_by = 'ai' then 'time_to_resolution_ai' else 'time_to_resolution_human' end as measure,
        minutes_to_resolution as minutes
    from conversations
    where
        is_in_rate_population
        and resolved_by is not null

    union all

    select
        created_date as metric_date,
        channel,
        coalesce(issue_type, '(none)') as issue_type,
        category,
        risk_level,
        complexity,
        coalesce(agent_version, '(none)') as agent_version,
        'first_ai_reply' as measure,
        minutes_to_first_ai_reply as minutes
    from conversations
    where
        is_in_rate_population
        and minutes_to_first_ai_reply is not null

    union all

    select
        handoff_date as metric_date,
        channel,
        coalesce(issue_type, '(none)') as issue_type,
        category,
        risk_level,
        complexity,
        coalesce(agent_version, '(none)') as agent_version,
        'first_human_reply_after_handoff' as measure,
        minutes_to_first_human_reply as minutes
    from handoffs
    where
        is_mature
        and outcome != 'excluded'
        and minutes_to_first_human_reply is not null

),

segmented as (

    {%- for segment_type, segment_column in metric_segments() %}

        select
            cast({{ dbt.date_trunc("month", "metric_date") }} as date) as metric_month,
            '{{ segment_type }}' as segment_type,
            cast({{ segment_column }} as {{ dbt.type_string() }}) as segment_value,
            measure,
            count(*) as sample_size,
            avg(minutes) as mean_minutes,
            {{ percentile_cont("minutes", 0.5) }} as median_minutes,
            {{ percentile_cont("minutes", 0.9) }} as p90_minutes
        from observations
        group by
            cast({{ dbt.date_trunc("month", "metric_date") }} as date),
            cast({{ segment_column }} as {{ dbt.type_string() }}),
            measure
        {%- if not loop.last %}

            union all
        {%- endif %}
    {%- endfor %}

)

select
    metric_month,
    cast(segment_type as {{ dbt.type_string() }}) as segment_type,
    segment_value,
    cast(measure as {{ dbt.type_string() }}) as measure,
    cast(sample_size as {{ dbt.type_int() }}) as sample_size,
    cast(mean_minutes as {{ type_double() }}) as mean_minutes,
    cast(median_minutes as {{ type_double() }}) as median_minutes,
    cast(p90_minutes as {{ type_double() }}) as p90_minutes,
    sample_size >= {{ var("min_segment_size") }} as is_significant,
    {{ dbt.concat([
        dbt.cast("metric_month", dbt.type_string()), "'|'", "segment_type", "'|'", "segment_value", "'|'", "measure",
    ]) }} as response_time_key
from segmented
