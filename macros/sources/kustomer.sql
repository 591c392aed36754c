{#- Kustomer (Singer/Meltano tap-kustomer) adapter helpers: what the adapter reads, and the
    small pieces of SQL its models share (models/adapters/kustomer/, docs/sources/kustomer.md).

    Kustomer's API answers in JSON:API: every record is {id, type, attributes: {...},
    relationships: {<name>: {data: {type, id}}}}. The taps land that shape in three ways,
    and the adapter reads each, table by table and group by group (attributes,
    relationships), from the columns it finds when it compiles:
      json       one JSON column per group (`attributes`, `relationships`): MeltanoLabs'
                 tap-kustomer into a target without flattening (json/jsonb, or text of JSON);
      flattened  one column per key path, joined by `__` (`attributes__status`,
                 `relationships__customer__data__id`): a Meltano target with flattening on.
                 Below the flattening depth a column holds the rest as JSON
                 (`attributes__satisfactionLevel` with max depth 1);
      denested   the group's keys as top-level columns, camelCase or snake_case (`status`,
                 `created_at`, `customer` holding {id, type}): singer-io's tap-kustomer
                 (Stitch), which moves attributes up and relationships' data objects up, and
                 converts every key to snake_case (a table with a created_at column is read
                 in snake_case throughout, one with createdAt as it is).
    A field is named by its JSON:API path, e.g. attributes.satisfactionLevel.rating or
    relationships.customer.data.id; a number is an array index (attributes.channels.0). -#}


{#- The columns of a relation: lower-cased name -> {name, type}. Read once per model and
    passed to the field macros below (each lookup would otherwise query the warehouse). -#}
{% macro kustomer_columns(relation) -%}
    {%- set found = {} -%}
    {%- if execute and relation is not none -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- do found.update({column.name | lower: {"name": column.name, "type": column.data_type | lower}}) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(found) }}
{%- endmacro %}


