{{ config(restage_config("ticket_id")) }}

{#- One row per raw ticket key (its latest extraction) or keyless row, parsed, with its
    disposition: staged (it passes the contract) or quarantined with a reason, and how
    many raw rows carried the key (the older ones are collapsed duplicates). -#}
{%- set raw = source("support", "tickets") %}
{#- The columns of a row besides its key and _loaded_at: they break ties between
    extractions and tell whether a re-read row changed. -#}
{%- set row_columns = [
    "created_at", "customer_id", "channel", "issue_type", "status", "is_spam",
    "merged_into_ticket_id",
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
        {{ rank_within_key("ticket_id", row_columns) }}
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
        {{ row_disposition("ticket_id", [
            ("customer_id is null", "missing_customer_id"),
            ("is_created_at_missing", "missing_timestamp"),
            ("created_at is null", "unparseable_timestamp"),
        ]) }},
        raw_row_count
    from ranked
    where key_rank = 1 or ticket_id is null

)

{{ select_with_ingestion("ticket_id", row_columns, "customer_id", "_prior_customer_id") }}
