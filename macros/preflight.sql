{#- Runs first in `dbt build` / `dbt run` (on-run-start): checks that the raw tables
    exist with their required columns and usable types, and stops with a message that
    names the table and column before any model runs, instead of a SQL error later. -#}
{% macro preflight_raw_contract() -%}
    {%- if execute and flags.WHICH in ["build", "run"] -%}
        {%- set system = source_system() -%}
        {%- set problems = [] -%}
        {%- if system == "contract" -%}
            {%- set checked = ["tickets", "messages", "ticket_events", "ai_actions", "csat_responses", "resolution_verdicts"] -%}
        {%- else -%}
            {#- A help desk's own tables first; the contract tables it does not emit
                (ai_actions) are optional next to it. -#}
            {%- do problems.extend(preflight_source_tables(system)) -%}
            {%- set checked = ["ai_actions", "resolution_verdicts"] -%}
            {#- A help desk without CSAT of its own (Salesforce) reads the contract's
                csat_responses from raw_schema when it exists. -#}
            {%- if "csat_responses" not in adapter_emitted_tables(system) -%}
                {%- do checked.append("csat_responses") -%}
            {%- endif -%}
        {%- endif -%}
        {%- do problems.extend(preflight_contract_tables(checked)) -%}
        {%- if problems -%}
            {%- set guide = "docs/own-data.md#the-raw-contract" if system == "contract"
                else "docs/sources/" ~ system ~ ".md" -%}
            {{ exceptions.raise_compiler_error(
                "The raw data in schema " ~ var("raw_schema") ~ " does not fit source_system "
                ~ system ~ " (see " ~ guide ~ "):\n  - " ~ problems | join("\n  - ")
            ) }}
        {%- endif -%}
    {%- endif -%}
    select 1 as preflight_ok
{%- endmacro %}


{#- The raw contract's tables: required columns and usable types. -#}
{% macro preflight_contract_tables(table_names) -%}
    {%- set required = {
        "tickets": {"ticket_id": "id", "customer_id": "id", "channel": "text", "created_at": "timestamp"},
        "messages": {"message_id": "id", "ticket_id": "id", "sent_at": "timestamp", "author_type": "text"},
        "ticket_events": {"event_id": "id", "ticket_id": "id", "occurred_at": "timestamp", "event_type": "text"},
        "ai_actions": {
            "action_id": "id", "ticket_id": "id", "occurred_at": "timestamp", "action_name": "text",
            "outcome": "text",
        },
        "csat_responses": {"response_id": "id", "ticket_id": "id", "responded_at": "timestamp", "score": "number"},
        "resolution_verdicts": {"ticket_id": "id", "verdict_source": "text", "verdict": "text"},
    } -%}
    {%- set optional_tables = ["ticket_events", "ai_actions", "csat_responses", "resolution_verdicts"] -%}
    {%- set problems = [] -%}
    {%- for table_name in table_names -%}
        {%- set columns = required[table_name] -%}
        {%- set declared = source("support", table_name) -%}
        {%- set relation = adapter.get_relation(
            database=declared.database, schema=declared.schema, identifier=declared.identifier
        ) -%}
        {%- if relation is none -%}
            {%- if table_name not in optional_tables -%}
                {%- do problems.append(
                    "raw table " ~ declared.schema ~ "." ~ table_name ~ " was not found "
                    ~ "(set the var raw_schema to the schema your EL tool writes to)"
                ) -%}
            {%- endif -%}
        {%- else -%}
            {%- set found = {} -%}
            {%- for column in adapter.get_columns_in_relation(relation) -%}
                {%- do found.update({column.name | lower: column.data_type | lower}) -%}
            {%- endfor -%}
            {%- for column_name, kind in columns.items() -%}
                {%- if column_name not in found -%}
                    {%- do problems.append(
                        "raw table " ~ declared.schema ~ "." ~ table_name
                        ~ " is missing required column " ~ column_name
                    ) -%}
                {%- elif not raw_type_is_usable(found[column_name], kind) -%}
                    {%- do problems.append(
                        "raw column " ~ declared.schema ~ "." ~ table_name ~ "." ~ column_name
                        ~ " has type " ~ found[column_name] ~ ", which cannot hold a " ~ kind
                        ~ " (expected " ~ raw_type_hint(kind) ~ ")"
                    ) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(problems) }}
{%- endmacro %}


{#- A help desk's own tables (source <system>): each required table exists and has the
    columns its adapter reads; an optional table, when present, has them too. A column
    given as a list is satisfied by any one of its names (ticket_tag.tag or .tags). A
    column given as {"field": path} is a field of a nested vendor record that may arrive
    in several shapes (Kustomer's JSON:API attributes): the adapter says which columns can
    hold it, given the table's columns (source_field_columns). The requirements live next
    to each adapter's macros (macros/sources/<system>.sql). -#}
{% macro preflight_source_tables(system) -%}
    {%- set problems = [] -%}
    {%- for requirement in source_raw_requirements(system) -%}
        {%- set declared = source(system, requirement.table) -%}
        {%- set relation = adapter.get_relation(
            database=declared.database, schema=declared.schema, identifier=declared.identifier
        ) -%}
        {%- if relation is none -%}
            {%- if requirement.required -%}
                {%- do problems.append(
                    system ~ " table " ~ declared.schema ~ "." ~ requirement.table ~ " was not found "
                    ~ "(set the var raw_schema to the schema your " ~ system ~ " connector writes to)"
                ) -%}
            {%- endif -%}
        {%- else -%}
            {%- set found = [] -%}
            {%- for column in adapter.get_columns_in_relation(relation) -%}
                {%- do found.append(column.name | lower) -%}
            {%- endfor -%}
            {%- for column in requirement.columns -%}
                {%- if column is mapping -%}
                    {%- set names = source_field_columns(system, column.field, found) -%}
                    {%- if names | map("lower") | select("in", found) | list | length == 0 -%}
                        {%- do problems.append(
                            system ~ " table " ~ declared.schema ~ "." ~ requirement.table
                            ~ " has no column for " ~ column.field ~ " (looked for " ~ names | join(", ") ~ ")"
                        ) -%}
                    {%- endif -%}
                {%- continue -%}
                {%- endif -%}
                {%- set names = column if column is not string else [column] -%}
                {%- if names | select("in", found) | list | length == 0 -%}
                    {%- do problems.append(
                        system ~ " table " ~ declared.schema ~ "." ~ requirement.table
                        ~ " is missing column " ~ names | join(" (or ")
                        ~ (")" if names | length > 1 else "")
                    ) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(problems) }}
{%- endmacro %}


{#- Each supported help desk's tables and the columns its adapter reads:
    [{"table": ..., "required": true|false, "columns": [name or [alternatives], ...]}]. -#}
{% macro source_raw_requirements(system) -%}
    {%- if system == "zendesk" -%}
        {{ return(zendesk_raw_requirements()) }}
    {%- elif system == "intercom" -%}
        {{ return(intercom_raw_requirements()) }}
    {%- elif system == "salesforce" -%}
        {{ return(salesforce_raw_requirements()) }}
    {%- elif system == "kustomer" -%}
        {{ return(kustomer_raw_requirements()) }}
    {%- elif system == "zendesk_airbyte" -%}
        {{ return(zendesk_airbyte_raw_requirements()) }}
    {%- else -%}
        {{ return([]) }}
    {%- endif -%}
{%- endmacro %}


{#- The columns that can hold a vendor field, given the table's lower-cased column names
    (requirements given as {"field": path}). -#}
{% macro source_field_columns(system, field, found) -%}
    {%- if system == "kustomer" -%}
        {{ return(kustomer_candidate_names(field, found)) }}
    {%- else -%}
        {{ return([field]) }}
    {%- endif -%}
{%- endmacro %}


{% macro raw_type_is_usable(data_type, kind) -%}
    {%- set is_text = "char" in data_type or "text" in data_type or "string" in data_type -%}
    {%- set is_number = "int" in data_type or "numeric" in data_type or "decimal" in data_type
        or "double" in data_type or "float" in data_type or "real" in data_type or "long" in data_type -%}
    {%- if kind == "timestamp" -%}
        {{ return(is_text or "timestamp" in data_type or data_type == "date") }}
    {%- elif kind == "number" -%}
        {{ return(is_text or is_number) }}
    {%- elif kind == "id" -%}
        {{ return(is_text or is_number or "uuid" in data_type) }}
    {%- else -%}
        {{ return(is_text) }}
    {%- endif -%}
{%- endmacro %}


{% macro raw_type_hint(kind) -%}
    {{ return({
        "timestamp": "a timestamp, or text such as 2026-03-01 10:00:00",
        "number": "an integer, or text holding one",
        "id": "text or an integer",
        "text": "text",
    }[kind]) }}
{%- endmacro %}
