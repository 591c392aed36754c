{{ config(materialized="view") }}

{#- One row per handoff from the AI to a human. A handoff is either a
    handoff_requested event, or - for a conversation with AI and human involvement but
    no request at or before its first human activity - one unrequested handoff at that
    first human activity (a human stepped in without being asked). A conversation with
    several requests has several handoffs. Each handoff carries when a human first got
    involved and first replied publicly at or after it.
    The rules are in macros/lifecycle_rules.sql, which the incremental models call over
    the tickets they recompute; this view applies them to every ticket. -#}

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
