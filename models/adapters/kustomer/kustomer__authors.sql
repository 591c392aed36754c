{#- One row per Kustomer user id (lower-cased) that can write, mark a conversation done or be an
    assistant: the users not deleted at the source, and every id listed in
    source_ai_identities. listed_as is what source_ai_identities says (by user_id, else
    by the user's email, else by its userType as a role); user_class is who the user is
    by Kustomer's own userType (`user`: a person, human_agent; any other type, such as the
    machine users behind API keys and workflows: system), null without a users row. -#}

with

users as (

    select * from {{ ref("base_kustomer__users") }}

),

identities as (

    select * from {{ ref("kustomer__ai_identities") }}

),

used_users as (

    -- Users deleted at the source are set aside: their ids fall back to the default rules.
    select * from users
    where not is_deleted_in_source

),

author_ids as (

    select lower(user_id) as user_id from used_users
    union
    select identity_value as user_id from identities
    where identity_type = 'user_id'

)

select
    cast(author_ids.user_id as {{ dbt.type_string() }}) as user_id,
    cast(used_users.email as {{ dbt.type_string() }}) as email,
    cast(used_users.user_type as {{ dbt.type_string() }}) as user_type,
    cast(
        coalesce(by_id.counts_as, by_email.counts_as, by_role.counts_as) as {{ dbt.type_string() }}
    ) as listed_as,
    cast(
        case
            when used_users.user_id is not null
                then {{ kustomer_user_class("used_users.user_type", "true") }}
        end as {{ dbt.type_string() }}
    ) as user_class
from author_ids
left join used_users
    on author_ids.user_id = lower(used_users.user_id)
left join identities as by_id
    on
        by_id.identity_type = 'user_id'
        and author_ids.user_id = by_id.identity_value
left join identities as by_email
    on
        by_email.identity_type = 'email'
        and used_users.email = by_email.identity_value
left join identities as by_role
    on
        by_role.identity_type = 'role'
        and used_users.user_type = by_role.identity_value
