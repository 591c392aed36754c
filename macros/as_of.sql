{#- The evaluation time. The var `as_of` when set; otherwise the latest activity
    timestamp in the raw tables, capped at the current time (a row dated in the future
    cannot move the report forward), so a fixture run is deterministic and a production
    run evaluates "now". Resolved once per invocation (the first model or hook that asks)
    into a literal, so engines can prune on it and every model of a run agrees. -#}
{% macro as_of_timestamp() -%}
    {#- Which models of this invocation evaluate at as_of: only their state records it
        (macros/incremental.sql, record_model_state). -#}
    {%- if execute and this is defined and this is not none -%}
        {%- do graph.setdefault("ai_resolution_as_of_users", {}).update({invocation_id ~ "|" ~ this.identifier: true}) -%}
    {%- endif -%}
    {%- set configured = var("as_of", none) -%}
    {%- if configured is not none and configured | string | trim != "" -%}
        cast('{{ configured }}' as {{ dbt.type_timestamp() }})
    {%- elif execute and (graph.get("ai_resolution_as_of") or {}).get(invocation_id) -%}
        {#- graph is the invocation's manifest: the raw tables are scanned once, not by
            each of the models and hooks that ask. -#}
        {{ graph["ai_resolution_as_of"][invocation_id] }}
    {%- elif execute -%}
        {%- set activity_columns = {
            "tickets": "created_at",
            "messages": "sent_at",
            "ticket_events": "occurred_at",
            "ai_actions": "occurred_at",
            "csat_responses": "responded_at",
        } -%}
        {%- set now_utc = modules.datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S") -%}
        {%- set parts = [] -%}
        {%- for table_name, column_name in activity_columns.items() if raw_table_present(table_name) -%}
            {%- set relation = as_of_relation(table_name) -%}
            {%- do parts.append(
                "select max(activity_at) as activity_at from (select "
                ~ utc_timestamp(relation, column_name) ~ " as activity_at from " ~ relation
                ~ ") as parsed where activity_at <= cast('" ~ now_utc ~ "' as " ~ dbt.type_timestamp() ~ ")"
            ) -%}
        {%- endfor -%}
        {%- set latest = none -%}
        {%- if parts -%}
            {#- Fetched as text: pyspark would hand a timestamp over in the local time zone. -#}
            {%- set latest_sql = "select cast(max(activity_at) as " ~ dbt.type_string() ~ ") as as_of from (" ~ parts | join(" union all ") ~ ") as latest_per_table" -%}
            {%- set latest = run_query(latest_sql).columns[0].values()[0] -%}
        {%- endif -%}
        {%- set resolved = "cast('" ~ (now_utc if latest is none else latest) ~ "' as " ~ dbt.type_timestamp() ~ ")" -%}
        {%- do graph.setdefault("ai_resolution_as_of", {}).update({invocation_id: resolved}) -%}
        {{ resolved }}
    {%- else -%}
        {#- Parsing: name the relations read above, so a help-desk adapter's models
            (refs, macros/sources/source_system.sql) are in the caller's dependencies. -#}
        {%- for table_name in ["tickets", "messages", "ticket_events", "ai_actions", "csat_responses"] -%}
            {%- do raw_relation(table_name) -%}
        {%- endfor -%}
        cast(null as {{ dbt.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}


{#- The relation as_of reads a contract table from. An adapter's model is looked up in the
    graph rather than through ref(): on-run-end hooks (record_incremental_state) call
    as_of_timestamp at run time, where a ref dbt did not see while parsing is an error. -#}
{% macro as_of_relation(table_name) -%}
    {%- if is_adapter_emitted(table_name) -%}
        {%- set node = graph.nodes["model." ~ project_name ~ "." ~ source_system() ~ "__" ~ table_name] -%}
        {{ return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)) }}
    {%- endif -%}
    {{ return(raw_relation(table_name)) }}
{%- endmacro %}