{#- The Kustomer table when it was delivered, else none. -#}
{% macro kustomer_relation(table_name) -%}
    {%- set declared = source("kustomer", table_name) -%}
    {%- if not execute -%}{{ return(declared) }}{%- endif -%}
    {%- set found = adapter.get_relation(
        database=declared.database, schema=declared.schema, identifier=declared.identifier
    ) -%}
    {{ return(declared if found is not none else none) }}
{%- endmacro %}


{#- How a group arrives in a table whose lower-cased column names are `names`: json,
    flattened or denested (see the top of this file). -#}
{% macro kustomer_shape(names, group) -%}
    {%- if group in names -%}{{ return("json") }}{%- endif -%}
    {%- for name in names -%}
        {%- if name.startswith(group ~ "__") -%}{{ return("flattened") }}{%- endif -%}
    {%- endfor -%}
    {{ return("denested") }}
{%- endmacro %}


{#- A key as singer-io's tap-kustomer writes it: camelCase to snake_case. -#}
{% macro kustomer_snake(key) -%}
    {%- if key is number -%}{{ return(key) }}{%- endif -%}
    {%- set step = modules.re.sub("(.)([A-Z][a-z]+)", "\\1_\\2", key) -%}
    {{ return(modules.re.sub("([a-z0-9])([A-Z])", "\\1_\\2", step) | lower) }}
{%- endmacro %}


{#- The path's parts: names stay text, digits become array indexes. -#}
{% macro kustomer_path(path) -%}
    {%- set parts = [] -%}
    {%- for part in path.split(".") -%}
        {%- do parts.append(part | int if part.isdigit() else part) -%}
    {%- endfor -%}
    {{ return(parts) }}
{%- endmacro %}


{#- Where a field can be, given the table's lower-cased column names: a list of
    {name, rest}, best first: the column `name` holds the field itself (rest empty) or a
    JSON document holding it at the key path `rest`. Columns are only ever looked for in
    the group's own shape, so a denested `status` is never mistaken for a flattened one. -#}
{% macro kustomer_candidates(path, names) -%}
    {%- set parts = kustomer_path(path) -%}
    {%- set group = parts[0] -%}
    {%- set keys = parts[1:] -%}
    {%- set candidates = [] -%}
    {%- if group not in ["attributes", "relationships"] -%}
        {#- A top-level column: id, updated_at, _sdc_extracted_at, ... -#}
        {%- do candidates.append({"name": group, "rest": keys}) -%}
        {{ return(candidates) }}
    {%- endif -%}
    {#- Column names can only be made of the keys before the first array index. -#}
    {%- set named = [] -%}
    {%- for key in keys -%}
        {%- if key is number -%}{%- break -%}{%- endif -%}
        {%- do named.append(key) -%}
    {%- endfor -%}
    {%- set shape = kustomer_shape(names, group) -%}
    {%- if shape == "json" -%}
        {%- do candidates.append({"name": group, "rest": keys}) -%}
    {%- elif shape == "flattened" -%}
        {%- for depth in range(named | length, 0, -1) -%}
            {%- do candidates.append({"name": ([group] + named[:depth]) | join("__"), "rest": keys[depth:]}) -%}
        {%- endfor -%}
    {%- else -%}
        {#- singer-io's denest: attributes' keys at the top; a relationship's data object
            under the relationship's name (relationships.customer.data.id -> customer.id). -#}
        {%- set bare = [] -%}
        {%- for key in keys -%}
            {%- if not (group == "relationships" and key == "data") -%}{%- do bare.append(key) -%}{%- endif -%}
        {%- endfor -%}
        {%- set bare_named = [] -%}
        {%- for key in bare -%}
            {%- if key is number -%}{%- break -%}{%- endif -%}
            {%- do bare_named.append(key) -%}
        {%- endfor -%}
        {#- singer-io converts every key to snake_case, inside nested values too: a table
            whose createdAt arrives as created_at is read in snake_case throughout. -#}
        {%- set variant = [] -%}
        {%- for key in bare -%}
            {%- do variant.append(kustomer_snake(key) if "created_at" in names else key) -%}
        {%- endfor -%}
        {%- for depth in range(bare_named | length, 0, -1) -%}
            {%- do candidates.append({"name": variant[:depth] | join("__"), "rest": variant[depth:]}) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(candidates) }}
{%- endmacro %}


{#- The column names the adapter looks for to read a field (for the pre-flight's message). -#}
{% macro kustomer_candidate_names(path, names) -%}
    {{ return(kustomer_candidates(path, names) | map(attribute="name") | list) }}
{%- endmacro %}


{#- The field's column found in `cols` (kustomer_columns): {name, type, rest}, or none. -#}
{% macro kustomer_resolve(cols, path) -%}
    {%- for candidate in kustomer_candidates(path, cols.keys() | list) -%}
        {%- set found = cols.get(candidate.name | lower) -%}
        {%- if found is not none -%}
            {{ return({"name": found.name, "type": found.type, "rest": candidate.rest}) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(none) }}
{%- endmacro %}


{% macro kustomer_has(cols, path) -%}
    {{ return(kustomer_resolve(cols, path) is not none) }}
{%- endmacro %}


{#- The SQL of a field and whether it is text: a JSON field's text, or the column. -#}
{% macro kustomer_sql(cols, path) -%}
    {%- set found = kustomer_resolve(cols, path) -%}
    {%- if found is none -%}{{ return(none) }}{%- endif -%}
    {%- set column = adapter.quote(found.name) -%}
    {%- if found.rest -%}
        {{ return({"sql": json_text(column, found.rest), "type": "text"}) }}
    {%- endif -%}
    {{ return({"sql": column, "type": found.type}) }}
{%- endmacro %}


{#- A field as trimmed text, blank as null; a typed null when the table has no column for it. -#}
{% macro kustomer_text(cols, path) -%}
    {%- set field = kustomer_sql(cols, path) -%}
    {%- if field is none -%}
        cast(null as {{ dbt.type_string() }})
    {%- else -%}
        nullif(trim(cast({{ field.sql }} as {{ dbt.type_string() }})), '')
    {%- endif -%}
{%- endmacro %}


{#- A field as the mapping seeds match it: lower-cased and trimmed, blank as null. -#}
{% macro kustomer_key(cols, path) -%}
    lower({{ kustomer_text(cols, path) }})
{%- endmacro %}


{#- A timestamp field in UTC. Kustomer writes ISO 8601 with Z ('2026-03-02T09:00:00.000Z');
    a typed column is taken as it is (timestamptz converted to UTC). -#}
{% macro kustomer_timestamp(cols, path) -%}
    {%- set field = kustomer_sql(cols, path) -%}
    {%- if field is none -%}
        cast(null as {{ dbt.type_timestamp() }})
    {%- elif is_text_type(field.type) or "json" in field.type -%}
        {{ adapter.dispatch("parse_utc_timestamp_text", "ai_resolution")(
            "nullif(trim(cast(" ~ field.sql ~ " as " ~ dbt.type_string() ~ ")), '')"
        ) }}
    {%- elif "time zone" in field.type or "timestamptz" in field.type -%}
        {{ adapter.dispatch("timestamptz_to_utc", "ai_resolution")(field.sql) }}
    {%- else -%}
        cast({{ field.sql }} as {{ dbt.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}


{#- A boolean field (a JSON true/false, a boolean column or text of one), null when absent. -#}
{% macro kustomer_boolean(cols, path) -%}
    {%- set field = kustomer_sql(cols, path) -%}
    {%- if field is none -%}
        cast(null as {{ dbt.type_boolean() }})
    {%- elif "bool" in field.type -%}
        cast({{ field.sql }} as {{ dbt.type_boolean() }})
    {%- else -%}
        case
            when lower(trim(cast({{ field.sql }} as {{ dbt.type_string() }}))) in ('true', 't', '1', 'yes')
                then true
            when lower(trim(cast({{ field.sql }} as {{ dbt.type_string() }}))) in ('false', 'f', '0', 'no')
                then false
        end
    {%- endif -%}
{%- endmacro %}


{#- A number field as the text source_csat_scale maps ('5'): a JSON or text value
    trimmed, with a whole float's decimals dropped ('5.0' -> '5'); a numeric column cast
    through an integer. -#}
{% macro kustomer_number_text(cols, path) -%}
    {%- set field = kustomer_sql(cols, path) -%}
    {%- if field is none -%}
        cast(null as {{ dbt.type_string() }})
    {%- elif is_text_type(field.type) or "json" in field.type -%}
        {%- set text = "nullif(trim(cast(" ~ field.sql ~ " as " ~ dbt.type_string() ~ ")), '')" -%}
        case
            when {{ matches_regex(text, "^[0-9]+[.]0+$") }}
                then cast(cast(cast({{ text }} as {{ type_double() }}) as {{ dbt.type_int() }}) as {{ dbt.type_string() }})
            else {{ text }}
        end
    {%- else -%}
        cast(cast({{ field.sql }} as {{ dbt.type_int() }}) as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}


{#- When the row was extracted: the Singer targets' metadata column (_sdc_extracted_at,
    else _sdc_batched_at, else _sdc_received_at) when the load has one, else the record's
    updated_at (the tap's replication key), else attributes.updatedAt. -#}
{% macro kustomer_loaded_at(cols) -%}
    {%- set terms = [] -%}
    {%- for path in ["_sdc_extracted_at", "_sdc_batched_at", "_sdc_received_at", "updated_at", "attributes.updatedAt"] -%}
        {%- if kustomer_has(cols, path) -%}{%- do terms.append(kustomer_timestamp(cols, path)) -%}{%- endif -%}
    {%- endfor -%}
    {%- if terms -%}
        coalesce({{ terms | join(", ") }}, cast(null as {{ dbt.type_timestamp() }}))
    {%- else -%}
        cast(null as {{ dbt.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}


{#- Whether the record was deleted at the source: the Singer targets' soft-delete column
    _sdc_deleted_at is set, or the record says so itself (attributes.deleted true, or an
    attributes.deletedAt). -#}
{% macro kustomer_is_deleted(cols) -%}
    (
        {{ "_sdc_deleted_at is not null" if kustomer_has(cols, "_sdc_deleted_at") else "false" }}
        or coalesce({{ kustomer_boolean(cols, "attributes.deleted") }}, false)
        or {{ kustomer_timestamp(cols, "attributes.deletedAt") }} is not null
    )
{%- endmacro %}


{#- The tables and the fields the adapter cannot do without, checked by the pre-flight
    (macros/preflight.sql) before any model runs. Each field is satisfied by a column in
    the table's own shape (kustomer_candidates): the pre-flight names the columns it looked
    for. Every other field is optional and read when present. -#}
{% macro kustomer_raw_requirements() -%}
    {%- set conversation_fields = [
        "id", "attributes.createdAt", "attributes.status", "relationships.customer.data.id",
    ] -%}
    {#- The issue type's attribute is required once the var names it: a typo must stop
        the build, not leave every issue type null (a JSON column cannot be checked). -#}
    {%- if kustomer_issue_type_attribute() -%}
        {%- do conversation_fields.append("attributes.custom." ~ kustomer_issue_type_attribute()) -%}
    {%- endif -%}
    {%- set requirements = [
        {"table": "conversations", "required": true, "fields": conversation_fields},
        {"table": "messages", "required": true, "fields": [
            "id", "relationships.conversation.data.id", "attributes.direction", "attributes.createdAt",
        ]},
        {"table": "notes", "required": false, "fields": [
            "id", "relationships.conversation.data.id", "attributes.createdAt",
        ]},
        {"table": "users", "required": false, "fields": ["id"]},
    ] -%}
    {%- set checked = [] -%}
    {%- for requirement in requirements -%}
        {%- set columns = [] -%}
        {%- for field in requirement.fields -%}
            {%- do columns.append({"field": field}) -%}
        {%- endfor -%}
        {%- do checked.append({"table": requirement.table, "required": requirement.required, "columns": columns}) -%}
    {%- endfor -%}
    {{ return(checked) }}
{%- endmacro %}


{#- The conversation custom attribute that carries the issue type (var
    kustomer_issue_type_attribute, e.g. issueTypeStr: Kustomer suffixes a custom
    attribute's name with its type), or none when the var is null or blank. Anything but
    a plain attribute name stops the build: the name is put into SQL as it is. -#}
{% macro kustomer_issue_type_attribute() -%}
    {%- set name = (var("kustomer_issue_type_attribute", none) or "") | string | trim -%}
    {%- if name | lower in ["", "none"] -%}{{ return(none) }}{%- endif -%}
    {%- if not modules.re.match("^[A-Za-z_][A-Za-z0-9_]*$", name) -%}
        {{ exceptions.raise_compiler_error(
            "The var kustomer_issue_type_attribute is '" ~ name ~ "': give the name of a conversation custom "
            ~ "attribute (letters, digits and _), for example issueTypeStr."
        ) }}
    {%- endif -%}
    {{ return(name) }}
{%- endmacro %}


{#- Whether mergedTarget true marks a conversation merged away into another (var
    kustomer_merged_target_is_merged_away, default false: it marks the conversation other
    conversations were merged into, which is kept; docs/sources/kustomer.md). -#}
{% macro kustomer_merged_target_is_merged_away() -%}
    {{ return(var("kustomer_merged_target_is_merged_away", false) | as_bool) }}
{%- endmacro %}


{#- Text as the mapping seeds match it: lower-cased, trimmed, blank as null. -#}
{% macro kustomer_seed_key(expression) -%}
    nullif(lower(trim(cast({{ expression }} as {{ dbt.type_string() }}))), '')
{%- endmacro %}


{#- A seed's rows for Kustomer, keyed by the lower-cased, trimmed source value (one row
    per value). -#}
{% macro kustomer_seed_rows(seed_name, value_column) -%}
    select
        {{ kustomer_seed_key("source_value") }} as source_value,
        max({{ value_column }}) as {{ value_column }}
    from {{ ref(seed_name) }}
    where {{ kustomer_seed_key("source_system") }} = 'kustomer'
    group by {{ kustomer_seed_key("source_value") }}
{%- endmacro %}


{#- Who a Kustomer user is in the contract's terms when no source_ai_identities row names
    it: a user whose userType is `user` is a person (human_agent); any other known userType
    (machine users behind API keys, workflows) is automation (system); an id with no users
    row is taken as a person. `user_type` null and `has_user_row` false: not in users. -#}
{% macro kustomer_user_class(user_type, has_user_row) -%}
    case
        when not {{ has_user_row }} then 'human_agent'
        when {{ user_type }} = 'user' then 'human_agent'
        when {{ user_type }} is null then 'human_agent'
        else 'system'
    end
{%- endmacro %}


{#- Who wrote a message, as a contract author type. A user listed in
    source_ai_identities (by id, email or userType: the `author` row of kustomer__authors)
    counts as listed; then direction `in` -> customer; an outbound automated message
    (`auto`) -> the source_ai_identities row author_type `auto` (ai_agent by default); an
    outbound message by nobody -> system; by a user -> who the user is (userType `user` or
    no users row: human_agent; another userType: system). Anything else: unknown. -#}
{% macro kustomer_message_author(direction, is_auto, created_by, author, auto_identity) -%}
    case
        when {{ author }}.listed_as is not null then {{ author }}.listed_as
        when {{ direction }} = 'in' then 'customer'
        when {{ direction }} = 'out' and {{ is_auto }} then coalesce({{ auto_identity }}.counts_as, 'ai_agent')
        when {{ direction }} = 'out' and {{ created_by }} is null then 'system'
        when {{ direction }} = 'out' then coalesce({{ author }}.user_class, 'human_agent')
        else 'unknown'
    end
{%- endmacro %}


{#- Who a user is when it writes a note or marks a conversation done: nobody -> system; a
    listed user -> its counts_as; else by userType (as for messages). -#}
{% macro kustomer_user_author(user_id, author) -%}
    case
        when {{ user_id }} is null then 'system'
        when {{ author }}.listed_as is not null then {{ author }}.listed_as
        else coalesce({{ author }}.user_class, 'human_agent')
    end
{%- endmacro %}


{#- Kustomer's conversational assistant's statuses (attributes.assistant.status) and the
    verdict each states about the conversation; `running` (still talking) gives no row,
    any other value `unknown` (kept, with the value in native_verdict). -#}
{% macro kustomer_assistant_verdicts() -%}
    {{ return({
        "ended": "resolved",
        "transferred": "not_resolved",
        "missed": "not_resolved",
        "abandoned": "not_resolved",
    }) }}
{%- endmacro %}

{% macro kustomer_assistant_pending_statuses() -%}
    {{ return(["running"]) }}
{%- endmacro %}


{#- Knowledge-base deflection statuses (attributes.lastDeflection.status) and their
    verdict. Kustomer publishes no list of these values: the two below are assumptions
    (docs/sources/kustomer.md); any other value is kept as `unknown`. -#}
{% macro kustomer_deflection_verdicts() -%}
    {{ return({
        "deflected": "resolved",
        "not_deflected": "not_resolved",
    }) }}
{%- endmacro %}


{#- satisfactionLevel.status values that are no answer (Kustomer: the survey was
    scheduled, offered, canceled or never answered): no CSAT row, not an unmapped value. -#}
{% macro kustomer_csat_non_answers() -%}
    {{ return(["scheduled", "offered", "canceled", "cancelled", "unresponded"]) }}
{%- endmacro %}


{#- A SQL case over a {value: verdict} dict. -#}
{% macro kustomer_verdict_case(expression, verdicts) -%}
    case {{ expression }}
        {%- for value, verdict in verdicts.items() %}
            when '{{ value }}' then '{{ verdict }}'
        {%- endfor %}
        else 'unknown'
    end
{%- endmacro %}
