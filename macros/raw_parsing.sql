{#- Raw columns may arrive typed (timestamp, integer) or as text (CSV loads). These
    macros look the column's type up once at compile time and parse text leniently:
    a value that does not parse becomes null, and staging quarantines the row. -#}

{% macro raw_column_type(relation, column_name) -%}
    {%- if not execute -%}{{ return("") }}{%- endif -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- if column.name | lower == column_name | lower -%}
            {{ return(column.data_type | lower) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return("") }}
{%- endmacro %}


{% macro is_text_type(data_type) -%}
    {{ return(data_type == "" or "char" in data_type or "text" in data_type or "string" in data_type) }}
{%- endmacro %}


{#- A UTC timestamp from a raw column: text with an offset ('...+02:00', '...Z') is
    converted to UTC, text without one is taken as UTC; unparseable text gives null. -#}
{% macro utc_timestamp(relation, column_name) -%}
    {%- set data_type = raw_column_type(relation, column_name) -%}
    {%- if is_text_type(data_type) -%}
        {{ adapter.dispatch("parse_utc_timestamp_text", "ai_resolution")("trim(" ~ column_name ~ ")") }}
    {%- elif "time zone" in data_type or "timestamptz" in data_type -%}
        {{ adapter.dispatch("timestamptz_to_utc", "ai_resolution")(column_name) }}
    {%- else -%}
        cast({{ column_name }} as {{ dbt.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}

{#- An optional timestamp column in UTC (utc_timestamp), or a typed null when the relation
    lacks it: the help-desk adapters' optional vendor columns (_fivetran_synced of some
    Zendesk tables, verdict times landed next to a vendor's tables). -#}
{% macro optional_utc_timestamp(relation, column_name) -%}
    {%- if column_present(relation, column_name) -%}
        {{ utc_timestamp(relation, column_name) }}
    {%- else -%}
        cast(null as {{ dbt.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}

{% macro default__parse_utc_timestamp_text(text) -%}
    {#- No try_cast here: only text shaped like a timestamp is cast. -#}
    case
        when {{ text }} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?$'
            then cast({{ text }} as timestamp)
        when {{ text }} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9:.]+(Z|[+-][0-9]{2}(:?[0-9]{2})?)$'
            then cast(cast({{ text }} as timestamptz) at time zone 'UTC' as timestamp)
    end
{%- endmacro %}

{% macro duckdb__parse_utc_timestamp_text(text) -%}
    case
        when regexp_matches({{ text }}, '(Z|[+-]\d{2}(:?\d{2})?)$')
            then cast(timezone('UTC', try_cast({{ text }} as timestamptz)) as timestamp)
        else try_cast({{ text }} as timestamp)
    end
{%- endmacro %}

{% macro spark__parse_utc_timestamp_text(text) -%}
    {#- The Spark session runs in UTC (see profiles.yml); a bad value casts to null. -#}
    cast({{ text }} as timestamp)
{%- endmacro %}

{% macro default__timestamptz_to_utc(column_name) -%}
    cast({{ column_name }} at time zone 'UTC' as timestamp)
{%- endmacro %}

{% macro duckdb__timestamptz_to_utc(column_name) -%}
    cast(timezone('UTC', {{ column_name }}) as timestamp)
{%- endmacro %}


{#- An integer from a raw column, null when the text is not a whole number. -#}
{% macro integer_or_null(relation, column_name) -%}
    {%- set data_type = raw_column_type(relation, column_name) -%}
    {%- if is_text_type(data_type) -%}
        case
            when {{ matches_regex("trim(" ~ column_name ~ ")", "^[+-]?[0-9]{1,9}$") }}
                then cast(trim({{ column_name }}) as {{ dbt.type_int() }})
        end
    {%- else -%}
        cast({{ column_name }} as {{ dbt.type_int() }})
    {%- endif -%}
{%- endmacro %}

{% macro matches_regex(text, pattern) -%}
    {{ return(adapter.dispatch("matches_regex", "ai_resolution")(text, pattern)) }}
{%- endmacro %}
{% macro default__matches_regex(text, pattern) -%}({{ text }} ~ '{{ pattern }}'){%- endmacro %}
{% macro duckdb__matches_regex(text, pattern) -%}regexp_matches({{ text }}, '{{ pattern }}'){%- endmacro %}
{% macro spark__matches_regex(text, pattern) -%}({{ text }} rlike '{{ pattern }}'){%- endmacro %}


{#- A boolean from a raw column that may be text ('true', 'false', 't', 'f', '1', '0', 'yes', 'no'). -#}
{% macro boolean_or_null(relation, column_name) -%}
    {%- set data_type = raw_column_type(relation, column_name) -%}
    {%- if is_text_type(data_type) -%}
        case
            when lower(trim({{ column_name }})) in ('true', 't', '1', 'yes', 'y') then true
            when lower(trim({{ column_name }})) in ('false', 'f', '0', 'no', 'n') then false
        end
    {%- else -%}
        cast({{ column_name }} as {{ dbt.type_boolean() }})
    {%- endif -%}
{%- endmacro %}


{% macro column_present(relation, column_name) -%}
    {%- if not execute -%}{{ return(true) }}{%- endif -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- if column.name | lower == column_name | lower -%}{{ return(true) }}{%- endif -%}
    {%- endfor -%}
    {{ return(false) }}
{%- endmacro %}
