{#- Each conversation's channel as Kustomer names it: the first of its channels
    (attributes.channels is an array, in the order the conversation used them), else the
    channel of its first message (by sentAt, then id). Mapped to a contract channel by
    kustomer__tickets through source_channel_map. -#}

with

conversations as (

    select * from {{ ref("base_kustomer__conversations") }}

),

messages as (

    select * from {{ ref("base_kustomer__messages") }}

),

ranked_messages as (

    select
        conversation_id,
        message_channel,
        row_number() over (
            partition by conversation_id order by sent_at asc nulls last, source_message_id asc
        ) as message_rank
    from messages
    where message_channel is not null and conversation_id is not null and not is_deleted_in_source

)

select
    conversations.conversation_id,
    coalesce(conversations.first_channel, ranked_messages.message_channel) as source_channel
from conversations
left join ranked_messages
    on
        conversations.conversation_id = ranked_messages.conversation_id
        and ranked_messages.message_rank = 1
where conversations.conversation_id is not null
