-- The convenience flags of fct_conversations agree with its outcome, and the
-- outcome agrees with the evidence that the first rules look at.
select
    ticket_id,
    outcome,
    outcome_reason
from {{ ref("fct_conversations") }}
where
    is_deflected != (
        outcome in (
            'ai_policy_breach', 'ai_reopened', 'ai_resurfaced', 'ai_rejected',
            'ai_abandoned', 'ai_resolved_confirmed', 'ai_resolved_assumed'
        )
    )
    or is_ai_resolved != (outcome in ('ai_resolved_confirmed', 'ai_resolved_assumed'))
    or (outcome = 'excluded') != (is_spam or merged_into_ticket_id is not null)
    or (outcome = 'pending' and is_mature)
    or (outcome not in ('excluded', 'pending') and not is_mature)
    or is_in_rate_population != (outcome not in ('excluded', 'pending'))
    or is_solved != (solve_count > 0)
    or is_csat_positive != coalesce(csat_score >= {{ var("csat_confirm_min_score") }}, false)
    or (outcome = 'human_only' and is_ai_involved)
    or (outcome = 'escalated' and not (is_ai_involved and is_human_involved))
    or (is_deflected and is_human_involved)
    or (is_ai_resolved and (has_policy_breach or is_reopened or has_repeat_contact or is_rejected))
    or (is_ai_resolved and first_solved_at is null)
