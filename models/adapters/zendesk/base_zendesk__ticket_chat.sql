-- sqlfluff:indentation:template_blocks_indent:false
{#- Zendesk's ticket_chat: which ticket each messaging or chat conversation belongs to,
    one row per chat and ticket. A load can list one chat under several tickets
    (Fivetran's own seeds do); its messages then go to one ticket only: the one the
    adapter uses (in `ticket`, not deleted at the source), else the lowest id. The
    other rows are flagged here and listed by zendesk__set_aside_rows. Empty when
    ticket_chat was not delivered. -#}
{%- set chats = zendesk_relation("ticket_chat") %}

{%- if chats is not none %}

with

source as (

    select * from {{ chats }}

),

tickets as (

    select * from {{ ref("base_zendesk__ticket") }}

),

chat_rows as (

    select
        {{ zendesk_id("chat_id") }} as chat_id,
        {{ zendesk_id("ticket_id") }} as ticket_id,
        {{ optional_utc_timestamp(chats, "_fivetran_synced") }} as _loaded_at
    from source

),

chat_tickets as (

-- A chat and ticket repeated by the load is one listing.
    select
        chat_id,
        ticket_id,
        max(_loaded_at) as _loaded_at
    from chat_rows
    group by chat_id, ticket_id

),

used_tickets as (

    select distinct ticket_id
    from tickets
    where not is_deleted_in_source

),

ranked as (

    select
        chat_tickets.chat_id,
        chat_tickets.ticket_id,
        chat_tickets._loaded_at,
        row_number() over (
            partition by chat_tickets.chat_id
            order by
                case when used_tickets.ticket_id is not null then 0 else 1 end,
                -- Lowest id first: shorter digit strings are smaller numbers (ids stay text).
                case when chat_tickets.ticket_id is null then 1 else 0 end,
                length(chat_tickets.ticket_id),
                chat_tickets.ticket_id
        ) as ticket_rank
    from chat_tickets
    left join used_tickets
        on chat_tickets.ticket_id = used_tickets.ticket_id

)

select
    chat_id,
    ticket_id,
    _loaded_at,
    ticket_rank = 1 as is_chat_ticket
from ranked

{%- else %}

-- ticket_chat was not delivered: no chats.
select
    cast(null as {{ dbt.type_string() }}) as chat_id,
    cast(null as {{ dbt.type_string() }}) as ticket_id,
    cast(null as {{ dbt.type_timestamp() }}) as _loaded_at,
    cast(null as {{ dbt.type_boolean() }}) as is_chat_ticket
where 1 = 0

{%- endif %}
