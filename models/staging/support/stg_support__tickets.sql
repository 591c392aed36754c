{#- One row per ticket that passed the raw contract: the latest extraction of its key, with
    its required fields present and parsed. Rejected rows are in fct_quarantined_rows. -#}

with

checked as {{ inline_cte() }} (

    select * from {{ ref("base_support__tickets") }}

)

select
    ticket_id,
    customer_id,
    merged_into_ticket_id,
    channel,
    issue_type,
    status,
    is_spam,
    created_at,
    _loaded_at
from checked
where disposition = 'staged'
