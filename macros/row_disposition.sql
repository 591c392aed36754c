{#- Where a raw row goes, checked on the latest extraction of its key (key_rank = 1):
    a missing key is quarantined outright, older extractions are collapsed duplicates,
    then the first failing contract check (condition, reason) quarantines the row. -#}
{% macro quarantine_reason(key_column, checks) -%}
    case
        when {{ key_column }} is null then 'missing_primary_key'
        when key_rank > 1 then null
        {%- for condition, reason in checks %}
            when {{ condition }} then '{{ reason }}'
        {%- endfor %}
    end
{%- endmacro %}


{% macro disposition(key_column, checks) -%}
    case
        when {{ key_column }} is null then 'quarantined'
        when key_rank > 1 then 'duplicate_collapsed'
        {%- for condition, reason in checks %}
            when {{ condition }} then 'quarantined'
        {%- endfor %}
        else 'staged'
    end
{%- endmacro %}
