{#- One row per issue type: every type of the issue_types seed plus every type seen
    in the tickets but missing from the seed (reported as unmapped). -#}

with

issue_types as {{ inline_cte() }} (

    select * from {{ ref("issue_types") }}

),

tickets as {{ inline_cte() }} (

    select * from {{ ref("int_tickets_in_scope") }}

),

observed as (

    select
        issue_type,
        count(*) as ticket_count
    from tickets
    where issue_type is not null
    group by issue_type

),

all_types as (

    select issue_type from issue_types
    union
    select issue_type from observed

)

select
    cast(all_types.issue_type as {{ dbt.type_string() }}) as issue_type,
    cast(coalesce(issue_types.category, 'unmapped') as {{ dbt.type_string() }}) as category,
    cast(coalesce(issue_types.risk_level, 'unmapped') as {{ dbt.type_string() }}) as risk_level,
    cast(coalesce(issue_types.complexity, 'unmapped') as {{ dbt.type_string() }}) as complexity,
    issue_types.issue_type is not null as is_mapped,
    cast(coalesce(observed.ticket_count, 0) as {{ dbt.type_int() }}) as ticket_count
from all_types
left join issue_types
    on all_types.issue_type = issue_types.issue_type
left join observed
    on all_types.issue_type = observed.issue_type
