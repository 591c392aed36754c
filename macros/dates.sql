{#- A timestamp plus a number of hours, minutes or seconds, exact to the microsecond on
    every engine. dbt.dateadd on Spark goes through unix seconds and drops the fraction
    of a second, which moves window edges on real (sub-second) data. -#}
{% macro timestamp_add(datepart, interval, from_timestamp) -%}
    {{ return(adapter.dispatch("timestamp_add", "ai_resolution")(datepart, interval, from_timestamp)) }}
{%- endmacro %}

{% macro default__timestamp_add(datepart, interval, from_timestamp) -%}
    {{ dbt.dateadd(datepart, interval, from_timestamp) }}
{%- endmacro %}

{% macro spark__timestamp_add(datepart, interval, from_timestamp) -%}
    timestampadd({{ datepart }}, {{ interval }}, {{ from_timestamp }})
{%- endmacro %}
