{{ config(materialized="view") }}

{#- One row per ticket that came back after a solve. A reopen signal is a status
    change back to open, pending or on_hold, or a customer message. It counts when it
    falls within reopen_window_hours of the latest solve before it; a customer message
    must also come more than reopen_grace_minutes after that solve (a thank-you is not
    a reopen). The earliest qualifying signal is kept. -#}

with

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}

),

solves as {{ inline_cte() }} (

    select * from {{ ref("int_solve_episodes") }}

),

signals as (

    select
        ticket_id,
        activity_at as happened_at,
        activity_id,
        case
            when activity_type = 'status_changed' then 'reopened_by_status'
            else 'reopened_by_customer_message'
        end as reopen_type,
        -- At equal timestamps a signal sorts before a solve, so it only sees earlier solves.
        0 as sort_order
    from timeline
    where
        (activity_type = 'status_changed' and status in ('open', 'pending', 'on_hold'))
        or (activity_source = 'message' and actor_type = 'customer')

),

solve_points as (

    select
        ticket_id,
        solved_at as happened_at,
        solve_key as activity_id,
        cast(null as {{ dbt.type_string() }}) as reopen_type,
        1 as sort_order
    from solves

),

stream as (

    select * from signals
    union all
    select * from solve_points

),

with_latest_solve as (

    select
        ticket_id,
        happened_at,
        activity_id,
        reopen_type,
        sort_order,
        max(case when sort_order = 1 then happened_at end) over (
            partition by ticket_id
            order by happened_at, sort_order, activity_id
            rows between unbounded preceding and current row
        ) as latest_solve_at
    from stream

),

qualifying as (

    select
        ticket_id,
        happened_at as reopened_at,
        activity_id as reopen_activity_id,
        reopen_type,
        latest_solve_at as reopened_solve_at
    from with_latest_solve
    where
        sort_order = 0
        and latest_solve_at is not null
        and happened_at <= {{ timestamp_add("hour", var("reopen_window_hours"), "latest_solve_at") }}
        and (
            reopen_type = 'reopened_by_status'
            or happened_at > {{ timestamp_add("minute", var("reopen_grace_minutes"), "latest_solve_at") }}
        )

),

ranked as (

    select
        *,
        row_number() over (
            partition by ticket_id
            -- Same instant: the status change is the clearer fact.
            order by reopened_at, case when reopen_type = 'reopened_by_status' then 0 else 1 end, reopen_activity_id
        ) as reopen_rank
    from qualifying

)

select
    ticket_id,
    reopened_at,
    reopen_type,
    reopened_solve_at
from ranked
where reopen_rank = 1
