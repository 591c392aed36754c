{#- One row per external verdict that passed the raw contract: the latest extraction of its
    key (ticket and judge), with verdict normalised to resolved, not_resolved or unknown.
    Rejected rows are in fct_quarantined_rows. Verdicts never feed the outcome: they are
    set beside it in fct_verdict_comparison. -#}

with

checked as {{ inline_cte() }} (

    select * from {{ ref("base_support__resolution_verdicts") }}

)

select
    verdict_id,
    ticket_id,
    verdict_source,
    native_verdict,
    verdict,
    decided_at,
    _loaded_at
from checked
where disposition = 'staged'
