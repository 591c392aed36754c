{#- The contract's CSAT answers from Intercom: the conversation rating (at
    conversation_rating_created_at) and Fin's own rating (ai_agent_rating, dated when it
    first appeared among the conversation's versions), as the var intercom_csat_rating
    says: both (default), conversation or ai_agent. Values go through source_csat_scale;
    a value it does not map is no answer and is counted in
    intercom__unmapped_source_values. -#}
{%- set which = var("intercom_csat_rating", "both") | string | lower | trim %}
{%- if which not in ["both", "conversation", "ai_agent"] %}
    {{ exceptions.raise_compiler_error(
        "The var intercom_csat_rating is '" ~ which ~ "': use both, conversation or ai_agent."
    ) }}
{%- endif %}

with

conversations as (

    select * from {{ ref("intercom__conversations") }}

),

csat_scale as (

    select * from {{ ref("source_csat_scale") }}

),

intercom_scale as (

    select
        {{ intercom_key("source_value") }} as source_value,
        max(score) as score
    from csat_scale
    where {{ intercom_key("source_system") }} = 'intercom'
    group by {{ intercom_key("source_value") }}

),

ratings as (

    select
        {{ dbt.concat(["conversation_id", "':conversation_rating'"]) }} as response_id,
        conversation_id as ticket_id,
        conversation_rating_created_at as responded_at,
        lower(conversation_rating_value) as rating_value,
        _fivetran_synced as _loaded_at,
        'conversation' as rating_kind
    from conversations
    where conversation_rating_value is not null and not is_deleted_in_source

    union all

    select
        {{ dbt.concat(["conversation_id", "':ai_agent_rating'"]) }} as response_id,
        conversation_id as ticket_id,
        ai_agent_rating_since as responded_at,
        lower(ai_agent_rating) as rating_value,
        _fivetran_synced as _loaded_at,
        'ai_agent' as rating_kind
    from conversations
    where ai_agent_rating is not null and not is_deleted_in_source

)

select
    cast(ratings.response_id as {{ dbt.type_string() }}) as response_id,
    cast(ratings.ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(ratings.responded_at as {{ dbt.type_timestamp() }}) as responded_at,
    cast(intercom_scale.score as {{ dbt.type_int() }}) as score,
    cast(ratings._loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from ratings
inner join intercom_scale
    on ratings.rating_value = intercom_scale.source_value
{%- if which != "both" %}
where ratings.rating_kind = '{{ which }}'
{%- endif %}
