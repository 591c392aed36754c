{{ config(materialized="view") }}

{#- One row per solved ticket whose customer came back: another ticket of the same
    customer, opened on any channel within repeat_contact_window_hours after the first
    solve, about the same issue type (a missing issue type on either side matches any).
    Spam tickets are not contacts. The earliest such ticket is kept. -#}

with

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}

),

solves as {{ inline_cte() }} (

    select * from {{ ref("int_solve_episodes") }}

),

first_solves as (

    select
        ticket_id,
        solved_at as first_solved_at
    from solves
    where solve_sequence = 1

),

solved_tickets as (

    select
        tickets.ticket_id,
        tickets.customer_id,
        tickets.issue_type,
        first_solves.first_solved_at
    from tickets
    inner join first_solves
        on tickets.ticket_id = first_solves.ticket_id

),

later_contacts as (

    select
        ticket_id,
        customer_id,
        issue_type,
        channel,
        created_at
    from tickets
    where not is_spam

),

matches as (

    select
        solved_tickets.ticket_id,
        later_contacts.ticket_id as repeat_contact_ticket_id,
        later_contacts.created_at as repeat_contact_at,
        later_contacts.channel as repeat_contact_channel,
        row_number() over (
            partition by solved_tickets.ticket_id
            order by later_contacts.created_at, later_contacts.ticket_id
        ) as contact_rank
    from solved_tickets
    inner join later_contacts
        on
            solved_tickets.customer_id = later_contacts.customer_id
            and solved_tickets.ticket_id != later_contacts.ticket_id
            and solved_tickets.first_solved_at < later_contacts.created_at
            and later_contacts.created_at
            <= {{ timestamp_add("hour", var("repeat_contact_window_hours"), "solved_tickets.first_solved_at") }}
            and (
                solved_tickets.issue_type is null
                or later_contacts.issue_type is null
                or solved_tickets.issue_type = later_contacts.issue_type
            )

)

select
    ticket_id,
    repeat_contact_ticket_id,
    repeat_contact_at,
    repeat_contact_channel
from matches
where contact_rank = 1
