{#- Airbyte's ticket_audits stream, one row per audit (one update of a ticket; the latest
    copy): who made it, how (its `via`: a trigger, an automation, a merge, a channel) and
    the events it holds, as JSON text. Records Airbyte marks as deleted are kept and
    flagged. -#}
{%- set raw = source("zendesk_airbyte", "ticket_audits") %}

with

source as (

    select * from {{ raw }}

),

copies as (

    select
        -- ids
        {{ zendesk_id("id") }} as audit_id,
        {{ zendesk_id("ticket_id") }} as ticket_id,
        {{ zendesk_id("author_id") }} as user_id,

        -- strings
        {{ zendesk_airbyte_optional_json_key(raw, "via", ["channel"]) }} as via_channel,
        {{ zendesk_airbyte_optional_json_key(raw, "via", ["source", "rel"]) }} as via_rel,
        {{ zendesk_airbyte_optional_json_key(raw, "via", ["source", "from", "ticket_ids"], lowered=false) }}
            as from_ticket_ids,
        {{ zendesk_airbyte_json_column(raw, "events") }} as events,

        -- booleans
        {{ zendesk_airbyte_deleted_flag(raw) }} as is_deleted_in_source,

        -- timestamps
        {{ utc_timestamp(raw, "created_at") }} as audited_at,
        {{ utc_timestamp(raw, "_airbyte_extracted_at") }} as _loaded_at,

        {{ zendesk_airbyte_copy_rank(raw) }} as copy_rank
    from source

)

select
    audit_id,
    ticket_id,
    user_id,
    via_channel,
    via_rel,
    {{ zendesk_airbyte_is_automation("via_channel", "via_rel") }} as is_automation,
    case when via_rel = 'merge' then from_ticket_ids end as merged_ticket_ids,
    events,
    is_deleted_in_source,
    audited_at,
    _loaded_at
from copies
where copy_rank = 1
