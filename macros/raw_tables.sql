{#- Whether a contract table was delivered: in raw_schema, or emitted by the help desk's
    adapter (macros/sources/source_system.sql). ticket_events, ai_actions and
    csat_responses are optional: when absent, staging builds empty and the marts report
    the measure as absent (null), not as zero. -#}
{% macro raw_table_present(table_name) -%}
    {%- if not execute or is_adapter_emitted(table_name) -%}{{ return(true) }}{%- endif -%}
    {%- set declared = raw_relation(table_name) -%}
    {%- set found = adapter.get_relation(
        database=declared.database, schema=declared.schema, identifier=declared.identifier
    ) -%}
    {{ return(found is not none) }}
{%- endmacro %}


{#- expression when the raw table was delivered, else a typed null. -#}
{% macro when_delivered(table_name, expression, data_type) -%}
    {%- if raw_table_present(table_name) -%}
        {{ expression }}
    {%- else -%}
        cast(null as {{ data_type }})
    {%- endif -%}
{%- endmacro %}


{#- Blank text counts as missing: ids and timestamps are '' in many CSV exports. -#}
{% macro blank_as_null(column_name) -%}
    case when trim(cast({{ column_name }} as {{ dbt.type_string() }})) = '' then null else {{ column_name }} end
{%- endmacro %}


{#- The raw resolution_verdicts table has no id column: its rows' ticket, judge and key
    (ticket_id|verdict_source), as expressions over the raw columns. Judge names compare
    lower-cased and trimmed, so `Intercom_Fin ` and `intercom_fin` are one judge. -#}
{% macro resolution_verdict_raw_columns() -%}
    {%- set ticket_id = "cast(" ~ blank_as_null("ticket_id") ~ " as " ~ dbt.type_string() ~ ")" -%}
    {%- set verdict_source = "lower(trim(cast(" ~ blank_as_null("verdict_source") ~ " as " ~ dbt.type_string() ~ ")))" -%}
    {{ return({
        "ticket_id": ticket_id,
        "verdict_source": verdict_source,
        "key": dbt.concat([ticket_id, "'|'", verdict_source]),
    }) }}
{%- endmacro %}
