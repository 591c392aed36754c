{#- One row per Zendesk value that no row of a mapping seed maps, for
    fct_unmapped_reference_values: ticket statuses (on the ticket and in its status
    changes), via_channel values and satisfaction_score values. Such a status or channel
    is staged as `unknown`; such a score makes no CSAT answer. Add the value to the seed
    named here and re-run. -#}

with

tickets as (

    select * from {{ ref("base_zendesk__ticket") }}

),

field_history as (

    select * from {{ ref("base_zendesk__ticket_field_history") }}

),

status_map as (

    {{ zendesk_seed_rows("source_status_map", "status") }}

),

channel_map as (

    {{ zendesk_seed_rows("source_channel_map", "channel") }}

),

csat_scale as (

    {{ zendesk_seed_rows("source_csat_scale", "score") }}

),

used_tickets as (

    select * from tickets
    where not is_deleted_in_source

),

values_seen as (

    select
        'source_status_map' as seed_name,
        used_tickets.source_status as unmapped_value,
        'zendesk.ticket' as raw_table,
        used_tickets.ticket_id,
        used_tickets.created_at as seen_at
    from used_tickets
    left join status_map
        on used_tickets.source_status = status_map.source_value
    where used_tickets.source_status is not null and status_map.source_value is null

    union all

    select
        'source_channel_map' as seed_name,
        used_tickets.via_channel as unmapped_value,
        'zendesk.ticket' as raw_table,
        used_tickets.ticket_id,
        used_tickets.created_at as seen_at
    from used_tickets
    left join channel_map
        on used_tickets.via_channel = channel_map.source_value
    where used_tickets.via_channel is not null and channel_map.source_value is null

    union all

    select
        'source_status_map' as seed_name,
        lower(field_history.field_value) as unmapped_value,
        'zendesk.ticket_field_history' as raw_table,
        field_history.ticket_id,
        field_history.changed_at as seen_at
    from field_history
    left join status_map
        on lower(field_history.field_value) = status_map.source_value
    where
        field_history.field_name = 'status'
        and field_history.field_value is not null
        and status_map.source_value is null

    union all

    select
        'source_csat_scale' as seed_name,
        lower(field_history.field_value) as unmapped_value,
        'zendesk.ticket_field_history' as raw_table,
        field_history.ticket_id,
        field_history.changed_at as seen_at
    from field_history
    left join csat_scale
        on lower(field_history.field_value) = csat_scale.source_value
    where
        field_history.field_name = 'satisfaction_score'
        and field_history.field_value is not null
        and lower(field_history.field_value) not in ({{ zendesk_sql_list(zendesk_csat_non_answers()) }})
        and csat_scale.source_value is null

),

{{ zendesk_unmapped_rollup() }}
