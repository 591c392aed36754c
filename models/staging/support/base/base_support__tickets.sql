{{ config(unique_key="ticket_id", pre_hook="{{ delete_keyless_rows('ticket_id') }}") }}

{#- One row per raw ticket key (its latest extraction) or keyless row, parsed, with its
    disposition: staged (it passes the contract) or quarantined with a reason, and how
    many raw rows carried the key (the older ones are collapsed duplicates). -#}
{%- set raw = raw_relation("tickets") %}
{#- The columns of a row besides its key and _loaded_at: they break ties between
    extractions and tell whether a re-read row changed. -#}
{%- set row_columns = [
    "created_at", "customer_id", "channel", "issue_type", "status", "is_spam",
    "merged_into_ticket_id",
] %}
{#- The raw contract, checked in order: the first failing check quarantines the row. -#}
{%- set contract_checks = [
    ("customer_id is null", "missing_customer_id"),
    ("is_created_at_missing", "missing_timestamp"),
    ("created_at is null", "unparseable_timestamp"),
] %}

with

source as (

    select * from {{ raw }}
    {{ raw_rows_to_restage(raw, "ticket_id") }}

),

parsed as (

    select
        -- ids
        cast({{ blank_as_null("ticket_id") }} as {{ dbt.type_string() }}) as ticket_id,
        cast({{ blank_as_null("customer_id") }} as {{ dbt.type_string() }}) as customer_id,
        cast(
            {{ blank_as_null(optional_column(raw, "merged_into_ticket_id", dbt.type_string())) }}
            as {{ dbt.type_string() }}
        ) as merged_into_ticket_id,

        -- strings
        {{ normalize_enum("channel", enum_values("channel"), "'unknown'") }} as channel,
        nullif(lower(trim(cast(issue_type as {{ dbt.type_string() }}))), '') as issue_type,
        {{ normalize_enum("status", enum_values("ticket_status")) }} as status,

        -- booleans
        {%- if column_present(raw, "is_spam") %}
            coalesce({{ boolean_or_null(raw, "is_spam") }}, false) as is_spam,
        {%- else %}
            false as is_spam,
        {%- endif %}

        -- timestamps
        {{ blank_as_null("created_at") }} is null as is_created_at_missing,
        {{ utc_timestamp(raw, "created_at") }} as created_at,
        {{ utc_timestamp(raw, "_loaded_at") }} as _loaded_at

    from source

),

ranked as (

    select
        *,
        {{ key_rank("ticket_id", row_columns) }} as key_rank,
        {{ raw_row_count("ticket_id", row_columns) }} as raw_row_count
    from parsed

),

new_rows as (

    select
        ticket_id,
        customer_id,
        merged_into_ticket_id,
        channel,
        issue_type,
        status,
        is_spam,
        created_at,
        _loaded_at,
        {{ quarantine_reason("ticket_id", contract_checks) }} as quarantine_reason,
        {{ disposition("ticket_id", contract_checks) }} as disposition,
        raw_row_count
    from ranked
    where key_rank = 1 or ticket_id is null

)

select
    new_rows.ticket_id,
    new_rows.customer_id,
    new_rows.merged_into_ticket_id,
    new_rows.channel,
    new_rows.issue_type,
    new_rows.status,
    new_rows.is_spam,
    new_rows.created_at,
    new_rows._loaded_at,
    new_rows.quarantine_reason,
    new_rows.disposition,
    new_rows.raw_row_count,
    {{ ingested_at(row_columns) }} as _ingested_at,
    {{ prior_value("customer_id", "_prior_customer_id", row_columns) }} as _prior_customer_id
from new_rows
{%- if is_incremental() %}
    left join {{ this }} as previous
        on new_rows.ticket_id = previous.ticket_id
{%- endif %}
