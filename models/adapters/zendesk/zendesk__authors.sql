{#- One row per Zendesk user id that authors, acts or is assigned: who it is in the
    contract's terms. Listed in source_ai_identities (by user_id, email or role) → its
    counts_as (ai_agent, or system for automation that is not AI); role end-user →
    customer; agent or admin → human_agent. Ids listed as AI need no user row. The
    system user (-1) and missing authors are handled where they appear (system). -#}

with

users as (

    select * from {{ ref("base_zendesk__user") }}

),

identities as (

    select
        lower(trim(identity_type)) as identity_type,
        lower(trim(identity_value)) as identity_value,
        coalesce(nullif(lower(trim(counts_as)), ''), 'ai_agent') as counts_as
    from {{ ref("source_ai_identities") }}
    where lower(trim(source_system)) = 'zendesk'

),

used_users as (

    -- Users deleted at the source are set aside: their ids fall back to the ticket's requester rule.
    select
        user_id,
        email,
        user_role
    from users
    where not is_deleted_in_source and user_id is not null

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
        used_users.user_id,
        identities.counts_as
    from used_users
    inner join identities
        on
            (identities.identity_type = 'email' and used_users.email = identities.identity_value)
            or (identities.identity_type = 'role' and used_users.user_role = identities.identity_value)

),

ai_identities as (

    -- An id listed both as AI and as automation counts as AI: its work is not hidden.
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

roles as (

    select
        user_id,
        min(user_role) as user_role
    from used_users
    group by user_id

),

all_ids as (

    select user_id from roles
    union
    select user_id from ai_identities

)

select
    all_ids.user_id,
    roles.user_role,
    case
        when ai_identities.counts_as is not null then ai_identities.counts_as
        when roles.user_role = 'end-user' then 'customer'
        when roles.user_role in ('agent', 'admin') then 'human_agent'
        else 'unknown'
    end as author_type
from all_ids
left join roles
    on all_ids.user_id = roles.user_id
left join ai_identities
    on all_ids.user_id = ai_identities.user_id
