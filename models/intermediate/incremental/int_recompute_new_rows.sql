{#- Tickets with a row of their own that is new to the outcome: a raw row staged,
    changed or quarantined since the last complete run, or a row dated into the
    evaluation window. Empty when the run recomputes every ticket (both parts are). -#}

with

changed_tickets as {{ inline_cte() }} (

    select * from {{ ref("int_recompute_changed_tickets") }}

),

entered_window as {{ inline_cte() }} (

    select * from {{ ref("int_recompute_entered_window") }}

),

new_rows as (

    select changed_tickets.ticket_id from changed_tickets
    union
    select entered_window.ticket_id from entered_window

)

select new_rows.ticket_id
from new_rows
