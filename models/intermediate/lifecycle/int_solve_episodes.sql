{#- One row per solve: a status change to solved or closed. A ticket with no status
    events at all whose last known status is solved or closed counts as solved once,
    at its last activity. -#}

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

explicit_solves as (

    select
        ticket_id,
        activity_at as solved_at,
        actor_type as solved_by,
        'status_change' as solve_source,
        activity_id
    from timeline
    where
        activity_type = 'status_changed'
        and status in ('solved', 'closed')

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
    {{ dbt.concat(["ticket_id", "'#'", dbt.cast("solve_sequence", dbt.type_string())]) }} as solve_key
from numbered
