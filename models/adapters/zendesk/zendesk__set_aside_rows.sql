{#- The Zendesk rows the adapter does not use, and why, for fct_quarantined_rows:
    tickets, comments and users deleted at the source (_fivetran_deleted true), and
    the ticket_chat rows that list a chat under a further ticket (its messages go to
    the one ticket base_zendesk__ticket_chat chose; primary key <chat_id>:<ticket_id>).
    Comments and field changes of a deleted ticket are not listed here: they reach
    staging and are quarantined there as orphan_ticket. -#}

with

tickets as (

    select * from {{ ref("base_zendesk__ticket") }}

),

comments as (

    select * from {{ ref("base_zendesk__ticket_comment") }}

),

users as (

    select * from {{ ref("base_zendesk__user") }}

),

chats as (

    select * from {{ ref("base_zendesk__ticket_chat") }}

),

set_aside as (

    select
        'zendesk.ticket' as raw_table,
        ticket_id as primary_key,
        ticket_id,
        'deleted_in_source' as reason,
        created_at as dated_at,
        _loaded_at
    from tickets
    where is_deleted_in_source

    union all

    select
        'zendesk.ticket_comment' as raw_table,
        comment_id as primary_key,
        ticket_id,
        'deleted_in_source' as reason,
        sent_at as dated_at,
        _loaded_at
    from comments
    where is_deleted_in_source

    union all

    select
        'zendesk.user' as raw_table,
        user_id as primary_key,
        cast(null as {{ dbt.type_string() }}) as ticket_id,
        'deleted_in_source' as reason,
        cast(null as {{ dbt.type_timestamp() }}) as dated_at,
        _loaded_at
    from users
    where is_deleted_in_source

    union all

    select
        'zendesk.ticket_chat' as raw_table,
        {{ dbt.concat(["chat_id", "':'", "coalesce(ticket_id, '')"]) }} as primary_key,
        ticket_id,
        'chat_listed_under_another_ticket' as reason,
        cast(null as {{ dbt.type_timestamp() }}) as dated_at,
        _loaded_at
    from chats
    where not is_chat_ticket

)

select
    cast(raw_table as {{ dbt.type_string() }}) as raw_table,
    cast(primary_key as {{ dbt.type_string() }}) as primary_key,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(reason as {{ dbt.type_string() }}) as reason,
    cast(dated_at as {{ dbt.type_timestamp() }}) as dated_at,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from set_aside
