{#- Intercom teammates (the optional table admin): id and email, so source_ai_identities
    can name an AI agent or workflow bot by email. Empty when the table is absent. -#}
{%- set present = intercom_table_present("admin") %}

{%- if present %}

    with

    admins as (

        select * from {{ source("intercom", "admin") }}

    ),

    parsed as (

        select
            {{ intercom_id("id") }} as admin_id,
            {{ intercom_key("email") }} as admin_email
        from admins

    )

    select
        admin_id,
        max(admin_email) as admin_email
    from parsed
    where admin_id is not null
    group by admin_id

{%- else %}

    select
        cast(null as {{ dbt.type_string() }}) as admin_id,
        cast(null as {{ dbt.type_string() }}) as admin_email
    where 1 = 0

{%- endif %}
