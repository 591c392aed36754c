{#- One row per Salesforce value that no row of a mapping seed maps, for
    fct_unmapped_reference_values: case statuses (on the case and in its Status changes)
    and case origins. Such a status or channel is staged as `unknown`. Add the value to
    the seed named here (source_system salesforce) and re-run: each org has its own
    Status and Origin picklist values. -#}

with

cases as (

    select * from {{ ref("base_salesforce__case") }}

),

history as (

    select * from {{ ref("base_salesforce__case_history") }}

),

status_map as (

    {{ salesforce_seed_rows("source_status_map", "status") }}

),

channel_map as (

    {{ salesforce_seed_rows("source_channel_map", "channel") }}

),

used_cases as (

    select * from cases
    where not is_deleted_in_source

),

values_seen as (

    select
        'source_status_map' as seed_name,
        used_cases.source_status as unmapped_value,
        'salesforce.case' as raw_table,
        used_cases.case_id as ticket_id,
        used_cases.created_at as seen_at
    from used_cases
    left join status_map
        on used_cases.source_status = status_map.source_value
    where used_cases.source_status is not null and status_map.source_value is null

    union all

    select
        'source_channel_map' as seed_name,
        used_cases.origin as unmapped_value,
        'salesforce.case' as raw_table,
        used_cases.case_id as ticket_id,
        used_cases.created_at as seen_at
    from used_cases
    left join channel_map
        on used_cases.origin = channel_map.source_value
    where used_cases.origin is not null and channel_map.source_value is null

    union all

    select
        'source_status_map' as seed_name,
        lower(history.new_value) as unmapped_value,
        'salesforce.case_history' as raw_table,
        history.case_id as ticket_id,
        history.changed_at as seen_at
    from history
    left join status_map
        on lower(history.new_value) = status_map.source_value
    where
        history.field_name = 'status'
        and history.new_value is not null
        and not history.is_deleted_in_source
        and status_map.source_value is null

),

per_value as (

    -- One row per seed and value (the mart's key): a status unmapped on cases and in
    -- their changes names both tables.
    select
        seed_name,
        unmapped_value,
        min(raw_table) as first_raw_table,
        max(raw_table) as last_raw_table,
        count(*) as row_count,
        count(distinct ticket_id) as ticket_count,
        min(seen_at) as first_seen_at,
        max(seen_at) as last_seen_at
    from values_seen
    group by seed_name, unmapped_value

)

select
    cast(seed_name as {{ dbt.type_string() }}) as seed_name,
    cast(unmapped_value as {{ dbt.type_string() }}) as unmapped_value,
    cast(
        case
            when first_raw_table = last_raw_table then first_raw_table
            else {{ dbt.concat(["first_raw_table", "' and '", "last_raw_table"]) }}
        end as {{ dbt.type_string() }}
    ) as raw_table,
    cast(row_count as {{ dbt.type_int() }}) as row_count,
    cast(ticket_count as {{ dbt.type_int() }}) as ticket_count,
    cast(first_seen_at as {{ dbt.type_timestamp() }}) as first_seen_at,
    cast(last_seen_at as {{ dbt.type_timestamp() }}) as last_seen_at
from per_value
