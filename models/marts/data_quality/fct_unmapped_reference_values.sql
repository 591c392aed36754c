{#- One row per reference value the data uses but the editable seeds do not map: each
    policy id of an AI action missing from the policies seed (its violations count with
    the severity of the var unmapped_policy_severity, default critical, until someone
    classifies the policy) and each issue type of a ticket missing from the issue_types
    seed (segmented as unmapped), with how many used rows and conversations carry it. The
    warning test assert_reference_values_mapped names them. -#}

with

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}

),

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}

),

policies as {{ inline_cte() }} (

    select * from {{ ref("policies") }}

),

issue_types as {{ inline_cte() }} (

    select * from {{ ref("issue_types") }}

),

unmapped_policies as (

    select
        'policies' as seed_name,
        'policy_id' as seed_column,
        timeline.policy_id as unmapped_value,
        'ai_actions' as raw_table,
        count(*) as row_count,
        count(distinct timeline.ticket_id) as ticket_count,
        sum(
            case
                when timeline.policy_result = 'violated' and timeline.action_outcome != 'blocked' then 1
                else 0
            end
        ) as unblocked_violation_count,
        'severity {{ unmapped_policy_severity() }} (var unmapped_policy_severity)' as applied_mapping,
        min(timeline.activity_at) as first_seen_at,
        max(timeline.activity_at) as last_seen_at
    from timeline
    left join policies
        on timeline.policy_id = policies.policy_id
    where
        timeline.activity_source = 'ai_action'
        and timeline.policy_id is not null
        and policies.policy_id is null
    group by timeline.policy_id

),

unmapped_issue_types as (

    select
        'issue_types' as seed_name,
        'issue_type' as seed_column,
        tickets.issue_type as unmapped_value,
        'tickets' as raw_table,
        count(*) as row_count,
        count(distinct tickets.ticket_id) as ticket_count,
        cast(null as {{ dbt.type_int() }}) as unblocked_violation_count,
        'category, risk_level and complexity unmapped' as applied_mapping,
        min(tickets.created_at) as first_seen_at,
        max(tickets.created_at) as last_seen_at
    from tickets
    left join issue_types
        on tickets.issue_type = issue_types.issue_type
    where
        tickets.issue_type is not null
        and issue_types.issue_type is null
    group by tickets.issue_type

),

{%- if source_system() != "contract" %}

{#- The help desk's values that no row of a source_* mapping seed maps (staged as unknown). -#}
unmapped_source_values as (

    select
        seed_name,
        'source_value' as seed_column,
        unmapped_value,
        raw_table,
        row_count,
        ticket_count,
        cast(null as {{ dbt.type_int() }}) as unblocked_violation_count,
        case seed_name
            when 'source_status_map' then 'status unknown'
            when 'source_channel_map' then 'channel unknown'
            else 'not a CSAT answer: no response'
        end as applied_mapping,
        first_seen_at,
        last_seen_at
    from {{ ref(source_system() ~ "__unmapped_source_values") }}

),
{%- endif %}

unmapped as (

    select * from unmapped_policies
    union all
    select * from unmapped_issue_types
    {%- if source_system() != "contract" %}
    union all
    select * from unmapped_source_values
    {%- endif %}

)

select
    cast({{ dbt.concat(["seed_name", "'|'", "unmapped_value"]) }} as {{ dbt.type_string() }}) as reference_key,
    cast(seed_name as {{ dbt.type_string() }}) as seed_name,
    cast(seed_column as {{ dbt.type_string() }}) as seed_column,
    cast(unmapped_value as {{ dbt.type_string() }}) as unmapped_value,
    cast(raw_table as {{ dbt.type_string() }}) as raw_table,
    cast(row_count as {{ dbt.type_int() }}) as row_count,
    cast(ticket_count as {{ dbt.type_int() }}) as ticket_count,
    cast(unblocked_violation_count as {{ dbt.type_int() }}) as unblocked_violation_count,
    cast(applied_mapping as {{ dbt.type_string() }}) as applied_mapping,
    cast(first_seen_at as {{ dbt.type_timestamp() }}) as first_seen_at,
    cast(last_seen_at as {{ dbt.type_timestamp() }}) as last_seen_at
from unmapped
