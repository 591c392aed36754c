{#- Used rows holding `unknown` (an enum value outside the contract), per raw table and
    raw column: one pass over the tickets in scope, one over the timeline. Each check is
    (raw table, raw column, timeline source, column as staged); the tickets keep their
    raw column names. The used external verdicts (on a ticket in scope) are checked
    too. -#}

{%- set ticket_checks = ["channel", "status"] %}
{%- set timeline_checks = [
    ("messages", "author_type", "message", "actor_type"),
    ("ticket_events", "event_type", "event", "activity_type"),
    ("ticket_events", "actor_type", "event", "actor_type"),
    ("ticket_events", "status", "event", "status"),
    ("ticket_events", "assignee_type", "event", "assignee_type"),
    ("ticket_events", "reason", "event", "handoff_reason"),
    ("ai_actions", "outcome", "ai_action", "action_outcome"),
    ("ai_actions", "policy_result", "ai_action", "policy_result"),
] %}

with

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}

),

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}

),

verdicts as {{ inline_cte() }} (

    select * from {{ ref("stg_support__resolution_verdicts") }}

),

ticket_counts as (

    select
        {%- for column in ticket_checks %}
            sum(case when tickets.{{ column }} = 'unknown' then 1 else 0 end) as unknown_{{ column }},
        {%- endfor %}
        count(*) as ticket_rows
    from tickets

),

timeline_counts as (

    select
        {%- for raw_table, raw_column, source_name, column in timeline_checks %}
            sum(
                case
                    when timeline.activity_source = '{{ source_name }}' and timeline.{{ column }} = 'unknown'
                        then 1
                    else 0
                end
            ) as unknown_{{ raw_column }},
        {%- endfor %}
        count(*) as timeline_rows
    from timeline

),

verdict_counts as (

    select sum(case when verdicts.verdict = 'unknown' then 1 else 0 end) as unknown_verdict
    from verdicts
    inner join tickets
        on verdicts.ticket_id = tickets.ticket_id

),

unknown_values as (
    {%- for column in ticket_checks %}

        select
            'tickets' as raw_table,
            '{{ column }}' as raw_column,
            coalesce(ticket_counts.unknown_{{ column }}, 0) as unknown_rows
        from ticket_counts

        union all
    {%- endfor %}
    {%- for raw_table, raw_column, source_name, column in timeline_checks %}

        select
            '{{ raw_table }}' as raw_table,
            '{{ raw_column }}' as raw_column,
            coalesce(timeline_counts.unknown_{{ raw_column }}, 0) as unknown_rows
        from timeline_counts

        union all
    {%- endfor %}

    select
        'resolution_verdicts' as raw_table,
        'verdict' as raw_column,
        coalesce(verdict_counts.unknown_verdict, 0) as unknown_rows
    from verdict_counts

)

select
    cast(
        {{ dbt.concat(["unknown_values.raw_table", "'|'", "unknown_values.raw_column"]) }}
        as {{ dbt.type_string() }}
    ) as unknown_value_key,
    cast(unknown_values.raw_table as {{ dbt.type_string() }}) as raw_table,
    cast(unknown_values.raw_column as {{ dbt.type_string() }}) as raw_column,
    cast(unknown_values.unknown_rows as {{ dbt.type_bigint() }}) as unknown_rows
from unknown_values
