{#- The segments every rate can be cut by, as (segment_type, column) pairs; 'all' is
    the whole population. Aggregate marts repeat their group by once per pair. -#}
{% macro metric_segments() -%}
    {{ return([
        ("all", "'all'"),
        ("channel", "channel"),
        ("issue_type", "issue_type"),
        ("category", "category"),
        ("risk_level", "risk_level"),
        ("complexity", "complexity"),
        ("agent_version", "agent_version"),
    ]) }}
{%- endmacro %}
