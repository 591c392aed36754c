{{ config(severity="warn") }}
-- Warns when the data uses policy ids or issue types the seeds do not map, and names
-- them: until classified, an unmapped policy's violations count with
-- unmapped_policy_severity (default critical) and an unmapped issue type is segmented as
-- unmapped. Add them to seeds/policies.csv and seeds/issue_types.csv. The names are
-- logged when the test runs, not when another command (docs generate, compile) renders it.
{%- if execute and flags.WHICH in ["build", "test"] %}
    {%- set mart = ref("fct_unmapped_reference_values") %}
    {%- if adapter.get_relation(database=mart.database, schema=mart.schema, identifier=mart.identifier) %}
        {%- set found = run_query(
            "select seed_name, seed_column, unmapped_value, row_count, raw_table, applied_mapping from "
            ~ mart ~ " order by seed_name, unmapped_value"
        ) %}
        {%- if found.rows | length > 0 %}
            {%- set names = [] %}
            {%- for row in found.rows %}
                {%- do names.append(
                    row[1] ~ " " ~ row[2] ~ " (" ~ row[3] ~ (" row" if row[3] == 1 else " rows") ~ " of " ~ row[4]
                    ~ ", not in seeds/" ~ row[0] ~ ".csv: " ~ row[5] ~ ")"
                ) %}
            {%- endfor %}
            {%- do log(
                "Unmapped reference values, add them to the seeds: " ~ names | join("; "), info=true
            ) %}
        {%- endif %}
    {%- endif %}
{%- endif %}

select
    reference_key,
    seed_column,
    unmapped_value,
    row_count,
    {{ dbt.concat([
        "seed_column", "' '", "unmapped_value", "' is not in seeds/'", "seed_name", "'.csv: '", "applied_mapping",
    ]) }} as message
from {{ ref("fct_unmapped_reference_values") }}
