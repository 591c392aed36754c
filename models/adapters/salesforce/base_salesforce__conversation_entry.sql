-- sqlfluff:indentation:template_blocks_indent:false
{#- Salesforce conversation entries (messages and events of a messaging session) with
    the case of their session (base_salesforce__messaging_session). Entries whose session
    is missing, deleted or has no case keep a null case: staging quarantines their
    messages (missing_ticket_id). Rows deleted at the source are kept and flagged. Empty
    without conversation_entry. -#}
{%- set raw = salesforce_relation("conversation_entry") %}

{%- if raw is not none %}

with

source as (

    select * from {{ raw }}
    where {{ salesforce_active_rows(raw) }}

),

sessions as (

    select * from {{ ref("base_salesforce__messaging_session") }}
    where not is_deleted_in_source

),

entries as (

    select
        {{ salesforce_id("id") }} as entry_id,
        {{ salesforce_id("conversation_id") }} as session_id,
        {{ salesforce_id(optional_column(raw, "actor_id", dbt.type_string())) }} as actor_id,
        {{ salesforce_key("actor_type") }} as entry_actor_type,
        {{ salesforce_key("entry_type") }} as entry_type,
        cast(message as {{ dbt.type_string() }}) as body,
        ({{ salesforce_flag(raw, "is_deleted") }} or {{ salesforce_flag(raw, "_fivetran_deleted") }})
            as is_deleted_in_source,
        {{ utc_timestamp(raw, "entry_time") }} as entry_at,
        {{ utc_timestamp(raw, "_fivetran_synced") }} as _loaded_at
    from source

),

session_cases as (

    -- One case per session, whatever the load repeated.
    select
        session_id,
        min(case_id) as case_id
    from sessions
    group by session_id

)

select
    entries.entry_id,
    entries.session_id,
    session_cases.case_id,
    entries.actor_id,
    entries.entry_actor_type,
    entries.entry_type,
    entries.body,
    entries.is_deleted_in_source,
    entries.entry_at,
    entries._loaded_at
from entries
left join session_cases
    on entries.session_id = session_cases.session_id

{%- else %}

-- conversation_entry was not delivered: no messaging messages.
select
    cast(null as {{ dbt.type_string() }}) as entry_id,
    cast(null as {{ dbt.type_string() }}) as session_id,
    cast(null as {{ dbt.type_string() }}) as case_id,
    cast(null as {{ dbt.type_string() }}) as actor_id,
    cast(null as {{ dbt.type_string() }}) as entry_actor_type,
    cast(null as {{ dbt.type_string() }}) as entry_type,
    cast(null as {{ dbt.type_string() }}) as body,
    cast(null as {{ dbt.type_boolean() }}) as is_deleted_in_source,
    cast(null as {{ dbt.type_timestamp() }}) as entry_at,
    cast(null as {{ dbt.type_timestamp() }}) as _loaded_at
where 1 = 0

{%- endif %}
