{#- The contract's tickets from Kustomer: one per conversation, except those deleted at the
    source (kustomer__set_aside_rows). The customer is relationships.customer; the channel
    is the first of the conversation's channels (else its first message's channel), and
    the status its status, both through the mapping seeds (an unmapped value becomes
    unknown and is counted in kustomer__unmapped_source_values); spam is attributes.spam.
    mergedTarget marks a merge only with the var kustomer_merged_target_is_merged_away
    (then merged into an unknown conversation). The issue type is the custom attribute
    the var kustomer_issue_type_attribute names, else null. -#}

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

mapped as (

    select
        conversations.conversation_id as ticket_id,
        conversations.customer_id,
        case
            when channels.source_channel is not null then coalesce(channel_map.channel, 'unknown')
        end as channel,
        conversations.issue_type,
        conversations.created_at,
        case
            when conversations.source_status is not null then coalesce(status_map.status, 'unknown')
        end as status,
        conversations.is_spam,
        {%- if kustomer_merged_target_is_merged_away() %}
            case when conversations.is_merged_target then 'unknown' end as merged_into_ticket_id,
        {%- else %}
            cast(null as {{ dbt.type_string() }}) as merged_into_ticket_id,
        {%- endif %}
        conversations._loaded_at
    from conversations
    left join channels
        on conversations.conversation_id = channels.conversation_id
    left join channel_map
        on channels.source_channel = channel_map.source_value
    left join status_map
        on conversations.source_status = status_map.source_value
    where not conversations.is_deleted_in_source

)

select
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(customer_id as {{ dbt.type_string() }}) as customer_id,
    cast(channel as {{ dbt.type_string() }}) as channel,
    cast(issue_type as {{ dbt.type_string() }}) as issue_type,
    cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
    cast(status as {{ dbt.type_string() }}) as status,
    cast(is_spam as {{ dbt.type_boolean() }}) as is_spam,
    cast(merged_into_ticket_id as {{ dbt.type_string() }}) as merged_into_ticket_id,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from mapped
