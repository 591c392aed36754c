with

source as (

    select * from {{ source("support", "csat_responses") }}

),

renamed as (

    select
        -- ids
        cast(response_id as {{ dbt.type_string() }}) as response_id,
        cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,

        -- numbers
        cast(score as {{ dbt.type_int() }}) as score,

        -- timestamps
        cast(responded_at as {{ dbt.type_timestamp() }}) as responded_at,
        cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at

    from source

),

ranked as (

    select
        *,
        {{ latest_row_number("response_id", ["responded_at", "ticket_id", "score"]) }} as row_rank
    from renamed

)

select
    response_id,
    ticket_id,
    score,
    responded_at,
    _loaded_at,
    -- Scores outside the 1-5 scale are kept for counting but never used as evidence.
    coalesce(score between 1 and 5, false) as is_valid_score
from ranked
where row_rank = 1
