{#- The contract's `messages`: one per comment of Airbyte's ticket_comments stream
    (`comment:<id>`), `is_public` from `public`. The author type: an author listed in
    source_ai_identities → ai_agent (or system); a comment that came through a channel
    listed as the AI's via_channel, by anyone but the customer → ai_agent; a comment a
    trigger or automation wrote (via channel rule, rel trigger or automation) → system,
    whoever its author; then the Fivetran-layout adapter's rules (the system user -1 and
    a missing author → system; end-user → customer; agent, admin → human_agent; an author
    missing from users who requested the ticket → customer). -#}

with

comments as (

    select * from {{ ref("base_zendesk_airbyte__ticket_comments") }}
    where not is_deleted_in_source

),

authors as (

    select * from {{ ref("zendesk_airbyte__authors") }}

),

tickets as (

    select * from {{ ref("base_zendesk_airbyte__tickets") }}

),

ai_channels as (

    select identity_value
    from ({{ zendesk_identity_rows("zendesk_airbyte") }}) as listed
    where identity_type = 'via_channel' and counts_as = 'ai_agent'

),

ai_channel_comments as (

    select distinct comments.comment_id
    from comments
    inner join ai_channels
        on comments.via_channel like {{ dbt.concat(["ai_channels.identity_value", "'%'"]) }}

),

requesters as (

    select
        ticket_id,
        min(customer_id) as customer_id
    from tickets
    group by ticket_id

),

messages as (

    select
        {{ dbt.concat(["'comment:'", "comments.comment_id"]) }} as message_id,
        comments.ticket_id,
        comments.sent_at,
        case
            when authors.author_type in ('ai_agent', 'system') then authors.author_type
            when
                ai_channel_comments.comment_id is not null
                and coalesce(authors.author_type, '') != 'customer'
                and coalesce(comments.user_id, '') != coalesce(requesters.customer_id, '')
                then 'ai_agent'
            when comments.is_automation then 'system'
            else {{ zendesk_user_author_type("comments.user_id", "authors", "requesters") }}
        end as author_type,
        comments.user_id as author_id,
        comments.is_public,
        comments.body,
        comments._loaded_at
    from comments
    left join authors
        on comments.user_id = authors.user_id
    left join requesters
        on comments.ticket_id = requesters.ticket_id
    left join ai_channel_comments
        on comments.comment_id = ai_channel_comments.comment_id

)

select
    cast(message_id as {{ dbt.type_string() }}) as message_id,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(sent_at as {{ dbt.type_timestamp() }}) as sent_at,
    cast(author_type as {{ dbt.type_string() }}) as author_type,
    cast(author_id as {{ dbt.type_string() }}) as author_id,
    cast(is_public as {{ dbt.type_boolean() }}) as is_public,
    cast(body as {{ dbt.type_string() }}) as body,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from messages
