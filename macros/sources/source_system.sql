{#- Which help desk's tables the schema raw_schema holds (var source_system, default
    contract) and where each contract relation is read from. With `contract` the raw
    contract tables are read as landed; with a help desk, its adapter (models/adapters/
    <source_system>/) emits the contract relations from the vendor's own tables, and
    everything downstream reads those instead. The optional contract `ai_actions` is read
    from raw_schema on every source: no help desk exports the AI's action trace. -#}
{% macro source_system() -%}
    {%- set system = var("source_system", "contract") | string | trim | lower -%}
    {%- if system not in supported_source_systems() -%}
        {{ exceptions.raise_compiler_error(
            "The var source_system is '" ~ system ~ "': supported values are "
            ~ supported_source_systems() | join(", ") ~ " (see docs/sources/)."
        ) }}
    {%- endif -%}
    {{ return(system) }}
{%- endmacro %}


{% macro supported_source_systems() -%}
    {{ return(["contract", "zendesk", "intercom", "salesforce", "kustomer", "zendesk_airbyte"]) }}
{%- endmacro %}


{#- The contract relations an adapter emits as models named <source_system>__<table>.
    Tables not listed (ai_actions; resolution_verdicts where the help desk states no
    verdict of its own) are read from raw_schema as contract tables when they exist. -#}
{% macro adapter_emitted_tables(system) -%}
    {{ return({
        "contract": [],
        "zendesk": ["tickets", "messages", "ticket_events", "csat_responses"],
        "intercom": ["tickets", "messages", "ticket_events", "csat_responses", "resolution_verdicts"],
        "salesforce": ["tickets", "messages", "ticket_events", "resolution_verdicts"],
        "kustomer": ["tickets", "messages", "ticket_events", "csat_responses", "resolution_verdicts"],
        "zendesk_airbyte": ["tickets", "messages", "ticket_events", "csat_responses"],
    }[system]) }}
{%- endmacro %}


{#- The relation a contract table is read from: the raw table (source support) or the
    adapter's model. Refs are resolved at parse time, so the DAG follows the var. -#}
{% macro raw_relation(table_name) -%}
    {%- set system = source_system() -%}
    {%- if table_name in adapter_emitted_tables(system) -%}
        {{ return(ref(system ~ "__" ~ table_name)) }}
    {%- else -%}
        {{ return(source("support", table_name)) }}
    {%- endif -%}
{%- endmacro %}


{#- Whether the contract relation reaches staging from an adapter (always emitted,
    possibly empty) rather than from a raw table that may be absent. -#}
{% macro is_adapter_emitted(table_name) -%}
    {{ return(table_name in adapter_emitted_tables(source_system())) }}
{%- endmacro %}


{#- More source_ai_identities rows, given as the var source_ai_identities_extra (a list of
    {source_system, identity_type, identity_value, counts_as}), for one help desk: rows of
    identity_type, identity_value, counts_as (default ai_agent), lower-cased and trimmed,
    or none. For one-off runs and the vendor fixture tests, whose bot ids must not ship in
    the seed. Read by every adapter's AI identities. -#}
{% macro extra_identities_sql(system) -%}
    {%- set rows = [] -%}
    {%- for row in var("source_ai_identities_extra", []) or [] -%}
        {%- if (row.get("source_system") or "") | lower | trim == system -%}
            {%- do rows.append(row) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for row in rows %}
    select
        '{{ row.identity_type | lower | trim | replace("'", "''") }}' as identity_type,
        '{{ row.identity_value | string | lower | trim | replace("'", "''") }}' as identity_value,
        '{{ (row.get("counts_as") or "ai_agent") | lower | trim | replace("'", "''") }}' as counts_as
    {{ "union all" if not loop.last }}
    {%- endfor %}
    {%- if not rows %}
    select
        cast(null as {{ dbt.type_string() }}) as identity_type,
        cast(null as {{ dbt.type_string() }}) as identity_value,
        cast(null as {{ dbt.type_string() }}) as counts_as
    where 1 = 0
    {%- endif %}
{%- endmacro %}


{#- The verdicts another judge landed in the contract table resolution_verdicts next to a
    help desk's tables (CTE landed_verdicts, read from `declared`), in the contract's
    columns, for an adapter to union with the help desk's own verdicts. -#}
{% macro landed_verdict_rows(declared) -%}
    select
        cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
        cast(verdict_source as {{ dbt.type_string() }}) as verdict_source,
        {{ optional_column(declared, "native_verdict", dbt.type_string()) }} as native_verdict,
        cast(verdict as {{ dbt.type_string() }}) as verdict,
        {{ optional_utc_timestamp(declared, "decided_at") }} as decided_at,
        {{ optional_utc_timestamp(declared, "_loaded_at") }} as _loaded_at
    from landed_verdicts
{%- endmacro %}
