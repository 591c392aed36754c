{{ config(unique_key="action_id", pre_hook="{{ delete_keyless_rows('action_id') }}") }}

{#- One row per raw AI action key (its latest extraction) or keyless row, parsed, with
    its disposition (see base_support__tickets). The table is optional: when it was not
    delivered this model is empty. -#}
{%- set raw = raw_relation("ai_actions") %}
{%- set row_columns = [
    "occurred_at", "ticket_id", "action_name", "procedure_name", "action_outcome", "policy_id",
    "policy_result", "is_final_step", "agent_version",
] %}
{#- The raw contract, checked in order: the first failing check quarantines the row. -#}
{%- set contract_checks = [
    ("ticket_id is null", "missing_ticket_id"),
    ("is_occurred_at_missing", "missing_timestamp"),
    ("occurred_at is null", "unparseable_timestamp"),
] %}

{%- if raw_table_present("ai_actions") %}

with

source as (

    select * from {{ raw }}
    {{ raw_rows_to_restage(raw, "action_id") }}

),

parsed as (

    select
        -- ids
        cast({{ blank_as_null("action_id") }} as {{ dbt.type_string() }}) as action_id,
        cast({{ blank_as_null("ticket_id") }} as {{ dbt.type_string() }}) as ticket_id,
        nullif(trim(cast(policy_id as {{ dbt.type_string() }})), '') as policy_id,

        -- strings
        cast(action_name as {{ dbt.type_string() }}) as action_name,
        nullif(trim(cast(procedure_name as {{ dbt.type_string() }})), '') as procedure_name,
        {{ normalize_enum("outcome", enum_values("action_outcome"), "'unknown'") }} as action_outcome,
        {{ normalize_enum("policy_result", enum_values("policy_result")) }} as policy_result,
        nullif(trim(cast(agent_version as {{ dbt.type_string() }})), '') as agent_version,

        -- booleans
        {{ boolean_or_null(raw, "is_final_step") }} as is_final_step,

        -- timestamps
        {{ blank_as_null("occurred_at") }} is null as is_occurred_at_missing,
        {{ utc_timestamp(raw, "occurred_at") }} as occurred_at,
        {{ utc_timestamp(raw, "_loaded_at") }} as _loaded_at

    from source

),

ranked as (

    select
        *,
        {{ key_rank("action_id", row_columns) }} as key_rank,
        {{ raw_row_count("action_id", row_columns) }} as raw_row_count
    from parsed

),

new_rows as (

    select
        action_id,
        ticket_id,
        policy_id,
        action_name,
        procedure_name,
        action_outcome,
        policy_result,
        agent_version,
        is_final_step,
        occurred_at,
        _loaded_at,
        {{ quarantine_reason("action_id", contract_checks) }} as quarantine_reason,
        {{ disposition("action_id", contract_checks) }} as disposition,
        raw_row_count
    from ranked
    where key_rank = 1 or action_id is null

)

select
    new_rows.action_id,
    new_rows.ticket_id,
    new_rows.policy_id,
    new_rows.action_name,
    new_rows.procedure_name,
    new_rows.action_outcome,
    new_rows.policy_result,
    new_rows.agent_version,
    new_rows.is_final_step,
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
        on new_rows.action_id = previous.action_id
{%- endif %}

{%- else %}

    select
        cast(null as {{ dbt.type_string() }}) as action_id,
        cast(null as {{ dbt.type_string() }}) as ticket_id,
        cast(null as {{ dbt.type_string() }}) as policy_id,
        cast(null as {{ dbt.type_string() }}) as action_name,
        cast(null as {{ dbt.type_string() }}) as procedure_name,
        cast(null as {{ dbt.type_string() }}) as action_outcome,
        cast(null as {{ dbt.type_string() }}) as policy_result,
        cast(null as {{ dbt.type_string() }}) as agent_version,
        cast(null as {{ dbt.type_boolean() }}) as is_final_step,
        cast(null as {{ dbt.type_timestamp() }}) as occurred_at,
        cast(null as {{ dbt.type_timestamp() }}) as _loaded_at,
        cast(null as {{ dbt.type_string() }}) as quarantine_reason,
        cast(null as {{ dbt.type_string() }}) as disposition,
        cast(null as {{ dbt.type_bigint() }}) as raw_row_count,
        cast(null as {{ dbt.type_timestamp() }}) as _ingested_at,
        cast(null as {{ dbt.type_string() }}) as _prior_ticket_id
    where 1 = 0

{%- endif %}
