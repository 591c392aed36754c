-- Evidence timestamps never run backwards, so no duration built on them is negative.
select
    ticket_id,
    created_at,
    first_solved_at,
    final_solved_at,
    reopened_at,
    matures_at
from {{ ref("fct_conversations") }}
where
    first_solved_at > final_solved_at
    or reopened_at <= first_solved_at
    or repeat_contact_at <= first_solved_at
    or last_activity_at < created_at
    or as_of < created_at
