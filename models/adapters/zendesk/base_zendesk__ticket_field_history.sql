{#- Zendesk ticket field changes, typed: the status, assignee, group and satisfaction
    changes become contract events and CSAT answers; the issue-type field may be read too. -#}
{%- set raw = source("zendesk", "ticket_field_history") %}

with

source as (

    select * from {{ raw }}

)

select
    -- ids
    {{ zendesk_id("ticket_id") }} as ticket_id,
    {{ zendesk_id("user_id") }} as user_id,

    -- strings
    lower(trim(cast(field_name as {{ dbt.type_string() }}))) as field_name,
    nullif(trim(cast(value as {{ dbt.type_string() }})), '') as field_value,

    -- timestamps
    {{ utc_timestamp(raw, "updated") }} as changed_at,
    {{ utc_timestamp(raw, "_fivetran_synced") }} as _loaded_at

from source
