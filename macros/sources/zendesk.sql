{#- Zendesk Support in Fivetran's layout (docs/sources/zendesk.md): the tables and
    columns the adapter in models/adapters/zendesk/ reads, and its helpers. -#}

{#- What preflight_source_tables checks before any model runs. A list is a column
    with alternative names (ticket_tag.tag in Fivetran's loads, .tags in some others).
    Optional columns (merged_ticket_ids, _fivetran_deleted, ticket_chat_event's
    original_message and _fivetran_synced) are not listed: the adapter reads them
    when present. -#}
{% macro zendesk_raw_requirements() -%}
    {{ return([
        {"table": "ticket", "required": true, "columns": [
            "id", "created_at", "status", "requester_id", "via_channel", "_fivetran_synced",
        ]},
        {"table": "ticket_comment", "required": true, "columns": [
            "id", "ticket_id", "user_id", "created", "public", "body", "_fivetran_synced",
        ]},
        {"table": "user", "required": true, "columns": ["id", "email", "role", "_fivetran_synced"]},
        {"table": "ticket_field_history", "required": true, "columns": [
            "ticket_id", "field_name", "updated", "value", "user_id", "_fivetran_synced",
        ]},
        {"table": "ticket_tag", "required": false, "columns": ["ticket_id", ["tag", "tags"]]},
        {"table": "ticket_chat", "required": false, "columns": ["chat_id", "ticket_id"]},
        {"table": "ticket_chat_event", "required": false, "columns": [
            "chat_id", "chat_index", "created_at", "actor_id", "type", "message",
        ]},
    ]) }}
{%- endmacro %}


{#- The vendor table when it was delivered, else none (optional tables). -#}
{% macro zendesk_relation(table_name) -%}
    {%- set declared = source("zendesk", table_name) -%}
    {%- if not execute -%}{{ return(declared) }}{%- endif -%}
    {%- set found = adapter.get_relation(
        database=declared.database, schema=declared.schema, identifier=declared.identifier
    ) -%}
    {{ return(declared if found is not none else none) }}
{%- endmacro %}


{#- A Zendesk id (bigint in Fivetran's loads, text in CSV loads) as contract text;
    blank is missing. -#}
{% macro zendesk_id(column_name) -%}
    nullif(trim(cast({{ column_name }} as {{ dbt.type_string() }})), '')
{%- endmacro %}


{#- A flag column that may be absent (_fivetran_deleted): true only when it says so. -#}
{% macro zendesk_flag(relation, column_name) -%}
    {%- if column_present(relation, column_name) -%}
        coalesce({{ boolean_or_null(relation, column_name) }}, false)
    {%- else -%}
        false
    {%- endif -%}
{%- endmacro %}


{#- True for a messaging event the bot sent: original_message (optional) names source
    type zd:answerBot. This wins over the actor (__trigger, __system, agent:<id>): the
    actor says what made the message go out, original_message says who wrote it. -#}
{% macro zendesk_answer_bot_flag(relation) -%}
    {%- if column_present(relation, "original_message") -%}
        coalesce(lower(cast(original_message as {{ dbt.type_string() }})) like '%zd:answerbot%', false)
    {%- else -%}
        false
    {%- endif -%}
{%- endmacro %}


{#- One row per element of a JSON list of ids held as text ('[1967]', '[12, 13]', '[]'):
    brackets, quotes and spaces are removed, the rest is split on commas. The caller
    drops the blank element an empty list leaves. -#}
{% macro zendesk_split_id_list(column_name) -%}
    {{ return(adapter.dispatch("zendesk_split_id_list", "ai_resolution")(
        "translate(cast(" ~ column_name ~ " as " ~ dbt.type_string() ~ "), '[] \"', '')"
    )) }}
{%- endmacro %}

{% macro default__zendesk_split_id_list(text) -%}
    unnest(string_to_array({{ text }}, ','))
{%- endmacro %}

{% macro duckdb__zendesk_split_id_list(text) -%}
    unnest(string_split({{ text }}, ','))
{%- endmacro %}

{% macro spark__zendesk_split_id_list(text) -%}
    explode(split({{ text }}, ','))
{%- endmacro %}


{#- satisfaction_score values that are not a customer's answer: the survey was offered,
    or could not be. They make no CSAT row and are not unmapped values. -#}
{% macro zendesk_csat_non_answers() -%}
    {{ return(["offered", "unoffered"]) }}
{%- endmacro %}


{#- The chat actors that are the help desk itself, not a person. -#}
{% macro zendesk_system_chat_actors() -%}
    {{ return(["__system", "__trigger", "agent:"]) }}
{%- endmacro %}


{#- A seed's rows for one of the Zendesk adapters (source_system zendesk or
    zendesk_airbyte), keyed by the lower-cased, trimmed source value. -#}
{% macro zendesk_seed_rows(seed_name, value_column, system="zendesk") -%}
    select
        lower(trim(source_value)) as source_value,
        {{ value_column }}
    from {{ ref(seed_name) }}
    where lower(trim(source_system)) = '{{ system }}'
{%- endmacro %}


{#- A SQL list of quoted, lower-cased values from a var (zendesk_spam_tags). -#}
{% macro zendesk_sql_list(values) -%}
    {%- set cleaned = [] -%}
    {%- for value in (values if values is not string else [values]) -%}
        {%- do cleaned.append("'" ~ (value | string | trim | lower | replace("'", "''")) ~ "'") -%}
    {%- endfor -%}
    {{ return(cleaned | join(", ") if cleaned else "''") }}
{%- endmacro %}
