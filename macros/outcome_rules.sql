{#- Bump when the meaning of an outcome or reason changes, so a stored result can be
    traced to the rules that produced it. -#}
{% macro outcome_rules_version() -%}
    1.1.0
{%- endmacro %}


{#- The thresholds in force, stored next to every outcome for reviewers. -#}
{% macro outcome_rules_config() -%}
    reopen_window_hours={{ var("reopen_window_hours") }};reopen_grace_minutes={{ var("reopen_grace_minutes") }};repeat_contact_window_hours={{ var("repeat_contact_window_hours") }};csat_confirm_min_score={{ var("csat_confirm_min_score") }};csat_negative_max_score={{ var("csat_negative_max_score") }};inactivity_close_hours={{ var("inactivity_close_hours") }};max_pre_creation_hours={{ var("max_pre_creation_hours") }};unmapped_policy_severity={{ unmapped_policy_severity() }}
{%- endmacro %}


{#- The earliest moment a row can belong to a conversation: max_pre_creation_hours before
    the ticket's created_at (messaging help desks create the ticket when the bot hands
    over, after the bot has spoken). Older rows are bad input, set aside. The bound is
    inclusive; int_activity_timeline, int_raw_row_dispositions and fct_ai_actions use it. -#}
{% macro conversation_window_start(created_at) -%}
    {{ timestamp_add("hour", -1 * var("max_pre_creation_hours"), created_at) }}
{%- endmacro %}


{#- The severity a policy missing from the policies seed counts with (var
    unmapped_policy_severity, default critical): an unclassified violation counts against
    the AI until someone classifies the policy. -#}
{% macro unmapped_policy_severity() -%}
    {%- set severity = var("unmapped_policy_severity") | string | trim | lower -%}
    {%- if severity not in ["info", "warning", "critical"] -%}
        {{ exceptions.raise_compiler_error(
            "var unmapped_policy_severity must be info, warning or critical, not '" ~ severity ~ "'"
        ) }}
    {%- endif -%}
    {{ return(severity) }}
{%- endmacro %}


{#- A policy's effective severity: the seed's, or unmapped_policy_severity for a policy id
    the seed does not list; null when the action checked no policy. -#}
{% macro effective_policy_severity(policy_id, seed_severity) -%}
    case
        when {{ policy_id }} is null then null
        else coalesce(lower(trim({{ seed_severity }})), '{{ unmapped_policy_severity() }}')
    end
{%- endmacro %}
