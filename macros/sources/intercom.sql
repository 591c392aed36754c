{#- Intercom (Fivetran layout) adapter helpers: what the adapter reads, and the small
    pieces of SQL its models share (models/adapters/intercom/, docs/sources/intercom.md). -#}

{#- The vendor tables and the columns the adapter reads, checked by the pre-flight
    (macros/preflight.sql) before any model runs. Columns that Fivetran only creates once
    a value has appeared (the ratings, Fin's ai_agent_* columns, the SCD and delete
    markers) are optional and read when present. -#}
{% macro intercom_raw_requirements() -%}
    {%- set conversation_columns = [
        "id", "created_at", "updated_at", "state", "source_type", "source_author_id",
        "source_author_type", "_fivetran_synced",
    ] -%}
    {#- The issue type's column is required once the var names it: a typo must stop the
        build, not leave every issue type null. -#}
    {%- if intercom_issue_type_column() -%}
        {%- do conversation_columns.append(intercom_issue_type_column()) -%}
    {%- endif -%}
    {{ return([
        {
            "table": "conversation_history",
            "required": true,
            "columns": conversation_columns,
        },
        {
            "table": "conversation_part_history",
            "required": true,
            "columns": [
                "id", "conversation_id", "part_type", "author_id", "author_type", "created_at",
                "assigned_to_id", "assigned_to_type", "body", "_fivetran_synced",
            ],
        },
        {"table": "conversation_contact_history", "required": false, "columns": ["conversation_id", "contact_id"]},
        {"table": "admin", "required": false, "columns": ["id", "email"]},
    ]) }}
{%- endmacro %}


{#- The conversation_history column that carries the issue type (var
    intercom_issue_type_column: Fivetran lands a conversation custom attribute as a column
    custom_<attribute>), lower-cased, or none when the var is null or blank. Anything but
    a plain column name stops the build: the name is put into SQL as it is. -#}
{% macro intercom_issue_type_column() -%}
    {%- set name = (var("intercom_issue_type_column", none) or "") | string | trim | lower -%}
    {%- if name in ["", "none"] -%}{{ return(none) }}{%- endif -%}
    {%- if not modules.re.match("^[a-z_][a-z0-9_]*$", name) -%}
        {{ exceptions.raise_compiler_error(
            "The var intercom_issue_type_column is '" ~ name ~ "': give the name of a column of "
            ~ "conversation_history (letters, digits and _), for example custom_issue_type."
        ) }}
    {%- endif -%}
    {{ return(name) }}
{%- endmacro %}


{#- Whether an optional Intercom table exists in raw_schema (at parse time: yes, so the
    source is part of the DAG). -#}
{% macro intercom_table_present(table_name) -%}
    {%- if not execute -%}{{ return(true) }}{%- endif -%}
    {%- set declared = source("intercom", table_name) -%}
    {%- set found = adapter.get_relation(
        database=declared.database, schema=declared.schema, identifier=declared.identifier
    ) -%}
    {{ return(found is not none) }}
{%- endmacro %}


{#- Text as the mapping seeds match it: lower-cased, trimmed, blank as null. -#}
{% macro intercom_key(expression) -%}
    nullif(lower(trim(cast({{ expression }} as {{ dbt.type_string() }}))), '')
{%- endmacro %}


{#- An id as text (Intercom ids land as integers or text), blank as null. -#}
{% macro intercom_id(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}


{#- A rating (1 to 5) as the text source_csat_scale maps: a numeric column loses its
    decimals (5.0 reads as 5), a text one is trimmed. Absent column: null. -#}
{% macro intercom_rating_text(relation, column_name) -%}
    {%- if not column_present(relation, column_name) -%}
        cast(null as {{ dbt.type_string() }})
    {%- elif is_text_type(raw_column_type(relation, column_name)) -%}
        nullif(trim({{ column_name }}), '')
    {%- else -%}
        cast(cast({{ column_name }} as {{ dbt.type_int() }}) as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}


{#- An optional boolean column, or a typed null. -#}
{% macro intercom_optional_boolean(relation, column_name) -%}
    {%- if column_present(relation, column_name) -%}
        {{ boolean_or_null(relation, column_name) }}
    {%- else -%}
        cast(null as {{ dbt.type_boolean() }})
    {%- endif -%}
{%- endmacro %}


{#- The order of a history table's versions of one key, newest first: the active version
    (_fivetran_active), then the latest _fivetran_start, then updated_at, then the latest
    sync. Loads without the SCD columns fall back to the later ones. -#}
{% macro intercom_newest_first(relation) -%}
    {%- set terms = [] -%}
    {%- if column_present(relation, "_fivetran_active") -%}
        {%- do terms.append("case when is_fivetran_active then 0 else 1 end") -%}
    {%- endif -%}
    {%- if column_present(relation, "_fivetran_start") -%}
        {%- do terms.append("fivetran_start desc nulls last") -%}
    {%- endif -%}
    {%- if column_present(relation, "updated_at") -%}
        {%- do terms.append("updated_at desc nulls last") -%}
    {%- endif -%}
    {%- do terms.append("_fivetran_synced desc nulls last") -%}
    {{ terms | join(", ") }}
{%- endmacro %}


{#- Whether a key's current version stands for a record deleted at the source: its
    _fivetran_deleted is true, or (history mode) the table has _fivetran_active and no
    version of the key is active any more. Needs the columns has_active_version and
    is_fivetran_deleted of the parsed versions. -#}
{% macro intercom_is_deleted(relation) -%}
    (
        {%- if column_present(relation, "_fivetran_deleted") %}
        coalesce(is_fivetran_deleted, false)
        {%- else %}
        false
        {%- endif %}
        {%- if column_present(relation, "_fivetran_active") %}
        or has_active_version = 0
        {%- endif %}
    )
{%- endmacro %}


{#- Who wrote a part or the opening message, as a contract author type. A listed id or
    admin email (source_ai_identities, counts_as ai_agent or system) wins, then a listed
    author_type, then Intercom's own type: user, lead, contact -> customer; admin ->
    human_agent; bot -> ai_agent; team -> system. Anything else: unknown (counted by the
    data-quality marts). -#}
{% macro intercom_author_class(author_type, by_id, by_email, by_type) -%}
    case
        when {{ by_id }}.counts_as is not null then {{ by_id }}.counts_as
        when {{ by_email }}.counts_as is not null then {{ by_email }}.counts_as
        when {{ by_type }}.counts_as is not null then {{ by_type }}.counts_as
        when {{ author_type }} in ('user', 'lead', 'contact') then 'customer'
        when {{ author_type }} = 'admin' then 'human_agent'
        when {{ author_type }} = 'bot' then 'ai_agent'
        when {{ author_type }} = 'team' then 'system'
        else 'unknown'
    end
{%- endmacro %}


{#- Whom a part assigned the conversation to, as a contract assignee type: a listed id or
    admin email -> ai_agent (counts_as system: queue, automation is no agent); team ->
    queue; bot -> ai_agent (or as its author_type row says); admin -> human_agent. An
    unassignment (nobody_admin, no id) or any other type is no assignment (null). -#}
{% macro intercom_assignee_class(assigned_to_type, assigned_to_id, by_id, by_email, by_type) -%}
    case
        when {{ assigned_to_type }} is null or {{ assigned_to_id }} is null or {{ assigned_to_id }} = '0'
            then null
        when {{ assigned_to_type }} not in ('admin', 'team', 'bot') then null
        when coalesce({{ by_id }}.counts_as, {{ by_email }}.counts_as) = 'ai_agent' then 'ai_agent'
        when coalesce({{ by_id }}.counts_as, {{ by_email }}.counts_as) = 'system' then 'queue'
        when {{ assigned_to_type }} = 'team' then 'queue'
        when {{ by_type }}.counts_as = 'system' then 'queue'
        when {{ by_type }}.counts_as = 'ai_agent' then 'ai_agent'
        when {{ assigned_to_type }} = 'bot' then 'ai_agent'
        else 'human_agent'
    end
{%- endmacro %}


{#- The status a part's type sets, or null: close -> solved; open, unsnoozed,
    timer_unsnooze and the *_and_reopen parts -> open; snoozed -> on_hold. -#}
{% macro intercom_part_status(part_type) -%}
    case
        when {{ part_type }} = 'close' then 'solved'
        when {{ part_type }} in ('open', 'unsnoozed', 'timer_unsnooze', 'note_and_reopen', 'assign_and_reopen')
            then 'open'
        when {{ part_type }} = 'snoozed' then 'on_hold'
    end
{%- endmacro %}


{#- The part types that carry a message when they have a body, and the internal ones. -#}
{% macro intercom_message_part_types() -%}
    {{ return(["comment", "note", "quick_reply", "note_and_reopen", "assign_and_reopen"]) }}
{%- endmacro %}

{% macro intercom_internal_part_types() -%}
    {{ return(["note", "note_and_reopen"]) }}
{%- endmacro %}


{#- Fin's resolution states and the verdict each states. -#}
{% macro intercom_fin_verdicts() -%}
    {{ return({
        "assumed_resolution": "resolved",
        "confirmed_resolution": "resolved",
        "routed_to_team": "not_resolved",
        "abandoned": "not_resolved",
    }) }}
{%- endmacro %}
