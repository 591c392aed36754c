{#- The elements of a JSON array held in a column (a JSON/jsonb column, or a string of
    JSON as Spark and CSV loads land it), one row each: put the macro in a select list,
    alone among set-returning expressions, like unnest():

        select ticket_id, {{ json_array_elements("tags") }} as tag_json from tickets

    Each element stays JSON (DuckDB json, PostgreSQL jsonb, Spark a string holding the
    element's JSON text, or the bare text of a string element), so json_text(element,
    [...]) reads a field of an object element and json_element_text(element) the text of
    a string or number element. A null, a JSON null or a value that is not an array gives
    no row (on PostgreSQL a string that is not JSON at all is an error, as in any cast). -#}
{% macro json_array_elements(expression) -%}
    {{ return(adapter.dispatch("json_array_elements", "ai_resolution")(expression)) }}
{%- endmacro %}

{% macro default__json_array_elements(expression) -%}
    {#- DuckDB: the wildcard path gives a list of JSON values (an empty list for an object). -#}
    unnest(json_extract({{ expression }}, '$[*]'))
{%- endmacro %}

{% macro postgres__json_array_elements(expression) -%}
    jsonb_array_elements(
        case
            when jsonb_typeof(cast({{ expression }} as jsonb)) = 'array' then cast({{ expression }} as jsonb)
        end
    )
{%- endmacro %}

{% macro spark__json_array_elements(expression) -%}
    {#- array<string> keeps an object element as its JSON text and a scalar as its text;
        anything but an array parses to null, which explodes to no row. -#}
    explode(from_json(cast({{ expression }} as string), 'array<string>'))
{%- endmacro %}


{#- The text of a scalar element that json_array_elements gave (a tag, an id): a string
    without its quotes, a number as written; null for a JSON null. -#}
{% macro json_element_text(element) -%}
    {{ return(adapter.dispatch("json_element_text", "ai_resolution")(element)) }}
{%- endmacro %}

{% macro default__json_element_text(element) -%}
    json_extract_string({{ element }}, '$')
{%- endmacro %}

{% macro postgres__json_element_text(element) -%}
    (cast({{ element }} as jsonb) #>> '{}')
{%- endmacro %}

{% macro spark__json_element_text(element) -%}
    cast({{ element }} as string)
{%- endmacro %}
