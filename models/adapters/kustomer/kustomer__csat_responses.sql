{#- The contract's CSAT answers from Kustomer: each conversation's satisfaction survey
    answer, attributes.satisfactionLevel.rating (Kustomer's normalised 1-5 rating), through
    source_csat_scale, dated at satisfactionLevel.updatedAt (else sentAt, else createdAt).
    A survey whose status says it was not answered (scheduled, offered, canceled,
    unresponded) gives no row; a rating the seed does not map is no answer and is counted
    in kustomer__unmapped_source_values. Kustomer keeps one survey per conversation: only
    the latest answer is exported. -#}
{%- set non_answers = "'" ~ kustomer_csat_non_answers() | join("', '") ~ "'" %}

with

conversations as (

    select * from {{ ref("base_kustomer__conversations") }}

),

csat_scale as (

    {{ kustomer_seed_rows("source_csat_scale", "score") }}

)

select
    cast({{ dbt.concat(["conversations.conversation_id", "':satisfaction'"]) }} as {{ dbt.type_string() }})
        as response_id,
    cast(conversations.conversation_id as {{ dbt.type_string() }}) as ticket_id,
    cast(conversations.satisfaction_at as {{ dbt.type_timestamp() }}) as responded_at,
    cast(csat_scale.score as {{ dbt.type_int() }}) as score,
    cast(conversations._loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from conversations
inner join csat_scale
    on lower(conversations.satisfaction_rating) = csat_scale.source_value
where
    conversations.conversation_id is not null
    and not conversations.is_deleted_in_source
    and coalesce(conversations.satisfaction_status not in ({{ non_answers }}), true)
