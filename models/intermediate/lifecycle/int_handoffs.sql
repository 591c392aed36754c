{{ config(materialized="view") }}

{#- One row per handoff from the AI to a human (requested, or a human stepping in unasked),
    with when a human first got involved and first replied after it: the rules of
    handoffs_ctes (macros/lifecycle_rules.sql, where they are explained) over every ticket.
    The incremental models that need handoffs apply the same macro to the tickets they
    recompute; this view is what the unit tests check. -#}

with

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}

),

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}

),

{{ handoffs_ctes(timeline="timeline", tickets="tickets", name="handoffs") }}

select
    handoff_id,
    ticket_id,
    handoff_at,
    is_requested,
    handoff_reason,
    requested_by,
    first_ai_activity_at,
    first_human_activity_after_at,
    first_human_reply_at,
    is_served
from handoffs
