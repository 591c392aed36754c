{#- Intercom values no mapping seed row maps, for fct_unmapped_reference_values: a
    conversation state missing from source_status_map (status unknown), a source_type
    missing from source_channel_map (channel unknown), a rating missing from
    source_csat_scale (no CSAT answer). Counted over the conversations in use (current
    versions, not deleted); ratings as the var intercom_csat_rating selects them. -#}
{%- set which = var("intercom_csat_rating", "both") | string | lower | trim %}

with

conversations as (

    select * from {{ ref("intercom__conversations") }}

),

status_map as (

    select * from {{ ref("source_status_map") }}

),

channel_map as (

    select * from {{ ref("source_channel_map") }}

),

csat_scale as (

    select * from {{ ref("source_csat_scale") }}

),

mapped_values as (

    select
        'source_status_map' as seed_name,
        {{ intercom_key("source_value") }} as source_value
    from status_map
    where {{ intercom_key("source_system") }} = 'intercom'
    union all
    select
        'source_channel_map' as seed_name,
        {{ intercom_key("source_value") }} as source_value
    from channel_map
    where {{ intercom_key("source_system") }} = 'intercom'
    union all
    select
        'source_csat_scale' as seed_name,
        {{ intercom_key("source_value") }} as source_value
    from csat_scale
    where {{ intercom_key("source_system") }} = 'intercom'

),

used_conversations as (

    select * from conversations
    where conversation_id is not null and not is_deleted_in_source

),

found_values as (

    select
        'source_status_map' as seed_name,
        state as source_value,
        conversation_id,
        created_at as seen_at
    from used_conversations
    where state is not null

    union all

    select
        'source_channel_map' as seed_name,
        source_type as source_value,
        conversation_id,
        created_at as seen_at
    from used_conversations
    where source_type is not null
    {%- if which in ["both", "conversation"] %}

        union all

        select
            'source_csat_scale' as seed_name,
            lower(conversation_rating_value) as source_value,
            conversation_id,
            conversation_rating_created_at as seen_at
        from used_conversations
        where conversation_rating_value is not null
    {%- endif %}
    {%- if which in ["both", "ai_agent"] %}

        union all

        select
            'source_csat_scale' as seed_name,
            lower(ai_agent_rating) as source_value,
            conversation_id,
            ai_agent_rating_since as seen_at
        from used_conversations
        where ai_agent_rating is not null
    {%- endif %}

),

unmapped as (

    select
        found_values.seed_name,
        found_values.source_value as unmapped_value,
        'intercom.conversation_history' as raw_table,
        count(*) as row_count,
        count(distinct found_values.conversation_id) as ticket_count,
        min(found_values.seen_at) as first_seen_at,
        max(found_values.seen_at) as last_seen_at
    from found_values
    left join mapped_values
        on
            found_values.seed_name = mapped_values.seed_name
            and found_values.source_value = mapped_values.source_value
    where mapped_values.source_value is null
    group by found_values.seed_name, found_values.source_value

)

select
    cast(seed_name as {{ dbt.type_string() }}) as seed_name,
    cast(unmapped_value as {{ dbt.type_string() }}) as unmapped_value,
    cast(raw_table as {{ dbt.type_string() }}) as raw_table,
    cast(row_count as {{ dbt.type_int() }}) as row_count,
    cast(ticket_count as {{ dbt.type_int() }}) as ticket_count,
    cast(first_seen_at as {{ dbt.type_timestamp() }}) as first_seen_at,
    cast(last_seen_at as {{ dbt.type_timestamp() }}) as last_seen_at
from unmapped
