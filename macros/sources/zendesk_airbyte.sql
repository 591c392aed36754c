{#- Zendesk Support as Airbyte's source-zendesk-support lands it with a destinations-v2
    destination (docs/sources/zendesk_airbyte.md): one table per stream, the stream's
    top-level properties as columns (nested objects and arrays as JSON columns: jsonb on
    PostgreSQL, JSON on DuckDB, VARIANT/JSON or a string elsewhere) plus Airbyte's
    _airbyte_raw_id, _airbyte_extracted_at, _airbyte_meta and _airbyte_generation_id. The
    adapter in models/adapters/zendesk_airbyte/ reads it; the rules it shares with the
    Fivetran-layout adapter are in macros/sources/zendesk_rules.sql. -#}

{#- What preflight_source_tables checks before any model runs. Optional columns are not
    listed and are read when present: tickets.tags, .custom_fields and .updated_at, the
    `via` of comments and audits, updated_at of users and ratings, _airbyte_raw_id, and
    _ab_cdc_deleted_at on any stream. A column the issue-type vars need is required once
    a var names it. -#}
{% macro zendesk_airbyte_raw_requirements() -%}
    {%- set ticket_columns = ["id", "created_at", "status", "requester_id", "via", "_airbyte_extracted_at"] -%}
    {%- if zendesk_issue_type_source() == "tag" -%}
        {%- do ticket_columns.append("tags") -%}
    {%- elif zendesk_issue_type_source() == "field" -%}
        {%- do ticket_columns.append("custom_fields") -%}
    {%- endif -%}
    {{ return([
        {"table": "tickets", "required": true, "columns": ticket_columns},
        {"table": "ticket_comments", "required": true, "columns": [
            "id", "ticket_id", "author_id", "created_at", "public", "body", "_airbyte_extracted_at",
        ]},
        {"table": "ticket_audits", "required": true, "columns": [
            "id", "ticket_id", "author_id", "created_at", "events", "_airbyte_extracted_at",
        ]},
        {"table": "users", "required": true, "columns": ["id", "email", "role", "_airbyte_extracted_at"]},
        {"table": "satisfaction_ratings", "required": false, "columns": [
            "id", "ticket_id", "score", "created_at", "_airbyte_extracted_at",
        ]},
    ]) }}
{%- endmacro %}


{#- The stream's table when it was delivered, else none (satisfaction_ratings is optional). -#}
{% macro zendesk_airbyte_relation(table_name) -%}
    {%- set declared = source("zendesk_airbyte", table_name) -%}
    {%- if not execute -%}{{ return(declared) }}{%- endif -%}
    {%- set found = adapter.get_relation(
        database=declared.database, schema=declared.schema, identifier=declared.identifier
    ) -%}
    {{ return(declared if found is not none else none) }}
{%- endmacro %}


{#- The order of one record's copies, newest first. Airbyte delivers a record again on
    every sync that sees it change (append modes keep every copy; append + deduped keeps
    one): the latest extraction wins, then the latest updated_at where the stream has it,
    then the greatest _airbyte_raw_id, so the winner never depends on row order. -#}
{% macro zendesk_airbyte_newest_first(relation) -%}
    {%- set terms = ["_airbyte_extracted_at desc nulls last"] -%}
    {%- if column_present(relation, "updated_at") -%}
        {%- do terms.append("updated_at desc nulls last") -%}
    {%- endif -%}
    {%- if column_present(relation, "_airbyte_raw_id") -%}
        {%- do terms.append("cast(_airbyte_raw_id as " ~ dbt.type_string() ~ ") desc nulls last") -%}
    {%- endif -%}
    {{ terms | join(", ") }}
{%- endmacro %}


{#- 1 for the copy of a record that wins (zendesk_airbyte_newest_first) and for every row
    without a key (staging quarantines those as missing_primary_key); more for older copies. -#}
{% macro zendesk_airbyte_copy_rank(relation, key_column="id") -%}
    case
        when {{ zendesk_id(key_column) }} is null then 1
        else row_number() over (
            partition by {{ zendesk_id(key_column) }}
            order by {{ zendesk_airbyte_newest_first(relation) }}
        )
    end
{%- endmacro %}


{#- True for a record Airbyte marks as deleted at the source (_ab_cdc_deleted_at set; only
    change-data-capture loads write it, so Zendesk's API streams normally lack it). -#}
{% macro zendesk_airbyte_deleted_flag(relation) -%}
    {%- if column_present(relation, "_ab_cdc_deleted_at") -%}
        (_ab_cdc_deleted_at is not null)
    {%- else -%}
        false
    {%- endif -%}
{%- endmacro %}


{#- A JSON column as its JSON text (json, jsonb or a string alike), or a typed null when
    the optional column is absent. -#}
{% macro zendesk_airbyte_json_column(relation, column_name) -%}
    {%- if column_present(relation, column_name) -%}
        cast({{ column_name }} as {{ dbt.type_string() }})
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}


{#- A field of a JSON column as lower-cased, trimmed text (null when blank or absent). -#}
{% macro zendesk_airbyte_json_key(expression, keys) -%}
    nullif(lower(trim({{ json_text(expression, keys) }})), '')
{%- endmacro %}


{#- True when the help desk's own automation made the change or wrote the comment: a via
    whose channel is `rule` or whose source.rel is `trigger` or `automation` (Zendesk's via
    object reference). Arguments: the via's channel and rel, lower-cased text. -#}
{% macro zendesk_airbyte_is_automation(via_channel, via_rel) -%}
    (
        coalesce({{ via_channel }} = 'rule', false)
        or coalesce({{ via_rel }} in ('trigger', 'automation'), false)
    )
{%- endmacro %}


{#- zendesk_airbyte_json_key of an optional JSON column (the `via` of comments and audits),
    or a typed null when the column is absent. `lowered` false keeps the text as it is. -#}
{% macro zendesk_airbyte_optional_json_key(relation, column_name, keys, lowered=true) -%}
    {%- if not column_present(relation, column_name) -%}
        cast(null as {{ dbt.type_string() }})
    {%- elif lowered -%}
        {{ zendesk_airbyte_json_key(column_name, keys) }}
    {%- else -%}
        {{ json_text(column_name, keys) }}
    {%- endif -%}
{%- endmacro %}
