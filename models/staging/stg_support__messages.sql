with

source as (

    select * from {{ source("support", "messages") }}

),

renamed as (

    select
        -- ids
        cast(message_id as {{ dbt.type_string() }}) as message_id,
        cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
        cast(author_id as {{ dbt.type_string() }}) as author_id,

        -- strings
        {{ normalize_enum("author_type", enum_values("author_type"), "'unknown'") }} as author_type,
        -- PII: the body stays in staging; downstream models never select it.
        cast(body as {{ dbt.type_string() }}) as body,

        -- booleans
        coalesce(cast(is_public as {{ dbt.type_boolean() }}), true) as is_public,

        -- timestamps
        cast(sent_at as {{ dbt.type_timestamp() }}) as sent_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at

    from source

),

ranked as (

    select
        *,
        {{ latest_row_number("message_id", [
            "sent_at", "ticket_id", "author_type", "author_id", "is_public", "body",
        ]) }} as row_rank
    from renamed

)

select
    message_id,
    ticket_id,
    author_id,
    author_type,
    body,
    is_public,
    sent_at,
    _loaded_at
from ranked
where row_rank = 1
