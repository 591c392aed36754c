-- Every row of the business_schedules seed can be read: times written HH:MM, a window
-- that closes after it opens and by 24:00, one timezone per schedule, and a timezone
-- the engine knows. Each failing row says what is wrong with it.
{{ config(severity="error") }}

with

schedules as (

    select * from {{ ref("business_schedules") }}

),

formats as (

    select
        *,
        (
            opens_at like '__:__'
            and translate(opens_at, '0123456789', '') = ':'
            and closes_at like '__:__'
            and translate(closes_at, '0123456789', '') = ':'
        ) as is_well_formed
    from schedules

),

windows as (

    select
        *,
        case when is_well_formed then {{ clock_time_minutes("opens_at") }} end as opens_minutes,
        case when is_well_formed then {{ clock_time_minutes("closes_at") }} end as closes_minutes
    from formats

),

timezones_per_schedule as (

    select
        schedule_id,
        count(distinct timezone) as timezone_count
    from schedules
    group by schedule_id

),

problems as (

    select
        windows.schedule_id,
        windows.weekday,
        windows.opens_at,
        windows.closes_at,
        windows.timezone,
        case
            when not windows.is_well_formed then 'opens_at and closes_at must be HH:MM'
            when windows.closes_minutes <= windows.opens_minutes then 'closes_at must be after opens_at'
            when windows.closes_minutes > 24 * 60 then 'closes_at must be 24:00 at the latest'
            when timezones_per_schedule.timezone_count > 1 then 'a schedule has one timezone'
            when not {{ is_known_timezone("windows.timezone") }} then 'unknown timezone'
        end as problem
    from windows
    inner join timezones_per_schedule
        on windows.schedule_id = timezones_per_schedule.schedule_id

)

select *
from problems
where problem is not null
