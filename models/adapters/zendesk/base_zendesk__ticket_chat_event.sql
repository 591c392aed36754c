-- sqlfluff:indentation:template_blocks_indent:false
{#- Zendesk messaging and chat events with the ticket of their chat
    (base_zendesk__ticket_chat: one ticket per chat). Events whose chat has no
    ticket_chat row keep a null ticket: staging quarantines them (missing_ticket_id).
    Without ticket_chat_event, no chat messages. -#}
{%- set events = zendesk_relation("ticket_chat_event") %}

{%- if events is not none %}

with

source as (

    select * from {{ events }}

),

chat_tickets as (

    select * from {{ ref("base_zendesk__ticket_chat") }}
    where is_chat_ticket

),

events as (

    select
        {{ zendesk_id("chat_id") }} as chat_id,
        {{ zendesk_id("chat_index") }} as chat_index,
        nullif(lower(trim(cast(actor_id as {{ dbt.type_string() }}))), '') as actor_id,
        trim(cast(type as {{ dbt.type_string() }})) as chat_event_type,
        cast(message as {{ dbt.type_string() }}) as body,
        -- The bot's replies: original_message names source type zd:answerBot.
        {{ zendesk_answer_bot_flag(events) }} as is_answer_bot,
        {{ utc_timestamp(events, "created_at") }} as sent_at,
        {{ optional_utc_timestamp(events, "_fivetran_synced") }} as _loaded_at
    from source

)

select
    events.chat_id,
    events.chat_index,
    chat_tickets.ticket_id,
    events.actor_id,
    events.chat_event_type,
    events.body,
    events.is_answer_bot,
    events.sent_at,
    events._loaded_at
from events
left join chat_tickets
    on events.chat_id = chat_tickets.chat_id

{%- else %}

-- ticket_chat_event was not delivered: no chat messages.
select
    cast(null as {{ dbt.type_string() }}) as chat_id,
    cast(null as {{ dbt.type_string() }}) as chat_index,
    cast(null as {{ dbt.type_string() }}) as ticket_id,
    cast(null as {{ dbt.type_string() }}) as actor_id,
    cast(null as {{ dbt.type_string() }}) as chat_event_type,
    cast(null as {{ dbt.type_string() }}) as body,
    cast(null as {{ dbt.type_boolean() }}) as is_answer_bot,
    cast(null as {{ dbt.type_timestamp() }}) as sent_at,
    cast(null as {{ dbt.type_timestamp() }}) as _loaded_at
where 1 = 0

{%- endif %}
