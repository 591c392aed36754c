with

source as (

    select * from {{ source("support", "tickets") }}

),

renamed as (

    select
        -- ids
        cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        nullif(
            trim({{ optional_column(source("support", "tickets"), "merged_into_ticket_id", dbt.type_string()) }}),
            ''
        ) as merged_into_ticket_id,

        -- strings
        {{ normalize_enum("channel", enum_values("channel"), "'unknown'") }} as channel,
        nullif(lower(trim(issue_type)), '') as issue_type,
        {{ normalize_enum("status", enum_values("ticket_status")) }} as status,

        -- booleans
        coalesce(
            {{ optional_column(source("support", "tickets"), "is_spam", dbt.type_boolean()) }},
            false
        ) as is_spam,

        -- timestamps
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at

    from source

),

ranked as (

    select
        *,
        {{ latest_row_number("ticket_id", [
            "created_at", "customer_id", "channel", "issue_type", "status",
            "is_spam", "merged_into_ticket_id",
        ]) }} as row_rank
    from renamed

)

select
    ticket_id,
    customer_id,
    merged_into_ticket_id,
    channel,
    issue_type,
    status,
    is_spam,
    created_at,
    _loaded_at
from ranked
where row_rank = 1
