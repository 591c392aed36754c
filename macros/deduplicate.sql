{#- Re-extracted rows: per key, the latest _loaded_at wins; rows with a null _loaded_at
    lose to any loaded one; among equals the row's other columns decide, so the winner
    never depends on physical row order. key_rank (1 = the winner) and raw_row_count (rows
    carrying the key) share one window, so the engine partitions and sorts the rows once;
    a row without a key is its own group. -#}
{% macro key_window(key, row_columns) -%}
    partition by {{ key }}
    order by
        _loaded_at desc nulls last
        {%- for column in row_columns %},
        {{ column }} desc nulls last
        {%- endfor %}
{%- endmacro %}


{% macro key_rank(key, row_columns) -%}
    case
        when {{ key }} is not null then row_number() over ({{ key_window(key, row_columns) }})
    end
{%- endmacro %}


{% macro raw_row_count(key, row_columns) -%}
    case
        when {{ key }} is not null
            then count(*) over (
                {{ key_window(key, row_columns) }}
                rows between unbounded preceding and unbounded following
            )
        else 1
    end
{%- endmacro %}
