{#- The contract's `tickets` from Salesforce cases (SOURCES.md section 4): the customer is
    the contact (else the supplied email); channel from origin and status from status
    through the mapping seeds (a value no row maps becomes `unknown`, counted in
    salesforce__unmapped_source_values); a merged case (master_record_id) is merged into
    its master case; the issue type from the case column the var
    salesforce_issue_type_column names. Salesforce has no spam flag of its own: is_spam is
    false. Cases deleted at the source are set aside (salesforce__set_aside_rows). -#}

with

cases as (

    select * from {{ ref("base_salesforce__case") }}

),

status_map as (

    {{ salesforce_seed_rows("source_status_map", "status") }}

),

channel_map as (

    {{ salesforce_seed_rows("source_channel_map", "channel") }}

)

select
    cast(cases.case_id as {{ dbt.type_string() }}) as ticket_id,
    cast(cases.customer_id as {{ dbt.type_string() }}) as customer_id,
    cast(
        case when cases.origin is not null then coalesce(channel_map.channel, 'unknown') end
        as {{ dbt.type_string() }}
    ) as channel,
    cast(cases.issue_type as {{ dbt.type_string() }}) as issue_type,
    cast(cases.created_at as {{ dbt.type_timestamp() }}) as created_at,
    cast(
        case when cases.source_status is not null then coalesce(status_map.status, 'unknown') end
        as {{ dbt.type_string() }}
    ) as status,
    cast(false as {{ dbt.type_boolean() }}) as is_spam,
    cast(
        case when cases.master_record_id != cases.case_id then cases.master_record_id end
        as {{ dbt.type_string() }}
    ) as merged_into_ticket_id,
    cast(cases._loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from cases
left join status_map
    on cases.source_status = status_map.source_value
left join channel_map
    on cases.origin = channel_map.source_value
where not cases.is_deleted_in_source
