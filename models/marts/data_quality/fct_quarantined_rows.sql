{#- One row per raw row that was set aside, and why: nothing is dropped silently. -#}

with

dispositions as {{ inline_cte() }} (

    select * from {{ ref("int_raw_row_dispositions") }}

)

select
    cast(raw_row_key as {{ dbt.type_string() }}) as quarantine_row_key,
    cast(raw_table as {{ dbt.type_string() }}) as raw_table,
    cast(primary_key as {{ dbt.type_string() }}) as primary_key,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(reason as {{ dbt.type_string() }}) as reason,
    cast(dated_at as {{ dbt.type_timestamp() }}) as dated_at,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
from dispositions
where disposition = 'quarantined'
