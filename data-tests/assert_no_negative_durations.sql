-- No duration that reaches a mart is negative.
select
    ticket_id,
    minutes_to_resolution,
    minutes_to_first_ai_reply
from {{ ref("fct_conversations") }}
where
    minutes_to_resolution < 0
    or minutes_to_first_ai_reply < 0
