{#- The tickets an incremental run recomputes: exactly those whose outcome can have
    changed since the last complete run, one row per ticket: a new row of their own
    (int_recompute_new_rows), or maturity and repeat contacts read from the last run's
    lifecycle (int_recompute_matured_or_repeat). Empty when the run recomputes
    everything: both parts are then (macros/incremental.sql). -#}

with

new_rows as {{ inline_cte() }} (

    select * from {{ ref("int_recompute_new_rows") }}

),

matured_or_repeat as {{ inline_cte() }} (

    select * from {{ ref("int_recompute_matured_or_repeat") }}

),

recomputed as (

    select new_rows.ticket_id from new_rows
    union
    select matured_or_repeat.ticket_id from matured_or_repeat

)

select recomputed.ticket_id
from recomputed
