{{ config(severity="warn") }}
-- Warns when more than quarantine_warn_share of a raw table was set aside: the metrics
-- may then rest on too little of the input. See fct_data_quality_summary.
select
    raw_table,
    sum(row_count) as quarantined_rows,
    max(raw_table_rows) as raw_table_rows
from {{ ref("fct_data_quality_summary") }}
where disposition = 'quarantined'
group by raw_table
having sum(row_count) > {{ var("quarantine_warn_share") }} * max(raw_table_rows)
