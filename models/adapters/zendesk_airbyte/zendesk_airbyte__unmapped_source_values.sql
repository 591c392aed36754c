{#- One row per Zendesk value that no row of a mapping seed maps (rows of source_system
    zendesk_airbyte), for fct_unmapped_reference_values: ticket statuses (on the ticket
    and in its audits' status changes), via.channel values of tickets and satisfaction
    scores. Such a status or channel is staged as `unknown`; such a score makes no CSAT
    answer. Add the value to the seed named here and re-run. -#}

with

tickets as (

    select * from {{ ref("base_zendesk_airbyte__tickets") }}
    where not is_deleted_in_source

),

audit_changes as (

    select * from {{ ref("base_zendesk_airbyte__audit_changes") }}
    where field_name = 'status' and field_value is not null

),

ratings as (

    select * from {{ ref("base_zendesk_airbyte__satisfaction_ratings") }}
    where not is_deleted_in_source and score is not null

),

status_map as (

    {{ zendesk_seed_rows("source_status_map", "status", "zendesk_airbyte") }}

),

channel_map as (

    {{ zendesk_seed_rows("source_channel_map", "channel", "zendesk_airbyte") }}

),

csat_scale as (

    {{ zendesk_seed_rows("source_csat_scale", "score", "zendesk_airbyte") }}

),

values_seen as (

    select
        'source_status_map' as seed_name,
        tickets.source_status as unmapped_value,
        'zendesk_airbyte.tickets' as raw_table,
        tickets.ticket_id,
        tickets.created_at as seen_at
    from tickets
    left join status_map
        on tickets.source_status = status_map.source_value
    where tickets.source_status is not null and status_map.source_value is null

    union all

    select
        'source_channel_map' as seed_name,
        tickets.via_channel as unmapped_value,
        'zendesk_airbyte.tickets' as raw_table,
        tickets.ticket_id,
        tickets.created_at as seen_at
    from tickets
    left join channel_map
        on tickets.via_channel = channel_map.source_value
    where tickets.via_channel is not null and channel_map.source_value is null

    union all

    select
        'source_status_map' as seed_name,
        lower(audit_changes.field_value) as unmapped_value,
        'zendesk_airbyte.ticket_audits' as raw_table,
        audit_changes.ticket_id,
        audit_changes.changed_at as seen_at
    from audit_changes
    left join status_map
        on lower(audit_changes.field_value) = status_map.source_value
    where status_map.source_value is null

    union all

    select
        'source_csat_scale' as seed_name,
        ratings.score as unmapped_value,
        'zendesk_airbyte.satisfaction_ratings' as raw_table,
        ratings.ticket_id,
        ratings.rated_at as seen_at
    from ratings
    left join csat_scale
        on ratings.score = csat_scale.source_value
    where
        ratings.score not in ({{ zendesk_sql_list(zendesk_csat_non_answers()) }})
        and csat_scale.source_value is null

),

{{ zendesk_unmapped_rollup() }}
