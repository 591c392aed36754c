{{ config(unique_key="response_id", pre_hook="{{ delete_keyless_rows('response_id') }}") }}

{#- One row per raw CSAT key (its latest extraction) or keyless row, parsed, with its
    disposition (see base_support__tickets). A score that is not a whole number from 1
    to 5 is quarantined. The table is optional: when it was not delivered this model is
    empty. -#}
{%- set raw = raw_relation("csat_responses") %}
{%- set row_columns = [
    "responded_at", "ticket_id", "score",
] %}
{#- The raw contract, checked in order: the first failing check quarantines the row. -#}
{%- set contract_checks = [
    ("ticket_id is null", "missing_ticket_id"),
    ("is_responded_at_missing", "missing_timestamp"),
    ("responded_at is null", "unparseable_timestamp"),
    ("score is null or score < 1 or score > 5", "csat_score_out_of_range"),
] %}

{%- if raw_table_present("csat_responses") %}

with

source as (

    select * from {{ raw }}
    {{ raw_rows_to_restage(raw, "response_id") }}

),

parsed as (

    select
        -- ids
        cast({{ blank_as_null("response_id") }} as {{ dbt.type_string() }}) as response_id,
        cast({{ blank_as_null("ticket_id") }} as {{ dbt.type_string() }}) as ticket_id,

        -- numbers
        {{ integer_or_null(raw, "score") }} as score,

        -- timestamps
        {{ blank_as_null("responded_at") }} is null as is_responded_at_missing,
        {{ utc_timestamp(raw, "responded_at") }} as responded_at,
        {{ utc_timestamp(raw, "_loaded_at") }} as _loaded_at

    from source

),

ranked as (

    select
        *,
        {{ key_rank("response_id", row_columns) }} as key_rank,
        {{ raw_row_count("response_id", row_columns) }} as raw_row_count
    from parsed

),

new_rows as (

    select
        response_id,
        ticket_id,
        score,
        responded_at,
        _loaded_at,
        {{ quarantine_reason("response_id", contract_checks) }} as quarantine_reason,
        {{ disposition("response_id", contract_checks) }} as disposition,
        raw_row_count
    from ranked
    where key_rank = 1 or response_id is null

)

select
    new_rows.response_id,
    new_rows.ticket_id,
    new_rows.score,
    new_rows.responded_at,
    new_rows._loaded_at,
    new_rows.quarantine_reason,
    new_rows.disposition,
    new_rows.raw_row_count,
    {{ ingested_at(row_columns) }} as _ingested_at,
    {{ prior_value("ticket_id", "_prior_ticket_id", row_columns) }} as _prior_ticket_id
from new_rows
{%- if is_incremental() %}
    left join {{ this }} as previous
        on new_rows.response_id = previous.response_id
{%- endif %}

{%- else %}

    select
        cast(null as {{ dbt.type_string() }}) as response_id,
        cast(null as {{ dbt.type_string() }}) as ticket_id,
        cast(null as {{ dbt.type_int() }}) as score,
        cast(null as {{ dbt.type_timestamp() }}) as responded_at,
        cast(null as {{ dbt.type_timestamp() }}) as _loaded_at,
        cast(null as {{ dbt.type_string() }}) as quarantine_reason,
        cast(null as {{ dbt.type_string() }}) as disposition,
        cast(null as {{ dbt.type_bigint() }}) as raw_row_count,
        cast(null as {{ dbt.type_timestamp() }}) as _ingested_at,
        cast(null as {{ dbt.type_string() }}) as _prior_ticket_id
    where 1 = 0

{%- endif %}
