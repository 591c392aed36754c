{#- The contract's `tickets` from Zendesk's ticket table (SOURCES.md §2): status and
    channel through the mapping seeds (a value no row maps becomes `unknown`, counted in
    zendesk__unmapped_source_values), spam from the deleted status or a spam tag, the
    merge target from the tickets' merged_ticket_ids, the issue type from a tag prefix or
    a ticket field when the vars name one. Rows deleted at the source are set aside. -#}
{%- set issue_type_tag_prefix = var("zendesk_issue_type_tag_prefix", none) %}
{%- set issue_type_field = var("zendesk_issue_type_field", none) %}

with

tickets as (

    select * from {{ ref("base_zendesk__ticket") }}

),

tags as (

    select * from {{ ref("base_zendesk__ticket_tag") }}

),

{%- if issue_type_field %}

field_history as (

    select * from {{ ref("base_zendesk__ticket_field_history") }}

),
{%- endif %}

status_map as (

    {{ zendesk_seed_rows("source_status_map", "status") }}

),

channel_map as (

    {{ zendesk_seed_rows("source_channel_map", "channel") }}

),

merge_lists as (

    -- One row per id listed in a ticket's merged_ticket_ids: that ticket is the target.
    select
        ticket_id as target_ticket_id,
        {{ zendesk_split_id_list("merged_ticket_ids") }} as merged_ticket_id
    from tickets
    where merged_ticket_ids is not null

),

merge_targets as (

    select
        merged_ticket_id as ticket_id,
        -- A ticket is merged once; should two tickets list it, the choice is deterministic.
        min(target_ticket_id) as merged_into_ticket_id
    from merge_lists
    where merged_ticket_id != '' and merged_ticket_id != target_ticket_id
    group by merged_ticket_id

),

tag_flags as (

    select
        ticket_id,
        max(case when tag in ({{ zendesk_sql_list(var("zendesk_spam_tags", ["spam"])) }}) then 1 else 0 end)
            as has_spam_tag,
        max(case when tag = 'closed_by_merge' then 1 else 0 end) as has_merge_tag
    {%- if issue_type_tag_prefix %},
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

{%- if issue_type_field %}

issue_type_changes as (

    select
        ticket_id,
        field_value,
        row_number() over (partition by ticket_id order by changed_at desc, field_value desc) as change_rank
    from field_history
    where field_name = '{{ issue_type_field | lower | replace("'", "''") }}'

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
        {%- if issue_type_tag_prefix %}
            nullif(tag_flags.tagged_issue_type, '') as issue_type,
        {%- elif issue_type_field %}
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
    {%- if issue_type_field and not issue_type_tag_prefix %}
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
