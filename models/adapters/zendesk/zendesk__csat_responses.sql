{#- The contract's `csat_responses` from Zendesk's satisfaction_score field changes,
    scored through source_csat_scale (defaults good → 5, bad → 1). `offered` and
    `unoffered` are not answers and make no row; a value the scale does not map makes
    no row either and is counted in zendesk__unmapped_source_values. -#}

with

field_history as (

    select * from {{ ref("base_zendesk__ticket_field_history") }}

),

csat_scale as (

    {{ zendesk_seed_rows("source_csat_scale", "score") }}

),

answers as (

    select
        {{ dbt.concat([
            "field_history.ticket_id", "':'", "cast(field_history.changed_at as " ~ dbt.type_string() ~ ")",
        ]) }} as response_id,
        field_history.ticket_id,
        field_history.changed_at as responded_at,
        csat_scale.score,
        field_history._loaded_at
    from field_history
    inner join csat_scale
        on lower(field_history.field_value) = csat_scale.source_value
    where field_history.field_name = 'satisfaction_score'

)

select
    cast(response_id as {{ dbt.type_string() }}) as response_id,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(responded_at as {{ dbt.type_timestamp() }}) as responded_at,
    cast(score as {{ dbt.type_int() }}) as score,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from answers
