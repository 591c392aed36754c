{#- The contract's messages from Kustomer: one per message (message:<id>, public) and one
    per internal note (note:<id>, not public). Authors: see kustomer_message_author and
    kustomer_user_author (macros/sources/kustomer.sql). Rows deleted at the source, and the
    rows of a conversation deleted at the source, are set aside (kustomer__set_aside_rows). -#}

with

messages as (

    select * from {{ ref("base_kustomer__messages") }}

),

notes as (

    select * from {{ ref("base_kustomer__notes") }}

),

conversations as (

    select * from {{ ref("base_kustomer__conversations") }}

),

authors as {{ inline_cte() }} (

    select * from {{ ref("kustomer__authors") }}

),

identities as {{ inline_cte() }} (

    select * from {{ ref("kustomer__ai_identities") }}

),

deleted_conversations as (

    select conversation_id from conversations
    where is_deleted_in_source and conversation_id is not null

),

message_rows as (

    select
        {{ dbt.concat(["'message:'", "messages.source_message_id"]) }} as message_id,
        messages.conversation_id as ticket_id,
        messages.sent_at,
        {{ kustomer_message_author(
            "messages.direction", "messages.is_auto", "messages.created_by", "author", "auto_identity"
        ) }} as author_type,
        messages.created_by as author_id,
        true as is_public,
        messages.body,
        messages._loaded_at
    from messages
    left join authors as author
        on lower(messages.created_by) = author.user_id
    left join identities as auto_identity
        on
            auto_identity.identity_type = 'author_type'
            and auto_identity.identity_value = 'auto'
    left join deleted_conversations
        on messages.conversation_id = deleted_conversations.conversation_id
    where
        not messages.is_deleted_in_source
        and deleted_conversations.conversation_id is null

),

note_rows as (

    select
        {{ dbt.concat(["'note:'", "notes.note_id"]) }} as message_id,
        notes.conversation_id as ticket_id,
        notes.created_at as sent_at,
        {{ kustomer_user_author("notes.created_by", "author") }} as author_type,
        notes.created_by as author_id,
        false as is_public,
        notes.body,
        notes._loaded_at
    from notes
    left join authors as author
        on lower(notes.created_by) = author.user_id
    left join deleted_conversations
        on notes.conversation_id = deleted_conversations.conversation_id
    where
        not notes.is_deleted_in_source
        and deleted_conversations.conversation_id is null

),

all_messages as (

    select * from message_rows
    union all
    select * from note_rows

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
from all_messages
