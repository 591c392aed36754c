{#- The MetricFlow time spine: one row per day from 2020-01-01 through 2030-12-31.
    MetricFlow joins to it for metric_time and for time-based aggregations; widen the
    range here if conversations can fall outside it. -#}

with

days as (

    {{ dbt.date_spine("day", "cast('2020-01-01' as date)", "cast('2031-01-01' as date)") }}

)

select cast(date_day as date) as date_day
from days
