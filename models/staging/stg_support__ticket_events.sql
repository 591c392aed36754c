with

source as (

    select * from {{ source("support", "ticket_events") }}

),

renamed as (

    select
        -- ids
        cast(event_id as {{ dbt.type_string() }}) as event_id,
        cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,

        -- strings
        {{ normalize_enum("event_type", enum_values("event_type"), "'unknown'") }} as event_type,
        {{ normalize_enum("actor_type", enum_values("author_type")) }} as actor_type,
        {{ normalize_enum("status", enum_values("ticket_status")) }} as status,
        {{ normalize_enum("assignee_type", enum_values("assignee_type")) }} as assignee_type,
        {{ normalize_enum("reason", enum_values("handoff_reason")) }} as reason,

        -- timestamps
        cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at

    from source

),

ranked as (

    select
        *,
        {{ latest_row_number("event_id", [
            "occurred_at", "ticket_id", "event_type", "actor_type", "status",
            "assignee_type", "reason",
        ]) }} as row_rank
    from renamed

)

select
    event_id,
    ticket_id,
    event_type,
    actor_type,
    status,
    assignee_type,
    reason,
    occurred_at,
    _loaded_at
from ranked
where row_rank = 1
