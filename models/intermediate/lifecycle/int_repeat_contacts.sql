{{ config(materialized="view") }}

{#- One row per solved ticket whose customer came back: another ticket of the same
    customer, opened on any channel within repeat_contact_window_hours after the first
    solve, about the same issue type (a missing issue type on either side matches any).
    Spam tickets are not contacts. The earliest such ticket is kept.
    The rules are in macros/lifecycle_rules.sql, which the incremental models call over
    the tickets they recompute; this view applies them to every ticket. -#}

with

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}

),

solves as {{ inline_cte() }} (

    select * from {{ ref("int_solve_episodes") }}

),

{{ repeat_contacts_ctes(tickets="tickets", solves="solves", name="repeat_contacts") }}

select
    ticket_id,
    repeat_contact_ticket_id,
    repeat_contact_at,
    repeat_contact_channel
from repeat_contacts
