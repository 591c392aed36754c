{#- Intercom rows the adapter does not use, and why, for fct_quarantined_rows: a
    conversation deleted at the source (its current version has _fivetran_deleted true,
    or, in history mode, none of its versions is active any more) and every part of it,
    and a part deleted at the source. Older versions of a record are history, not set
    aside: only the current version of a conversation is a ticket. -#}

with

conversations as (

    select * from {{ ref("intercom__conversations") }}

),

parts as (

    select * from {{ ref("intercom__conversation_parts") }}

),

set_aside as (

    select
        'intercom.conversation_history' as raw_table,
        conversation_id as primary_key,
        conversation_id as ticket_id,
        'deleted_in_source' as reason,
        created_at as dated_at,
        _fivetran_synced as _loaded_at
    from conversations
    where is_deleted_in_source

    union all

    select
        'intercom.conversation_part_history' as raw_table,
        part_id as primary_key,
        conversation_id as ticket_id,
        'deleted_in_source' as reason,
        part_created_at as dated_at,
        _fivetran_synced as _loaded_at
    from parts
    where is_deleted_in_source

)

select
    cast(raw_table as {{ dbt.type_string() }}) as raw_table,
    cast(primary_key as {{ dbt.type_string() }}) as primary_key,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(reason as {{ dbt.type_string() }}) as reason,
    cast(dated_at as {{ dbt.type_timestamp() }}) as dated_at,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from set_aside
