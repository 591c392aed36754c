{#- Every version of every conversation (conversation_history keeps one row per change),
    parsed, with its rank (1 = the current version: the active one, else the latest
    _fivetran_start, else the latest updated_at) and whether the conversation was deleted
    at the source, and the issue type when the var intercom_issue_type_column names its
    column. It also dates when the current Fin resolution state and Fin rating
    first appeared: the updated_at of the earliest version holding the current value since
    the last version that held another one. -#}
{%- set raw = source("intercom", "conversation_history") %}
{%- set issue_type_column = intercom_issue_type_column() %}

with

conversation_history as (

    select * from {{ raw }}

),

parsed as (

    select
        {{ intercom_id("id") }} as conversation_id,
        {{ utc_timestamp(raw, "created_at") }} as created_at,
        {{ utc_timestamp(raw, "updated_at") }} as updated_at,
        {{ intercom_key("state") }} as state,
        {{ intercom_key("source_type") }} as source_type,
        {{ intercom_id("source_author_id") }} as source_author_id,
        {{ intercom_key("source_author_type") }} as source_author_type,
        -- PII: the opening message's text, passed to staging only.
        {{ optional_column(raw, "source_body", dbt.type_string()) }} as source_body,
        {%- if issue_type_column %}
            -- The custom attribute named by the var intercom_issue_type_column.
            {{ intercom_key(issue_type_column) }} as issue_type,
        {%- else %}
            cast(null as {{ dbt.type_string() }}) as issue_type,
        {%- endif %}
        {{ intercom_rating_text(raw, "conversation_rating_value") }} as conversation_rating_value,
        {{ optional_utc_timestamp(raw, "conversation_rating_created_at") }} as conversation_rating_created_at,
        {{ intercom_optional_boolean(raw, "ai_agent_participated") }} as ai_agent_participated,
        {%- if column_present(raw, "ai_agent_resolution_state") %}
            {{ intercom_key("ai_agent_resolution_state") }} as ai_agent_resolution_state,
        {%- else %}
            cast(null as {{ dbt.type_string() }}) as ai_agent_resolution_state,
        {%- endif %}
        {{ intercom_rating_text(raw, "ai_agent_rating") }} as ai_agent_rating,
        {{ optional_utc_timestamp(raw, "_fivetran_start") }} as fivetran_start,
        {{ intercom_optional_boolean(raw, "_fivetran_active") }} as is_fivetran_active,
        {{ intercom_optional_boolean(raw, "_fivetran_deleted") }} as is_fivetran_deleted,
        {{ utc_timestamp(raw, "_fivetran_synced") }} as _fivetran_synced
    from conversation_history

),

ranked as (

    select
        *,
        row_number() over (
            partition by conversation_id order by {{ intercom_newest_first(raw) }}
        ) as version_rank,
        max(case when is_fivetran_active then 1 else 0 end) over (
            partition by conversation_id
        ) as has_active_version
    from parsed

),

with_current as (

    select
        *,
        -- The current version's values, on every version of the conversation.
        max(case when version_rank = 1 then coalesce(ai_agent_resolution_state, '~') end) over (
            partition by conversation_id
        ) as current_resolution_state,
        max(case when version_rank = 1 then coalesce(ai_agent_rating, '~') end) over (
            partition by conversation_id
        ) as current_ai_agent_rating
    from ranked

),

last_change as (

    select
        *,
        -- The newest version (highest rank number is oldest) holding another value.
        min(
            case when coalesce(ai_agent_resolution_state, '~') != current_resolution_state then version_rank end
        ) over (partition by conversation_id) as resolution_state_changed_rank,
        min(
            case when coalesce(ai_agent_rating, '~') != current_ai_agent_rating then version_rank end
        ) over (partition by conversation_id) as ai_agent_rating_changed_rank
    from with_current

)

select
    conversation_id,
    created_at,
    updated_at,
    state,
    source_type,
    source_author_id,
    source_author_type,
    source_body,
    issue_type,
    conversation_rating_value,
    conversation_rating_created_at,
    ai_agent_participated,
    ai_agent_resolution_state,
    ai_agent_rating,
    fivetran_start,
    is_fivetran_active,
    _fivetran_synced,
    version_rank,
    {{ intercom_is_deleted(raw) }} as is_deleted_in_source,
    -- Since when the current value has held: the oldest version newer than the last change.
    min(
        case
            when version_rank < coalesce(resolution_state_changed_rank, version_rank + 1) then updated_at
        end
    ) over (partition by conversation_id) as resolution_state_since,
    min(
        case
            when version_rank < coalesce(ai_agent_rating_changed_rank, version_rank + 1) then updated_at
        end
    ) over (partition by conversation_id) as ai_agent_rating_since
from last_change
