{{ config(materialized="view") }}

{#- One row per ticket that came back after a solve. A reopen signal is a status
    change back to open, pending or on_hold, or a customer message. It counts when it
    falls within reopen_window_hours of the latest solve before it; a customer message
    must also come more than reopen_grace_minutes after that solve (a thank-you is not
    a reopen). The earliest qualifying signal is kept.
    The rules are in macros/lifecycle_rules.sql, which the incremental models call over
    the tickets they recompute; this view applies them to every ticket. -#}

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
