{#- Who the AI agent (or automation) is in Intercom's export: the intercom rows of the
    seed source_ai_identities, plus any given in the var source_ai_identities_extra,
    lower-cased and trimmed. One row per identity; a value listed as both counts as
    system (a workflow bot listed on purpose overrides the default). -#}

with

identities as (

    select * from {{ ref("source_ai_identities") }}

),

seed_rows as (

    select
        {{ intercom_key("identity_type") }} as identity_type,
        {{ intercom_key("identity_value") }} as identity_value,
        coalesce({{ intercom_key("counts_as") }}, 'ai_agent') as counts_as
    from identities
    where {{ intercom_key("source_system") }} = 'intercom'

),

extra_rows as (
    {{ extra_identities_sql("intercom") }}
),

listed as (

    select * from seed_rows
    union all
    select * from extra_rows

)

select
    cast(identity_type as {{ dbt.type_string() }}) as identity_type,
    cast(identity_value as {{ dbt.type_string() }}) as identity_value,
    cast(max(counts_as) as {{ dbt.type_string() }}) as counts_as
from listed
where identity_type is not null and identity_value is not null
group by identity_type, identity_value
