{#- The contract's involvement rules, once, as boolean expressions over a timeline row.
    AI: an AI message, an AI action, an assignment to ai_agent, or any event whose actor
    is ai_agent (a status change, a handoff request: the AI closing a ticket without
    writing is still the AI at work). Human: a human message or note, an assignment to
    human_agent, or a status change made by a human_agent. -#}
{% macro is_ai_activity(timeline) -%}
    (
        ({{ timeline }}.activity_source = 'message' and {{ timeline }}.actor_type = 'ai_agent')
        or {{ timeline }}.activity_source = 'ai_action'
        or ({{ timeline }}.activity_type = 'assigned' and {{ timeline }}.assignee_type = 'ai_agent')
        or ({{ timeline }}.activity_source = 'event' and {{ timeline }}.actor_type = 'ai_agent')
    )
{%- endmacro %}


{% macro is_human_activity(timeline) -%}
    (
        ({{ timeline }}.activity_source = 'message' and {{ timeline }}.actor_type = 'human_agent')
        or ({{ timeline }}.activity_type = 'assigned' and {{ timeline }}.assignee_type = 'human_agent')
        or ({{ timeline }}.activity_type = 'status_changed' and {{ timeline }}.actor_type = 'human_agent')
    )
{%- endmacro %}
