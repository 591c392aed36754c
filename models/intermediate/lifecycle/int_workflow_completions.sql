{#- One row per ticket whose AI completed a workflow before the final solve: an AI
    action with is_final_step true and outcome succeeded, at or before the final solve,
    with no failed or blocked action of the same procedure (procedure_name, or the
    action_name when it has none) at the same instant or later. Only activity of the
    timeline counts (up to as_of, within the conversation window). When several final
    steps qualify, the latest proves it (same instant: the greatest action_id, the last
    in timeline order). A null is_final_step is not a final step. -#}

with

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}
    where {{ recomputed_tickets() }}

),

solves as {{ inline_cte() }} (

    select * from {{ ref("int_solve_episodes") }}
    where {{ recomputed_tickets() }}

),

final_solves as (

    select
        ticket_id,
        max(solved_at) as final_solved_at
    from solves
    group by ticket_id

),

actions as (

    select
        ticket_id,
        activity_id as action_id,
        activity_at as occurred_at,
        action_name,
        procedure_name,
        action_outcome,
        coalesce(is_final_step, false) as is_final_step,
        coalesce(procedure_name, action_name) as procedure_key
    from timeline
    where activity_source = 'ai_action'

),

-- The latest failed or blocked action of each procedure: a final step at or before it
-- did not stick.
latest_setbacks as (

    select
        ticket_id,
        procedure_key,
        max(occurred_at) as latest_setback_at
    from actions
    where action_outcome in ('failed', 'blocked')
    group by
        ticket_id,
        procedure_key

),

qualifying as (

    select
        actions.ticket_id,
        actions.action_id,
        actions.occurred_at,
        actions.action_name,
        actions.procedure_name,
        final_solves.final_solved_at
    from actions
    inner join final_solves
        on actions.ticket_id = final_solves.ticket_id
    left join latest_setbacks
        on
            actions.ticket_id = latest_setbacks.ticket_id
            and actions.procedure_key = latest_setbacks.procedure_key
    where
        actions.is_final_step
        and actions.action_outcome = 'succeeded'
        and actions.occurred_at <= final_solves.final_solved_at
        -- A setback at the very instant of the final step counts as after it.
        and (
            latest_setbacks.latest_setback_at is null
            or latest_setbacks.latest_setback_at < actions.occurred_at
        )

),

ranked as (

    select
        *,
        row_number() over (
            partition by ticket_id
            order by occurred_at desc, action_id desc
        ) as completion_rank
    from qualifying

)

select
    ticket_id,
    action_id as workflow_completed_action_id,
    occurred_at as workflow_completed_at,
    action_name as workflow_completed_action_name,
    procedure_name as workflow_completed_procedure_name,
    final_solved_at,
    {{ run_started_timestamp() }} as _computed_at
from ranked
where completion_rank = 1
