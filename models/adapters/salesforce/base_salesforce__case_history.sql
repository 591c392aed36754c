{#- Salesforce case field changes, typed: Status changes become status_changed events,
    owner changes assignments (salesforce__ticket_events). Rows deleted at the source are
    kept and flagged. -#}
{%- set raw = source("salesforce", "case_history") %}

with

source as (

    select * from {{ raw }}
    where {{ salesforce_active_rows(raw) }}

)

select
    -- ids
    {{ salesforce_id("id") }} as history_id,
    {{ salesforce_id("case_id") }} as case_id,
    {{ salesforce_id("created_by_id") }} as created_by_id,

    -- strings
    {{ salesforce_key("field") }} as field_name,
    nullif(trim(cast(new_value as {{ dbt.type_string() }})), '') as new_value,

    -- booleans
    ({{ salesforce_flag(raw, "is_deleted") }} or {{ salesforce_flag(raw, "_fivetran_deleted") }})
        as is_deleted_in_source,

    -- timestamps
    {{ utc_timestamp(raw, "created_date") }} as changed_at,
    {{ utc_timestamp(raw, "_fivetran_synced") }} as _loaded_at

from source
