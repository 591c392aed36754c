{#- Airbyte's users stream, one row per user (the latest copy): who is a customer, an
    agent or (listed in source_ai_identities) the AI, in the shape of the Fivetran
    layout's base_zendesk__user. -#}
{%- set raw = source("zendesk_airbyte", "users") %}

with

source as (

    select * from {{ raw }}

),

copies as (

    select
        -- ids
        {{ zendesk_id("id") }} as user_id,

        -- strings
        nullif(lower(trim(cast(email as {{ dbt.type_string() }}))), '') as email,
        nullif(lower(trim(cast(role as {{ dbt.type_string() }}))), '') as user_role,

        -- booleans
        {{ zendesk_airbyte_deleted_flag(raw) }} as is_deleted_in_source,

        -- timestamps
        {{ utc_timestamp(raw, "_airbyte_extracted_at") }} as _loaded_at,

        {{ zendesk_airbyte_copy_rank(raw) }} as copy_rank
    from source

)

select
    user_id,
    email,
    user_role,
    is_deleted_in_source,
    _loaded_at
from copies
where copy_rank = 1
