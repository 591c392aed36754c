{#- Kustomer rows the adapter does not use, and why, for fct_quarantined_rows: a
    conversation deleted at the source (the Singer targets' _sdc_deleted_at, or the record's
    own deleted / deletedAt) and every message and note of it, a message, note or user
    deleted at the source. Earlier extractions of a record are not set aside: the latest
    one replaces them. -#}

with

conversations as (

    select * from {{ ref("base_kustomer__conversations") }}

),

messages as (

    select * from {{ ref("base_kustomer__messages") }}

),

notes as (

    select * from {{ ref("base_kustomer__notes") }}

),

users as (

    select * from {{ ref("base_kustomer__users") }}

),

deleted_conversations as (

    select conversation_id from conversations
    where is_deleted_in_source and conversation_id is not null

),

set_aside as (

    select
        'kustomer.conversations' as raw_table,
        conversation_id as primary_key,
        conversation_id as ticket_id,
        'deleted_in_source' as reason,
        created_at as dated_at,
        _loaded_at
    from conversations
    where is_deleted_in_source

    union all

    select
        'kustomer.messages' as raw_table,
        messages.source_message_id as primary_key,
        messages.conversation_id as ticket_id,
        'deleted_in_source' as reason,
        messages.sent_at as dated_at,
        messages._loaded_at
    from messages
    left join deleted_conversations
        on messages.conversation_id = deleted_conversations.conversation_id
    where messages.is_deleted_in_source or deleted_conversations.conversation_id is not null

    union all

    select
        'kustomer.notes' as raw_table,
        notes.note_id as primary_key,
        notes.conversation_id as ticket_id,
        'deleted_in_source' as reason,
        notes.created_at as dated_at,
        notes._loaded_at
    from notes
    left join deleted_conversations
        on notes.conversation_id = deleted_conversations.conversation_id
    where notes.is_deleted_in_source or deleted_conversations.conversation_id is not null

    union all

    select
        'kustomer.users' as raw_table,
        user_id as primary_key,
        cast(null as {{ dbt.type_string() }}) as ticket_id,
        'deleted_in_source' as reason,
        cast(null as {{ dbt.type_timestamp() }}) as dated_at,
        _loaded_at
    from users
    where is_deleted_in_source

)

select
    cast(raw_table as {{ dbt.type_string() }}) as raw_table,
    cast(primary_key as {{ dbt.type_string() }}) as primary_key,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(reason as {{ dbt.type_string() }}) as reason,
    cast(dated_at as {{ dbt.type_timestamp() }}) as dated_at,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from set_aside
