-- Every staged row is either used (a ticket in scope, a timeline row) or set aside by a
-- check that needs the tickets and as_of (int_raw_row_dispositions), never both and
-- never neither: the two models decide with the same conditions, table by table.
{%- set tables = ["tickets", "messages", "ticket_events", "ai_actions", "csat_responses"] %}

with

staged as (
    {%- for table_name in tables %}

        select
            '{{ table_name }}' as raw_table,
            count(*) as staged_rows
        from {{ ref("stg_support__" ~ table_name) }}
        {%- if not loop.last %}

            union all
        {%- endif %}
    {%- endfor %}

),

placed as (

    select
        raw_table,
        used_rows as row_count
    from {{ ref("int_raw_rows_used") }}

    union all

    select
        raw_table,
        count(*) as row_count
    from {{ ref("int_raw_row_dispositions") }}
    where reason in ('ticket_quarantined', 'orphan_ticket', 'after_as_of', 'before_ticket_created')
    group by raw_table

),

placed_per_table as (

    select
        raw_table,
        sum(row_count) as placed_rows
    from placed
    group by raw_table

)

select
    staged.raw_table,
    staged.staged_rows,
    placed_per_table.placed_rows
from staged
left join placed_per_table
    on staged.raw_table = placed_per_table.raw_table
where staged.staged_rows != coalesce(placed_per_table.placed_rows, 0)
