{#- One row per business schedule, local day and opening window, from
    business_calendar_start_date to business_calendar_end_date: the window's opening and
    closing as UTC instants (converted on its own day, so daylight-saving changes fall on
    the right dates), and the business minutes the schedule was open before that day.
    A day without windows (a weekend, a holiday) has one row with null instants.
    The business clock in macros/business_hours.sql reads it. -#}

with

schedules as {{ inline_cte() }} (

    select * from {{ ref("business_schedules") }}

),

holidays as {{ inline_cte() }} (

    select * from {{ ref("business_holidays") }}

),

days as (

    {{ dbt.date_spine(
        "day",
        "cast('" ~ var("business_calendar_start_date") ~ "' as date)",
        dbt.dateadd("day", 1, "cast('" ~ var("business_calendar_end_date") ~ "' as date)"),
    ) }}

),

schedule_timezones as (

    select distinct
        schedule_id,
        timezone
    from schedules

),

schedule_days as (

    select
        schedule_timezones.schedule_id,
        schedule_timezones.timezone,
        cast(days.date_day as date) as local_date
    from schedule_timezones
    cross join days

),

open_days as (

    select
        schedule_days.schedule_id,
        schedule_days.timezone,
        schedule_days.local_date,
        {{ iso_weekday("schedule_days.local_date") }} as local_weekday
    from schedule_days
    left join holidays
        on
            schedule_days.schedule_id = holidays.schedule_id
            and schedule_days.local_date = cast(holidays.holiday_date as date)
    where holidays.schedule_id is null

),

windows as (

    select
        open_days.schedule_id,
        open_days.local_date,
        {{ local_to_utc(
            timestamp_add("minute", clock_time_minutes("schedules.opens_at"), "cast(open_days.local_date as timestamp)"),
            "open_days.timezone",
        ) }} as opens_at_utc,
        {{ local_to_utc(
            timestamp_add("minute", clock_time_minutes("schedules.closes_at"), "cast(open_days.local_date as timestamp)"),
            "open_days.timezone",
        ) }} as closes_at_utc
    from open_days
    inner join schedules
        on
            open_days.schedule_id = schedules.schedule_id
            and open_days.local_weekday = cast(schedules.weekday as {{ dbt.type_int() }})

),

day_minutes as (

    select
        schedule_id,
        local_date,
        sum({{ dbt.datediff("opens_at_utc", "closes_at_utc", "second") }}) as business_seconds_in_day
    from windows
    group by schedule_id, local_date

),

calendar_days as (

    select
        schedule_days.schedule_id,
        schedule_days.timezone,
        schedule_days.local_date,
        coalesce(day_minutes.business_seconds_in_day, 0) as business_seconds_in_day,
        coalesce(
            sum(day_minutes.business_seconds_in_day) over (
                partition by schedule_days.schedule_id
                order by schedule_days.local_date
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as business_seconds_before_day
    from schedule_days
    left join day_minutes
        on
            schedule_days.schedule_id = day_minutes.schedule_id
            and schedule_days.local_date = day_minutes.local_date

)

select
    cast(calendar_days.schedule_id as {{ dbt.type_string() }}) as schedule_id,
    cast(calendar_days.timezone as {{ dbt.type_string() }}) as timezone,
    calendar_days.local_date,
    windows.opens_at_utc,
    windows.closes_at_utc,
    cast(calendar_days.business_seconds_in_day as {{ dbt.type_bigint() }}) as business_seconds_in_day,
    cast(calendar_days.business_seconds_before_day as {{ dbt.type_bigint() }}) as business_seconds_before_day
from calendar_days
left join windows
    on
        calendar_days.schedule_id = windows.schedule_id
        and calendar_days.local_date = windows.local_date
