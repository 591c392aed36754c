{#- One row per AI action that passed the raw contract: the latest extraction of its key, with
    its required fields present and parsed. Rejected rows are in fct_quarantined_rows. -#}

with

checked as {{ inline_cte() }} (

    select * from {{ ref("base_support__ai_actions") }}

)

select
    action_id,
    ticket_id,
    policy_id,
    action_name,
    procedure_name,
    action_outcome,
    policy_result,
    agent_version,
    is_final_step,
    occurred_at,
    _loaded_at
from checked
where disposition = 'staged'
