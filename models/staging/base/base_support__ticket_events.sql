{{ config(restage_config("event_id")) }}

{#- One row per raw event key (its latest extraction) or keyless row, parsed, with its
    disposition (see base_support__tickets). The table is optional: when it was not
    delivered this model is empty. -#}
{%- set raw = source("support", "ticket_events") %}
{%- set row_columns = [
    "occurred_at", "ticket_id", "event_type", "actor_type", "status", "assignee_type",
    "reason",
] %}

{%- if raw_table_present("ticket_events") %}

with

source as (

    select * from {{ raw }}
    {{ raw_rows_to_restage(raw, "event_id") }}

),

parsed as (

    select
        -- ids
        cast({{ blank_as_null("event_id") }} as {{ dbt.type_string() }}) as event_id,
        cast({{ blank_as_null("ticket_id") }} as {{ dbt.type_string() }}) as ticket_id,

        -- strings
        {{ normalize_enum("event_type", enum_values("event_type"), "'unknown'") }} as event_type,
        {{ normalize_enum("actor_type", enum_values("author_type")) }} as actor_type,
        {{ normalize_enum("status", enum_values("ticket_status")) }} as status,
        {{ normalize_enum("assignee_type", enum_values("assignee_type")) }} as assignee_type,
        {{ normalize_enum("reason", enum_values("handoff_reason")) }} as reason,

        -- timestamps
        {{ blank_as_null("occurred_at") }} is null as is_occurred_at_missing,
        {{ utc_timestamp(raw, "occurred_at") }} as occurred_at,
        {{ utc_timestamp(raw, "_loaded_at") }} as _loaded_at

    from source

),

ranked as (

    select
        *,
        {{ rank_within_key("event_id", row_columns) }}
    from parsed

),

new_rows as (

    select
        event_id,
        ticket_id,
        event_type,
        actor_type,
        status,
        assignee_type,
        reason,
        occurred_at,
        _loaded_at,
        {{ row_disposition("event_id", [
            ("ticket_id is null", "missing_ticket_id"),
            ("is_occurred_at_missing", "missing_timestamp"),
            ("occurred_at is null", "unparseable_timestamp"),
        ]) }},
        raw_row_count
    from ranked
    where key_rank = 1 or event_id is null

)

{{ select_with_ingestion("event_id", row_columns, "ticket_id", "_prior_ticket_id") }}

{%- else %}

    select
        cast(null as {{ dbt.type_string() }}) as event_id,
        cast(null as {{ dbt.type_string() }}) as ticket_id,
        cast(null as {{ dbt.type_string() }}) as event_type,
        cast(null as {{ dbt.type_string() }}) as actor_type,
        cast(null as {{ dbt.type_string() }}) as status,
        cast(null as {{ dbt.type_string() }}) as assignee_type,
        cast(null as {{ dbt.type_string() }}) as reason,
        cast(null as {{ dbt.type_timestamp() }}) as occurred_at,
        cast(null as {{ dbt.type_timestamp() }}) as _loaded_at,
        cast(null as {{ dbt.type_string() }}) as quarantine_reason,
        cast(null as {{ dbt.type_string() }}) as disposition,
        cast(null as {{ dbt.type_bigint() }}) as raw_row_count,
        cast(null as {{ dbt.type_timestamp() }}) as _ingested_at,
        cast(null as {{ dbt.type_string() }}) as _prior_ticket_id
    where 1 = 0

{%- endif %}
