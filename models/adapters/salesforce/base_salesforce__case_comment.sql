-- sqlfluff:indentation:template_blocks_indent:false
{#- Salesforce case comments, typed: published comments are public, the others internal
    notes. Rows deleted at the source are kept and flagged. Empty when case_comment was
    not delivered. -#}
{%- set raw = salesforce_relation("case_comment") %}

{%- if raw is not none %}

with

source as (

    select * from {{ raw }}
    where {{ salesforce_active_rows(raw) }}

)

select
    -- ids
    {{ salesforce_id("id") }} as comment_id,
    {{ salesforce_id("parent_id") }} as case_id,
    {{ salesforce_id("created_by_id") }} as created_by_id,

    -- strings
    cast(comment_body as {{ dbt.type_string() }}) as body,

    -- booleans
    {{ boolean_or_null(raw, "is_published") }} as is_published,
    ({{ salesforce_flag(raw, "is_deleted") }} or {{ salesforce_flag(raw, "_fivetran_deleted") }})
        as is_deleted_in_source,

    -- timestamps
    {{ utc_timestamp(raw, "created_date") }} as sent_at,
    {{ utc_timestamp(raw, "_fivetran_synced") }} as _loaded_at

from source

{%- else %}

-- case_comment was not delivered: no comments.
select
    cast(null as {{ dbt.type_string() }}) as comment_id,
    cast(null as {{ dbt.type_string() }}) as case_id,
    cast(null as {{ dbt.type_string() }}) as created_by_id,
    cast(null as {{ dbt.type_string() }}) as body,
    cast(null as {{ dbt.type_boolean() }}) as is_published,
    cast(null as {{ dbt.type_boolean() }}) as is_deleted_in_source,
    cast(null as {{ dbt.type_timestamp() }}) as sent_at,
    cast(null as {{ dbt.type_timestamp() }}) as _loaded_at
where 1 = 0

{%- endif %}
