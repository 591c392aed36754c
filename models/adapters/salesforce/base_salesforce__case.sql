{#- Salesforce cases, the columns the adapter reads, typed. The customer is the case's
    contact, else the email address the customer supplied (Web-to-Case, Email-to-Case).
    A case deleted at the source (_fivetran_deleted, or is_deleted: in the Recycle Bin)
    is flagged, unless it was deleted by a merge (master_record_id set): a merged case is
    a ticket merged into its master. salesforce__tickets leaves the flagged rows out and
    salesforce__set_aside_rows lists them. -#}
{%- set raw = source("salesforce", "case") %}
{%- set issue_type_column = salesforce_issue_type_column() %}
{%- set issue_type = (
    salesforce_key(issue_type_column) if issue_type_column else "cast(null as " ~ dbt.type_string() ~ ")"
) %}

with

source as (

    select * from {{ raw }}
    where {{ salesforce_active_rows(raw) }}

),

typed as (

    select
        -- ids
        {{ salesforce_id("id") }} as case_id,
        {{ salesforce_id("contact_id") }} as contact_id,
        {{ salesforce_key(optional_column(raw, "supplied_email", dbt.type_string())) }} as supplied_email,
        {{ salesforce_id(optional_column(raw, "master_record_id", dbt.type_string())) }} as master_record_id,

        -- strings
        {{ salesforce_key("status") }} as source_status,
        {{ salesforce_key("origin") }} as origin,
        {{ issue_type }} as issue_type,

        -- booleans
        {{ salesforce_flag(raw, "is_deleted") }} as is_deleted,
        {{ salesforce_flag(raw, "_fivetran_deleted") }} as is_fivetran_deleted,

        -- timestamps
        {{ utc_timestamp(raw, "created_date") }} as created_at,
        {{ utc_timestamp(raw, "_fivetran_synced") }} as _loaded_at
    from source

)

select
    case_id,
    master_record_id,
    source_status,
    origin,
    issue_type,
    created_at,
    _loaded_at,
    coalesce(contact_id, supplied_email) as customer_id,
    -- Hard-deleted (no longer in Salesforce), or in the Recycle Bin for another reason than a merge.
    (is_fivetran_deleted or (is_deleted and master_record_id is null)) as is_deleted_in_source
from typed
