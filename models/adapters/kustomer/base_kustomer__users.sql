{#- Kustomer users (teammates and the machine users behind API keys), one row per user id:
    the latest extraction of it, with its email and userType lower-cased. Empty when the
    optional table users was not delivered. Users deleted at the source are kept here,
    flagged. -#}
{%- set raw = kustomer_relation("users") %}
{%- set cols = kustomer_columns(raw) %}

{%- if raw is not none %}

    with

    users as (

        select * from {{ raw }}

    ),

    parsed as (

        select
            {{ kustomer_text(cols, "id") }} as user_id,
            {{ kustomer_key(cols, "attributes.email") }} as email,
            {{ kustomer_key(cols, "attributes.userType") }} as user_type,
            {{ kustomer_is_deleted(cols) }} as is_deleted_in_source,
            {{ kustomer_timestamp(cols, "attributes.updatedAt") }} as updated_at,
            {{ kustomer_loaded_at(cols) }} as _loaded_at
        from users

    ),

    ranked as (

        select
            *,
            row_number() over (
                partition by user_id
                order by _loaded_at desc nulls last, updated_at desc nulls last, email asc nulls last
            ) as extraction_rank
        from parsed

    )

    select
        user_id,
        email,
        user_type,
        is_deleted_in_source,
        _loaded_at
    from ranked
    where extraction_rank = 1 and user_id is not null

{%- else %}

    select
        cast(null as {{ dbt.type_string() }}) as user_id,
        cast(null as {{ dbt.type_string() }}) as email,
        cast(null as {{ dbt.type_string() }}) as user_type,
        cast(null as {{ dbt.type_boolean() }}) as is_deleted_in_source,
        cast(null as {{ dbt.type_timestamp() }}) as _loaded_at
    where 1 = 0

{%- endif %}
