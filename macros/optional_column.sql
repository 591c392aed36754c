{#- Optional raw columns may be absent from a user's table: select the column when
    the relation has it, else a typed null, so staging still builds. -#}
{% macro optional_column(relation, column_name, data_type) -%}
    {%- if column_present(relation, column_name) -%}
        cast({{ column_name }} as {{ data_type }})
    {%- else -%}
        cast(null as {{ data_type }})
    {%- endif -%}
{%- endmacro %}
