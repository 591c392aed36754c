{#- One row per Salesforce user id that writes, acts or owns: who it is in the contract's
    terms. Listed in source_ai_identities (by user_id, email or role = user_type) -> its
    counts_as (ai_agent, or system for automation that is not AI); user_type
    AutomatedProcess -> system; Standard (employees) and PowerPartner (partner agents) ->
    human_agent; Experience Cloud and portal users and guests -> customer; any other
    value -> unknown. Ids listed as AI need no user row. Users deleted at the source are
    set aside: their ids are then known only when listed. -#}
{%- set customer_types = salesforce_sql_list(salesforce_customer_user_types()) %}
{%- set agent_types = salesforce_sql_list(salesforce_agent_user_types()) %}
{%- set system_types = salesforce_sql_list(salesforce_system_user_types()) %}

with

users as (

    select * from {{ ref("base_salesforce__user") }}

),

identities as {{ inline_cte() }} (

    select * from {{ ref("salesforce__ai_identities") }}

),

used_users as (

    select
        user_id,
        min(email) as email,
        min(user_type) as user_type
    from users
    where not is_deleted_in_source and user_id is not null
    group by user_id

),

listed_ids as (

    select
        identity_value as user_id,
        counts_as
    from identities
    where identity_type = 'user_id'

),

listed_users as (

    select
        lower(used_users.user_id) as user_id,
        identities.counts_as
    from used_users
    inner join identities
        on
            (identities.identity_type = 'email' and used_users.email = identities.identity_value)
            or (identities.identity_type = 'role' and used_users.user_type = identities.identity_value)

),

ai_identities as (

    -- 'ai_agent' sorts before 'system': an id listed as both counts as the AI.
    select
        user_id,
        min(counts_as) as counts_as
    from (
        select * from listed_ids
        union all
        select * from listed_users
    ) as listed
    group by user_id

),

all_ids as (

    -- Listed ids are matched lower-cased; user ids are case-sensitive in Salesforce but
    -- never differ by case alone, so the lower-cased id is the join key.
    select lower(user_id) as user_key from used_users
    union
    select user_id as user_key from ai_identities

)

select
    all_ids.user_key,
    used_users.user_id,
    used_users.user_type,
    case
        when ai_identities.counts_as is not null then ai_identities.counts_as
        when used_users.user_type in ({{ system_types }}) then 'system'
        when used_users.user_type in ({{ agent_types }}) then 'human_agent'
        when used_users.user_type in ({{ customer_types }}) then 'customer'
        else 'unknown'
    end as author_type
from all_ids
left join used_users
    on all_ids.user_key = lower(used_users.user_id)
left join ai_identities
    on all_ids.user_key = ai_identities.user_id
