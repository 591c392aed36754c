{#- The Airbyte records the adapter does not use, and why, for fct_quarantined_rows:
    records Airbyte marks as deleted at the source (_ab_cdc_deleted_at set) in any of the
    five streams, listed as zendesk_airbyte.<stream> (reason deleted_in_source). Older
    copies of a record are not listed: they are the same record extracted again, and the
    latest copy stands for it. Comments and changes of a deleted ticket are not listed
    here either: they reach staging and are quarantined there as orphan_ticket. -#}

with

tickets as (

    select * from {{ ref("base_zendesk_airbyte__tickets") }}

),

comments as (

    select * from {{ ref("base_zendesk_airbyte__ticket_comments") }}

),

audits as (

    select * from {{ ref("base_zendesk_airbyte__ticket_audits") }}

),

ratings as (

    select * from {{ ref("base_zendesk_airbyte__satisfaction_ratings") }}

),

users as (

    select * from {{ ref("base_zendesk_airbyte__users") }}

),

set_aside as (

    select
        'zendesk_airbyte.tickets' as raw_table,
        ticket_id as primary_key,
        ticket_id,
        'deleted_in_source' as reason,
        created_at as dated_at,
        _loaded_at
    from tickets
    where is_deleted_in_source

    union all

    select
        'zendesk_airbyte.ticket_comments' as raw_table,
        comment_id as primary_key,
        ticket_id,
        'deleted_in_source' as reason,
        sent_at as dated_at,
        _loaded_at
    from comments
    where is_deleted_in_source

    union all

    select
        'zendesk_airbyte.ticket_audits' as raw_table,
        audit_id as primary_key,
        ticket_id,
        'deleted_in_source' as reason,
        audited_at as dated_at,
        _loaded_at
    from audits
    where is_deleted_in_source

    union all

    select
        'zendesk_airbyte.satisfaction_ratings' as raw_table,
        rating_id as primary_key,
        ticket_id,
        'deleted_in_source' as reason,
        rated_at as dated_at,
        _loaded_at
    from ratings
    where is_deleted_in_source

    union all

    select
        'zendesk_airbyte.users' as raw_table,
        user_id as primary_key,
        cast(null as {{ dbt.type_string() }}) as ticket_id,
        'deleted_in_source' as reason,
        cast(null as {{ dbt.type_timestamp() }}) as dated_at,
        _loaded_at
    from users
    where is_deleted_in_source

)

select
    cast(raw_table as {{ dbt.type_string() }}) as raw_table,
    cast(primary_key as {{ dbt.type_string() }}) as primary_key,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(reason as {{ dbt.type_string() }}) as reason,
    cast(dated_at as {{ dbt.type_timestamp() }}) as dated_at,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from set_aside
