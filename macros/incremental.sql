{#- Incremental runs. Staging keeps one row per raw key and re-reads only the keys with
    rows loaded since its last run (minus incremental_lookback_hours); the ticket-grain
    models recompute only the tickets listed by int_tickets_to_recompute, the ones whose
    outcome can still change. A run that cannot be incremental safely (first run, rules
    changed, as_of moved back, state missing) recomputes every ticket. Spark (parquet, no
    delete or merge) rebuilds these models in full on every run. -#}

{#- The run timestamp every row written by this invocation carries as _ingested_at. -#}
{% macro run_started_timestamp() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}


{#- Everything an outcome depends on besides the data: the rules version and the vars.
    When it changes (a new rules version, a changed var), every ticket is recomputed. -#}
{% macro rules_fingerprint() -%}
    {%- set parts = ["rules_version=" ~ outcome_rules_version() | trim] -%}
    {%- for name in [
        "reopen_window_hours", "reopen_grace_minutes", "repeat_contact_window_hours",
        "csat_confirm_min_score", "csat_negative_max_score", "inactivity_close_hours",
        "max_pre_creation_hours", "unmapped_policy_severity",
        "ai_cost_per_conversation", "human_cost_per_conversation", "hash_customer_ids",
    ] -%}
        {%- do parts.append(name ~ "=" ~ var(name)) -%}
    {%- endfor -%}
    {{ return(parts | join(";")) }}
{%- endmacro %}


{% macro incremental_state_relation() -%}
    {{ return(api.Relation.create(
        database=target.database, schema=target.schema, identifier="ai_resolution_incremental_state"
    )) }}
{%- endmacro %}


{#- The state the last complete run recorded, or none. -#}
{% macro incremental_state() -%}
    {#- Spark rebuilds in full and keeps no state. -#}
    {%- if not execute or target.type == "spark" -%}{{ return(none) }}{%- endif -%}
    {%- set declared = incremental_state_relation() -%}
    {%- set found = adapter.get_relation(
        database=declared.database, schema=declared.schema, identifier=declared.identifier
    ) -%}
    {%- if found is none -%}{{ return(none) }}{%- endif -%}
    {%- set rows = run_query(
        "select cast(ingested_through as " ~ dbt.type_string() ~ "), cast(as_of as " ~ dbt.type_string()
        ~ "), rules_fingerprint from " ~ found
    ).rows -%}
    {%- if rows | length != 1 -%}{{ return(none) }}{%- endif -%}
    {{ return({
        "ingested_through": rows[0][0], "as_of": rows[0][1], "rules_fingerprint": rows[0][2],
    }) }}
{%- endmacro %}


{#- How this run recomputes tickets: {"all": true} or {"all": false, "state": ...}. -#}
{% macro recompute_plan() -%}
    {%- if not execute -%}{{ return({"all": true, "state": none}) }}{%- endif -%}
    {%- set state = incremental_state() -%}
    {%- if state is none or flags.FULL_REFRESH or state.rules_fingerprint != rules_fingerprint() -%}
        {{ return({"all": true, "state": state}) }}
    {%- endif -%}
    {%- set moved_back = run_query(
        "select case when " ~ as_of_timestamp() ~ " < cast('" ~ state.as_of ~ "' as "
        ~ dbt.type_timestamp() ~ ") then 1 else 0 end"
    ).columns[0].values()[0] -%}
    {{ return({"all": moved_back | int == 1, "state": state}) }}
{%- endmacro %}


{#- A where-condition for the import CTEs of a ticket-grain incremental model: all rows
    on a full build, the tickets to recompute on an incremental one. -#}
{% macro recomputed_tickets(column="ticket_id") -%}
    {%- set recompute = ref("int_tickets_to_recompute") -%}
    {%- if is_incremental() and not recompute_plan()["all"] -%}
        {{ column }} in (select ticket_id from {{ recompute }})
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endmacro %}


{#- Pre-hook of a ticket-grain incremental model: removes the rows about to be rebuilt
    (a ticket may end with fewer rows than before, or none). -#}
{% macro delete_recomputed_tickets(column="ticket_id", also=none) -%}
    {%- if is_incremental() -%}
        {%- if recompute_plan()["all"] -%}
            delete from {{ this }}
        {%- else -%}
            delete from {{ this }}
            where
                {{ column }} in (select ticket_id from {{ ref("int_tickets_to_recompute") }})
                {%- if also %} or {{ also }}{% endif %}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}


{#- Staging on an incremental run: the raw rows of every key that has a row loaded since
    the last run (less the lookback), plus rows without _loaded_at or without a key,
    which cannot be placed in load order and are re-read every run. -#}
{% macro raw_rows_to_restage(raw, key_column) -%}
    {%- if is_incremental() -%}
        {%- set loaded = utc_timestamp(raw, "_loaded_at") -%}
        where
            {{ blank_as_null(key_column) }} is null
            or {{ key_column }} in (
                select {{ key_column }}
                from {{ raw }}
                where
                    {{ loaded }} is null
                    or {{ loaded }} >= {{ timestamp_add(
                        "hour", -1 * var("incremental_lookback_hours"),
                        "(select coalesce(max(_loaded_at), cast('1900-01-01' as " ~ dbt.type_timestamp() ~ ")) from "
                        ~ this ~ ")",
                    ) }}
            )
    {%- endif -%}
{%- endmacro %}


{#- Pre-hook of a staging model: rows without a key cannot be matched, so they are all
    replaced on every run. -#}
{% macro delete_keyless_rows(key_column) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ key_column }} is null
    {%- endif -%}
{%- endmacro %}


{#- on-run-end: record what this run consumed, only when every incremental model ran
    and succeeded (a partial or failed run leaves the previous state, so the next run
    recomputes everything since then). -#}
{% macro record_incremental_state(results) -%}
    {%- if not execute or target.type == "spark" or flags.WHICH not in ["run", "build"] -%}
        {{ return("") }}
    {%- endif -%}
    {%- set expected = [] -%}
    {%- for node in graph.nodes.values()
        if node.resource_type == "model" and node.package_name == project_name
        and node.config.materialized == "incremental" -%}
        {%- do expected.append(node.unique_id) -%}
    {%- endfor -%}
    {%- set succeeded = [] -%}
    {%- for result in results
        if result.node.unique_id in expected and result.status == "success" -%}
        {%- do succeeded.append(result.node.unique_id) -%}
    {%- endfor -%}
    {%- if succeeded | length != expected | length -%}
        {{ log("Incremental state not advanced: not every incremental model ran and succeeded.", info=true) }}
        {{ return("") }}
    {%- endif -%}
    {%- set relation = incremental_state_relation() -%}
    {#- In its own committed transaction: dbt rolls back what an on-run-end hook leaves open. -#}
    {%- call statement("record_incremental_state", auto_begin=true) -%}
        create table if not exists {{ relation }} (
            ingested_through {{ dbt.type_timestamp() }},
            as_of {{ dbt.type_timestamp() }},
            rules_fingerprint {{ dbt.type_string() }}
        );
        delete from {{ relation }};
        insert into {{ relation }} (ingested_through, as_of, rules_fingerprint)
        values ({{ run_started_timestamp() }}, {{ as_of_timestamp() }}, '{{ rules_fingerprint() }}')
    {%- endcall -%}
    {%- do adapter.commit() -%}
    {{ return("") }}
{%- endmacro %}


{#- Post-hook of fct_conversations: rows kept from earlier runs are valid as of now too
    (only tickets whose outcome could not change were kept), so they carry this as_of. -#}
{% macro refresh_as_of_column() -%}
    {%- if is_incremental() -%}
        update {{ this }} set as_of = {{ as_of_timestamp() }} where as_of != {{ as_of_timestamp() }}
    {%- endif -%}
{%- endmacro %}


{#- Staging bookkeeping, for the final select of a base_ model joined (on incremental
    runs) to its own table as `previous`. _ingested_at is this run, or the previous run's
    when the row is unchanged (so a re-read row does not mark its ticket for recomputing). -#}
{% macro row_unchanged(row_columns) -%}
    previous._ingested_at is not null
    {%- for column in row_columns + ["raw_row_count", "disposition", "quarantine_reason"] %}
        and new_rows.{{ column }} is not distinct from previous.{{ column }}
    {%- endfor %}
{%- endmacro %}


{% macro ingested_at(row_columns) -%}
    {%- if is_incremental() -%}
        case when {{ row_unchanged(row_columns) }} then previous._ingested_at else {{ run_started_timestamp() }} end
    {%- else -%}
        {{ run_started_timestamp() }}
    {%- endif -%}
{%- endmacro %}


{#- The value `tracked` had before the row's last change (the ticket, or for tickets the
    customer), so the tickets a row left are recomputed too. -#}
{% macro prior_value(tracked, prior_column, row_columns) -%}
    {%- if is_incremental() -%}
        case when {{ row_unchanged(row_columns) }} then previous.{{ prior_column }} else previous.{{ tracked }} end
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}
