{#- 95% Wilson score interval of a proportion successes / trials (null when there
    are no trials). Honest for small samples and rates near 0 or 1, unlike the
    normal approximation. -#}
{% macro wilson_bound(successes, trials, side, z=1.96) -%}
    {%- set n = "cast(" ~ trials ~ " as " ~ type_double() ~ ")" -%}
    {%- set p = "(cast(" ~ successes ~ " as " ~ type_double() ~ ") / " ~ n ~ ")" -%}
    {%- set sign = "-" if side == "lower" else "+" -%}
    {#- Clamped to [0, 1]: at p = 0 or 1 rounding leaves a bound a hair outside. -#}
    case
        when {{ trials }} > 0
            then {{ "greatest(0.0, " if side == "lower" else "least(1.0, " }}(
                {{ p }} + {{ z * z }} / (2 * {{ n }})
                {{ sign }} {{ z }} * sqrt({{ p }} * (1 - {{ p }}) / {{ n }} + {{ z * z }} / (4 * {{ n }} * {{ n }}))
            ) / (1 + {{ z * z }} / {{ n }}))
    end
{%- endmacro %}


{#- numerator / denominator as a float, null when the denominator is zero. -#}
{% macro safe_rate(numerator, denominator) -%}
    case
        when {{ denominator }} > 0
            then cast({{ numerator }} as {{ type_double() }}) / {{ denominator }}
    end
{%- endmacro %}
