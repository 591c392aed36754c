-- Every escalated conversation (AI and human involvement) has at least one handoff,
-- and a conversation whose handoff went unserved has a requested handoff no human
-- ever answered.
with

conversations as (

    select
        ticket_id,
        outcome,
        is_ai_involved,
        is_human_involved,
        is_handoff_unserved
    from {{ ref("fct_conversations") }}

),

handoffs as (

    select
        ticket_id,
        is_requested,
        is_served
    from {{ ref("fct_handoffs") }}

),

per_ticket as (

    select
        ticket_id,
        count(*) as handoff_count,
        sum(case when is_requested and not is_served then 1 else 0 end) as unserved_request_count,
        sum(case when is_served then 1 else 0 end) as served_count
    from handoffs
    group by ticket_id

)

select
    conversations.ticket_id,
    conversations.outcome,
    per_ticket.handoff_count,
    per_ticket.unserved_request_count,
    per_ticket.served_count
from conversations
left join per_ticket
    on conversations.ticket_id = per_ticket.ticket_id
where
    (
        conversations.is_ai_involved
        and conversations.is_human_involved
        and coalesce(per_ticket.handoff_count, 0) = 0
    )
    or (conversations.outcome = 'escalated' and coalesce(per_ticket.handoff_count, 0) = 0)
    or (
        conversations.is_handoff_unserved
        and (coalesce(per_ticket.unserved_request_count, 0) = 0 or per_ticket.served_count > 0)
    )
