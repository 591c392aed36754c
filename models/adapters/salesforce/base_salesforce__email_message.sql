-- sqlfluff:indentation:template_blocks_indent:false
{#- Salesforce emails on cases (Email-to-Case), typed. Drafts (status 5, or Draft where a
    load writes the label) are not messages that were sent and are left out here. Rows
    deleted at the source are kept and flagged. Empty when email_message was not
    delivered. -#}
{%- set raw = salesforce_relation("email_message") %}

{%- if raw is not none %}

with

source as (

    select * from {{ raw }}
    where {{ salesforce_active_rows(raw) }}

)

select
    -- ids
    {{ salesforce_id("id") }} as email_id,
    {{ salesforce_id("parent_id") }} as case_id,
    {{ salesforce_id("created_by_id") }} as created_by_id,

    -- strings
    {{ salesforce_key("from_address") }} as from_address,
    cast(text_body as {{ dbt.type_string() }}) as body,

    -- booleans
    {{ boolean_or_null(raw, "incoming") }} as is_incoming,
    ({{ salesforce_flag(raw, "is_deleted") }} or {{ salesforce_flag(raw, "_fivetran_deleted") }})
        as is_deleted_in_source,

    -- timestamps
    {{ utc_timestamp(raw, "message_date") }} as sent_at,
    {{ utc_timestamp(raw, "_fivetran_synced") }} as _loaded_at

from source
where
    coalesce({{ salesforce_key(optional_column(raw, "status", dbt.type_string())) }}, '')
    not in ({{ salesforce_sql_list(salesforce_draft_email_statuses()) }})

{%- else %}

-- email_message was not delivered: no emails.
select
    cast(null as {{ dbt.type_string() }}) as email_id,
    cast(null as {{ dbt.type_string() }}) as case_id,
    cast(null as {{ dbt.type_string() }}) as created_by_id,
    cast(null as {{ dbt.type_string() }}) as from_address,
    cast(null as {{ dbt.type_string() }}) as body,
    cast(null as {{ dbt.type_boolean() }}) as is_incoming,
    cast(null as {{ dbt.type_boolean() }}) as is_deleted_in_source,
    cast(null as {{ dbt.type_timestamp() }}) as sent_at,
    cast(null as {{ dbt.type_timestamp() }}) as _loaded_at
where 1 = 0

{%- endif %}
