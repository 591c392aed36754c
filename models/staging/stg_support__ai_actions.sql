with

source as (

    select * from {{ source("support", "ai_actions") }}

),

renamed as (

    select
        -- ids
        cast(action_id as {{ dbt.type_string() }}) as action_id,
        cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
        nullif(trim(cast(policy_id as {{ dbt.type_string() }})), '') as policy_id,

        -- strings
        cast(action_name as {{ dbt.type_string() }}) as action_name,
        cast(procedure_name as {{ dbt.type_string() }}) as procedure_name,
        {{ normalize_enum("outcome", enum_values("action_outcome"), "'unknown'") }} as outcome,
        {{ normalize_enum("policy_result", enum_values("policy_result")) }} as policy_result,
        nullif(trim(cast(agent_version as {{ dbt.type_string() }})), '') as agent_version,

        -- booleans
        cast(is_final_step as {{ dbt.type_boolean() }}) as is_final_step,

        -- timestamps
        cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at

    from source

),

ranked as (

    select
        *,
        {{ latest_row_number("action_id", [
            "occurred_at", "ticket_id", "action_name", "procedure_name", "outcome",
            "policy_id", "policy_result", "is_final_step", "agent_version",
        ]) }} as row_rank
    from renamed

)

select
    action_id,
    ticket_id,
    policy_id,
    action_name,
    procedure_name,
    outcome,
    policy_result,
    agent_version,
    is_final_step,
    occurred_at,
    _loaded_at
from ranked
where row_rank = 1
