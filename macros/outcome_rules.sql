{#- Bump when the meaning of an outcome or reason changes, so a stored result can be
    traced to the rules that produced it. -#}
{% macro outcome_rules_version() -%}
    1.0.0
{%- endmacro %}


{#- The thresholds in force, stored next to every outcome for reviewers. -#}
{% macro outcome_rules_config() -%}
    reopen_window_hours={{ var("reopen_window_hours") }};reopen_grace_minutes={{ var("reopen_grace_minutes") }};repeat_contact_window_hours={{ var("repeat_contact_window_hours") }};csat_confirm_min_score={{ var("csat_confirm_min_score") }};csat_negative_max_score={{ var("csat_negative_max_score") }};inactivity_close_hours={{ var("inactivity_close_hours") }}
{%- endmacro %}
