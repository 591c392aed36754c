{#- Kustomer values no mapping seed row maps, for fct_unmapped_reference_values: a
    conversation status missing from source_status_map (status unknown), a channel missing
    from source_channel_map (channel unknown: the conversation's first channel, else its
    first message's), a satisfaction rating missing from source_csat_scale (no CSAT
    answer). Counted over the conversations in use (not deleted at the source). -#}
{%- set non_answers = "'" ~ kustomer_csat_non_answers() | join("', '") ~ "'" %}

with

conversations as (

    select * from {{ ref("base_kustomer__conversations") }}

),

channels as (

    select * from {{ ref("kustomer__conversation_channels") }}

),

status_map as (

    {{ kustomer_seed_rows("source_status_map", "status") }}

),

channel_map as (

    {{ kustomer_seed_rows("source_channel_map", "channel") }}

),

csat_scale as (

    {{ kustomer_seed_rows("source_csat_scale", "score") }}

),

mapped_values as (

    select
        'source_status_map' as seed_name,
        source_value
    from status_map
    union all
    select
        'source_channel_map' as seed_name,
        source_value
    from channel_map
    union all
    select
        'source_csat_scale' as seed_name,
        source_value
    from csat_scale

),

used_conversations as (

    select * from conversations
    where conversation_id is not null and not is_deleted_in_source

),

found_values as (

    select
        'source_status_map' as seed_name,
        source_status as source_value,
        conversation_id,
        created_at as seen_at
    from used_conversations
    where source_status is not null

    union all

    select
        'source_channel_map' as seed_name,
        channels.source_channel as source_value,
        used_conversations.conversation_id,
        used_conversations.created_at as seen_at
    from used_conversations
    inner join channels
        on used_conversations.conversation_id = channels.conversation_id
    where channels.source_channel is not null

    union all

    select
        'source_csat_scale' as seed_name,
        lower(satisfaction_rating) as source_value,
        conversation_id,
        satisfaction_at as seen_at
    from used_conversations
    where
        satisfaction_rating is not null
        and coalesce(satisfaction_status not in ({{ non_answers }}), true)

),

unmapped as (

    select
        found_values.seed_name,
        found_values.source_value as unmapped_value,
        'kustomer.conversations' as raw_table,
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
