{#- Re-extracted rows: per key, the latest _loaded_at wins; rows with a null _loaded_at
    lose to any loaded one; among equals the row's other columns decide, so the winner
    never depends on physical row order. Gives key_rank (1 = the winner) and
    raw_row_count (rows carrying the key) over one window, so the engine partitions and
    sorts the rows once; a row without a key is its own group. -#}
{% macro rank_within_key(key, row_columns) -%}
    {%- set window -%}
        partition by {{ key }}
        order by
            _loaded_at desc nulls last
            {%- for column in row_columns %},
            {{ column }} desc nulls last
            {%- endfor %}
    {%- endset -%}
    case
        when {{ key }} is not null then row_number() over ({{ window }})
    end as key_rank,
    case
        when {{ key }} is not null
            then count(*) over ({{ window }} rows between unbounded preceding and unbounded following)
        else 1
    end as raw_row_count
{%- endmacro %}
