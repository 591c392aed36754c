{#- Kustomer internal notes, one row per note id: the latest extraction of it. Empty when
    the optional table notes was not delivered. Notes deleted at the source are kept here,
    flagged. -#}
{%- set raw = kustomer_relation("notes") %}
{%- set cols = kustomer_columns(raw) %}

{%- if raw is not none %}

    with

    notes as (

        select * from {{ raw }}

    ),

    parsed as (

        select
            {{ kustomer_text(cols, "id") }} as note_id,
            {{ kustomer_text(cols, "relationships.conversation.data.id") }} as conversation_id,
            {{ kustomer_text(cols, "relationships.createdBy.data.id") }} as created_by,
            -- PII: passed to staging only.
            {{ kustomer_text(cols, "attributes.body") }} as body,
            {{ kustomer_is_deleted(cols) }} as is_deleted_in_source,
            {{ kustomer_timestamp(cols, "attributes.createdAt") }} as created_at,
            {{ kustomer_timestamp(cols, "attributes.updatedAt") }} as updated_at,
            {{ kustomer_loaded_at(cols) }} as _loaded_at
        from notes

    ),

    ranked as (

        select
            *,
            row_number() over (
                partition by note_id
                order by _loaded_at desc nulls last, updated_at desc nulls last, created_at asc nulls last
            ) as extraction_rank
        from parsed

    )

    select
        note_id,
        conversation_id,
        created_by,
        body,
        is_deleted_in_source,
        created_at,
        _loaded_at
    from ranked
    where extraction_rank = 1 or note_id is null

{%- else %}

    select
        cast(null as {{ dbt.type_string() }}) as note_id,
        cast(null as {{ dbt.type_string() }}) as conversation_id,
        cast(null as {{ dbt.type_string() }}) as created_by,
        cast(null as {{ dbt.type_string() }}) as body,
        cast(null as {{ dbt.type_boolean() }}) as is_deleted_in_source,
        cast(null as {{ dbt.type_timestamp() }}) as created_at,
        cast(null as {{ dbt.type_timestamp() }}) as _loaded_at
    where 1 = 0

{%- endif %}
