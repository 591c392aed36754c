{#- The contract's `csat_responses` from Airbyte's satisfaction_ratings stream, scored
    through source_csat_scale (defaults good → 5, bad → 1), at the time the customer
    answered. `offered` and `unoffered` are not answers and make no row; a score the scale
    does not map makes no row either and is counted in
    zendesk_airbyte__unmapped_source_values. -#}

with

ratings as (

    select * from {{ ref("base_zendesk_airbyte__satisfaction_ratings") }}
    where not is_deleted_in_source

),

csat_scale as (

    {{ zendesk_seed_rows("source_csat_scale", "score", "zendesk_airbyte") }}

),

answers as (

    select
        {{ dbt.concat(["'rating:'", "ratings.rating_id"]) }} as response_id,
        ratings.ticket_id,
        ratings.rated_at as responded_at,
        csat_scale.score,
        ratings._loaded_at
    from ratings
    inner join csat_scale
        on ratings.score = csat_scale.source_value

)

select
    cast(response_id as {{ dbt.type_string() }}) as response_id,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(responded_at as {{ dbt.type_timestamp() }}) as responded_at,
    cast(score as {{ dbt.type_int() }}) as score,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from answers
