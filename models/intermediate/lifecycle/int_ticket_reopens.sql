{{ config(materialized="view") }}

{#- One row per ticket that came back after a solve, with the earliest qualifying reopen:
    the rules of ticket_reopens_ctes (macros/lifecycle_rules.sql, where they are explained)
    over every ticket. int_conversations_lifecycle applies the same macro to the tickets it
    recomputes; this view is what the unit tests check. -#}

with

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}

),

solves as {{ inline_cte() }} (

    select * from {{ ref("int_solve_episodes") }}

),

{{ ticket_reopens_ctes(timeline="timeline", solves="solves", name="ticket_reopens") }}

select
    ticket_id,
    reopened_at,
    reopen_type,
    reopened_solve_at
from ticket_reopens
