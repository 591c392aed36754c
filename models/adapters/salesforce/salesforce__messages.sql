{#- The contract's `messages`: one per email on a case (`email:<id>`), case comment
    (`comment:<id>`) and Text entry of a messaging session (`entry:<id>`), except rows
    deleted at the source (salesforce__set_aside_rows). Authors:
    - email: incoming -> customer (the case's customer); outgoing -> the AI or system
      when its creator (user id, email or user_type) or its from address is listed in
      source_ai_identities, system when sent by Salesforce's automation
      (AutomatedProcess), else human_agent;
    - comment: its creator (salesforce__authors); published -> public, else an internal note;
    - entry: an actor id listed as AI or system -> that; an actor_type listed as
      author_type -> its counts_as; else EndUser -> customer, Bot -> ai_agent, Agent and
      Supervisor -> human_agent, System -> system. -#}
{%- set text_entry = salesforce_entry_types()["message"] %}

with

cases as (

    select * from {{ ref("base_salesforce__case") }}

),

emails as (

    select * from {{ ref("base_salesforce__email_message") }}

),

comments as (

    select * from {{ ref("base_salesforce__case_comment") }}

),

entries as (

    select * from {{ ref("base_salesforce__conversation_entry") }}

),

authors as {{ inline_cte() }} (

    select * from {{ ref("salesforce__authors") }}

),

identities as {{ inline_cte() }} (

    select * from {{ ref("salesforce__ai_identities") }}

),

case_customers as (

    -- One customer per case, whatever the load repeated.
    select
        case_id,
        min(customer_id) as customer_id
    from cases
    group by case_id

),

email_messages as (

    select
        {{ dbt.concat(["'email:'", "emails.email_id"]) }} as message_id,
        emails.case_id as ticket_id,
        emails.sent_at,
        case
            when coalesce(emails.is_incoming, false) then 'customer'
            when creators.author_type = 'ai_agent' or senders.counts_as = 'ai_agent' then 'ai_agent'
            when creators.author_type = 'system' or senders.counts_as = 'system' then 'system'
            else 'human_agent'
        end as author_type,
        case
            when coalesce(emails.is_incoming, false) then case_customers.customer_id
            else emails.created_by_id
        end as author_id,
        true as is_public,
        emails.body,
        emails._loaded_at
    from emails
    left join authors as creators
        on lower(emails.created_by_id) = creators.user_key
    left join identities as senders
        on
            senders.identity_type = 'email'
            and emails.from_address = senders.identity_value
    left join case_customers
        on emails.case_id = case_customers.case_id
    where not emails.is_deleted_in_source

),

comment_messages as (

    select
        {{ dbt.concat(["'comment:'", "comments.comment_id"]) }} as message_id,
        comments.case_id as ticket_id,
        comments.sent_at,
        case
            when comments.created_by_id is null then 'system'
            else coalesce(authors.author_type, 'unknown')
        end as author_type,
        comments.created_by_id as author_id,
        comments.is_published as is_public,
        comments.body,
        comments._loaded_at
    from comments
    left join authors
        on lower(comments.created_by_id) = authors.user_key
    where not comments.is_deleted_in_source

),

entry_messages as (

    select
        {{ dbt.concat(["'entry:'", "entries.entry_id"]) }} as message_id,
        entries.case_id as ticket_id,
        entries.entry_at as sent_at,
        case
            when actors.author_type in ('ai_agent', 'system') then actors.author_type
            when listed_types.counts_as is not null then listed_types.counts_as
            else {{ salesforce_actor_class("entries.entry_actor_type") }}
        end as author_type,
        entries.actor_id as author_id,
        true as is_public,
        entries.body,
        entries._loaded_at
    from entries
    left join authors as actors
        on lower(entries.actor_id) = actors.user_key
    left join identities as listed_types
        on
            listed_types.identity_type = 'author_type'
            and entries.entry_actor_type = listed_types.identity_value
    where
        entries.entry_type = '{{ text_entry }}'
        and not entries.is_deleted_in_source

),

messages as (

    select * from email_messages
    union all
    select * from comment_messages
    union all
    select * from entry_messages

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
