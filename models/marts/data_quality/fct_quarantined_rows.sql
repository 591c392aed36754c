{#- One row per raw row that was set aside, and why: nothing is dropped silently. With a
    help-desk adapter, the vendor rows it set aside (deleted at the source) are listed too,
    under the vendor's table name (<source_system>.<table>). -#}
{%- set adapter_set_aside = source_system() != "contract" %}

with

dispositions as {{ inline_cte() }} (

    select * from {{ ref("int_raw_row_dispositions") }}

),
{%- if adapter_set_aside %}

source_set_aside as (

    select * from {{ ref(source_system() ~ "__set_aside_rows") }}

),
{%- endif %}

contract_rows as (

    select
        raw_row_key,
        raw_table,
        primary_key,
        ticket_id,
        reason,
        dated_at,
        _loaded_at
    from dispositions
    where disposition = 'quarantined'

),

quarantined as (

    select * from contract_rows
    {%- if adapter_set_aside %}

    union all

    select
        {{ dbt.concat(["source_set_aside.raw_table", "'|'", "source_set_aside.primary_key"]) }} as raw_row_key,
        source_set_aside.raw_table,
        source_set_aside.primary_key,
        source_set_aside.ticket_id,
        source_set_aside.reason,
        source_set_aside.dated_at,
        source_set_aside._loaded_at
    from source_set_aside
    {%- endif %}

)

select
    cast(raw_row_key as {{ dbt.type_string() }}) as quarantine_row_key,
    cast(raw_table as {{ dbt.type_string() }}) as raw_table,
    cast(primary_key as {{ dbt.type_string() }}) as primary_key,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(reason as {{ dbt.type_string() }}) as reason,
    cast(dated_at as {{ dbt.type_timestamp() }}) as dated_at,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as loaded_at
from quarantined
