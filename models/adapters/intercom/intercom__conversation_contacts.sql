{#- The first contact of each conversation (optional table conversation_contact_history):
    among its current contact rows (the active ones where _fivetran_active exists), the
    one attached first (_fivetran_start), then the smallest id. Empty when the table is
    absent; the ticket's customer is then the opening message's author. -#}
{%- set present = intercom_table_present("conversation_contact_history") %}

{%- if present %}
    {%- set raw = source("intercom", "conversation_contact_history") %}

    with

    conversation_contacts as (

        select * from {{ raw }}

    ),

    parsed as (

        select
            {{ intercom_id("conversation_id") }} as conversation_id,
            {{ intercom_id("contact_id") }} as contact_id,
            {{ optional_utc_timestamp(raw, "_fivetran_start") }} as fivetran_start,
            {{ intercom_optional_boolean(raw, "_fivetran_active") }} as is_fivetran_active
        from conversation_contacts

    ),

    ranked as (

        select
            conversation_id,
            contact_id,
            row_number() over (
                partition by conversation_id
                order by
                    {%- if column_present(raw, "_fivetran_active") %}
                        case when is_fivetran_active then 0 else 1 end,
                    {%- endif %}
                    fivetran_start asc nulls last,
                    contact_id asc
            ) as contact_rank
        from parsed
        where conversation_id is not null and contact_id is not null

    )

    select
        conversation_id,
        contact_id
    from ranked
    where contact_rank = 1

{%- else %}

    select
        cast(null as {{ dbt.type_string() }}) as conversation_id,
        cast(null as {{ dbt.type_string() }}) as contact_id
    where 1 = 0

{%- endif %}
