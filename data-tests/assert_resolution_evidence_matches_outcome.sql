-- resolution_evidence is set exactly for AI-resolved conversations; customer_confirmed is
-- exactly the outcome ai_resolved_confirmed; the proving action is named exactly for a
-- completed workflow.
select
    ticket_id,
    outcome,
    resolution_evidence,
    resolution_evidence_action_id
from {{ ref("fct_conversations") }}
where
    (resolution_evidence is null) != (not is_ai_resolved)
    or (resolution_evidence = 'customer_confirmed') != (outcome = 'ai_resolved_confirmed')
    or (resolution_evidence_action_id is not null) != coalesce(resolution_evidence = 'workflow_completed', false)
