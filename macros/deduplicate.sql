{#- Re-extracted rows: the latest _loaded_at wins per key. Rows with a null
    _loaded_at lose to any loaded one; among equals the remaining columns decide,
    so the winner never depends on physical row order. -#}
{% macro latest_row_number(key, tie_breakers) -%}
    row_number() over (
        partition by {{ key }}
        order by
            _loaded_at desc nulls last
            {%- for column in tie_breakers %},
            {{ column }} desc nulls last
            {%- endfor %}
    )
{%- endmacro %}
