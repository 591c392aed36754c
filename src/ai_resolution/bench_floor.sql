-- The floor: read every column of every raw table once and aggregate per ticket, written
-- as a table. Any implementation of the project must at least do this much work.
create or replace table bench.floor_per_ticket as
with
tickets as (
    select
        ticket_id, count(*) as n, max(_loaded_at) as loaded, max(customer_id) as customer_id,
        max(channel) as channel, max(issue_type) as issue_type, max(status) as status,
        min(created_at) as created_at, bool_or(is_spam) as is_spam, max(merged_into_ticket_id) as merged_into
    from {raw}.tickets group by ticket_id
),
messages as (
    select
        ticket_id, count(*) as n, count(distinct message_id) as keys, max(_loaded_at) as loaded,
        min(sent_at) as first_at, max(sent_at) as last_at,
        count(*) filter (where author_type = 'ai_agent') as n_ai, count(distinct author_id) as authors,
        count(*) filter (where is_public) as n_public, sum(length(body)) as body_chars
    from {raw}.messages group by ticket_id
),
events as (
    select
        ticket_id, count(*) as n, count(distinct event_id) as keys, max(_loaded_at) as loaded,
        min(occurred_at) as first_at, max(occurred_at) as last_at,
        count(*) filter (where status = 'solved') as n_solved,
        count(*) filter (where event_type = 'handoff_requested') as n_handoff,
        count(*) filter (where actor_type = 'human_agent') as n_human,
        count(*) filter (where assignee_type = 'human_agent') as n_assigned, count(reason) as n_reason
    from {raw}.ticket_events group by ticket_id
),
actions as (
    select
        ticket_id, count(*) as n, count(distinct action_id) as keys, max(_loaded_at) as loaded,
        max(occurred_at) as last_at, count(distinct action_name) as action_names, count(procedure_name) as procs,
        count(*) filter (where outcome = 'succeeded') as n_ok, count(distinct policy_id) as policies,
        count(*) filter (where policy_result = 'violated') as n_violated,
        count(*) filter (where is_final_step) as n_final, max(agent_version) as agent_version
    from {raw}.ai_actions group by ticket_id
),
csat as (
    select
        ticket_id, count(*) as n, count(distinct response_id) as keys, max(_loaded_at) as loaded,
        max(responded_at) as last_at, avg(score) as score
    from {raw}.csat_responses group by ticket_id
)
select *
from tickets
left join messages using (ticket_id)
left join events using (ticket_id)
left join actions using (ticket_id)
left join csat using (ticket_id)
