{#- Kustomer messages, one row per message id: the latest extraction of it, with the
    fields the adapter reads parsed from whichever shape the tap landed. The text is
    attributes.body when the load has it, else attributes.preview (MeltanoLabs' schema
    has only the preview): PII, passed to staging only. Messages deleted at the source
    are kept here, flagged. -#}
{%- set raw = source("kustomer", "messages") %}
{%- set cols = kustomer_columns(raw) %}

with

messages as (

    select * from {{ raw }}

),

parsed as (

    select
        -- ids
        {{ kustomer_text(cols, "id") }} as source_message_id,
        {{ kustomer_text(cols, "relationships.conversation.data.id") }} as conversation_id,
        {{ kustomer_text(cols, "relationships.createdBy.data.id") }} as created_by,

        -- strings
        {{ kustomer_key(cols, "attributes.direction") }} as direction,
        {{ kustomer_key(cols, "attributes.channel") }} as message_channel,
        coalesce(
            {{ kustomer_text(cols, "attributes.body") }}, {{ kustomer_text(cols, "attributes.preview") }}
        ) as body,

        -- booleans
        {{ kustomer_boolean(cols, "attributes.auto") }} as is_auto,
        {{ kustomer_is_deleted(cols) }} as is_deleted_in_source,

        -- timestamps
        coalesce(
            {{ kustomer_timestamp(cols, "attributes.sentAt") }}, {{ kustomer_timestamp(cols, "attributes.createdAt") }}
        ) as sent_at,
        {{ kustomer_timestamp(cols, "attributes.updatedAt") }} as updated_at,
        {{ kustomer_loaded_at(cols) }} as _loaded_at
    from messages

),

ranked as (

    select
        *,
        row_number() over (
            partition by source_message_id
            order by _loaded_at desc nulls last, updated_at desc nulls last, sent_at asc nulls last
        ) as extraction_rank
    from parsed

)

select
    source_message_id,
    conversation_id,
    created_by,
    direction,
    message_channel,
    body,
    is_deleted_in_source,
    sent_at,
    _loaded_at,
    coalesce(is_auto, false) as is_auto
from ranked
where extraction_rank = 1 or source_message_id is null
