{#- A 64-bit float on every engine (dbt.type_float() is 32-bit on DuckDB). -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch("type_double", "ai_resolution")()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro duckdb__type_double() -%}
    double
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}


{#- Minutes between two timestamps, with seconds kept as a fraction. Divided as a
    double: Spark would divide by the literal 60.0 as a decimal and round to 6 places. -#}
{% macro minutes_between(start_column, end_column) -%}
    (cast({{ dbt.datediff(start_column, end_column, "second") }} as {{ type_double() }}) / 60)
{%- endmacro %}
