{#- The contract's `ticket_events` from Salesforce:
    - case_history rows of field Status -> status_changed (the new value through the status
      map); the actor from created_by_id (salesforce__authors: AutomatedProcess -> system,
      a listed id -> the AI);
    - case_history owner changes (Owner, ownerAssignment, ownerAccepted, ownerEscalated)
      whose new value is a record id -> assigned: a queue (00G...) -> queue; a user
      (005...) -> ai_agent when listed as AI, queue when listed as system automation, else
      human_agent. The name row Salesforce writes beside each id row is not an assignment;
    - a case whose origin is listed as via_channel in source_ai_identities was taken by the
      AI at creation -> assigned to ai_agent at created_date;
    - a conversation entry of type BotEscalated -> handoff_requested by the entry's actor
      (reason not stated: null).
    Rows deleted at the source are set aside. -#}
{%- set escalated_entry = salesforce_entry_types()["escalated"] %}
{%- set owner_fields = salesforce_sql_list(salesforce_owner_fields()) %}

with

history as (

    select * from {{ ref("base_salesforce__case_history") }}

),

cases as (

    select * from {{ ref("base_salesforce__case") }}

),

entries as (

    select * from {{ ref("base_salesforce__conversation_entry") }}

),

authors as {{ inline_cte() }} (

    select * from {{ ref("salesforce__authors") }}

),

identities as {{ inline_cte() }} (

    select * from {{ ref("salesforce__ai_identities") }}

),

status_map as (

    {{ salesforce_seed_rows("source_status_map", "status") }}

),

used_history as (

    select
        *,
        case
            when field_name = 'status' then 'status'
            when
                field_name in ({{ owner_fields }})
                and (
                    {{ salesforce_is_id_of("new_value", "005") }}
                    or {{ salesforce_is_id_of("new_value", "00G") }}
                )
                then 'owner'
        end as change_kind
    from history
    where not is_deleted_in_source

),

history_events as (

    select
        {{ dbt.concat(["'history:'", "used_history.history_id"]) }} as event_id,
        used_history.case_id as ticket_id,
        used_history.changed_at as occurred_at,
        case when used_history.change_kind = 'status' then 'status_changed' else 'assigned' end as event_type,
        case
            when used_history.created_by_id is null then 'system'
            else coalesce(actors.author_type, 'unknown')
        end as actor_type,
        case
            when used_history.change_kind != 'status' or used_history.new_value is null then null
            else coalesce(status_map.status, 'unknown')
        end as status,
        case
            when used_history.change_kind != 'owner' then null
            when {{ salesforce_is_id_of("used_history.new_value", "00G") }} then 'queue'
            when owners.author_type = 'ai_agent' then 'ai_agent'
            -- Automation listed as system is not a person: the case waits in a queue.
            when owners.author_type = 'system' then 'queue'
            else 'human_agent'
        end as assignee_type,
        used_history._loaded_at
    from used_history
    left join status_map
        on
            used_history.change_kind = 'status'
            and lower(used_history.new_value) = status_map.source_value
    left join authors as actors
        on lower(used_history.created_by_id) = actors.user_key
    left join authors as owners
        on
            used_history.change_kind = 'owner'
            and lower(used_history.new_value) = owners.user_key
    where used_history.change_kind is not null

),

ai_intake as (

    select
        {{ dbt.concat(["'origin:'", "cases.case_id"]) }} as event_id,
        cases.case_id as ticket_id,
        cases.created_at as occurred_at,
        'assigned' as event_type,
        'system' as actor_type,
        cast(null as {{ dbt.type_string() }}) as status,
        'ai_agent' as assignee_type,
        cases._loaded_at
    from cases
    inner join identities
        on
            identities.identity_type = 'via_channel'
            and identities.counts_as = 'ai_agent'
            and cases.origin = identities.identity_value
    where not cases.is_deleted_in_source

),

handoffs as (

    select
        {{ dbt.concat(["'entry:'", "entries.entry_id", "':handoff'"]) }} as event_id,
        entries.case_id as ticket_id,
        entries.entry_at as occurred_at,
        'handoff_requested' as event_type,
        case
            when actors.author_type in ('ai_agent', 'system') then actors.author_type
            when listed_types.counts_as is not null then listed_types.counts_as
            else {{ salesforce_actor_class("entries.entry_actor_type") }}
        end as actor_type,
        cast(null as {{ dbt.type_string() }}) as status,
        cast(null as {{ dbt.type_string() }}) as assignee_type,
        entries._loaded_at
    from entries
    left join authors as actors
        on lower(entries.actor_id) = actors.user_key
    left join identities as listed_types
        on
            listed_types.identity_type = 'author_type'
            and entries.entry_actor_type = listed_types.identity_value
    where
        entries.entry_type = '{{ escalated_entry }}'
        and not entries.is_deleted_in_source

),

events as (

    select * from history_events
    union all
    select * from ai_intake
    union all
    select * from handoffs

)

select
    cast(event_id as {{ dbt.type_string() }}) as event_id,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at,
    cast(event_type as {{ dbt.type_string() }}) as event_type,
    cast(actor_type as {{ dbt.type_string() }}) as actor_type,
    cast(status as {{ dbt.type_string() }}) as status,
    cast(assignee_type as {{ dbt.type_string() }}) as assignee_type,
    cast(null as {{ dbt.type_string() }}) as reason,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from events
