{#- Business hours (seeds business_schedules, business_holidays, channel_schedules).

    Timestamps in the project are UTC. A schedule's opening times are local wall-clock
    times in its timezone: int_business_calendar turns each local day's windows into UTC
    instants through the engine's timezone functions, so a daylight-saving change moves
    them on the right day and a window that spans the change has its true length.

    Business minutes between two instants are read from a business clock: the business
    minutes a schedule has been open from the calendar's first day up to an instant.
    The minutes between a and b are clock(b) - clock(a). Finding the clock of an instant
    is an equality join on (schedule, local date), so it costs the same on a million
    conversations as a lookup; no range join and no correlated subquery. -#}


{#- A UTC timestamp as wall-clock time in timezone (a column or a quoted literal). -#}
{% macro utc_to_local(timestamp_expression, timezone_expression) -%}
    {{ return(adapter.dispatch("utc_to_local", "ai_resolution")(timestamp_expression, timezone_expression)) }}
{%- endmacro %}

{% macro default__utc_to_local(timestamp_expression, timezone_expression) -%}
    cast((({{ timestamp_expression }}) at time zone 'UTC') at time zone {{ timezone_expression }} as timestamp)
{%- endmacro %}

{% macro spark__utc_to_local(timestamp_expression, timezone_expression) -%}
    from_utc_timestamp({{ timestamp_expression }}, {{ timezone_expression }})
{%- endmacro %}


{#- A wall-clock time in timezone as a UTC timestamp. -#}
{% macro local_to_utc(timestamp_expression, timezone_expression) -%}
    {{ return(adapter.dispatch("local_to_utc", "ai_resolution")(timestamp_expression, timezone_expression)) }}
{%- endmacro %}

{% macro default__local_to_utc(timestamp_expression, timezone_expression) -%}
    cast((({{ timestamp_expression }}) at time zone {{ timezone_expression }}) at time zone 'UTC' as timestamp)
{%- endmacro %}

{% macro spark__local_to_utc(timestamp_expression, timezone_expression) -%}
    to_utc_timestamp({{ timestamp_expression }}, {{ timezone_expression }})
{%- endmacro %}


{#- ISO day of the week of a date: 1 = Monday ... 7 = Sunday. -#}
{% macro iso_weekday(date_expression) -%}
    {{ return(adapter.dispatch("iso_weekday", "ai_resolution")(date_expression)) }}
{%- endmacro %}

{% macro default__iso_weekday(date_expression) -%}
    cast(extract(isodow from {{ date_expression }}) as {{ dbt.type_int() }})
{%- endmacro %}

{% macro spark__iso_weekday(date_expression) -%}
    (weekday({{ date_expression }}) + 1)
{%- endmacro %}


{#- Minutes after local midnight of an 'HH:MM' text ('24:00' is the end of the day). -#}
{% macro clock_time_minutes(text_expression) -%}
    (
        cast(substring({{ text_expression }}, 1, 2) as {{ dbt.type_int() }}) * 60
        + cast(substring({{ text_expression }}, 4, 2) as {{ dbt.type_int() }})
    )
{%- endmacro %}


{#- Business minutes between two instants: from a relation or CTE `spans` with the columns
    span_id, schedule_id, start_at and end_at (UTC), a query (with its own CTEs: use it as
    a whole model body or inside a CTE) of span_id, business_minutes and
    starts_in_business_hours.
    - business_minutes: the minutes the schedule was open between start_at and end_at,
      with seconds as a fraction; negative when end_at precedes start_at, like the
      calendar minutes beside it; null when either end is null, or falls outside the
      calendar's dates (vars business_calendar_start_date/end_date).
    - starts_in_business_hours: start_at falls inside an opening window.
    A null schedule_id means open 24/7: the business minutes are the calendar minutes and
    every instant is in hours. -#}
{% macro business_minutes_between(spans) -%}
    {%- set calendar_start = "cast('" ~ var("business_calendar_start_date") ~ "' as timestamp)" %}
    with

    schedule_timezones as (

        select distinct
            schedule_id,
            timezone
        from {{ ref("business_schedules") }}

    ),

    span_points as (

        -- Both ends of every span, from one pass over the spans (an engine that inlines CTEs
        -- copies `spans` into each reference).
        select
            spans.span_id,
            point_ends.point_end,
            spans.schedule_id,
            case point_ends.point_end when 'start' then spans.start_at else spans.end_at end as point_at
        from {{ spans }} as spans
        cross join (
            select 'start' as point_end
            union all
            select 'end' as point_end
        ) as point_ends
        where case point_ends.point_end when 'start' then spans.start_at else spans.end_at end is not null

    ),

    located_points as (

        -- The local day of each instant, in its schedule's timezone.
        select
            span_points.span_id,
            span_points.point_end,
            span_points.schedule_id,
            span_points.point_at,
            cast({{ utc_to_local("span_points.point_at", "schedule_timezones.timezone") }} as date) as local_date
        from span_points
        left join schedule_timezones
            on span_points.schedule_id = schedule_timezones.schedule_id

    ),

    clocked_points as (

        -- The business clock in whole seconds (so a difference is exact): the seconds open
        -- before the instant's local day, plus the part of that day's windows before it.
        select
            located_points.span_id,
            located_points.point_end,
            case
                when located_points.schedule_id is null
                    then {{ dbt.datediff(calendar_start, "located_points.point_at", "second") }}
                else
                    max(calendar.business_seconds_before_day)
                    + sum(
                        case
                            when calendar.opens_at_utc < located_points.point_at
                                then {{ dbt.datediff(
                                    "calendar.opens_at_utc",
                                    "case when calendar.closes_at_utc < located_points.point_at "
                                    ~ "then calendar.closes_at_utc else located_points.point_at end",
                                    "second",
                                ) }}
                            else 0
                        end
                    )
            end as business_clock_seconds,
            case
                when located_points.schedule_id is null then 1
                else max(
                    case
                        when
                            calendar.opens_at_utc <= located_points.point_at
                            and located_points.point_at < calendar.closes_at_utc
                            then 1
                        when calendar.local_date is not null then 0
                    end
                )
            end as in_hours_flag
        from located_points
        left join {{ ref("int_business_calendar") }} as calendar
            on
                located_points.schedule_id = calendar.schedule_id
                and located_points.local_date = calendar.local_date
        group by
            located_points.span_id,
            located_points.point_end,
            located_points.schedule_id,
            located_points.point_at

    )

    select
        spans.span_id,
        cast(
            max(case when clocks.point_end = 'end' then clocks.business_clock_seconds end)
            - max(case when clocks.point_end = 'start' then clocks.business_clock_seconds end)
            as {{ type_double() }}
        ) / 60 as business_minutes,
        max(case when clocks.point_end = 'start' then clocks.in_hours_flag end) = 1 as starts_in_business_hours
    from {{ spans }} as spans
    left join clocked_points as clocks
        on spans.span_id = clocks.span_id
    group by spans.span_id
{%- endmacro %}


{#- The engine knows this timezone name (checked in data-tests/assert_business_schedules_are_valid.sql). -#}
{% macro is_known_timezone(timezone_expression) -%}
    {{ return(adapter.dispatch("is_known_timezone", "ai_resolution")(timezone_expression)) }}
{%- endmacro %}

{% macro default__is_known_timezone(timezone_expression) -%}
    ({{ timezone_expression }} in (select pg_timezone_names.name from pg_timezone_names))
{%- endmacro %}

{% macro duckdb__is_known_timezone(timezone_expression) -%}
    ({{ timezone_expression }} in (select known.name from pg_timezone_names() as known))
{%- endmacro %}

{#- Spark has no list of its timezone names; from_utc_timestamp fails on an unknown one. -#}
{% macro spark__is_known_timezone(timezone_expression) -%}
    true
{%- endmacro %}
