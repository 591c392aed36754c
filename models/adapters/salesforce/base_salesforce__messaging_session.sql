-- sqlfluff:indentation:template_blocks_indent:false
{#- Salesforce messaging sessions (Messaging for In-App and Web, SMS, WhatsApp, ...) with
    the case each belongs to, typed. Rows deleted at the source are kept and flagged.
    Empty when messaging_session was not delivered. -#}
{%- set raw = salesforce_relation("messaging_session") %}

{%- if raw is not none %}

with

source as (

    select * from {{ raw }}
    where {{ salesforce_active_rows(raw) }}

)

select
    -- ids
    {{ salesforce_id("id") }} as session_id,
    {{ salesforce_id("case_id") }} as case_id,

    -- booleans
    ({{ salesforce_flag(raw, "is_deleted") }} or {{ salesforce_flag(raw, "_fivetran_deleted") }})
        as is_deleted_in_source,

    -- timestamps
    {{ utc_timestamp(raw, "start_time") }} as session_started_at,
    {{ utc_timestamp(raw, "end_time") }} as session_ended_at,
    {{ utc_timestamp(raw, "_fivetran_synced") }} as _loaded_at

from source

{%- else %}

-- messaging_session was not delivered: no sessions.
select
    cast(null as {{ dbt.type_string() }}) as session_id,
    cast(null as {{ dbt.type_string() }}) as case_id,
    cast(null as {{ dbt.type_boolean() }}) as is_deleted_in_source,
    cast(null as {{ dbt.type_timestamp() }}) as session_started_at,
    cast(null as {{ dbt.type_timestamp() }}) as session_ended_at,
    cast(null as {{ dbt.type_timestamp() }}) as _loaded_at
where 1 = 0

{%- endif %}
