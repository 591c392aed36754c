-- The daily mart loses and invents nothing: its totals equal fct_conversations.
with

daily as (

    select
        sum(conversations) as conversations,
        sum(mature_conversations) as mature_conversations,
        sum(ai_resolved_conversations) as ai_resolved_conversations,
        sum(csat_responses) as csat_responses
    from {{ ref("fct_conversation_metrics_daily") }}

),

conversations as (

    select
        count(*) as conversations,
        sum(case when is_in_rate_population then 1 else 0 end) as mature_conversations,
        sum(case when is_ai_resolved then 1 else 0 end) as ai_resolved_conversations,
        sum(
            case when is_in_rate_population and csat_score is not null then 1 else 0 end
        ) as csat_responses
    from {{ ref("fct_conversations") }}

)

select
    daily.conversations as daily_conversations,
    conversations.conversations
from daily
cross join conversations
where
    daily.conversations != conversations.conversations
    or coalesce(daily.mature_conversations, 0) != coalesce(conversations.mature_conversations, 0)
    or coalesce(daily.ai_resolved_conversations, 0) != coalesce(conversations.ai_resolved_conversations, 0)
    or coalesce(daily.csat_responses, 0) != coalesce(conversations.csat_responses, 0)
