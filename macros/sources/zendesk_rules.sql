{#- The rules both Zendesk adapters apply, whichever loader landed the data: Fivetran's
    layout (source_system zendesk, models/adapters/zendesk/) and Airbyte's own streams
    (source_system zendesk_airbyte, models/adapters/zendesk_airbyte/). Each adapter's base
    models bring its tables to one shape; these macros turn that shape into the contract's
    relations, so a rule changed here changes for both (docs/sources/zendesk.md,
    docs/sources/zendesk_airbyte.md). `system` names the rows of the mapping seeds used. -#}


{#- Who the AI agent (or automation that is not AI) is: the system's rows of
    source_ai_identities plus any given in the var source_ai_identities_extra, lower-cased
    and trimmed; counts_as defaults to ai_agent. -#}
{% macro zendesk_identity_rows(system) -%}
    select
        lower(trim(identity_type)) as identity_type,
        lower(trim(identity_value)) as identity_value,
        coalesce(nullif(lower(trim(counts_as)), ''), 'ai_agent') as counts_as
    from {{ ref("source_ai_identities") }}
    where lower(trim(source_system)) = '{{ system }}'

    union all

    {{ extra_identities_sql(system) }}
{%- endmacro %}


{#- One row per Zendesk user id that authors, acts or is assigned: who it is in the
    contract's terms. Listed in source_ai_identities (by user_id, email or role) → its
    counts_as (ai_agent, or system for automation that is not AI); role end-user →
    customer; agent or admin → human_agent. Ids listed as AI need no user row. Users
    deleted at the source are left out (their ids fall back to the requester rule).
    `users` has user_id, email, user_role, is_deleted_in_source. -#}
{% macro zendesk_authors_sql(users, system) -%}
with

users as (

    select * from {{ users }}

),

identities as (

    {{ zendesk_identity_rows(system) }}

),

used_users as (

    select
        user_id,
        email,
        user_role
    from users
    where not is_deleted_in_source and user_id is not null

),

listed_ids as (

    select
        identity_value as user_id,
        counts_as
    from identities
    where identity_type = 'user_id'

),

listed_users as (

    select
        used_users.user_id,
        identities.counts_as
    from used_users
    inner join identities
        on
            (identities.identity_type = 'email' and used_users.email = identities.identity_value)
            or (identities.identity_type = 'role' and used_users.user_role = identities.identity_value)

),

ai_identities as (

    -- An id listed both as AI and as automation counts as AI: its work is not hidden.
    select
        user_id,
        min(counts_as) as counts_as
    from (
        select * from listed_ids
        union all
        select * from listed_users
    ) as listed
    group by user_id

),

roles as (

    select
        user_id,
        min(user_role) as user_role
    from used_users
    group by user_id

),

all_ids as (

    select user_id from roles
    union
    select user_id from ai_identities

)

select
    all_ids.user_id,
    roles.user_role,
    case
        when ai_identities.counts_as is not null then ai_identities.counts_as
        when roles.user_role = 'end-user' then 'customer'
        when roles.user_role in ('agent', 'admin') then 'human_agent'
        else 'unknown'
    end as author_type
from all_ids
left join roles
    on all_ids.user_id = roles.user_id
left join ai_identities
    on all_ids.user_id = ai_identities.user_id
{%- endmacro %}


{#- Who a Zendesk user id is as an author or actor: the system user (-1) and a missing id
    are Zendesk itself (system); then the author type of zendesk__authors (`authors`
    alias); an id missing from the user table who requested the ticket is its customer
    (`requesters` alias, column customer_id); else unknown. -#}
{% macro zendesk_user_author_type(user_id, authors, requesters) -%}
    case
        when {{ user_id }} is null or {{ user_id }} = '-1' then 'system'
        when {{ authors }}.author_type is not null and {{ authors }}.author_type != 'unknown'
            then {{ authors }}.author_type
        when {{ user_id }} = {{ requesters }}.customer_id then 'customer'
        else 'unknown'
    end
{%- endmacro %}


{#- Where the issue type comes from: 'tag' (var zendesk_issue_type_tag_prefix), else
    'field' (var zendesk_issue_type_field), else none. -#}
{% macro zendesk_issue_type_source() -%}
    {%- if var("zendesk_issue_type_tag_prefix", none) -%}
        {{ return("tag") }}
    {%- elif var("zendesk_issue_type_field", none) -%}
        {{ return("field") }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}


{#- The contract's `tickets`: the rest of a query whose caller has defined the CTEs
    `tickets` (ticket_id, customer_id, source_status, via_channel, created_at,
    is_deleted_in_source, _loaded_at), `tags` (ticket_id, tag), `merge_links`
    (target_ticket_id, merged_ticket_id: the target lists the merged ticket) and, when
    zendesk_issue_type_source() is 'field', `issue_type_values` (ticket_id, field_value,
    changed_at). Status and channel through the mapping seeds (a value no row maps becomes
    `unknown`), spam from the deleted status or a tag of zendesk_spam_tags, the merge
    target from merge_links (a closed_by_merge tag alone: target `unknown`), the issue type
    from a tag prefix or the latest value of a ticket field. Rows deleted at the source are
    left out. -#}
{% macro zendesk_contract_tickets(system) -%}
{%- set issue_type_source = zendesk_issue_type_source() %}
{%- set issue_type_tag_prefix = var("zendesk_issue_type_tag_prefix", none) %}

status_map as (

    {{ zendesk_seed_rows("source_status_map", "status", system) }}

),

channel_map as (

    {{ zendesk_seed_rows("source_channel_map", "channel", system) }}

),

merge_targets as (

    select
        merged_ticket_id as ticket_id,
        -- A ticket is merged once; should two tickets list it, the choice is deterministic.
        min(target_ticket_id) as merged_into_ticket_id
    from merge_links
    where merged_ticket_id != '' and merged_ticket_id != target_ticket_id
    group by merged_ticket_id

),

tag_flags as (

    select
        ticket_id,
        max(case when tag in ({{ zendesk_sql_list(var("zendesk_spam_tags", ["spam"])) }}) then 1 else 0 end)
            as has_spam_tag,
        max(case when tag = 'closed_by_merge' then 1 else 0 end) as has_merge_tag
    {%- if issue_type_source == "tag" %},
        min(
            case
                when tag like '{{ issue_type_tag_prefix | lower | replace("'", "''") }}%'
                    then substring(tag, {{ (issue_type_tag_prefix | length) + 1 }})
            end
        ) as tagged_issue_type
        {%- endif %}
    from tags
    group by ticket_id

),

{%- if issue_type_source == "field" %}

issue_type_changes as (

    select
        ticket_id,
        field_value,
        row_number() over (partition by ticket_id order by changed_at desc, field_value desc) as change_rank
    from issue_type_values

),

{%- endif %}

mapped as (

    select
        tickets.ticket_id,
        tickets.customer_id,
        case
            when tickets.via_channel is null then null
            else coalesce(channel_map.channel, 'unknown')
        end as channel,
        {%- if issue_type_source == "tag" %}
            nullif(tag_flags.tagged_issue_type, '') as issue_type,
        {%- elif issue_type_source == "field" %}
            issue_type_changes.field_value as issue_type,
        {%- else %}
            cast(null as {{ dbt.type_string() }}) as issue_type,
        {%- endif %}
        tickets.created_at,
        case
            when tickets.source_status is null then null
            else coalesce(status_map.status, 'unknown')
        end as status,
        (
            coalesce(tickets.source_status = 'deleted', false)
            or coalesce(tag_flags.has_spam_tag = 1, false)
        ) as is_spam,
        -- closed_by_merge without a ticket listing this one: merged, target unknown.
        case
            when merge_targets.merged_into_ticket_id is not null then merge_targets.merged_into_ticket_id
            when tag_flags.has_merge_tag = 1 then 'unknown'
        end as merged_into_ticket_id,
        tickets._loaded_at
    from tickets
    left join status_map
        on tickets.source_status = status_map.source_value
    left join channel_map
        on tickets.via_channel = channel_map.source_value
    left join merge_targets
        on tickets.ticket_id = merge_targets.ticket_id
    left join tag_flags
        on tickets.ticket_id = tag_flags.ticket_id
    {%- if issue_type_source == "field" %}
    left join issue_type_changes
        on tickets.ticket_id = issue_type_changes.ticket_id
        and issue_type_changes.change_rank = 1
    {%- endif %}
    where not tickets.is_deleted_in_source

)

select
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(customer_id as {{ dbt.type_string() }}) as customer_id,
    cast(channel as {{ dbt.type_string() }}) as channel,
    cast(issue_type as {{ dbt.type_string() }}) as issue_type,
    cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
    cast(status as {{ dbt.type_string() }}) as status,
    cast(is_spam as {{ dbt.type_boolean() }}) as is_spam,
    cast(merged_into_ticket_id as {{ dbt.type_string() }}) as merged_into_ticket_id,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from mapped
{%- endmacro %}


{#- The contract's `ticket_events`: the rest of a query whose caller has defined the CTEs
    `changes` (event_id, ticket_id, user_id, actor_override, field_name, field_value,
    changed_at, _loaded_at: one row per change of a ticket field), `tickets` and `tags`
    (as for zendesk_contract_tickets) and `authors` (zendesk__authors' shape). Status
    changes (status through the status map), assignments to an agent (ai_agent when the
    assignee is listed as AI, queue when listed as automation) and to a group (queue). The
    actor is actor_override when the caller knows better (a trigger or automation made the
    change), else it comes from user_id. A ticket that came in through a listed
    via_channel (a prefix) or carries a listed tag was taken by the AI at creation: an
    `assigned` event to ai_agent at created_at. -#}
{% macro zendesk_contract_ticket_events(system) -%}

status_map as (

    {{ zendesk_seed_rows("source_status_map", "status", system) }}

),

identities as (

    select * from ({{ zendesk_identity_rows(system) }}) as listed
    where counts_as = 'ai_agent'

),

requesters as (

    select
        ticket_id,
        min(customer_id) as customer_id
    from tickets
    group by ticket_id

),

used_tickets as (

    select
        ticket_id,
        via_channel,
        created_at,
        _loaded_at
    from tickets
    where not is_deleted_in_source

),

field_changes as (

    select
        changes.event_id,
        changes.ticket_id,
        changes.changed_at as occurred_at,
        case when changes.field_name = 'status' then 'status_changed' else 'assigned' end as event_type,
        case
            when changes.actor_override is not null then changes.actor_override
            else {{ zendesk_user_author_type("changes.user_id", "actors", "requesters") }}
        end as actor_type,
        case
            when changes.field_name != 'status' then null
            when changes.field_value is null then null
            else coalesce(status_map.status, 'unknown')
        end as status,
        case
            when changes.field_name = 'group_id' then 'queue'
            when changes.field_name != 'assignee_id' then null
            when assignees.author_type = 'ai_agent' then 'ai_agent'
            -- Automation listed as system is not a person: the ticket waits in a queue.
            when assignees.author_type = 'system' then 'queue'
            else 'human_agent'
        end as assignee_type,
        changes._loaded_at
    from changes
    left join status_map
        on
            changes.field_name = 'status'
            and lower(changes.field_value) = status_map.source_value
    left join authors as actors
        on changes.user_id = actors.user_id
    left join authors as assignees
        on
            changes.field_name = 'assignee_id'
            and changes.field_value = assignees.user_id
    left join requesters
        on changes.ticket_id = requesters.ticket_id
    where
        changes.field_name in ('status', 'assignee_id', 'group_id')
        -- An assignee or group cleared is not an assignment.
        and (changes.field_name = 'status' or changes.field_value is not null)

),

ai_channel_intake as (

    select
        {{ dbt.concat(["'via_channel:'", "used_tickets.ticket_id"]) }} as event_id,
        used_tickets.ticket_id,
        used_tickets.created_at as occurred_at,
        used_tickets._loaded_at
    from used_tickets
    inner join identities
        on
            identities.identity_type = 'via_channel'
            and used_tickets.via_channel like {{ dbt.concat(["identities.identity_value", "'%'"]) }}
    group by used_tickets.ticket_id, used_tickets.created_at, used_tickets._loaded_at

),

ai_tag_intake as (

    -- A tag has no time of its own: an AI tag marks the AI as involved from creation.
    select
        {{ dbt.concat(["'tag:'", "used_tickets.ticket_id", "':'", "min(tags.tag)"]) }} as event_id,
        used_tickets.ticket_id,
        used_tickets.created_at as occurred_at,
        used_tickets._loaded_at
    from used_tickets
    inner join tags
        on used_tickets.ticket_id = tags.ticket_id
    inner join identities
        on
            identities.identity_type = 'tag'
            and tags.tag = identities.identity_value
    group by used_tickets.ticket_id, used_tickets.created_at, used_tickets._loaded_at

),

ai_intake as (

    select * from ai_channel_intake
    union all
    select * from ai_tag_intake

),

events as (

    select
        event_id,
        ticket_id,
        occurred_at,
        event_type,
        actor_type,
        status,
        assignee_type,
        _loaded_at
    from field_changes

    union all

    select
        event_id,
        ticket_id,
        occurred_at,
        'assigned' as event_type,
        'system' as actor_type,
        cast(null as {{ dbt.type_string() }}) as status,
        'ai_agent' as assignee_type,
        _loaded_at
    from ai_intake

)

select
    cast(event_id as {{ dbt.type_string() }}) as event_id,
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at,
    cast(event_type as {{ dbt.type_string() }}) as event_type,
    cast(actor_type as {{ dbt.type_string() }}) as actor_type,
    cast(status as {{ dbt.type_string() }}) as status,
    cast(assignee_type as {{ dbt.type_string() }}) as assignee_type,
    cast(null as {{ dbt.type_string() }}) as reason,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from events
{%- endmacro %}


{#- The end of an unmapped-values model: the caller has defined `values_seen`
    (seed_name, unmapped_value, raw_table, ticket_id, seen_at), one row per occurrence of
    a value no mapping seed maps. One row per seed and value (the mart's key), naming the
    vendor tables it was found in. -#}
{% macro zendesk_unmapped_rollup() -%}

per_value as (

    -- One row per seed and value: a status unmapped on tickets and in their changes names
    -- both tables.
    select
        seed_name,
        unmapped_value,
        min(raw_table) as first_raw_table,
        max(raw_table) as last_raw_table,
        count(*) as row_count,
        count(distinct ticket_id) as ticket_count,
        min(seen_at) as first_seen_at,
        max(seen_at) as last_seen_at
    from values_seen
    group by seed_name, unmapped_value

)

select
    cast(seed_name as {{ dbt.type_string() }}) as seed_name,
    cast(unmapped_value as {{ dbt.type_string() }}) as unmapped_value,
    cast(
        case
            when first_raw_table = last_raw_table then first_raw_table
            else {{ dbt.concat(["first_raw_table", "' and '", "last_raw_table"]) }}
        end as {{ dbt.type_string() }}
    ) as raw_table,
    cast(row_count as {{ dbt.type_int() }}) as row_count,
    cast(ticket_count as {{ dbt.type_int() }}) as ticket_count,
    cast(first_seen_at as {{ dbt.type_timestamp() }}) as first_seen_at,
    cast(last_seen_at as {{ dbt.type_timestamp() }}) as last_seen_at
from per_value
{%- endmacro %}
