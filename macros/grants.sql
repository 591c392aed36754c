{#- Read access for BI tools: with the var bi_reader_role set, every mart is granted
    `select` to that role (the marts' `grants` config in dbt_project.yml) and this
    on-run-end hook grants `usage` on the target schema, without which the role cannot
    reach the tables. Default none: no grants. PostgreSQL (and Redshift) only here;
    DuckDB has no grants, and on Snowflake, BigQuery or Databricks grant schema access
    the way that warehouse wants it (the table grants come from dbt's `grants`). -#}
{% macro grant_bi_reader_schema_usage() -%}
    {%- set role = var("bi_reader_role", none) -%}
    {%- if execute and role and flags.WHICH in ["build", "run"] -%}
        {{ adapter.dispatch("grant_schema_usage", "ai_resolution")(target.schema, role) }}
    {%- endif -%}
{%- endmacro %}

{% macro default__grant_schema_usage(schema_name, role) -%}
{%- endmacro %}

{% macro postgres__grant_schema_usage(schema_name, role) -%}
    grant usage on schema {{ adapter.quote(schema_name) }} to {{ role }}
{%- endmacro %}
