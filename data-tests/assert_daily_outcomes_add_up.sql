-- The outcome counts of every daily row add up to its mature total, and mature +
-- pending + excluded add up to all conversations. Without the AI's action trace the
-- policy-breach count is absent (null) and no conversation can have that outcome.
select *
from {{ ref("fct_conversation_metrics_daily") }}
where
    human_only_conversations + escalated_conversations + coalesce(ai_policy_breach_conversations, 0)
    + ai_reopened_conversations + ai_resurfaced_conversations + ai_rejected_conversations
    + ai_abandoned_conversations + ai_resolved_confirmed_conversations + ai_resolved_assumed_conversations
    != mature_conversations
    or mature_conversations + pending_conversations + excluded_conversations != conversations
    or ai_resolved_conversations != ai_resolved_confirmed_conversations + ai_resolved_assumed_conversations
    or deflected_conversations + escalated_conversations != ai_involved_conversations
    or ai_involved_conversations + human_only_conversations != mature_conversations
