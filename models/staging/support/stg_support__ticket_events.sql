{#- One row per event that passed the raw contract: the latest extraction of its key, with
    its required fields present and parsed. Rejected rows are in fct_quarantined_rows. -#}

with

checked as {{ inline_cte() }} (

    select * from {{ ref("base_support__ticket_events") }}

)

select
    event_id,
    ticket_id,
    event_type,
    actor_type,
    status,
    assignee_type,
    handoff_reason,
    occurred_at,
    _loaded_at
from checked
where disposition = 'staged'
