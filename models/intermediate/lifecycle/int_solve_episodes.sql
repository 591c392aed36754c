{#- One row per solve: a status change to solved or closed from any other status, or
    from none. Closing a solved ticket, or setting solved again, is not a new solve (help
    desks close solved tickets automatically days later; that must restart no window);
    a change back to open and then a close is one. The previous status is the one of the
    ticket's previous status change, in timeline order (activity_at, then source_order,
    then activity_id); a status change without a status carries none and is skipped. A
    ticket with no status events at all whose last known status is solved or closed
    counts as solved once, at its last activity. -#}

with

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}
    where {{ recomputed_tickets() }}

),

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}
    where {{ recomputed_tickets() }}

),

activity as {{ inline_cte() }} (

    select * from {{ ref("int_ticket_activity_rolled_up") }}
    where {{ recomputed_tickets() }}

),

ticket_events as {{ inline_cte() }} (

    select * from {{ ref("stg_support__ticket_events") }}
    where {{ recomputed_tickets() }}

),

-- Looked up over all events, not only those up to as_of: a ticket whose status
-- events all lie after as_of was not solved yet, whatever its current status says.
tickets_with_status_events as (

    select distinct ticket_id
    from ticket_events
    where event_type = 'status_changed'

),

status_changes as (

    select
        ticket_id,
        activity_at,
        actor_type,
        activity_id,
        status,
        lag(status) over (
            partition by ticket_id
            order by activity_at, source_order, activity_id
        ) as previous_status
    from timeline
    where
        activity_type = 'status_changed'
        and status is not null

),

explicit_solves as (

    select
        ticket_id,
        activity_at as solved_at,
        actor_type as solved_by,
        'status_change' as solve_source,
        activity_id
    from status_changes
    where
        status in ('solved', 'closed')
        and (previous_status is null or previous_status not in ('solved', 'closed'))

),

implicit_solves as (

    select
        tickets.ticket_id,
        case
            when activity.last_activity_at > tickets.created_at then activity.last_activity_at
            else tickets.created_at
        end as solved_at,
        cast(null as {{ dbt.type_string() }}) as solved_by,
        'last_known_status' as solve_source,
        tickets.ticket_id as activity_id
    from tickets
    left join activity
        on tickets.ticket_id = activity.ticket_id
    left join tickets_with_status_events
        on tickets.ticket_id = tickets_with_status_events.ticket_id
    where
        tickets.status in ('solved', 'closed')
        and tickets_with_status_events.ticket_id is null

),

solves as (

    select * from explicit_solves
    union all
    select * from implicit_solves

),

numbered as (

    select
        ticket_id,
        solved_at,
        solved_by,
        solve_source,
        row_number() over (partition by ticket_id order by solved_at, activity_id) as solve_sequence
    from solves

)

select
    ticket_id,
    solved_at,
    solved_by,
    solve_source,
    solve_sequence,
    {{ dbt.concat(["ticket_id", "'#'", dbt.cast("solve_sequence", dbt.type_string())]) }} as solve_key,
    {{ run_started_timestamp() }} as _computed_at
from numbered
