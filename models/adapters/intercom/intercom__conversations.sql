{#- One row per conversation: its current version (intercom__conversation_versions), with
    its first contact. Conversations deleted at the source are kept here, flagged, and
    set aside by intercom__set_aside_rows. -#}

with

versions as {{ inline_cte() }} (

    select * from {{ ref("intercom__conversation_versions") }}

),

contacts as (

    select * from {{ ref("intercom__conversation_contacts") }}

),

current_versions as (

    select * from versions
    where version_rank = 1 or conversation_id is null

)

select
    current_versions.conversation_id,
    current_versions.created_at,
    current_versions.updated_at,
    current_versions.state,
    current_versions.source_type,
    current_versions.source_author_id,
    current_versions.source_author_type,
    current_versions.source_body,
    contacts.contact_id as first_contact_id,
    current_versions.issue_type,
    current_versions.conversation_rating_value,
    current_versions.conversation_rating_created_at,
    current_versions.ai_agent_participated,
    current_versions.ai_agent_resolution_state,
    current_versions.resolution_state_since,
    current_versions.ai_agent_rating,
    current_versions.ai_agent_rating_since,
    current_versions.is_deleted_in_source,
    current_versions._fivetran_synced
from current_versions
left join contacts
    on current_versions.conversation_id = contacts.conversation_id
