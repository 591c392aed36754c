{{ config(restage_config("message_id")) }}

{#- One row per raw message key (its latest extraction) or keyless row, parsed, with its
    disposition (see base_support__tickets). -#}
{%- set raw = source("support", "messages") %}
{%- set row_columns = [
    "sent_at", "ticket_id", "author_type", "author_id", "is_public", "body",
] %}

with

source as (

    select * from {{ raw }}
    {{ raw_rows_to_restage(raw, "message_id") }}

),

parsed as (

    select
        -- ids
        cast({{ blank_as_null("message_id") }} as {{ dbt.type_string() }}) as message_id,
        cast({{ blank_as_null("ticket_id") }} as {{ dbt.type_string() }}) as ticket_id,
        cast(author_id as {{ dbt.type_string() }}) as author_id,

        -- strings
        {{ normalize_enum("author_type", enum_values("author_type"), "'unknown'") }} as author_type,
        -- PII: the body stays in staging; downstream models never select it.
        cast(body as {{ dbt.type_string() }}) as body,

        -- booleans
        coalesce({{ boolean_or_null(raw, "is_public") }}, true) as is_public,

        -- timestamps
        {{ blank_as_null("sent_at") }} is null as is_sent_at_missing,
        {{ utc_timestamp(raw, "sent_at") }} as sent_at,
        {{ utc_timestamp(raw, "_loaded_at") }} as _loaded_at

    from source

),

ranked as (

    select
        *,
        {{ rank_within_key("message_id", row_columns) }}
    from parsed

),

new_rows as (

    select
        message_id,
        ticket_id,
        author_id,
        author_type,
        body,
        is_public,
        sent_at,
        _loaded_at,
        {{ row_disposition("message_id", [
            ("ticket_id is null", "missing_ticket_id"),
            ("is_sent_at_missing", "missing_timestamp"),
            ("sent_at is null", "unparseable_timestamp"),
        ]) }},
        raw_row_count
    from ranked
    where key_rank = 1 or message_id is null

)

{{ select_with_ingestion("message_id", row_columns, "ticket_id", "_prior_ticket_id") }}
