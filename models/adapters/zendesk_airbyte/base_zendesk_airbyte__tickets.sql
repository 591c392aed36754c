{#- Airbyte's tickets stream, one row per ticket: the latest copy Airbyte extracted
    (zendesk_airbyte_newest_first), the columns the adapter reads, typed, in the shape the
    shared Zendesk rules take (the Fivetran layout's base_zendesk__ticket). Records Airbyte
    marks as deleted (_ab_cdc_deleted_at) are kept and flagged: zendesk_airbyte__tickets
    leaves them out and zendesk_airbyte__set_aside_rows lists them. -#}
{%- set raw = source("zendesk_airbyte", "tickets") %}

with

source as (

    select * from {{ raw }}

),

copies as (

    select
        -- ids
        {{ zendesk_id("id") }} as ticket_id,
        {{ zendesk_id("requester_id") }} as customer_id,

        -- strings
        nullif(lower(trim(cast(status as {{ dbt.type_string() }}))), '') as source_status,
        {{ zendesk_airbyte_json_key("via", ["channel"]) }} as via_channel,
        {{ zendesk_airbyte_json_column(raw, "tags") }} as tags,
        {{ zendesk_airbyte_json_column(raw, "custom_fields") }} as custom_fields,

        -- booleans
        {{ zendesk_airbyte_deleted_flag(raw) }} as is_deleted_in_source,

        -- timestamps
        {{ utc_timestamp(raw, "created_at") }} as created_at,
        {{ utc_timestamp(raw, "_airbyte_extracted_at") }} as _loaded_at,

        {{ zendesk_airbyte_copy_rank(raw) }} as copy_rank
    from source

)

select
    ticket_id,
    customer_id,
    source_status,
    via_channel,
    tags,
    custom_fields,
    is_deleted_in_source,
    created_at,
    _loaded_at
from copies
where copy_rank = 1
