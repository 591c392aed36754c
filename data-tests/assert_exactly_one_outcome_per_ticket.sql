-- Every ticket in scope has exactly one row, and so exactly one outcome, in
-- fct_conversations; no row exists for a ticket outside scope.
with

tickets as (

    select ticket_id from {{ ref("int_tickets_in_scope") }}

),

conversations as (

    select
        ticket_id,
        outcome
    from {{ ref("fct_conversations") }}

),

per_ticket as (

    select
        coalesce(tickets.ticket_id, conversations.ticket_id) as ticket_id,
        count(conversations.ticket_id) as outcome_rows,
        count(conversations.outcome) as outcomes,
        count(tickets.ticket_id) as in_scope_rows
    from tickets
    full outer join conversations
        on tickets.ticket_id = conversations.ticket_id
    group by coalesce(tickets.ticket_id, conversations.ticket_id)

)

select *
from per_ticket
where outcome_rows != 1 or outcomes != 1 or in_scope_rows != 1
