{#- The contract's tickets from Intercom: one per conversation (its current version),
    except those deleted at the source (intercom__set_aside_rows). The customer is the
    conversation's first contact, else the opening message's author; channel and status
    come through the mapping seeds (an unmapped value becomes unknown and is counted in
    intercom__unmapped_source_values). The issue type is the current version's value
    of the column the var intercom_issue_type_column names (a conversation custom
    attribute), else null. Intercom exports no spam flag or merge. -#}

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

intercom_status_map as (

    select
        {{ intercom_key("source_value") }} as source_value,
        max({{ intercom_key("status") }}) as status
    from status_map
    where {{ intercom_key("source_system") }} = 'intercom'
    group by {{ intercom_key("source_value") }}

),

intercom_channel_map as (

    select
        {{ intercom_key("source_value") }} as source_value,
        max({{ intercom_key("channel") }}) as channel
    from channel_map
    where {{ intercom_key("source_system") }} = 'intercom'
    group by {{ intercom_key("source_value") }}

)

select
    cast(conversations.conversation_id as {{ dbt.type_string() }}) as ticket_id,
    cast(
        coalesce(conversations.first_contact_id, conversations.source_author_id) as {{ dbt.type_string() }}
    ) as customer_id,
    cast(coalesce(intercom_channel_map.channel, 'unknown') as {{ dbt.type_string() }}) as channel,
    cast(conversations.issue_type as {{ dbt.type_string() }}) as issue_type,
    cast(conversations.created_at as {{ dbt.type_timestamp() }}) as created_at,
    cast(
        case
            when conversations.state is not null then coalesce(intercom_status_map.status, 'unknown')
        end as {{ dbt.type_string() }}
    ) as status,
    cast(false as {{ dbt.type_boolean() }}) as is_spam,
    cast(null as {{ dbt.type_string() }}) as merged_into_ticket_id,
    cast(conversations._fivetran_synced as {{ dbt.type_timestamp() }}) as _loaded_at
from conversations
left join intercom_status_map
    on conversations.state = intercom_status_map.source_value
left join intercom_channel_map
    on conversations.source_type = intercom_channel_map.source_value
where not conversations.is_deleted_in_source
