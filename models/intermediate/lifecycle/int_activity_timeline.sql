{#- One ordered stream of everything that happened in a conversation up to as_of:
    messages and notes, lifecycle events, AI actions and CSAT answers, from the
    conversation's start (activity up to max_pre_creation_hours before the ticket's
    created_at belongs to it). Message bodies are not carried. The action columns
    (action_name, procedure_name, is_final_step) are null on every other row. -#}

with

messages as {{ inline_cte() }} (

    select * from {{ ref("stg_support__messages") }}
    where {{ recomputed_tickets() }}

),

ticket_events as {{ inline_cte() }} (

    select * from {{ ref("stg_support__ticket_events") }}
    where {{ recomputed_tickets() }}

),

ai_actions as {{ inline_cte() }} (

    select * from {{ ref("stg_support__ai_actions") }}
    where {{ recomputed_tickets() }}

),

csat_responses as {{ inline_cte() }} (

    select * from {{ ref("stg_support__csat_responses") }}
    where {{ recomputed_tickets() }}

),

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}
    where {{ recomputed_tickets() }}

),

message_activity as (

    select
        ticket_id,
        message_id as activity_id,
        sent_at as activity_at,
        'message' as activity_source,
        case when is_public then 'message' else 'internal_note' end as activity_type,
        author_type as actor_type,
        is_public,
        cast(null as {{ dbt.type_string() }}) as status,
        cast(null as {{ dbt.type_string() }}) as assignee_type,
        cast(null as {{ dbt.type_string() }}) as handoff_reason,
        cast(null as {{ dbt.type_string() }}) as action_outcome,
        cast(null as {{ dbt.type_string() }}) as policy_id,
        cast(null as {{ dbt.type_string() }}) as policy_result,
        cast(null as {{ dbt.type_string() }}) as agent_version,
        cast(null as {{ dbt.type_string() }}) as action_name,
        cast(null as {{ dbt.type_string() }}) as procedure_name,
        cast(null as {{ dbt.type_boolean() }}) as is_final_step,
        cast(null as {{ dbt.type_int() }}) as csat_score,
        1 as source_order
    from messages

),

event_activity as (

    select
        ticket_id,
        event_id as activity_id,
        occurred_at as activity_at,
        'event' as activity_source,
        event_type as activity_type,
        actor_type,
        cast(null as {{ dbt.type_boolean() }}) as is_public,
        status,
        assignee_type,
        handoff_reason,
        cast(null as {{ dbt.type_string() }}) as action_outcome,
        cast(null as {{ dbt.type_string() }}) as policy_id,
        cast(null as {{ dbt.type_string() }}) as policy_result,
        cast(null as {{ dbt.type_string() }}) as agent_version,
        cast(null as {{ dbt.type_string() }}) as action_name,
        cast(null as {{ dbt.type_string() }}) as procedure_name,
        cast(null as {{ dbt.type_boolean() }}) as is_final_step,
        cast(null as {{ dbt.type_int() }}) as csat_score,
        2 as source_order
    from ticket_events

),

action_activity as (

    select
        ticket_id,
        action_id as activity_id,
        occurred_at as activity_at,
        'ai_action' as activity_source,
        'ai_action' as activity_type,
        'ai_agent' as actor_type,
        cast(null as {{ dbt.type_boolean() }}) as is_public,
        cast(null as {{ dbt.type_string() }}) as status,
        cast(null as {{ dbt.type_string() }}) as assignee_type,
        cast(null as {{ dbt.type_string() }}) as handoff_reason,
        action_outcome,
        policy_id,
        policy_result,
        agent_version,
        action_name,
        procedure_name,
        is_final_step,
        cast(null as {{ dbt.type_int() }}) as csat_score,
        3 as source_order
    from ai_actions

),

csat_activity as (

    select
        ticket_id,
        response_id as activity_id,
        responded_at as activity_at,
        'csat' as activity_source,
        'csat_response' as activity_type,
        'customer' as actor_type,
        cast(null as {{ dbt.type_boolean() }}) as is_public,
        cast(null as {{ dbt.type_string() }}) as status,
        cast(null as {{ dbt.type_string() }}) as assignee_type,
        cast(null as {{ dbt.type_string() }}) as handoff_reason,
        cast(null as {{ dbt.type_string() }}) as action_outcome,
        cast(null as {{ dbt.type_string() }}) as policy_id,
        cast(null as {{ dbt.type_string() }}) as policy_result,
        cast(null as {{ dbt.type_string() }}) as agent_version,
        cast(null as {{ dbt.type_string() }}) as action_name,
        cast(null as {{ dbt.type_string() }}) as procedure_name,
        cast(null as {{ dbt.type_boolean() }}) as is_final_step,
        score as csat_score,
        4 as source_order
    from csat_responses

),

unioned as (

    select * from message_activity
    union all
    select * from event_activity
    union all
    select * from action_activity
    union all
    select * from csat_activity

),

in_scope as (

    -- Only activity of a known ticket, from max_pre_creation_hours before its creation
    -- (the bot may speak before the help desk creates the ticket) up to as_of, is used
    -- (an earlier as_of replays an earlier report). int_raw_row_dispositions accounts for
    -- every row left out here, with the same conditions.
    select unioned.*
    from unioned
    inner join tickets
        on unioned.ticket_id = tickets.ticket_id
    where
        unioned.activity_at <= {{ as_of_timestamp() }}
        and unioned.activity_at >= {{ conversation_window_start("tickets.created_at") }}

)

select
    {{ dbt.concat(["activity_source", "':'", "activity_id"]) }} as activity_key,
    ticket_id,
    activity_id,
    activity_at,
    activity_source,
    activity_type,
    actor_type,
    is_public,
    status,
    assignee_type,
    handoff_reason,
    action_outcome,
    policy_id,
    policy_result,
    agent_version,
    action_name,
    procedure_name,
    is_final_step,
    csat_score,
    source_order,
    {{ run_started_timestamp() }} as _computed_at
from in_scope
