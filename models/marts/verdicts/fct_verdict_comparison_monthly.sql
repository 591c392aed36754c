{#- Per month (of conversation creation) and judge: the judge's resolution rate next to
    ours on the same conversations, and how often the two agree. The rates share one
    population, the compared conversations: mature, not excluded, with a known verdict
    (is_compared). Pending, excluded and unknown-verdict conversations are counted beside
    the rates, never in them. -#}

with

comparison as {{ inline_cte() }} (

    select * from {{ ref("fct_verdict_comparison") }}

),

monthly as (

    select
        cast({{ dbt.date_trunc("month", "created_at") }} as date) as metric_month,
        verdict_source,
        count(*) as verdict_conversations,
        sum(case when outcome = 'pending' then 1 else 0 end) as verdict_pending_conversations,
        sum(case when outcome = 'excluded' then 1 else 0 end) as verdict_excluded_conversations,
        sum(
            case when outcome not in ('excluded', 'pending') and verdict = 'unknown' then 1 else 0 end
        ) as verdict_unknown_conversations,
        sum(case when is_compared then 1 else 0 end) as compared_conversations,
        sum(case when is_compared and verdict = 'resolved' then 1 else 0 end) as verdict_resolved_conversations,
        sum(
            case
                when is_compared and outcome in ('ai_resolved_confirmed', 'ai_resolved_assumed') then 1
                else 0
            end
        ) as our_ai_resolved_conversations,
        sum(case when agrees then 1 else 0 end) as agreeing_conversations,
        sum(case when verdict = 'resolved' and not agrees then 1 else 0 end) as verdict_resolved_ours_not,
        sum(case when verdict = 'not_resolved' and not agrees then 1 else 0 end) as verdict_not_resolved_ours_resolved
    from comparison
    group by
        cast({{ dbt.date_trunc("month", "created_at") }} as date),
        verdict_source

)

select
    metric_month,
    cast(verdict_source as {{ dbt.type_string() }}) as verdict_source,
    cast(verdict_conversations as {{ dbt.type_int() }}) as verdict_conversations,
    cast(verdict_pending_conversations as {{ dbt.type_int() }}) as verdict_pending_conversations,
    cast(verdict_excluded_conversations as {{ dbt.type_int() }}) as verdict_excluded_conversations,
    cast(verdict_unknown_conversations as {{ dbt.type_int() }}) as verdict_unknown_conversations,
    cast(compared_conversations as {{ dbt.type_int() }}) as compared_conversations,
    cast(verdict_resolved_conversations as {{ dbt.type_int() }}) as verdict_resolved_conversations,
    cast(
        {{ safe_rate("verdict_resolved_conversations", "compared_conversations") }} as {{ type_double() }}
    ) as verdict_resolution_rate,
    cast(our_ai_resolved_conversations as {{ dbt.type_int() }}) as our_ai_resolved_conversations,
    cast(
        {{ safe_rate("our_ai_resolved_conversations", "compared_conversations") }} as {{ type_double() }}
    ) as our_ai_resolution_rate,
    cast(agreeing_conversations as {{ dbt.type_int() }}) as agreeing_conversations,
    cast(
        {{ safe_rate("agreeing_conversations", "compared_conversations") }} as {{ type_double() }}
    ) as verdict_agreement_rate,
    cast(verdict_resolved_ours_not as {{ dbt.type_int() }}) as verdict_resolved_ours_not,
    cast(verdict_not_resolved_ours_resolved as {{ dbt.type_int() }}) as verdict_not_resolved_ours_resolved,
    cast(compared_conversations >= {{ var("min_segment_size") }} as {{ dbt.type_boolean() }}) as is_significant
from monthly
