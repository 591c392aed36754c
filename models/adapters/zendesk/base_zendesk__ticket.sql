{#- Zendesk tickets, the columns the adapter reads, typed. Rows deleted at the source
    (_fivetran_deleted) are kept and flagged: zendesk__tickets leaves them out and
    zendesk__set_aside_rows lists them. -#}
{%- set raw = source("zendesk", "ticket") %}

with

source as (

    select * from {{ raw }}

)

select
    -- ids
    {{ zendesk_id("id") }} as ticket_id,
    {{ zendesk_id("requester_id") }} as customer_id,

    -- strings
    nullif(lower(trim(cast(status as {{ dbt.type_string() }}))), '') as source_status,
    nullif(lower(trim(cast(via_channel as {{ dbt.type_string() }}))), '') as via_channel,
    {{ optional_column(raw, "merged_ticket_ids", dbt.type_string()) }} as merged_ticket_ids,

    -- booleans
    {{ zendesk_flag(raw, "_fivetran_deleted") }} as is_deleted_in_source,

    -- timestamps
    {{ utc_timestamp(raw, "created_at") }} as created_at,
    {{ utc_timestamp(raw, "_fivetran_synced") }} as _loaded_at

from source
