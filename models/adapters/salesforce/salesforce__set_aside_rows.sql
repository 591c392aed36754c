{#- The Salesforce rows the adapter does not use, and why, for fct_quarantined_rows: rows
    deleted at the source (_fivetran_deleted true, or is_deleted true: in the Recycle Bin)
    of every table read. A case deleted by a merge (master_record_id set) is not set aside:
    it is a ticket merged into its master. The comments, emails, history rows and sessions
    of a deleted case are not listed here: they reach staging and are quarantined there as
    orphan_ticket. -#}

with

cases as (

    select * from {{ ref("base_salesforce__case") }}

),

history as (

    select * from {{ ref("base_salesforce__case_history") }}

),

comments as (

    select * from {{ ref("base_salesforce__case_comment") }}

),

emails as (

    select * from {{ ref("base_salesforce__email_message") }}

),

sessions as (

    select * from {{ ref("base_salesforce__messaging_session") }}

),

entries as (

    select * from {{ ref("base_salesforce__conversation_entry") }}

),

users as (

    select * from {{ ref("base_salesforce__user") }}

),

set_aside as (

    select
        'salesforce.case' as raw_table,
        case_id as primary_key,
        case_id as ticket_id,
        created_at as dated_at,
        _loaded_at
    from cases
    where is_deleted_in_source

    union all

    select
        'salesforce.case_history' as raw_table,
        history_id as primary_key,
        case_id as ticket_id,
        changed_at as dated_at,
        _loaded_at
    from history
    where is_deleted_in_source

    union all

    select
        'salesforce.case_comment' as raw_table,
        comment_id as primary_key,
        case_id as ticket_id,
        sent_at as dated_at,
        _loaded_at
    from comments
    where is_deleted_in_source

    union all

    select
        'salesforce.email_message' as raw_table,
        email_id as primary_key,
        case_id as ticket_id,
        sent_at as dated_at,
        _loaded_at
    from emails
    where is_deleted_in_source

    union all

    select
        'salesforce.messaging_session' as raw_table,
        session_id as primary_key,
        case_id as ticket_id,
        session_started_at as dated_at,
        _loaded_at
    from sessions
    where is_deleted_in_source

    union all

    select
        'salesforce.conversation_entry' as raw_table,
        entry_id as primary_key,
        case_id as ticket_id,
        entry_at as dated_at,
        _loaded_at
    from entries
    where is_deleted_in_source

    union all

    select
        'salesforce.user' as raw_table,
        user_id as primary_key,
        cast(null as {{ dbt.type_string() }}) as ticket_id,
        cast(null as {{ dbt.type_timestamp() }}) as dated_at,
        _loaded_at
    from users
    where is_deleted_in_source

)

select
    cast(raw_table as {{ dbt.type_string() }}) as raw_table,
    cast(primary_key as {{ dbt.type_string() }}) as primary_key,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast('deleted_in_source' as {{ dbt.type_string() }}) as reason,
    cast(dated_at as {{ dbt.type_timestamp() }}) as dated_at,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from set_aside
