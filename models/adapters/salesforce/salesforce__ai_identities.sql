{#- Who the AI agent (or automation) is in Salesforce's export: the salesforce rows of the
    seed source_ai_identities, plus any given in the var source_ai_identities_extra,
    lower-cased and trimmed. One row per identity; a value listed both as ai_agent and as
    system counts as ai_agent (the AI's work is not hidden). Identity types: user_id (a
    user id, or a conversation entry's actor_id such as a bot's), email (a user's email,
    or an outgoing email's from address), role (a user_type), author_type (a conversation
    entry's actor_type) and via_channel (a case origin: the AI took the case at creation). -#}

with

identities as (

    select * from {{ ref("source_ai_identities") }}

),

seed_rows as (

    select
        {{ salesforce_key("identity_type") }} as identity_type,
        {{ salesforce_key("identity_value") }} as identity_value,
        coalesce({{ salesforce_key("counts_as") }}, 'ai_agent') as counts_as
    from identities
    where {{ salesforce_key("source_system") }} = 'salesforce'

),

extra_rows as (
    {{ extra_identities_sql("salesforce") }}
),

listed as (

    select * from seed_rows
    union all
    select * from extra_rows

)

select
    cast(identity_type as {{ dbt.type_string() }}) as identity_type,
    cast(identity_value as {{ dbt.type_string() }}) as identity_value,
    cast(min(counts_as) as {{ dbt.type_string() }}) as counts_as
from listed
where identity_type is not null and identity_value is not null
group by identity_type, identity_value
