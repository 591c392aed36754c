{#- Salesforce users: who is an employee (a human agent), a customer (Experience Cloud
    and portal users), Salesforce's automation or, listed in source_ai_identities, the AI.
    The table is named `user`, quoted by its source definition. -#}
{%- set raw = source("salesforce", "user") %}

with

source as (

    select * from {{ raw }}
    where {{ salesforce_active_rows(raw) }}

)

select
    -- ids
    {{ salesforce_id("id") }} as user_id,

    -- strings
    {{ salesforce_key("email") }} as email,
    {{ salesforce_key("user_type") }} as user_type,

    -- booleans
    {{ salesforce_flag(raw, "_fivetran_deleted") }} as is_deleted_in_source,

    -- timestamps
    {{ utc_timestamp(raw, "_fivetran_synced") }} as _loaded_at

from source
