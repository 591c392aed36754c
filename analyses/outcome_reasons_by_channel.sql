-- Which facts decide the outcomes, per channel: a starting point for an audit of
-- the AI's failures (compile with `dbt compile -s outcome_reasons_by_channel`).
with

conversations as (

    select * from {{ ref("fct_conversations") }}

)

select
    channel,
    outcome,
    outcome_reason,
    count(*) as conversations
from conversations
where is_in_rate_population
group by
    channel,
    outcome,
    outcome_reason
order by
    channel asc,
    conversations desc
