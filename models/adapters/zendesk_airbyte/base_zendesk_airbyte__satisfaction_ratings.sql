-- sqlfluff:indentation:template_blocks_indent:false
{#- Airbyte's satisfaction_ratings stream, one row per rating (the latest copy): the
    score and when the customer gave it (updated_at, else created_at: a rating is created
    when the survey is offered and updated when the customer answers). Empty when the
    stream was not delivered. Records Airbyte marks as deleted are kept and flagged. -#}
{%- set raw = zendesk_airbyte_relation("satisfaction_ratings") %}

{%- if raw is not none %}

with

source as (

    select * from {{ raw }}

),

copies as (

    select
        -- ids
        {{ zendesk_id("id") }} as rating_id,
        {{ zendesk_id("ticket_id") }} as ticket_id,

        -- strings
        nullif(lower(trim(cast(score as {{ dbt.type_string() }}))), '') as score,

        -- booleans
        {{ zendesk_airbyte_deleted_flag(raw) }} as is_deleted_in_source,

        -- timestamps
        {%- if column_present(raw, "updated_at") %}
        coalesce({{ utc_timestamp(raw, "updated_at") }}, {{ utc_timestamp(raw, "created_at") }}) as rated_at,
        {%- else %}
        {{ utc_timestamp(raw, "created_at") }} as rated_at,
        {%- endif %}
        {{ utc_timestamp(raw, "_airbyte_extracted_at") }} as _loaded_at,

        {{ zendesk_airbyte_copy_rank(raw) }} as copy_rank
    from source

)

select
    rating_id,
    ticket_id,
    score,
    is_deleted_in_source,
    rated_at,
    _loaded_at
from copies
where copy_rank = 1

{%- else %}

-- satisfaction_ratings was not delivered: no ratings.
select
    cast(null as {{ dbt.type_string() }}) as rating_id,
    cast(null as {{ dbt.type_string() }}) as ticket_id,
    cast(null as {{ dbt.type_string() }}) as score,
    cast(null as {{ dbt.type_boolean() }}) as is_deleted_in_source,
    cast(null as {{ dbt.type_timestamp() }}) as rated_at,
    cast(null as {{ dbt.type_timestamp() }}) as _loaded_at
where 1 = 0

{%- endif %}
