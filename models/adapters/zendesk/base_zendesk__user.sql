{#- Zendesk users: who is a customer, an agent or (listed in source_ai_identities) the
    AI. The table is named `user`, quoted by its source definition. -#}
{%- set raw = source("zendesk", "user") %}

with

source as (

    select * from {{ raw }}

)

select
    -- ids
    {{ zendesk_id("id") }} as user_id,

    -- strings
    nullif(lower(trim(cast(email as {{ dbt.type_string() }}))), '') as email,
    nullif(lower(trim(cast(role as {{ dbt.type_string() }}))), '') as user_role,

    -- booleans
    {{ zendesk_flag(raw, "_fivetran_deleted") }} as is_deleted_in_source,

    -- timestamps
    {{ utc_timestamp(raw, "_fivetran_synced") }} as _loaded_at

from source
