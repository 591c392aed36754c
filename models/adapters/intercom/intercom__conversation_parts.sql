{#- One row per conversation part: its current version (parts are append-only, but
    Fivetran keeps versions of an edited or redacted part), with its author and assignee
    classified as contract types through source_ai_identities, and whether the part or its
    conversation was deleted at the source. -#}
{%- set raw = source("intercom", "conversation_part_history") %}

with

conversation_part_history as (

    select * from {{ raw }}

),

identities as {{ inline_cte() }} (

    select * from {{ ref("intercom__ai_identities") }}

),

admins as {{ inline_cte() }} (

    select * from {{ ref("intercom__admins") }}

),

conversations as (

    select * from {{ ref("intercom__conversations") }}

),

parsed as (

    select
        {{ intercom_id("id") }} as part_id,
        {{ intercom_id("conversation_id") }} as conversation_id,
        {{ intercom_key("part_type") }} as part_type,
        {{ intercom_id("author_id") }} as author_id,
        {{ intercom_key("author_type") }} as author_type,
        {{ utc_timestamp(raw, "created_at") }} as created_at,
        {{ intercom_id("assigned_to_id") }} as assigned_to_id,
        {{ intercom_key("assigned_to_type") }} as assigned_to_type,
        -- PII: passed to staging only.
        cast(body as {{ dbt.type_string() }}) as body,
        {%- if column_present(raw, "updated_at") %}
            {{ utc_timestamp(raw, "updated_at") }} as updated_at,
        {%- endif %}
        {{ optional_utc_timestamp(raw, "_fivetran_start") }} as fivetran_start,
        {{ intercom_optional_boolean(raw, "_fivetran_active") }} as is_fivetran_active,
        {{ intercom_optional_boolean(raw, "_fivetran_deleted") }} as is_fivetran_deleted,
        {{ utc_timestamp(raw, "_fivetran_synced") }} as _fivetran_synced
    from conversation_part_history

),

ranked as (

    select
        *,
        row_number() over (
            partition by part_id order by {{ intercom_newest_first(raw) }}
        ) as version_rank,
        max(case when is_fivetran_active then 1 else 0 end) over (partition by part_id) as has_active_version
    from parsed

),

current_parts as (

    select
        *,
        {{ intercom_is_deleted(raw) }} as is_part_deleted
    from ranked
    where version_rank = 1 or part_id is null

),

classified as (

    select
        current_parts.part_id,
        current_parts.conversation_id,
        current_parts.part_type,
        current_parts.author_id as part_author_id,
        current_parts.author_type as part_author_type,
        {{ intercom_author_class(
            "current_parts.author_type", "author_by_id", "author_by_email", "author_by_type"
        ) }} as author_class,
        current_parts.assigned_to_id,
        current_parts.assigned_to_type,
        {{ intercom_assignee_class(
            "current_parts.assigned_to_type", "current_parts.assigned_to_id",
            "assignee_by_id", "assignee_by_email", "assignee_by_type"
        ) }} as assignee_class,
        current_parts.body,
        current_parts.created_at as part_created_at,
        current_parts.is_part_deleted,
        coalesce(conversations.is_deleted_in_source, false) as is_conversation_deleted,
        current_parts._fivetran_synced
    from current_parts
    left join identities as author_by_id
        on
            author_by_id.identity_type = 'user_id'
            and lower(current_parts.author_id) = author_by_id.identity_value
    left join admins as author_admin
        on
            current_parts.author_type = 'admin'
            and current_parts.author_id = author_admin.admin_id
    left join identities as author_by_email
        on
            author_by_email.identity_type = 'email'
            and author_admin.admin_email = author_by_email.identity_value
    left join identities as author_by_type
        on
            author_by_type.identity_type = 'author_type'
            and current_parts.author_type = author_by_type.identity_value
    left join identities as assignee_by_id
        on
            assignee_by_id.identity_type = 'user_id'
            and lower(current_parts.assigned_to_id) = assignee_by_id.identity_value
    left join admins as assignee_admin
        on
            current_parts.assigned_to_type = 'admin'
            and current_parts.assigned_to_id = assignee_admin.admin_id
    left join identities as assignee_by_email
        on
            assignee_by_email.identity_type = 'email'
            and assignee_admin.admin_email = assignee_by_email.identity_value
    left join identities as assignee_by_type
        on
            assignee_by_type.identity_type = 'author_type'
            and current_parts.assigned_to_type = assignee_by_type.identity_value
    left join conversations
        on current_parts.conversation_id = conversations.conversation_id

)

select
    part_id,
    conversation_id,
    part_type,
    part_author_id,
    part_author_type,
    author_class,
    assigned_to_id,
    assigned_to_type,
    assignee_class,
    body,
    part_created_at,
    _fivetran_synced,
    is_part_deleted or is_conversation_deleted as is_deleted_in_source
from classified
