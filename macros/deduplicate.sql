{#- The window over the raw rows of one key, latest extraction first: the latest
    _loaded_at wins; rows with a null _loaded_at lose to any loaded one; among equals
    the remaining columns decide, so the winner never depends on physical row order. -#}
{% macro latest_first_window(key, tie_breakers, frame="") -%}
    (
        partition by {{ key }}
        order by
            _loaded_at desc nulls last
            {%- for column in tie_breakers %},
            {{ column }} desc nulls last
            {%- endfor %}
        {{ frame }}
    )
{%- endmacro %}


{#- 1 for the row that wins its key. -#}
{% macro latest_row_number(key, tie_breakers) -%}
    row_number() over {{ latest_first_window(key, tie_breakers) }}
{%- endmacro %}


{#- How many raw rows carry the key, over the same window as latest_row_number so the
    engine partitions and sorts the rows once for both. -#}
{% macro key_row_count(key, tie_breakers) -%}
    count(*) over {{ latest_first_window(key, tie_breakers, "rows between unbounded preceding and unbounded following") }}
{%- endmacro %}
