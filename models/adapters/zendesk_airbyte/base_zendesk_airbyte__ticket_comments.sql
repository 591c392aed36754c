{#- Airbyte's ticket_comments stream, one row per comment (the latest copy): public
    replies and internal notes, with the channel of each comment and whether a trigger or
    automation wrote it (its `via`). Records Airbyte marks as deleted are kept and flagged. -#}
{%- set raw = source("zendesk_airbyte", "ticket_comments") %}

with

source as (

    select * from {{ raw }}

),

copies as (

    select
        -- ids
        {{ zendesk_id("id") }} as comment_id,
        {{ zendesk_id("ticket_id") }} as ticket_id,
        {{ zendesk_id("author_id") }} as user_id,

        -- strings
        cast(body as {{ dbt.type_string() }}) as body,
        {{ zendesk_airbyte_optional_json_key(raw, "via", ["channel"]) }} as via_channel,
        {{ zendesk_airbyte_optional_json_key(raw, "via", ["source", "rel"]) }} as via_rel,

        -- booleans
        {{ boolean_or_null(raw, "public") }} as is_public,
        {{ zendesk_airbyte_deleted_flag(raw) }} as is_deleted_in_source,

        -- timestamps
        {{ utc_timestamp(raw, "created_at") }} as sent_at,
        {{ utc_timestamp(raw, "_airbyte_extracted_at") }} as _loaded_at,

        {{ zendesk_airbyte_copy_rank(raw) }} as copy_rank
    from source

)

select
    comment_id,
    ticket_id,
    user_id,
    body,
    via_channel,
    via_rel,
    {{ zendesk_airbyte_is_automation("via_channel", "via_rel") }} as is_automation,
    is_public,
    is_deleted_in_source,
    sent_at,
    _loaded_at
from copies
where copy_rank = 1
