{#- The rules of the lifecycle's logic views, as CTEs over the caller's inputs. Each view
    (int_ticket_reopens, int_repeat_contacts, int_handoffs) calls its macro over whole tables,
    and is what the unit tests exercise; the incremental models that need the rows call the
    same macro over their own import CTEs, already filtered to the tickets they recompute, so
    an incremental run evaluates the rules for those tickets only (an engine does not push a
    semi-join below the window functions of a view). The caller writes `with` and its import
    CTEs, then the macro, then its own CTEs or final select reading `name`. Each macro's own
    CTEs carry its prefix, so that they cannot collide with the caller's: they all share the
    caller's one `with` clause. -#}


{#- One row per ticket that came back after a solve. A reopen signal is a status
    change back to open, pending or on_hold, or a customer message. It counts when it
    falls within reopen_window_hours of the latest solve before it; a customer message
    must also come more than reopen_grace_minutes after that solve (a thank-you is not
    a reopen). The earliest qualifying signal is kept.
    Inputs (CTE names): timeline (int_activity_timeline's rows), solves (int_solve_episodes'),
    both for the same tickets. -#}
{% macro ticket_reopens_ctes(timeline, solves, name) -%}
reopen_signals as (

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
    from {{ timeline }} as timeline
    where
        (activity_type = 'status_changed' and status in ('open', 'pending', 'on_hold'))
        or (activity_source = 'message' and actor_type = 'customer')

),

reopen_solve_points as (

    select
        ticket_id,
        solved_at as happened_at,
        solve_key as activity_id,
        cast(null as {{ dbt.type_string() }}) as reopen_type,
        1 as sort_order
    from {{ solves }} as solves

),

reopen_stream as (

    select * from reopen_signals
    union all
    select * from reopen_solve_points

),

reopen_with_latest_solve as (

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
    from reopen_stream

),

reopen_qualifying as (

    select
        ticket_id,
        happened_at as reopened_at,
        activity_id as reopen_activity_id,
        reopen_type,
        latest_solve_at as reopened_solve_at
    from reopen_with_latest_solve
    where
        sort_order = 0
        and latest_solve_at is not null
        and happened_at <= {{ timestamp_add("hour", var("reopen_window_hours"), "latest_solve_at") }}
        and (
            reopen_type = 'reopened_by_status'
            or happened_at > {{ timestamp_add("minute", var("reopen_grace_minutes"), "latest_solve_at") }}
        )

),

reopen_ranked as (

    select
        *,
        row_number() over (
            partition by ticket_id
            -- Same instant: the status change is the clearer fact.
            order by reopened_at, case when reopen_type = 'reopened_by_status' then 0 else 1 end, reopen_activity_id
        ) as reopen_rank
    from reopen_qualifying

),

{{ name }} as (

    select
        ticket_id,
        reopened_at,
        reopen_type,
        reopened_solve_at
    from reopen_ranked
    where reopen_rank = 1

)
{%- endmacro %}


{#- One row per solved ticket whose customer came back: another ticket of the same
    customer, opened on any channel within repeat_contact_window_hours after the first
    solve, about the same issue type (a missing issue type on either side matches any).
    Spam tickets are not contacts. The earliest such ticket is kept.
    Inputs (CTE names): tickets (int_tickets_in_scope: every ticket, since any can be a repeat
    contact), solves (int_solve_episodes', for the tickets whose repeat contact is wanted). -#}
{% macro repeat_contacts_ctes(tickets, solves, name) -%}
repeat_first_solves as (

    select
        ticket_id,
        solved_at as first_solved_at
    from {{ solves }} as solves
    where solve_sequence = 1

),

repeat_solved_tickets as (

    select
        tickets.ticket_id,
        tickets.customer_id,
        tickets.issue_type,
        repeat_first_solves.first_solved_at
    from {{ tickets }} as tickets
    inner join repeat_first_solves
        on tickets.ticket_id = repeat_first_solves.ticket_id

),

repeat_later_contacts as (

    select
        ticket_id,
        customer_id,
        issue_type,
        channel,
        created_at
    from {{ tickets }} as tickets
    where not is_spam

),

repeat_matches as (

    select
        repeat_solved_tickets.ticket_id,
        repeat_later_contacts.ticket_id as repeat_contact_ticket_id,
        repeat_later_contacts.created_at as repeat_contact_at,
        repeat_later_contacts.channel as repeat_contact_channel,
        row_number() over (
            partition by repeat_solved_tickets.ticket_id
            order by repeat_later_contacts.created_at, repeat_later_contacts.ticket_id
        ) as contact_rank
    from repeat_solved_tickets
    inner join repeat_later_contacts
        on
            repeat_solved_tickets.customer_id = repeat_later_contacts.customer_id
            and repeat_solved_tickets.ticket_id != repeat_later_contacts.ticket_id
            and repeat_solved_tickets.first_solved_at < repeat_later_contacts.created_at
            and repeat_later_contacts.created_at
            <= {{ timestamp_add("hour", var("repeat_contact_window_hours"), "repeat_solved_tickets.first_solved_at") }}
            and (
                repeat_solved_tickets.issue_type is null
                or repeat_later_contacts.issue_type is null
                or repeat_solved_tickets.issue_type = repeat_later_contacts.issue_type
            )

),

{{ name }} as (

    select
        ticket_id,
        repeat_contact_ticket_id,
        repeat_contact_at,
        repeat_contact_channel
    from repeat_matches
    where contact_rank = 1

)
{%- endmacro %}


{#- One row per handoff from the AI to a human. A handoff is either a
    handoff_requested event, or - for a conversation with AI and human involvement but
    no request at or before its first human activity - one unrequested handoff at that
    first human activity (a human stepped in without being asked). A conversation with
    several requests has several handoffs. Each handoff carries when a human first got
    involved and first replied publicly at or after it.
    Inputs (CTE names): timeline (int_activity_timeline's rows), tickets (int_tickets_in_scope's),
    either or both for the tickets whose handoffs are wanted. -#}
{% macro handoffs_ctes(timeline, tickets, name) -%}
handoff_flagged as (

    -- Involvement follows the contract, as in int_ticket_activity_rolled_up.
    select
        timeline.ticket_id,
        timeline.activity_id,
        timeline.activity_at,
        timeline.activity_type,
        timeline.actor_type,
        timeline.handoff_reason,
        {{ is_ai_activity("timeline") }} as is_ai_activity,
        {{ is_human_activity("timeline") }} as is_human_activity,
        coalesce(
            timeline.activity_source = 'message'
            and timeline.actor_type = 'human_agent'
            and timeline.is_public,
            false
        ) as is_human_reply
    from {{ timeline }} as timeline
    inner join {{ tickets }} as tickets
        on timeline.ticket_id = tickets.ticket_id

),

handoff_conversation_firsts as (

    select
        ticket_id,
        min(case when is_ai_activity then activity_at end) as first_ai_activity_at,
        min(case when is_human_activity then activity_at end) as first_human_activity_at,
        min(case when activity_type = 'handoff_requested' then activity_at end) as first_handoff_requested_at
    from handoff_flagged
    group by ticket_id

),

handoff_requested as (

    select
        activity_id as handoff_id,
        ticket_id,
        activity_at as handoff_at,
        true as is_requested,
        handoff_reason,
        actor_type as requested_by
    from handoff_flagged
    where activity_type = 'handoff_requested'

),

handoff_unrequested as (

    -- A human stepped in with no request at or before that moment.
    select
        {{ dbt.concat(["ticket_id", "':unrequested'"]) }} as handoff_id,
        ticket_id,
        first_human_activity_at as handoff_at,
        false as is_requested,
        cast(null as {{ dbt.type_string() }}) as handoff_reason,
        cast(null as {{ dbt.type_string() }}) as requested_by
    from handoff_conversation_firsts
    where
        first_ai_activity_at is not null
        and first_human_activity_at is not null
        and (
            first_handoff_requested_at is null
            or first_handoff_requested_at > first_human_activity_at
        )

),

handoff_events as (

    select * from handoff_requested
    union all
    select * from handoff_unrequested

),

handoff_served as (

    select
        handoff_events.handoff_id,
        min(handoff_flagged.activity_at) as first_human_activity_after_at,
        min(case when handoff_flagged.is_human_reply then handoff_flagged.activity_at end) as first_human_reply_at
    from handoff_events
    left join handoff_flagged
        on
            handoff_events.ticket_id = handoff_flagged.ticket_id
            and handoff_flagged.is_human_activity
            and handoff_events.handoff_at <= handoff_flagged.activity_at
    group by handoff_events.handoff_id

),

{{ name }} as (

    select
        handoff_events.handoff_id,
        handoff_events.ticket_id,
        handoff_events.handoff_at,
        handoff_events.is_requested,
        handoff_events.handoff_reason,
        handoff_events.requested_by,
        handoff_conversation_firsts.first_ai_activity_at,
        handoff_served.first_human_activity_after_at,
        handoff_served.first_human_reply_at,
        handoff_served.first_human_activity_after_at is not null as is_served
    from handoff_events
    inner join handoff_conversation_firsts
        on handoff_events.ticket_id = handoff_conversation_firsts.ticket_id
    inner join handoff_served
        on handoff_events.handoff_id = handoff_served.handoff_id

)
{%- endmacro %}
