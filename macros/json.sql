{#- Text of one field inside a JSON document held in a column (a JSON/jsonb column or a
    string of JSON, as loaders land nested vendor objects). `keys` is the path, outermost
    first: json_text("via", ["source", "from", "address"]). Null when the field or the
    document is missing. Array elements are addressed by a number key. -#}
{% macro json_text(expression, keys) -%}
    {{ return(adapter.dispatch("json_text", "ai_resolution")(expression, keys)) }}
{%- endmacro %}

{#- JSONPath '$.a.b[0]' for DuckDB and Spark. -#}
{% macro json_path(keys) -%}
    {%- set parts = ["$"] -%}
    {%- for key in keys -%}
        {%- if key is number -%}
            {%- do parts.append("[" ~ key ~ "]") -%}
        {%- else -%}
            {%- do parts.append('."' ~ key ~ '"') -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(parts | join("")) }}
{%- endmacro %}

{% macro default__json_text(expression, keys) -%}
    json_extract_string({{ expression }}, '{{ json_path(keys) }}')
{%- endmacro %}

{% macro postgres__json_text(expression, keys) -%}
    (cast({{ expression }} as jsonb) #>> '{ {{- keys | join(",") -}} }')
{%- endmacro %}

{% macro spark__json_text(expression, keys) -%}
    {#- Spark's JSONPath takes bare names: $.a.b -#}
    get_json_object(cast({{ expression }} as string), '{{ json_path(keys) | replace('"', "") }}')
{%- endmacro %}
