-- fct_ai_actions agrees with the per-conversation counts of fct_conversations: the
-- same number of AI actions, blocked actions, violations and critical breaches, so a
-- guardrail report and the outcome rules never tell two stories.
with

conversations as (

    select
        ticket_id,
        ai_action_count,
        ai_action_blocked_count,
        policy_violation_count,
        critical_breach_count,
        has_policy_breach
    from {{ ref("fct_conversations") }}

),

actions as (

    select
        ticket_id,
        count(*) as ai_action_count,
        sum(case when action_outcome = 'blocked' then 1 else 0 end) as ai_action_blocked_count,
        sum(case when policy_result = 'violated' then 1 else 0 end) as policy_violation_count,
        sum(case when is_critical_breach then 1 else 0 end) as critical_breach_count
    from {{ ref("fct_ai_actions") }}
    group by ticket_id

)

select
    conversations.ticket_id as conversation_ticket_id,
    actions.ticket_id as action_ticket_id,
    conversations.ai_action_count as conversation_action_count,
    actions.ai_action_count as action_rows,
    conversations.critical_breach_count as conversation_breach_count,
    actions.critical_breach_count as action_breaches
from conversations
full outer join actions
    on conversations.ticket_id = actions.ticket_id
where
    coalesce(conversations.ai_action_count, 0) != coalesce(actions.ai_action_count, 0)
    or coalesce(conversations.ai_action_blocked_count, 0) != coalesce(actions.ai_action_blocked_count, 0)
    or coalesce(conversations.policy_violation_count, 0) != coalesce(actions.policy_violation_count, 0)
    or coalesce(conversations.critical_breach_count, 0) != coalesce(actions.critical_breach_count, 0)
    or coalesce(conversations.has_policy_breach, false) != (coalesce(actions.critical_breach_count, 0) > 0)
