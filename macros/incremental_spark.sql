{#- Incremental runs on Spark. Parquet tables have no delete, update or merge, so an
    incremental model replaces rows by rewriting partitions: dbt-spark's insert_overwrite
    with dynamic partition overwrite (the profile sets partitionOverwriteMode dynamic), which
    replaces only the partitions the insert writes. Each model is partitioned by a column
    that groups the rows a run rewrites (dbt_project.yml, partition_by):
    - staging base_ tables by _ingested_at (the run that last changed the row);
    - the lifecycle tables and int_raw_row_dispositions by _computed_at (the run that
      computed the row: new rows go to a new partition);
    - the ticket-grain marts by their date (created_date, handoff_date, action_date).

    A run writes its new rows, plus the rows it keeps of every partition it touches (one
    that receives new rows or holds a row it replaces), so that no kept row is lost
    (get_insert_overwrite_sql below). A partition whose rows are all replaced, and which may
    receive none, is dropped first (prepare_partition_overwrite), or for staging, which
    reads its own table, after the insert (drop_partitions_left_behind). A run that recomputes
    every ticket truncates the table first. The bookkeeping tables are partitioned by
    model_name and rewritten per model, so models running in parallel never write the same
    folder. -#}

{#- Pre-hook part on Spark: `replaced` is the condition on the model's current rows that
    this run replaces, or none when it replaces them all. Noted for the insert below, and the
    partitions left with nothing to keep are dropped, or with drop_now false (a model that
    reads its own table: staging) noted for drop_partitions_left_behind after the insert.
    refresh_as_of: the kept rows are written with this run's as_of. -#}
{% macro prepare_partition_overwrite(replaced, drop_now=true, refresh_as_of=false) -%}
    {%- set noted = {"condition": replaced, "emptied": [], "refresh_as_of": refresh_as_of} -%}
    {%- do graph.setdefault("ai_resolution_replaced_rows", {}).update({
        invocation_id ~ "|" ~ this.identifier: noted,
    }) -%}
    {%- if replaced is none -%}
        {%- do run_query("truncate table " ~ this) -%}
        {{ return("") }}
    {%- endif -%}
    {%- set partition_column = spark_partition_column() -%}
    {#- Every partition, less those holding a row to keep (Spark takes a subquery in a
        where-condition, not in an aggregate). -#}
    {%- set emptied = run_query(
        "select cast(" ~ partition_column ~ " as string) as emptied from " ~ this
        ~ " except select cast(" ~ partition_column ~ " as string) from " ~ this
        ~ " where not coalesce(" ~ replaced ~ ", false)"
    ).columns[0].values() -%}
    {%- for value in emptied if value is not none -%}
        {%- if drop_now -%}
            {%- do drop_partition(partition_column, value) -%}
        {%- else -%}
            {%- do noted.emptied.append(value) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return("") }}
{%- endmacro %}


{% macro drop_partition(partition_column, value) -%}
    {%- do run_query(
        "alter table " ~ this ~ " drop if exists partition (" ~ partition_column ~ " = '" ~ value ~ "')"
    ) -%}
{%- endmacro %}


{#- Post-hook of a staging model on Spark. Its SQL reads its own table (a row's previous
    values, the last _loaded_at), so a partition whose rows are all replaced is dropped only
    now, and only if the insert did not rewrite it. The insert rewrites such a partition
    exactly when one of its rows came back unchanged (an unchanged row keeps its
    _ingested_at). A partition it did not rewrite still holds its old rows, each keyless or
    with a key that now has a row in this run's partition: the rows of a rewritten one are
    keyed and unchanged, so their keys have no other row. -#}
{% macro drop_partitions_left_behind() -%}
    {%- set noted = (graph.get("ai_resolution_replaced_rows") or {}).get(invocation_id ~ "|" ~ this.identifier) -%}
    {%- if not (execute and is_incremental() and writes_by_partition() and noted and noted.emptied) -%}
        {{ return("") }}
    {%- endif -%}
    {%- set partition_column = spark_partition_column() -%}
    {%- set key_column = config.get("unique_key") -%}
    {%- set left_behind = run_query(
        "select distinct cast(" ~ partition_column ~ " as string) as left_behind from " ~ this
        ~ " where cast(" ~ partition_column ~ " as string) in ('" ~ noted.emptied | join("', '") ~ "')"
        ~ " and (" ~ key_column ~ " is null or " ~ key_column ~ " in (select " ~ key_column ~ " from " ~ this
        ~ " where " ~ partition_column ~ " = " ~ run_started_timestamp() ~ "))"
    ).columns[0].values() -%}
    {%- for value in left_behind -%}
        {%- do drop_partition(partition_column, value) -%}
    {%- endfor -%}
    {{ return("") }}
{%- endmacro %}


{#- The model's one partition column (partition_by in its config). -#}
{% macro spark_partition_column() -%}
    {%- set partition_by = config.get("partition_by") -%}
    {%- if partition_by is string -%}{{ return(partition_by) }}{%- endif -%}
    {%- if partition_by is none or partition_by | length != 1 -%}
        {{ exceptions.raise_compiler_error(
            "Model " ~ this.identifier ~ " is incremental on Spark: it needs one partition_by column, got " ~ partition_by
        ) }}
    {%- endif -%}
    {{ return(partition_by[0]) }}
{%- endmacro %}


{#- dbt-spark's insert_overwrite (root-project override): the new rows, and for a model of
    this project whose pre-hook noted which rows it replaces, the rows it keeps of every
    partition the insert touches. When the pre-hook asked for it (fct_conversations), the
    kept rows carry this run's as_of, as the pre-hook's update gives them on other engines:
    every partition whose rows have another as_of is rewritten. -#}
{% macro get_insert_overwrite_sql(source_relation, target_relation, existing_relation) %}
    {%- set dest_columns = adapter.get_columns_in_relation(target_relation) -%}
    {%- set dest_cols_csv = dest_columns | map(attribute="quoted") | join(", ") -%}
    {%- set noted = (graph.get("ai_resolution_replaced_rows") or {}).get(invocation_id ~ "|" ~ this.identifier) -%}
    insert overwrite table {{ target_relation }}
    {{ partition_cols(label="partition") }}
    select {{ dest_cols_csv }} from {{ source_relation }}
    {%- if noted and noted.condition %}
        {%- set partition_column = spark_partition_column() -%}
        {%- set refresh_as_of = noted.refresh_as_of -%}
        {%- set kept_columns = [] -%}
        {%- for column in dest_columns -%}
            {%- if refresh_as_of and column.name | lower == "as_of" -%}
                {%- do kept_columns.append(as_of_timestamp() ~ " as as_of") -%}
            {%- else -%}
                {%- do kept_columns.append("kept." ~ column.quoted) -%}
            {%- endif -%}
        {%- endfor %}
    union all
    select {{ kept_columns | join(", ") }}
    from {{ target_relation }} as kept
    where
        not coalesce({{ noted.condition }}, false)
        and (
            {#- A partition column that holds runs (meta partition_holds_runs: _computed_at,
                _ingested_at) gives new rows this run's partition, which holds no kept row, or
                the partition of the row they replace: the new rows need not be read again. -#}
            {%- if not (config.get("meta") or {}).get("partition_holds_runs") %}
            kept.{{ partition_column }} in (select new_rows.{{ partition_column }} from {{ source_relation }} as new_rows)
            or
            {%- endif %}
            kept.{{ partition_column }} in (
                select replaced.{{ partition_column }} from {{ target_relation }} as replaced
                where coalesce({{ noted.condition }}, false)
            )
            {%- if refresh_as_of %}
            or not (kept.as_of <=> {{ as_of_timestamp() }})
            {%- endif %}
        )
    {%- endif %}
{% endmacro %}
