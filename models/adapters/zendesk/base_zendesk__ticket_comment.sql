{#- Zendesk comments (public replies and internal notes), typed. Rows deleted at the
    source are kept and flagged, as for tickets. -#}
{%- set raw = source("zendesk", "ticket_comment") %}

with

source as (

    select * from {{ raw }}

)

select
    -- ids
    {{ zendesk_id("id") }} as comment_id,
    {{ zendesk_id("ticket_id") }} as ticket_id,
    {{ zendesk_id("user_id") }} as user_id,

    -- strings
    cast(body as {{ dbt.type_string() }}) as body,

    -- booleans
    {{ boolean_or_null(raw, "public") }} as is_public,
    {{ zendesk_flag(raw, "_fivetran_deleted") }} as is_deleted_in_source,

    -- timestamps
    {{ utc_timestamp(raw, "created") }} as sent_at,
    {{ utc_timestamp(raw, "_fivetran_synced") }} as _loaded_at

from source
