{#- The contract's messages from Intercom: the opening message, which lives on the
    conversation (source_body by source_author_*, at created_at), then one per part of a
    message type (comment, note, quick_reply, note_and_reopen, assign_and_reopen) with a
    body. Notes are internal. Authors are classified in intercom__conversation_parts; the
    opening message's author the same way here. Rows of conversations or parts deleted at
    the source are set aside (intercom__set_aside_rows). -#}
{%- set message_types = "'" ~ intercom_message_part_types() | join("', '") ~ "'" %}
{%- set internal_types = "'" ~ intercom_internal_part_types() | join("', '") ~ "'" %}

with

conversations as (

    select * from {{ ref("intercom__conversations") }}

),

parts as (

    select * from {{ ref("intercom__conversation_parts") }}

),

identities as {{ inline_cte() }} (

    select * from {{ ref("intercom__ai_identities") }}

),

admins as {{ inline_cte() }} (

    select * from {{ ref("intercom__admins") }}

),

opening_messages as (

    select
        {{ dbt.concat(["'conversation:'", "conversations.conversation_id"]) }} as message_id,
        conversations.conversation_id as ticket_id,
        conversations.created_at as sent_at,
        {{ intercom_author_class(
            "conversations.source_author_type", "author_by_id", "author_by_email", "author_by_type"
        ) }} as author_type,
        conversations.source_author_id as author_id,
        true as is_public,
        conversations.source_body as body,
        conversations._fivetran_synced as _loaded_at
    from conversations
    left join identities as author_by_id
        on
            author_by_id.identity_type = 'user_id'
            and lower(conversations.source_author_id) = author_by_id.identity_value
    left join admins as author_admin
        on
            conversations.source_author_type = 'admin'
            and conversations.source_author_id = author_admin.admin_id
    left join identities as author_by_email
        on
            author_by_email.identity_type = 'email'
            and author_admin.admin_email = author_by_email.identity_value
    left join identities as author_by_type
        on
            author_by_type.identity_type = 'author_type'
            and conversations.source_author_type = author_by_type.identity_value
    where
        conversations.conversation_id is not null
        and not conversations.is_deleted_in_source

),

part_messages as (

    select
        {{ dbt.concat(["'part:'", "parts.part_id"]) }} as message_id,
        parts.conversation_id as ticket_id,
        parts.part_created_at as sent_at,
        parts.author_class as author_type,
        parts.part_author_id as author_id,
        parts.part_type not in ({{ internal_types }}) as is_public,
        parts.body,
        parts._fivetran_synced as _loaded_at
    from parts
    where
        parts.part_type in ({{ message_types }})
        and trim(parts.body) != ''
        and not parts.is_deleted_in_source

),

messages as (

    select * from opening_messages
    union all
    select * from part_messages

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
