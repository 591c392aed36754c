{{ config(materialized="view") }}

{#- One row per solved ticket whose customer came back about the same issue, with the
    earliest such ticket: the rules of repeat_contacts_ctes (macros/lifecycle_rules.sql,
    where they are explained) over every ticket. int_conversations_lifecycle applies the
    same macro to the tickets it recomputes; this view is what the unit tests check. -#}

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
