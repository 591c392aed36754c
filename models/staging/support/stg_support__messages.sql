{#- One row per message that passed the raw contract: the latest extraction of its key, with
    its required fields present and parsed. Rejected rows are in fct_quarantined_rows. -#}

with

checked as {{ inline_cte() }} (

    select * from {{ ref("base_support__messages") }}

)

select
    message_id,
    ticket_id,
    author_id,
    author_type,
    body,
    is_public,
    sent_at,
    _loaded_at
from checked
where disposition = 'staged'
