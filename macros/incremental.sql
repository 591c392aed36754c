{#- Incremental runs, model by model. Each incremental model keeps its own state: one row
    per run in ai_resolution_incremental_state (what the model has consumed: base rows
    ingested through when, as_of, the rules fingerprint). A run of any subset of models, in
    any order, under any orchestrator, advances exactly the state of the models it ran.

    Staging keeps one row per raw key and re-reads only the keys with rows loaded since its
    last run (minus incremental_lookback_hours), from its own table. A ticket-grain model
    recomputes only the tickets whose outcome can have changed since its own last run
    (macros/incremental_recompute.sql), listed per run in ai_resolution_recompute. A run
    that cannot be incremental safely (first run, rules changed, as_of moved back, no state
    for the model or one it reads) recomputes every ticket. On Spark (parquet: no delete)
    rows are replaced by rewriting partitions (macros/incremental_spark.sql). -#}

{#- The run timestamp every row written by this invocation carries as _ingested_at. -#}
{% macro run_started_timestamp() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}


{#- Everything an outcome depends on besides the data: the rules version and the vars.
    When it changes (a new rules version, a changed var), every ticket is recomputed. -#}
{% macro rules_fingerprint() -%}
    {%- set parts = ["rules_version=" ~ outcome_rules_version() | trim] -%}
    {%- for name in [
        "reopen_window_hours", "reopen_grace_minutes", "repeat_contact_window_hours",
        "csat_confirm_min_score", "csat_negative_max_score", "inactivity_close_hours",
        "max_pre_creation_hours", "unmapped_policy_severity",
        "ai_cost_per_conversation", "human_cost_per_conversation", "hash_customer_ids",
    ] -%}
        {%- do parts.append(name ~ "=" ~ var(name)) -%}
    {%- endfor -%}
    {{ return(parts | join(";")) }}
{%- endmacro %}


{#- Whether the target replaces rows by rewriting partitions (Spark) rather than by
    delete and insert. -#}
{% macro writes_by_partition() -%}
    {{ return(target.type in ("spark", "databricks")) }}
{%- endmacro %}


{% macro incremental_state_relation() -%}
    {{ return(api.Relation.create(
        database=bookkeeping_database(), schema=target.schema, identifier="ai_resolution_incremental_state"
    )) }}
{%- endmacro %}


{#- The tickets each ticket-grain model recomputes, per run of the model. -#}
{% macro recompute_relation() -%}
    {{ return(api.Relation.create(
        database=bookkeeping_database(), schema=target.schema, identifier="ai_resolution_recompute"
    )) }}
{%- endmacro %}


{#- Spark's relations have no database (its catalog has one level above tables). -#}
{% macro bookkeeping_database() -%}
    {{ return(none if writes_by_partition() else target.database) }}
{%- endmacro %}


{#- on-run-start: the two bookkeeping tables exist before any model runs (models run in
    parallel and only append to them), a state table of the earlier one-row shape (before
    per-model state: one row for the whole project) is replaced (every model then recomputes once),
    and rows older than each model's latest run are pruned. On Spark both are partitioned by
    model: each model rewrites its own partition, which also prunes it. -#}
{% macro prepare_incremental_state() -%}
    {%- if not execute or flags.WHICH not in ["run", "build", "retry"] -%}
        {{ return("") }}
    {%- endif -%}
    {%- set state = incremental_state_relation() -%}
    {%- set recompute = recompute_relation() -%}
    {%- set found = adapter.get_relation(database=state.database, schema=state.schema, identifier=state.identifier) -%}
    {%- do adapter.create_schema(state) -%}
    {%- set statements = [] -%}
    {%- if found is not none and "model_name" not in (adapter.get_columns_in_relation(found) | map(attribute="name") | map("lower") | list) -%}
        {%- do statements.append("drop table " ~ found) -%}
    {%- endif -%}
    {%- if writes_by_partition() -%}
        {%- do statements.append(
            "create table if not exists " ~ state ~ " (ingested_through timestamp, as_of timestamp,"
            ~ " rules_fingerprint string, recomputed_tickets bigint, recorded_at timestamp, model_name string)"
            ~ " using parquet partitioned by (model_name)"
        ) -%}
        {%- do statements.append(
            "create table if not exists " ~ recompute ~ " (recorded_at timestamp, ticket_id string, model_name string)"
            ~ " using parquet partitioned by (model_name)"
        ) -%}
    {%- else -%}
        {%- set create_and_prune -%}
            create table if not exists {{ state }} (
                model_name {{ dbt.type_string() }},
                ingested_through {{ dbt.type_timestamp() }},
                as_of {{ dbt.type_timestamp() }},
                rules_fingerprint {{ dbt.type_string() }},
                recomputed_tickets {{ dbt.type_bigint() }},
                recorded_at {{ dbt.type_timestamp() }}
            );
            create table if not exists {{ recompute }} (
                model_name {{ dbt.type_string() }},
                recorded_at {{ dbt.type_timestamp() }},
                ticket_id {{ dbt.type_string() }}
            );
            delete from {{ state }} as earlier
            where earlier.recorded_at < (
                select max(latest.recorded_at) from {{ state }} as latest
                where latest.model_name = earlier.model_name
            );
            delete from {{ recompute }} as earlier
            where earlier.recorded_at < (
                select max(latest.recorded_at) from {{ recompute }} as latest
                where latest.model_name = earlier.model_name
            )
        {%- endset -%}
        {%- do statements.append(create_and_prune) -%}
    {%- endif -%}
    {#- One statement per call: Spark runs one at a time. -#}
    {%- for sql in statements -%}
        {%- call statement("prepare_incremental_state", auto_begin=true) -%}{{ sql }}{%- endcall -%}
    {%- endfor -%}
    {%- do adapter.commit() -%}
    {{ return("") }}
{%- endmacro %}


{#- The latest state row of each model. -#}
{% macro latest_state_sql() -%}
    select
        state.model_name,
        state.ingested_through,
        state.as_of,
        state.rules_fingerprint,
        state.recomputed_tickets,
        state.recorded_at
    from {{ incremental_state_relation() }} as state
    where state.recorded_at = (
        select max(latest.recorded_at)
        from {{ incremental_state_relation() }} as latest
        where latest.model_name = state.model_name
    )
{%- endmacro %}


{#- The models whose state a model inherits: its incremental ancestors, and its table
    ancestors that read an incremental one (a full-rebuild table reflects the data its
    parents held when it ran). Found in the graph, not by ref. -#}
{% macro state_ancestors(unique_id) -%}
    {%- set ancestor_ids = model_ancestor_ids(unique_id) -%}
    {%- set incremental = [] -%}
    {%- for node_id in ancestor_ids if graph.nodes[node_id].config.materialized == "incremental" -%}
        {%- do incremental.append(node_id) -%}
    {%- endfor -%}
    {%- set names = [] -%}
    {%- for node_id in ancestor_ids -%}
        {%- set node = graph.nodes[node_id] -%}
        {%- if node_id in incremental -%}
            {%- do names.append(node.name) -%}
        {%- elif node.config.materialized == "table" -%}
            {%- set its_ancestors = model_ancestor_ids(node_id) -%}
            {%- if incremental | select("in", its_ancestors) | list -%}
                {%- do names.append(node.name) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(names | sort) }}
{%- endmacro %}


{#- Every model a node reads, directly or through others. Walked once per node and manifest
    (the state, the listing and the tests of a run all ask). -#}
{% macro model_ancestor_ids(unique_id) -%}
    {%- set cache = graph.setdefault("ai_resolution_model_ancestors", {}) -%}
    {%- if unique_id not in cache -%}
        {%- do cache.update({unique_id: walk_model_ancestors(unique_id)}) -%}
    {%- endif -%}
    {{ return(cache[unique_id]) }}
{%- endmacro %}


{% macro walk_model_ancestors(unique_id) -%}
    {%- set queue = [unique_id] -%}
    {%- set seen = [] -%}
    {%- for current in queue -%}
        {%- for parent in graph.nodes[current].depends_on.nodes
            if parent.startswith("model.") and parent not in seen -%}
            {%- do seen.append(parent) -%}
            {%- do queue.append(parent) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(seen) }}
{%- endmacro %}


{#- Whether the state table exists in its per-model shape. Not before the first run, and
    not while it still has the earlier one-row shape (replaced when a run starts; a
    `dbt compile` or `dbt show` before that reads no state). Asked once per invocation. -#}
{% macro incremental_state_exists() -%}
    {%- set cache = graph.setdefault("ai_resolution_state_exists", {}) -%}
    {%- if invocation_id not in cache -%}
        {%- set declared = incremental_state_relation() -%}
        {%- set found = adapter.get_relation(
            database=declared.database, schema=declared.schema, identifier=declared.identifier
        ) -%}
        {%- do cache.update({invocation_id: found is not none and "model_name" in (
            adapter.get_columns_in_relation(found) | map(attribute="name") | map("lower") | list
        )}) -%}
    {%- endif -%}
    {{ return(cache[invocation_id]) }}
{%- endmacro %}


{#- The latest state this model recorded, or none. -#}
{% macro model_state(model_name) -%}
    {%- if not execute or not incremental_state_exists() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set rows = run_query(
        "select cast(ingested_through as " ~ dbt.type_string() ~ "), cast(as_of as " ~ dbt.type_string()
        ~ "), rules_fingerprint from (" ~ latest_state_sql() ~ ") as latest where model_name = '" ~ model_name ~ "'"
    ).rows -%}
    {%- if rows | length != 1 or rows[0][0] is none or rows[0][1] is none -%}{{ return(none) }}{%- endif -%}
    {{ return({"ingested_through": rows[0][0], "as_of": rows[0][1], "rules_fingerprint": rows[0][2]}) }}
{%- endmacro %}


{#- How this run of the current model recomputes tickets: {"all": true} or
    {"all": false, "state": its own last state}. Cached per model and invocation. -#}
{% macro recompute_plan() -%}
    {%- if not execute or not is_incremental() -%}{{ return({"all": true, "state": none}) }}{%- endif -%}
    {#- Asked by every import CTE and both hooks of a model: the state is read once per model
        and invocation (graph is the invocation's manifest). -#}
    {%- set plans = graph.setdefault("ai_resolution_recompute_plans", {}) -%}
    {%- set key = invocation_id ~ "|" ~ this.identifier -%}
    {%- if key not in plans -%}
        {%- do plans.update({key: decide_recompute_plan()}) -%}
    {%- endif -%}
    {{ return(plans[key]) }}
{%- endmacro %}


{% macro decide_recompute_plan() -%}
    {%- set state = model_state(this.identifier) -%}
    {%- if state is none or flags.FULL_REFRESH or state.rules_fingerprint != rules_fingerprint() -%}
        {{ return({"all": true, "state": state}) }}
    {%- endif -%}
    {%- set moved_back = run_query(
        "select case when " ~ as_of_timestamp() ~ " < cast('" ~ state.as_of ~ "' as "
        ~ dbt.type_timestamp() ~ ") then 1 else 0 end"
    ).columns[0].values()[0] -%}
    {{ return({"all": moved_back | int == 1, "state": state}) }}
{%- endmacro %}


{#- The tickets a run of a model recomputes, as a subquery: by default the current model's
    run in this invocation; recorded_at (an SQL timestamp) names another run. -#}
{% macro recomputed_ticket_ids(model_name=none, recorded_at=none) -%}
    select ticket_id from {{ recompute_relation() }}
    where model_name = '{{ model_name or this.identifier }}' and recorded_at = {{ recorded_at or run_started_timestamp() }}
{%- endmacro %}


{#- A model whose list of tickets the current model can take instead of listing its own:
    one it reads (so it listed first, and succeeded), listed in this invocation against the
    same state, when every base table the current model reads was already built then (or is
    not built by this invocation), so both lists see the same new rows of the tables that
    matter to it. Its list holds every ticket the current model's own would: the rows of the
    lifecycle table that can differ between the two are those of tickets it recomputed.
    Otherwise none; either way the current model is registered as a source for its
    descendants. In one `dbt build` the list is computed once per branch, not per model. -#}
{% macro listing_to_share(state) -%}
    {%- set listings = graph.setdefault("ai_resolution_listings", {}) -%}
    {%- set key = invocation_id ~ "|" ~ state.ingested_through ~ "|" ~ state.as_of ~ "|" ~ state.rules_fingerprint -%}
    {%- set sources = listings.setdefault(key, []) -%}
    {%- set ancestors = model_ancestor_ids(model.unique_id) -%}
    {%- set base_ancestors = [] -%}
    {%- set bases_built = [] -%}
    {%- for node in graph.nodes.values() if node.resource_type == "model" and node.name.startswith("base_support__") -%}
        {%- if node.unique_id in ancestors -%}{%- do base_ancestors.append(node.unique_id) -%}{%- endif -%}
        {%- if node.unique_id in ancestors or node.unique_id not in selected_resources -%}
            {%- do bases_built.append(node.unique_id) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set shared_from = [] -%}
    {%- for source in sources if source.unique_id in ancestors and not shared_from -%}
        {%- if base_ancestors | reject("in", source.bases_built) | list | length == 0 -%}
            {%- do shared_from.append(source.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not shared_from -%}
        {%- do sources.append({"unique_id": model.unique_id, "name": this.identifier, "bases_built": bases_built}) -%}
    {%- endif -%}
    {{ return(shared_from[0] if shared_from else none) }}
{%- endmacro %}


{#- A where-condition for the import CTEs of a ticket-grain incremental model: all rows
    on a full build, the tickets to recompute on an incremental one. -#}
{% macro recomputed_tickets(column="ticket_id") -%}
    {%- if is_incremental() and not recompute_plan()["all"] -%}
        {{ column }} in ({{ recomputed_ticket_ids() }})
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endmacro %}


{#- Pre-hook of a ticket-grain incremental model: lists the tickets this run recomputes
    (before anything is rewritten: the list reads the model's own table), then removes
    their rows (a ticket may end with fewer rows than before, or none). On Spark the rows
    are replaced when the run rewrites their partitions (macros/incremental_spark.sql).
    refresh_as_of: the rows it keeps are valid as of this run too (only tickets whose outcome
    could not change are kept), so they take this run's as_of (fct_conversations). -#}
{% macro delete_recomputed_tickets(column="ticket_id", also=none, refresh_as_of=false) -%}
    {%- if is_incremental() -%}
        {%- set plan = recompute_plan() -%}
        {%- set replaced -%}
            {{ column }} in ({{ recomputed_ticket_ids() }})
            {%- if also %} or {{ also }}{% endif %}
        {%- endset -%}
        {%- if not plan["all"] -%}
            {%- set shared_from = listing_to_share(plan.state) -%}
            {%- set to_recompute = recomputed_ticket_ids(shared_from) if shared_from else tickets_to_recompute_sql(plan.state) -%}
        {%- endif -%}
        {%- if writes_by_partition() -%}
            {%- if not plan["all"] -%}
                {%- do run_query(
                    "insert overwrite table " ~ recompute_relation() ~ " partition (model_name) select "
                    ~ run_started_timestamp() ~ ", ticket_id, '" ~ this.identifier ~ "' from ("
                    ~ to_recompute ~ ") as to_recompute"
                ) -%}
            {%- endif -%}
            {{ prepare_partition_overwrite(none if plan["all"] else replaced, refresh_as_of=refresh_as_of) }}
        {%- elif plan["all"] -%}
            delete from {{ this }}
        {%- else %}
            insert into {{ recompute_relation() }} (model_name, recorded_at, ticket_id)
            select '{{ this.identifier }}', {{ run_started_timestamp() }}, ticket_id
            from ({{ to_recompute }}) as to_recompute;
            delete from {{ this }}
            where {{ replaced }}
            {%- if refresh_as_of %};
            update {{ this }} set as_of = {{ as_of_timestamp() }} where as_of != {{ as_of_timestamp() }}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}


{#- Post-hook of every incremental and table model: what it now holds. Base rows ingested
    through this run, or the earliest of its ancestors' when it reads them (a model built
    from a parent that has not caught up holds only what the parent holds); as_of likewise;
    and, for a ticket-grain model, how many tickets it recomputed (null: every ticket).
    A table that reads no incremental model (the business calendar) keeps no state. -#}
{% macro record_model_state() -%}
    {%- if not execute
        or model.config.materialized not in ["incremental", "table"] -%}
        {{ return("") }}
    {%- endif -%}
    {%- set ancestors = state_ancestors(model.unique_id) -%}
    {%- if model.config.materialized == "table" and not ancestors -%}{{ return("") }}{%- endif -%}
    {%- set ticket_grain = "delete_recomputed_tickets" in (model.config.get("pre-hook", []) | string) -%}
    {#- as_of only for a model that evaluated at it in this run (its SQL or hooks asked for it):
        asking here could read a help desk's relations this run has not built yet. A model
        that does not evaluate at as_of (staging) holds rows valid at any as_of: null. -#}
    {%- set own_as_of = "cast(null as " ~ dbt.type_timestamp() ~ ")" -%}
    {%- if (graph.get("ai_resolution_as_of_users") or {}).get(invocation_id ~ "|" ~ this.identifier) -%}
        {%- set own_as_of = as_of_timestamp() -%}
    {%- endif -%}
    {%- set recomputed_some = ticket_grain and is_incremental() and not recompute_plan()["all"] -%}
    {%- do graph.setdefault("ai_resolution_models_run", {}).update({
        invocation_id ~ "|" ~ this.identifier: {"recomputed_every_ticket": not recomputed_some},
    }) -%}
    {#- On Spark, the model's partition of the state table is rewritten (columns in table
        order, the partition last): only its latest row is kept. -#}
    {%- if writes_by_partition() %}
    insert overwrite table {{ incremental_state_relation() }} partition (model_name)
    select
    {%- else %}
    insert into {{ incremental_state_relation() }}
        (model_name, ingested_through, as_of, rules_fingerprint, recomputed_tickets, recorded_at)
    select
        '{{ this.identifier }}',
    {%- endif %}
        {%- if ancestors %}
            case when inherited.models = {{ ancestors | length }}
                then {{ least_timestamp(run_started_timestamp(), "inherited.ingested_through") }} end,
            {{ least_timestamp(own_as_of, "inherited.as_of") }},
        {%- else %}
            {{ run_started_timestamp() }},
            {{ own_as_of }},
        {%- endif %}
        '{{ rules_fingerprint() }}',
        {%- if recomputed_some %}
            (select count(*) from ({{ recomputed_ticket_ids() }}) as recomputed),
        {%- else %}
            cast(null as {{ dbt.type_bigint() }}),
        {%- endif %}
        {{ run_started_timestamp() }}
        {%- if writes_by_partition() %},
        '{{ this.identifier }}'
        {%- endif %}
    {%- if ancestors %}
    from (
        select
            count(*) as models,
            min(ingested_through) as ingested_through,
            min(as_of) as as_of
        from ({{ latest_state_sql() }}) as latest
        where
            model_name in ('{{ ancestors | join("', '") }}')
            and ingested_through is not null
    ) as inherited
    {%- endif %}
{%- endmacro %}


{#- The earlier of two timestamps; null only when both are (a null is no bound). -#}
{% macro least_timestamp(first, second) -%}
    case when {{ first }} is null or {{ second }} < {{ first }} then {{ second }} else {{ first }} end
{%- endmacro %}


{#- Staging on an incremental run: the raw rows of every key that has a row loaded since
    the last run (less the lookback), plus rows without _loaded_at or without a key,
    which cannot be placed in load order and are re-read every run. -#}
{% macro raw_rows_to_restage(raw, key_column) -%}
    {%- if is_incremental() -%}
        where
            {{ blank_as_null(key_column) }} is null
            or {{ key_column }} in ({{ restaged_keys_sql(raw, key_column) }})
    {%- endif -%}
{%- endmacro %}


{#- The raw keys with a row loaded since the table's last run (less the lookback), or
    without _loaded_at. -#}
{% macro restaged_keys_sql(raw, key_column) -%}
    {%- set loaded = utc_timestamp(raw, "_loaded_at") -%}
    select {{ key_column }}
    from {{ raw }}
    where
        {{ loaded }} is null
        or {{ loaded }} >= {{ timestamp_add(
            "hour", -1 * var("incremental_lookback_hours"),
            "(select coalesce(max(_loaded_at), cast('1900-01-01' as " ~ dbt.type_timestamp() ~ ")) from "
            ~ this ~ ")",
        ) }}
{%- endmacro %}


{#- Pre-hook of a staging model: rows without a key cannot be matched, so they are all
    replaced on every run (delete+insert by unique_key replaces the others). On Spark, the
    rows of the re-staged keys and the keyless rows are replaced when the run rewrites their
    partitions. -#}
{% macro delete_keyless_rows(key_column, raw_key=none) -%}
    {%- if is_incremental() and writes_by_partition() -%}
        {#- raw_key: the key as an expression over the raw columns, when it is not one. -#}
        {%- set table_name = model.name[("base_support__" | length):] -%}
        {%- if raw_table_present(table_name) -%}
            {{ prepare_partition_overwrite(
                key_column ~ " is null or " ~ key_column ~ " in ("
                ~ restaged_keys_sql(raw_relation(table_name), raw_key or key_column) ~ ")",
                drop_now=false,
            ) }}
        {%- else -%}
            {#- An optional raw table that is absent: the model is empty. -#}
            {{ prepare_partition_overwrite(none) }}
        {%- endif -%}
    {%- elif is_incremental() -%}
        delete from {{ this }} where {{ key_column }} is null
    {%- endif -%}
{%- endmacro %}


{#- Staging bookkeeping, for the final select of a base_ model joined (on incremental
    runs) to its own table as `previous`. _ingested_at is this run, or the previous run's
    when the row is unchanged (so a re-read row does not mark its ticket for recomputing). -#}
{% macro row_unchanged(row_columns) -%}
    previous._ingested_at is not null
    {%- for column in row_columns + ["raw_row_count", "disposition", "quarantine_reason"] %}
        and new_rows.{{ column }} is not distinct from previous.{{ column }}
    {%- endfor %}
{%- endmacro %}


{% macro ingested_at(row_columns) -%}
    {%- if is_incremental() -%}
        case when {{ row_unchanged(row_columns) }} then previous._ingested_at else {{ run_started_timestamp() }} end
    {%- else -%}
        {{ run_started_timestamp() }}
    {%- endif -%}
{%- endmacro %}


{#- The value `tracked` had before the row's last change (the ticket, or for tickets the
    customer), so the tickets a row left are recomputed too. -#}
{% macro prior_value(tracked, prior_column, row_columns) -%}
    {%- if is_incremental() -%}
        case when {{ row_unchanged(row_columns) }} then previous.{{ prior_column }} else previous.{{ tracked }} end
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}


{#- Generic data tests on an incremental run: dbt's where-subquery, plus a filter to the rows
    the tested model's latest run wrote, when its meaning allows (recomputed_rows_condition:
    a ticket-grain model's recomputed tickets, a staging table's re-staged rows). A full
    build checks every row. Off with the var incremental_tests_check_recomputed_rows_only: false. Overrides
    dbt's get_where_subquery: the `where` config is rendered while parsing, before any state
    can be read. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get("where", "") -%}
    {%- set rules_sql = recomputed_rules_sql(relation) -%}
    {%- if rules_sql -%}
        {%- set filtered -%}
            (select * from ({{ rules_sql }}) as recomputed_rules{% if where %} where {{ where }}{% endif %}) dbt_subquery
        {%- endset -%}
        {{ return(filtered) }}
    {%- endif -%}
    {%- set recomputed = recomputed_rows_condition(relation) -%}
    {#- A test's own where alone is written as dbt writes it: Spark would read
        `t where (x)` as a table alias with a column list. -#}
    {%- if recomputed and where -%}
        {%- set condition = recomputed ~ " and (" ~ where ~ ")" -%}
    {%- else -%}
        {%- set condition = recomputed or where -%}
    {%- endif -%}
    {%- if condition -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ condition }}) dbt_subquery
        {%- endset -%}
        {{ return(filtered) }}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}


{#- The rows a generic test of `relation` reads on an incremental run (a where-condition),
    or none for every row:
    - a ticket-grain model whose latest run recomputed some tickets: those tickets' rows and
      the rows without a ticket;
    - a staging base_ table: the rows its latest run wrote (`_ingested_at`): a kept row was
      checked when it was written and cannot collide with a new one (delete+insert by key);
      rows without a key are rewritten by every run. A full build writes every row;
    - a stg_ view: the keys its base_ table's latest run wrote.
    Tests of other models read every row. -#}
{% macro recomputed_rows_condition(relation) -%}
    {%- if not execute
        or not var("incremental_tests_check_recomputed_rows_only", true)
        or relation.identifier is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set node = models_by_alias().get(relation.identifier | lower) -%}
    {%- if node is none -%}{{ return(none) }}{%- endif -%}
    {%- set ticket_grain = node.config.materialized == "incremental"
        and "delete_recomputed_tickets" in (node.config.get("pre-hook", []) | string) -%}
    {%- set staged_from = none -%}
    {%- if node.name.startswith("base_support__") and node.config.materialized == "incremental" -%}
        {%- set staged_from = node -%}
    {%- elif node.name.startswith("stg_support__") -%}
        {%- set base_node = models_by_alias().get("base_support__" ~ node.name[("stg_support__" | length):]) -%}
        {%- if base_node is not none and base_node.config.materialized == "incremental" -%}
            {%- set staged_from = base_node -%}
        {%- endif -%}
    {%- endif -%}
    {%- if not ticket_grain and staged_from is none -%}{{ return(none) }}{%- endif -%}
    {%- if not incremental_state_exists() -%}{{ return(none) }}{%- endif -%}
    {%- set latest_run = tested_model_run(node.alias if ticket_grain else staged_from.alias) -%}
    {%- if latest_run is none -%}{{ return(none) }}{%- endif -%}
    {%- set state_model = node.alias if ticket_grain else staged_from.alias -%}
    {%- set recorded_at = latest_run.recorded_at -%}
    {%- if ticket_grain -%}
        {%- if latest_run.recomputed_every_ticket -%}{{ return(none) }}{%- endif -%}
        {{ return(
            "(ticket_id is null or ticket_id in (" ~ recomputed_ticket_ids(state_model, recorded_at) ~ "))"
        ) }}
    {%- elif node.name.startswith("base_support__") -%}
        {{ return("_ingested_at >= " ~ recorded_at) }}
    {%- else -%}
        {%- set key = staged_from.config.unique_key -%}
        {{ return(
            key ~ " in (select " ~ key ~ " from " ~ project_relation(staged_from.name)
            ~ " where _ingested_at >= " ~ recorded_at ~ ")"
        ) }}
    {%- endif -%}
{%- endmacro %}


{#- This project's models by alias (lowercase), built once per invocation: a test names
    the relation it reads, not its model. -#}
{% macro models_by_alias() -%}
    {%- set cache = graph.setdefault("ai_resolution_models_by_alias", {}) -%}
    {%- if invocation_id not in cache -%}
        {%- set by_alias = {} -%}
        {%- for node in graph.nodes.values() if node.resource_type == "model" and node.package_name == project_name -%}
            {%- do by_alias.update({node.alias | lower: node}) -%}
        {%- endfor -%}
        {%- do cache.update({invocation_id: by_alias}) -%}
    {%- endif -%}
    {{ return(cache[invocation_id]) }}
{%- endmacro %}


{#- A logic view (meta recomputed_rules in its yml: int_ticket_reopens, int_repeat_contacts,
    int_handoffs) on an incremental run: its rules (macros/lifecycle_rules.sql) over its
    inputs filtered to the tickets its ticket-grain parent's latest run recomputed, or none
    (read the view). A filter on the view itself would sit above its window functions, where
    the engine evaluates them for every ticket first. The rows of other tickets are as they
    were when last checked, as in recomputed_rows_condition. -#}
{% macro recomputed_rules_sql(relation) -%}
    {%- if not execute
        or not var("incremental_tests_check_recomputed_rows_only", true)
        or relation.identifier is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set node = models_by_alias().get(relation.identifier | lower) -%}
    {%- set rules = node.config.meta.get("recomputed_rules") if node is not none else none -%}
    {%- if not rules or not incremental_state_exists() -%}{{ return(none) }}{%- endif -%}
    {%- set latest_run = tested_model_run(rules.tickets_recomputed_by) -%}
    {%- if latest_run is none or latest_run.recomputed_every_ticket -%}{{ return(none) }}{%- endif -%}
    {%- set tickets = recomputed_ticket_ids(rules.tickets_recomputed_by, latest_run.recorded_at) -%}
    {%- set inputs = [] -%}
    {%- for name, model_name in (rules.get("filtered_inputs") or {}).items() -%}
        {%- do inputs.append(name ~ " as (select * from " ~ project_relation(model_name) ~ " where ticket_id in (" ~ tickets ~ "))") -%}
    {%- endfor -%}
    {%- for name, model_name in (rules.get("whole_inputs") or {}).items() -%}
        {%- do inputs.append(name ~ " as (select * from " ~ project_relation(model_name) ~ ")") -%}
    {%- endfor -%}
    {%- set arguments = {} -%}
    {%- for name in (rules.get("filtered_inputs") or {}).keys() | list + (rules.get("whole_inputs") or {}).keys() | list -%}
        {%- do arguments.update({name: name}) -%}
    {%- endfor -%}
    {%- set rules_macro = context[rules.macro] -%}
    {{ return("with " ~ inputs | join(", ") ~ ", " ~ rules_macro(name="rules_output", **arguments) ~ " select * from rules_output") }}
{%- endmacro %}


{#- A model's latest run, for the tests that read it: {"recorded_at": an SQL timestamp,
    "recomputed_every_ticket": bool}, or none when it has no state. A model this invocation
    ran is known without a query (record_model_state noted it); another's state is read once
    per invocation (no model writes it meanwhile). -#}
{% macro tested_model_run(model_name) -%}
    {%- set key = invocation_id ~ "|" ~ model_name -%}
    {%- set ran = (graph.get("ai_resolution_models_run") or {}).get(key) -%}
    {%- if ran is not none -%}
        {{ return({"recorded_at": run_started_timestamp(), "recomputed_every_ticket": ran.recomputed_every_ticket}) }}
    {%- endif -%}
    {%- set cache = graph.setdefault("ai_resolution_tested_model_runs", {}) -%}
    {%- if key not in cache -%}
        {%- set rows = run_query(
            "select cast(recorded_at as " ~ dbt.type_string() ~ "), recomputed_tickets from ("
            ~ latest_state_sql() ~ ") as latest where model_name = '" ~ model_name ~ "'"
        ).rows -%}
        {%- if rows | length == 1 -%}
            {%- do cache.update({key: {
                "recorded_at": "cast('" ~ rows[0][0] ~ "' as " ~ dbt.type_timestamp() ~ ")",
                "recomputed_every_ticket": rows[0][1] is none,
            }}) -%}
        {%- else -%}
            {%- do cache.update({key: none}) -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(cache[key]) }}
{%- endmacro %}
