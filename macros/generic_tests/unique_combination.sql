{#- The columns together identify a row: one row per combination (for mapping seeds
    keyed by source system and source value). Returns the combinations seen twice. -#}
{% test unique_combination(model, columns) %}

    select
        {{ columns | join(", ") }},
        count(*) as row_count
    from {{ model }}
    group by {{ columns | join(", ") }}
    having count(*) > 1

{% endtest %}
