{#- Kustomer conversations, one row per conversation id: the latest extraction of it (by
    _loaded_at, then attributes.updatedAt), with the fields the adapter reads parsed from
    whichever shape the tap landed (macros/sources/kustomer.sql). Conversations deleted at
    the source are kept here, flagged, and set aside by kustomer__set_aside_rows. -#}
{%- set raw = source("kustomer", "conversations") %}
{%- set cols = kustomer_columns(raw) %}
{%- set issue_type_attribute = kustomer_issue_type_attribute() %}

with

conversations as (

    select * from {{ raw }}

),

parsed as (

    select
        -- ids
        {{ kustomer_text(cols, "id") }} as conversation_id,
        {{ kustomer_text(cols, "relationships.customer.data.id") }} as customer_id,
        {{ kustomer_text(cols, "attributes.firstDone.createdBy") }} as first_done_by,
        {{ kustomer_text(cols, "attributes.lastDone.createdBy") }} as last_done_by,
        {{ kustomer_text(cols, "attributes.assistant.assistantId.0") }} as assistant_id,

        -- strings
        {{ kustomer_key(cols, "attributes.status") }} as source_status,
        -- The first channel the conversation used (channels is an array).
        {{ kustomer_key(cols, "attributes.channels.0") }} as first_channel,
        {%- if issue_type_attribute %}
            -- The custom attribute named by the var kustomer_issue_type_attribute.
            {{ kustomer_key(cols, "attributes.custom." ~ issue_type_attribute) }} as issue_type,
        {%- else %}
            cast(null as {{ dbt.type_string() }}) as issue_type,
        {%- endif %}
        {{ kustomer_number_text(cols, "attributes.satisfactionLevel.rating") }} as satisfaction_rating,
        {{ kustomer_key(cols, "attributes.satisfactionLevel.status") }} as satisfaction_status,
        {{ kustomer_key(cols, "attributes.assistant.status") }} as assistant_status,
        {{ kustomer_key(cols, "attributes.lastDeflection.status") }} as deflection_status,

        -- booleans
        {{ kustomer_boolean(cols, "attributes.spam") }} as is_spam,
        {{ kustomer_boolean(cols, "attributes.mergedTarget") }} as is_merged_target,
        {{ kustomer_is_deleted(cols) }} as is_deleted_in_source,

        -- timestamps
        {{ kustomer_timestamp(cols, "attributes.createdAt") }} as created_at,
        {{ kustomer_timestamp(cols, "attributes.updatedAt") }} as attributes_updated_at,
        coalesce(
            {{ kustomer_timestamp(cols, "attributes.satisfactionLevel.updatedAt") }},
            {{ kustomer_timestamp(cols, "attributes.satisfactionLevel.sentAt") }},
            {{ kustomer_timestamp(cols, "attributes.satisfactionLevel.createdAt") }}
        ) as satisfaction_at,
        {{ kustomer_timestamp(cols, "attributes.firstDone.createdAt") }} as first_done_at,
        {{ kustomer_timestamp(cols, "attributes.lastDone.createdAt") }} as last_done_at,
        {{ kustomer_timestamp(cols, "attributes.open.statusAt") }} as open_status_at,
        {{ kustomer_timestamp(cols, "attributes.modificationHistory.statusAt") }} as status_at,
        {{ kustomer_timestamp(cols, "attributes.assistant.transferredAt") }} as assistant_transferred_at,
        {{ kustomer_timestamp(cols, "attributes.endedAt") }} as ended_at,
        {{ kustomer_timestamp(cols, "attributes.lastDeflection.deflectedAt") }} as deflected_at,
        {{ kustomer_loaded_at(cols) }} as _loaded_at
    from conversations

),

ranked as (

    select
        *,
        row_number() over (
            partition by conversation_id
            order by _loaded_at desc nulls last, attributes_updated_at desc nulls last, source_status asc nulls last
        ) as extraction_rank
    from parsed

)

select
    conversation_id,
    customer_id,
    first_done_by,
    last_done_by,
    assistant_id,
    source_status,
    first_channel,
    issue_type,
    satisfaction_rating,
    satisfaction_status,
    assistant_status,
    deflection_status,
    is_deleted_in_source,
    created_at,
    attributes_updated_at,
    satisfaction_at,
    first_done_at,
    last_done_at,
    open_status_at,
    status_at,
    assistant_transferred_at,
    ended_at,
    deflected_at,
    _loaded_at,
    coalesce(is_spam, false) as is_spam,
    coalesce(is_merged_target, false) as is_merged_target
from ranked
where extraction_rank = 1 or conversation_id is null
