{#- Where a judge and our rules disagree, per month (of conversation creation), judge,
    verdict and our outcome and reason: "the judge says resolved; ours is ai_reopened
    (reopened_by_customer_message)" for 12 conversations out of 140 compared. Only
    compared conversations (mature, not excluded, verdict known) that disagree. -#}

with

comparison as {{ inline_cte() }} (

    select * from {{ ref("fct_verdict_comparison") }}

),

compared as (

    select
        cast({{ dbt.date_trunc("month", "created_at") }} as date) as metric_month,
        verdict_source,
        count(*) as compared_conversations
    from comparison
    where is_compared
    group by
        cast({{ dbt.date_trunc("month", "created_at") }} as date),
        verdict_source

),

disagreements as (

    select
        cast({{ dbt.date_trunc("month", "created_at") }} as date) as metric_month,
        verdict_source,
        verdict,
        outcome,
        outcome_reason,
        count(*) as disagreeing_conversations
    from comparison
    where not agrees
    group by
        cast({{ dbt.date_trunc("month", "created_at") }} as date),
        verdict_source,
        verdict,
        outcome,
        outcome_reason

)

select
    disagreements.metric_month,
    cast(disagreements.verdict_source as {{ dbt.type_string() }}) as verdict_source,
    cast(disagreements.verdict as {{ dbt.type_string() }}) as verdict,
    cast(disagreements.outcome as {{ dbt.type_string() }}) as outcome,
    cast(disagreements.outcome_reason as {{ dbt.type_string() }}) as outcome_reason,
    cast(
        {{ dbt.concat([
            "disagreements.verdict_source", "' says '", "replace(disagreements.verdict, '_', ' ')",
            "'; ours is '", "disagreements.outcome", "' ('", "disagreements.outcome_reason", "')'",
        ]) }} as {{ dbt.type_string() }}
    ) as disagreement_type,
    cast(disagreements.disagreeing_conversations as {{ dbt.type_int() }}) as disagreeing_conversations,
    cast(compared.compared_conversations as {{ dbt.type_int() }}) as compared_conversations,
    cast(
        {{ safe_rate("disagreements.disagreeing_conversations", "compared.compared_conversations") }}
        as {{ type_double() }}
    ) as share_of_compared
from disagreements
inner join compared
    on
        disagreements.metric_month = compared.metric_month
        and disagreements.verdict_source = compared.verdict_source
