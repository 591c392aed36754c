-- No handoff duration is negative: the AI's time before the handoff (from its first
-- activity, and from its first reply, which never comes before that), the customer's
-- wait for a human reply, and the first human activity never precede the handoff.
select
    handoff_id,
    ticket_id,
    handoff_at,
    minutes_from_first_ai_activity,
    minutes_from_first_ai_reply,
    minutes_to_first_human_reply,
    first_human_activity_after_at
from {{ ref("fct_handoffs") }}
where
    minutes_from_first_ai_activity < 0
    or minutes_from_first_ai_reply < 0
    or minutes_from_first_ai_reply > minutes_from_first_ai_activity
    or minutes_to_first_human_reply < 0
    or first_human_activity_after_at < handoff_at
    or first_human_reply_at < first_human_activity_after_at
    or (first_human_reply_at is not null and not is_served)
