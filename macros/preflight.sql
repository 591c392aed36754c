{#- Runs first in `dbt build` / `dbt run` (on-run-start): checks that the raw tables
    exist with their required columns and usable types, and stops with a message that
    names the table and column before any model runs, instead of a SQL error later. -#}
{% macro preflight_raw_contract() -%}
    {%- if execute and flags.WHICH in ["build", "run"] -%}
        {%- set required = {
            "tickets": {"ticket_id": "id", "customer_id": "id", "channel": "text", "created_at": "timestamp"},
            "messages": {"message_id": "id", "ticket_id": "id", "sent_at": "timestamp", "author_type": "text"},
            "ticket_events": {"event_id": "id", "ticket_id": "id", "occurred_at": "timestamp", "event_type": "text"},
            "ai_actions": {
                "action_id": "id", "ticket_id": "id", "occurred_at": "timestamp", "action_name": "text",
                "outcome": "text",
            },
            "csat_responses": {"response_id": "id", "ticket_id": "id", "responded_at": "timestamp", "score": "number"},
        } -%}
        {%- set optional_tables = ["ticket_events", "ai_actions", "csat_responses"] -%}
        {%- set problems = [] -%}
        {%- for table_name, columns in required.items() -%}
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
        {%- if problems -%}
            {{ exceptions.raise_compiler_error(
                "The raw data does not fit the contract (see docs/own-data.md#the-raw-contract):\n  - "
                ~ problems | join("\n  - ")
            ) }}
        {%- endif -%}
    {%- endif -%}
    select 1 as preflight_ok
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
