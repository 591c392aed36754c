{#- One row per CSAT answer that passed the raw contract: the latest extraction of its key, with
    its required fields present and parsed. Rejected rows are in fct_quarantined_rows. -#}

with

checked as {{ inline_cte() }} (

    select * from {{ ref("base_support__csat_responses") }}

)

select
    response_id,
    ticket_id,
    score,
    responded_at,
    _loaded_at
from checked
where disposition = 'staged'
