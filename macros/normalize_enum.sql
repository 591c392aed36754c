{#- Enum values are matched case-insensitively after trimming; anything outside the
    contract becomes 'unknown' so it is kept and counted, never dropped. -#}
{% macro normalize_enum(column_expression, accepted_values, null_value="null") -%}
    case
        when {{ column_expression }} is null then {{ null_value }}
        when lower(trim({{ column_expression }})) in (
            {%- for value in accepted_values %}'{{ value }}'{{ "," if not loop.last }}{% endfor -%}
        ) then lower(trim({{ column_expression }}))
        else 'unknown'
    end
{%- endmacro %}


{#- The enum domains of the raw contract, in one place. -#}
{% macro enum_values(name) -%}
    {%- set domains = {
        "channel": ["chat", "email", "voice", "sms", "social", "web", "api", "other"],
        "ticket_status": ["open", "pending", "on_hold", "solved", "closed"],
        "author_type": ["customer", "ai_agent", "human_agent", "system"],
        "event_type": ["status_changed", "assigned", "handoff_requested", "resolution_confirmed", "resolution_rejected"],
        "assignee_type": ["ai_agent", "human_agent", "queue"],
        "handoff_reason": ["customer_request", "low_confidence", "policy", "sentiment", "other"],
        "action_outcome": ["succeeded", "failed", "blocked"],
        "policy_result": ["passed", "violated", "overridden", "not_applicable"],
    } -%}
    {{ return(domains[name]) }}
{%- endmacro %}
