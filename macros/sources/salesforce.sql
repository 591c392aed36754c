{#- Salesforce Service Cloud in Fivetran's layout (docs/sources/salesforce.md): the tables
    and columns the adapter in models/adapters/salesforce/ reads, and its helpers. -#}

{#- What preflight_source_tables checks before any model runs. Optional columns
    (_fivetran_deleted, _fivetran_active, master_record_id, supplied_email, owner_id,
    email_message.status, conversation_entry.actor_id) are not listed: the adapter reads
    them when present. The issue type's column is required once the var names it. -#}
{% macro salesforce_raw_requirements() -%}
    {%- set case_columns = ["id", "contact_id", "origin", "status", "created_date", "is_deleted", "_fivetran_synced"] -%}
    {%- if salesforce_issue_type_column() -%}
        {%- do case_columns.append(salesforce_issue_type_column()) -%}
    {%- endif -%}
    {{ return([
        {"table": "case", "required": true, "columns": case_columns},
        {"table": "case_history", "required": true, "columns": [
            "id", "case_id", "field", "new_value", "created_date", "created_by_id", "is_deleted", "_fivetran_synced",
        ]},
        {"table": "user", "required": true, "columns": ["id", "email", "user_type", "_fivetran_synced"]},
        {"table": "case_comment", "required": false, "columns": [
            "id", "parent_id", "comment_body", "is_published", "created_by_id", "created_date", "is_deleted",
            "_fivetran_synced",
        ]},
        {"table": "email_message", "required": false, "columns": [
            "id", "parent_id", "incoming", "message_date", "text_body", "from_address", "created_by_id",
            "is_deleted", "_fivetran_synced",
        ]},
        {"table": "messaging_session", "required": false, "columns": [
            "id", "case_id", "start_time", "end_time", "is_deleted", "_fivetran_synced",
        ]},
        {"table": "conversation_entry", "required": false, "columns": [
            "id", "conversation_id", "actor_type", "entry_type", "entry_time", "message", "_fivetran_synced",
        ]},
    ]) }}
{%- endmacro %}


{#- The case column that carries the issue type (var salesforce_issue_type_column, e.g.
    type or reason, or a custom field such as issue_type_c), lower-cased, or none. Anything
    but a plain column name stops the build: the name is put into SQL as it is. -#}
{% macro salesforce_issue_type_column() -%}
    {%- set name = (var("salesforce_issue_type_column", none) or "") | string | trim | lower -%}
    {%- if name in ["", "none"] -%}{{ return(none) }}{%- endif -%}
    {%- if not modules.re.match("^[a-z_][a-z0-9_]*$", name) -%}
        {{ exceptions.raise_compiler_error(
            "The var salesforce_issue_type_column is '" ~ name ~ "': give the name of a column of "
            ~ "case (letters, digits and _), for example type or reason."
        ) }}
    {%- endif -%}
    {{ return(name) }}
{%- endmacro %}


{#- The vendor table when it was delivered, else none (optional tables). At parse time:
    the declared source, so it is part of the DAG. -#}
{% macro salesforce_relation(table_name) -%}
    {%- set declared = source("salesforce", table_name) -%}
    {%- if not execute -%}{{ return(declared) }}{%- endif -%}
    {%- set found = adapter.get_relation(
        database=declared.database, schema=declared.schema, identifier=declared.identifier
    ) -%}
    {{ return(declared if found is not none else none) }}
{%- endmacro %}


{#- A Salesforce id (15 or 18 characters) as contract text; blank is missing. -#}
{% macro salesforce_id(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}


{#- Text as the mapping seeds match it: lower-cased, trimmed, blank as null. -#}
{% macro salesforce_key(expression) -%}
    nullif(lower(trim(cast({{ expression }} as {{ dbt.type_string() }}))), '')
{%- endmacro %}


{#- A flag column that may be absent (_fivetran_deleted, is_deleted): true only when it says so. -#}
{% macro salesforce_flag(relation, column_name) -%}
    {%- if column_present(relation, column_name) -%}
        coalesce({{ boolean_or_null(relation, column_name) }}, false)
    {%- else -%}
        false
    {%- endif -%}
{%- endmacro %}


{#- Rows of a table loaded in Fivetran's history mode: only the active version of each
    record (_fivetran_active), as the dbt_salesforce_source package reads them. Without the
    column every row is current. -#}
{% macro salesforce_active_rows(relation) -%}
    {%- if column_present(relation, "_fivetran_active") -%}
        coalesce({{ boolean_or_null(relation, "_fivetran_active") }}, true)
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}


{#- A seed's rows for Salesforce, keyed by the lower-cased, trimmed source value. -#}
{% macro salesforce_seed_rows(seed_name, value_column) -%}
    select
        lower(trim(source_value)) as source_value,
        max({{ value_column }}) as {{ value_column }}
    from {{ ref(seed_name) }}
    where lower(trim(source_system)) = 'salesforce'
    group by lower(trim(source_value))
{%- endmacro %}


{#- User types (User.UserType, lower-cased) of the people on the customer's side:
    Experience Cloud (community and portal) users and guests. Standard users are the
    org's employees (human agents); AutomatedProcess is Salesforce's own automation
    (system). Another value is unknown. -#}
{% macro salesforce_customer_user_types() -%}
    {{ return(["powercustomersuccess", "customersuccess", "cspliteportal", "csplitportal", "guest", "selfservice"]) }}
{%- endmacro %}

{% macro salesforce_agent_user_types() -%}
    {{ return(["standard", "powerpartner"]) }}
{%- endmacro %}

{% macro salesforce_system_user_types() -%}
    {{ return(["automatedprocess"]) }}
{%- endmacro %}


{#- The case_history fields that change the owner: Owner (two rows per change, the
    owner's name and its id; only the id row is an assignment), and the special values
    ownerAssignment, ownerAccepted and ownerEscalated. Lower-cased. -#}
{% macro salesforce_owner_fields() -%}
    {{ return(["owner", "ownerid", "ownerassignment", "owneraccepted", "ownerescalated"]) }}
{%- endmacro %}


{#- Whether a text is a Salesforce record id with the given 3-character key prefix
    (005 a user, 00G a queue or group): 15 or 18 letters and digits. -#}
{% macro salesforce_is_id_of(expression, prefix) -%}
    (
        {{ expression }} like '{{ prefix }}%'
        and length({{ expression }}) in (15, 18)
        and {{ expression }} not like '% %'
    )
{%- endmacro %}


{#- conversation_entry actor types (lower-cased) and the author each is. -#}
{% macro salesforce_actor_classes() -%}
    {{ return({
        "enduser": "customer",
        "bot": "ai_agent",
        "agent": "human_agent",
        "supervisor": "human_agent",
        "system": "system",
    }) }}
{%- endmacro %}


{#- conversation_entry entry types (lower-cased) that the adapter reads: Text is a
    message; BotEscalated the bot's request for a human; ChatbotClosedIdleSession the bot
    closing a session the customer left idle; ChatbotEndedChatByAction the bot ending the
    chat with an End Chat action. -#}
{% macro salesforce_entry_types() -%}
    {{ return({
        "message": "text",
        "escalated": "botescalated",
        "idle_closed": "chatbotclosedidlesession",
        "ended_by_action": "chatbotendedchatbyaction",
    }) }}
{%- endmacro %}


{#- SQL for a classified actor type of a conversation entry. -#}
{% macro salesforce_actor_class(actor_type) -%}
    case {{ actor_type }}
        {%- for value, author in salesforce_actor_classes().items() %}
        when '{{ value }}' then '{{ author }}'
        {%- endfor %}
        else 'unknown'
    end
{%- endmacro %}


{#- A SQL list of quoted, lower-cased values. -#}
{% macro salesforce_sql_list(values) -%}
    {%- set cleaned = [] -%}
    {%- for value in (values if values is not string else [values]) -%}
        {%- do cleaned.append("'" ~ (value | string | trim | lower | replace("'", "''")) ~ "'") -%}
    {%- endfor -%}
    {{ return(cleaned | join(", ") if cleaned else "''") }}
{%- endmacro %}


{#- EmailMessage.Status values (lower-cased) of an email that was never sent: 5 is
    Draft in the API; some loads write the label. -#}
{% macro salesforce_draft_email_statuses() -%}
    {{ return(["5", "draft"]) }}
{%- endmacro %}


{#- The bot's own verdict on a case, from how its messaging sessions ended (Salesforce
    ranks bot sessions escalated, abandoned, deflected): the entry type as Salesforce
    spells it, its rank (lower wins) and the verdict it states. -#}
{% macro salesforce_bot_verdicts() -%}
    {{ return({
        "botescalated": {"native": "BotEscalated", "rank": 1, "verdict": "not_resolved"},
        "chatbotclosedidlesession": {"native": "ChatbotClosedIdleSession", "rank": 2, "verdict": "not_resolved"},
        "chatbotendedchatbyaction": {"native": "ChatbotEndedChatByAction", "rank": 3, "verdict": "resolved"},
    }) }}
{%- endmacro %}
