{{ config(
    unique_key="verdict_id",
    pre_hook="{{ delete_keyless_rows('verdict_id', resolution_verdict_raw_columns().key) }}",
) }}

{#- One row per raw verdict key (its latest extraction) or keyless row, parsed, with its
    disposition (see base_support__tickets). The raw table has no id column: the key is
    ticket_id|verdict_source (one verdict per judge and conversation; a re-landed verdict
    replaces the older one). A row missing either part has no key and is quarantined
    under the part it lacks. The table is optional: when it was not delivered this model
    is empty. -#}
{%- set raw = raw_relation("resolution_verdicts") %}
{%- set raw_columns = resolution_verdict_raw_columns() %}
{%- set raw_ticket_id = raw_columns.ticket_id %}
{%- set raw_verdict_source = raw_columns.verdict_source %}
{%- set raw_key = raw_columns.key %}
{%- set row_columns = [
    "ticket_id", "verdict_source", "native_verdict", "verdict", "decided_at",
] %}
{#- The raw contract, checked in order: the first failing check quarantines the row.
    decided_at is optional (null when the judge does not say), but text that does not
    parse is bad input. -#}
{%- set contract_checks = [
    ("not is_decided_at_missing and decided_at is null", "unparseable_timestamp"),
] %}

{%- if raw_table_present("resolution_verdicts") %}

with

source as (

    select * from {{ raw }}
    {{ raw_rows_to_restage(raw, raw_key) }}

),

parsed as (

    select
        -- ids
        cast({{ raw_key }} as {{ dbt.type_string() }}) as verdict_id,
        {{ raw_ticket_id }} as ticket_id,
        {{ raw_verdict_source }} as verdict_source,

        -- strings
        cast({{ blank_as_null("native_verdict") }} as {{ dbt.type_string() }}) as native_verdict,
        {{ normalize_enum("verdict", ["resolved", "not_resolved"], "'unknown'") }} as verdict,

        -- timestamps
        {{ blank_as_null("decided_at") }} is null as is_decided_at_missing,
        {{ utc_timestamp(raw, "decided_at") }} as decided_at,
        {{ utc_timestamp(raw, "_loaded_at") }} as _loaded_at

    from source

),

ranked as (

    select
        *,
        {{ key_rank("verdict_id", row_columns) }} as key_rank,
        {{ raw_row_count("verdict_id", row_columns) }} as raw_row_count
    from parsed

),

new_rows as (

    select
        verdict_id,
        ticket_id,
        verdict_source,
        native_verdict,
        verdict,
        decided_at,
        _loaded_at,
        case
            when ticket_id is null then 'missing_ticket_id'
            when verdict_source is null then 'missing_verdict_source'
            else {{ quarantine_reason("verdict_id", contract_checks) }}
        end as quarantine_reason,
        {{ disposition("verdict_id", contract_checks) }} as disposition,
        raw_row_count
    from ranked
    where key_rank = 1 or verdict_id is null

)

select
    new_rows.verdict_id,
    new_rows.ticket_id,
    new_rows.verdict_source,
    new_rows.native_verdict,
    new_rows.verdict,
    new_rows.decided_at,
    new_rows._loaded_at,
    new_rows.quarantine_reason,
    new_rows.disposition,
    new_rows.raw_row_count,
    {{ ingested_at(row_columns) }} as _ingested_at,
    {{ prior_value("ticket_id", "_prior_ticket_id", row_columns) }} as _prior_ticket_id
from new_rows
{%- if is_incremental() %}
    left join {{ this }} as previous
        on new_rows.verdict_id = previous.verdict_id
{%- endif %}

{%- else %}

    select
        cast(null as {{ dbt.type_string() }}) as verdict_id,
        cast(null as {{ dbt.type_string() }}) as ticket_id,
        cast(null as {{ dbt.type_string() }}) as verdict_source,
        cast(null as {{ dbt.type_string() }}) as native_verdict,
        cast(null as {{ dbt.type_string() }}) as verdict,
        cast(null as {{ dbt.type_timestamp() }}) as decided_at,
        cast(null as {{ dbt.type_timestamp() }}) as _loaded_at,
        cast(null as {{ dbt.type_string() }}) as quarantine_reason,
        cast(null as {{ dbt.type_string() }}) as disposition,
        cast(null as {{ dbt.type_bigint() }}) as raw_row_count,
        cast(null as {{ dbt.type_timestamp() }}) as _ingested_at,
        cast(null as {{ dbt.type_string() }}) as _prior_ticket_id
    where 1 = 0

{%- endif %}
