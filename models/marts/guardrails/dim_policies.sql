{#- One row per guardrail policy: every policy of the policies seed plus every policy
    id seen in AI actions but missing from the seed, with the effective severity (the
    seed's, or unmapped_policy_severity, default critical, for an unlisted policy). -#}

with

policies as {{ inline_cte() }} (

    select * from {{ ref("policies") }}

),

timeline as {{ inline_cte() }} (

    select * from {{ ref("int_activity_timeline") }}

),

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}

),

observed as (

    select
        timeline.policy_id,
        count(*) as action_count
    from timeline
    inner join tickets
        on timeline.ticket_id = tickets.ticket_id
    where
        timeline.activity_source = 'ai_action'
        and timeline.policy_id is not null
    group by timeline.policy_id

),

all_policies as (

    select policy_id from policies
    union
    select policy_id from observed

)

select
    cast(all_policies.policy_id as {{ dbt.type_string() }}) as policy_id,
    cast(policies.policy_name as {{ dbt.type_string() }}) as policy_name,
    cast(
        {{ effective_policy_severity("all_policies.policy_id", "policies.severity") }} as {{ dbt.type_string() }}
    ) as severity,
    coalesce(
        {{ effective_policy_severity("all_policies.policy_id", "policies.severity") }} = 'critical', false
    ) as is_critical,
    policies.policy_id is not null as is_mapped,
    cast(coalesce(observed.action_count, 0) as {{ dbt.type_int() }}) as action_count
from all_policies
left join policies
    on all_policies.policy_id = policies.policy_id
left join observed
    on all_policies.policy_id = observed.policy_id
