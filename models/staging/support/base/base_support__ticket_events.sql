{{ config(unique_key="event_id", pre_hook="{{ delete_keyless_rows('event_id') }}") }}

{#- One row per raw event key (its latest extraction) or keyless row, parsed, with its
    disposition (see base_support__tickets). The table is optional: when it was not
    delivered this model is empty. -#}
{%- set raw = raw_relation("ticket_events") %}
{%- set row_columns = [
    "occurred_at", "ticket_id", "event_type", "actor_type", "status", "assignee_type",
    "handoff_reason",
] %}
{#- The raw contract, checked in order: the first failing check quarantines the row. -#}
{%- set contract_checks = [
    ("ticket_id is null", "missing_ticket_id"),
    ("is_occurred_at_missing", "missing_timestamp"),
    ("occurred_at is null", "unparseable_timestamp"),
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
        {{ normalize_enum("reason", enum_values("handoff_reason")) }} as handoff_reason,

        -- timestamps
        {{ blank_as_null("occurred_at") }} is null as is_occurred_at_missing,
        {{ utc_timestamp(raw, "occurred_at") }} as occurred_at,
        {{ utc_timestamp(raw, "_loaded_at") }} as _loaded_at

    from source

),

ranked as (

    select
        *,
        {{ key_rank("event_id", row_columns) }} as key_rank,
        {{ raw_row_count("event_id", row_columns) }} as raw_row_count
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
        handoff_reason,
        occurred_at,
        _loaded_at,
        {{ quarantine_reason("event_id", contract_checks) }} as quarantine_reason,
        {{ disposition("event_id", contract_checks) }} as disposition,
        raw_row_count
    from ranked
    where key_rank = 1 or event_id is null

)

select
    new_rows.event_id,
    new_rows.ticket_id,
    new_rows.event_type,
    new_rows.actor_type,
    new_rows.status,
    new_rows.assignee_type,
    new_rows.handoff_reason,
    new_rows.occurred_at,
    new_rows._loaded_at,
    new_rows.quarantine_reason,
    new_rows.disposition,
    new_rows.raw_row_count,
    {{ ingested_at(row_columns) }} as _ingested_at,
    {{ prior_value("ticket_id", "_prior_ticket_id", row_columns) }} as _prior_ticket_id
from new_rows
{%- if is_incremental() %}
    left join {{ this }} as previous
        on new_rows.event_id = previous.event_id
{%- endif %}

{%- else %}

    select
        cast(null as {{ dbt.type_string() }}) as event_id,
        cast(null as {{ dbt.type_string() }}) as ticket_id,
        cast(null as {{ dbt.type_string() }}) as event_type,
        cast(null as {{ dbt.type_string() }}) as actor_type,
        cast(null as {{ dbt.type_string() }}) as status,
        cast(null as {{ dbt.type_string() }}) as assignee_type,
        cast(null as {{ dbt.type_string() }}) as handoff_reason,
        cast(null as {{ dbt.type_timestamp() }}) as occurred_at,
        cast(null as {{ dbt.type_timestamp() }}) as _loaded_at,
        cast(null as {{ dbt.type_string() }}) as quarantine_reason,
        cast(null as {{ dbt.type_string() }}) as disposition,
        cast(null as {{ dbt.type_bigint() }}) as raw_row_count,
        cast(null as {{ dbt.type_timestamp() }}) as _ingested_at,
        cast(null as {{ dbt.type_string() }}) as _prior_ticket_id
    where 1 = 0

{%- endif %}
