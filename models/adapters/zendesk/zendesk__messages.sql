{#- The contract's `messages`: one per Zendesk comment (`comment:<id>`) and one per
    messaging/chat event of type ChatMessage (`chat:<chat_id>:<chat_index>`). Author
    type from zendesk__authors; the system user (-1) and missing authors are system.
    In a chat, the bot (original_message source zd:answerBot) is the AI and the actors
    __system, __trigger and a bare `agent:` are system. -#}

with

comments as (

    select * from {{ ref("base_zendesk__ticket_comment") }}

),

chat_events as (

    select * from {{ ref("base_zendesk__ticket_chat_event") }}

),

authors as (

    select * from {{ ref("zendesk__authors") }}

),

tickets as (

    select * from {{ ref("base_zendesk__ticket") }}

),

requesters as (

    -- One requester per ticket, whatever the load repeated.
    select
        ticket_id,
        min(customer_id) as customer_id
    from tickets
    group by ticket_id

),

comment_messages as (

    select
        {{ dbt.concat(["'comment:'", "comments.comment_id"]) }} as message_id,
        comments.ticket_id,
        comments.sent_at,
        -- The system user (-1) is system; an author missing from the user table who
        -- requested the ticket is its customer (shared with the Airbyte-layout adapter).
        {{ zendesk_user_author_type("comments.user_id", "authors", "requesters") }} as author_type,
        comments.user_id as author_id,
        comments.is_public,
        comments.body,
        comments._loaded_at
    from comments
    left join authors
        on comments.user_id = authors.user_id
    left join requesters
        on comments.ticket_id = requesters.ticket_id
    where not comments.is_deleted_in_source

),

chat_actors as (

    select
        *,
        -- Messaging writes agent ids as agent:<id>; the id alone is the user.
        case
            when actor_id like 'agent:%' then nullif(substring(actor_id, 7), '')
            else actor_id
        end as actor_user_id
    from chat_events
    where chat_event_type = 'ChatMessage'

),

chat_messages as (

    select
        {{ dbt.concat(["'chat:'", "chat_actors.chat_id", "':'", "chat_actors.chat_index"]) }} as message_id,
        chat_actors.ticket_id,
        chat_actors.sent_at,
        case
            when chat_actors.is_answer_bot then 'ai_agent'
            when
                chat_actors.actor_id is null
                or chat_actors.actor_id in ({{ zendesk_sql_list(zendesk_system_chat_actors()) }})
                or chat_actors.actor_user_id is null
                then 'system'
            when authors.author_type is not null and authors.author_type != 'unknown' then authors.author_type
            when chat_actors.actor_user_id = requesters.customer_id then 'customer'
            else 'unknown'
        end as author_type,
        chat_actors.actor_user_id as author_id,
        true as is_public,
        chat_actors.body,
        chat_actors._loaded_at
    from chat_actors
    left join authors
        on chat_actors.actor_user_id = authors.user_id
    left join requesters
        on chat_actors.ticket_id = requesters.ticket_id

),

messages as (

    select * from comment_messages
    union all
    select * from chat_messages

)

select
    cast(message_id as {{ dbt.type_string() }}) as message_id,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(sent_at as {{ dbt.type_timestamp() }}) as sent_at,
    cast(author_type as {{ dbt.type_string() }}) as author_type,
    cast(author_id as {{ dbt.type_string() }}) as author_id,
    cast(is_public as {{ dbt.type_boolean() }}) as is_public,
    cast(body as {{ dbt.type_string() }}) as body,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from messages
