{{ config(unique_key="message_id", pre_hook="{{ delete_keyless_rows('message_id') }}") }}

{#- One row per raw message key (its latest extraction) or keyless row, parsed, with its
    disposition (see base_support__tickets). -#}
{%- set raw = raw_relation("messages") %}
{%- set row_columns = [
    "sent_at", "ticket_id", "author_type", "author_id", "is_public", "body",
] %}
{#- The raw contract, checked in order: the first failing check quarantines the row. -#}
{%- set contract_checks = [
    ("ticket_id is null", "missing_ticket_id"),
    ("is_sent_at_missing", "missing_timestamp"),
    ("sent_at is null", "unparseable_timestamp"),
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
        {{ key_rank("message_id", row_columns) }} as key_rank,
        {{ raw_row_count("message_id", row_columns) }} as raw_row_count
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
        {{ quarantine_reason("message_id", contract_checks) }} as quarantine_reason,
        {{ disposition("message_id", contract_checks) }} as disposition,
        raw_row_count
    from ranked
    where key_rank = 1 or message_id is null

)

select
    new_rows.message_id,
    new_rows.ticket_id,
    new_rows.author_id,
    new_rows.author_type,
    new_rows.body,
    new_rows.is_public,
    new_rows.sent_at,
    new_rows._loaded_at,
    new_rows.quarantine_reason,
    new_rows.disposition,
    new_rows.raw_row_count,
    {{ ingested_at(row_columns) }} as _ingested_at,
    {{ prior_value("ticket_id", "_prior_ticket_id", row_columns) }} as _prior_ticket_id
from new_rows
{%- if is_incremental() %}
    left join {{ this }} as previous
        on new_rows.message_id = previous.message_id
{%- endif %}
