{#- Written between an import CTE's name and its body: `timeline as {{ inline_cte() }} (`.
    DuckDB (and PostgreSQL 12+) otherwise materialise a CTE referenced more than once,
    copying a whole table before reading it; an import CTE is a plain read and is better
    inlined. Spark has no such hint (and inlines anyway). -#}
{% macro inline_cte() -%}
    {{ return(adapter.dispatch("inline_cte", "ai_resolution")()) }}
{%- endmacro %}

{% macro default__inline_cte() -%}
    not materialized
{%- endmacro %}

{% macro spark__inline_cte() -%}
{%- endmacro %}
