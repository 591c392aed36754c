{#- The contract's `ticket_events` from the status, assignee and group changes in Airbyte's
    ticket_audits, by the rules the Fivetran-layout adapter applies
    (zendesk_contract_ticket_events in macros/sources/zendesk_rules.sql). The actor is the
    audit's author, except that a change a trigger or automation made (its own via, or the
    audit's: channel rule, rel trigger or automation) is the system's, and an update that
    came through a channel listed as the AI's via_channel, by anyone but the customer, is
    the AI's. A ticket that came in through such a channel, or carries a listed tag, was
    taken by the AI at creation. -#}

with

audit_changes as (

    select * from {{ ref("base_zendesk_airbyte__audit_changes") }}

),

tickets as (

    select * from {{ ref("base_zendesk_airbyte__tickets") }}

),

tags as (

    select * from {{ ref("base_zendesk_airbyte__ticket_tags") }}

),

authors as (

    select * from {{ ref("zendesk_airbyte__authors") }}

),

ai_channels as (

    select identity_value
    from ({{ zendesk_identity_rows("zendesk_airbyte") }}) as listed
    where identity_type = 'via_channel' and counts_as = 'ai_agent'

),

ai_channel_audits as (

    select distinct audit_changes.audit_id
    from audit_changes
    inner join ai_channels
        on audit_changes.via_channel like {{ dbt.concat(["ai_channels.identity_value", "'%'"]) }}

),

ticket_requesters as (

    select
        ticket_id,
        min(customer_id) as customer_id
    from tickets
    group by ticket_id

),

changes as (

    select
        {{ dbt.concat([
            "'audit:'", "audit_changes.audit_id", "':'",
            "coalesce(audit_changes.event_id, audit_changes.field_name)",
        ]) }} as event_id,
        audit_changes.ticket_id,
        audit_changes.user_id,
        case
            when audit_changes.is_automation then 'system'
            when
                ai_channel_audits.audit_id is not null
                and coalesce(actors.author_type, '') != 'customer'
                and coalesce(audit_changes.user_id, '') != coalesce(ticket_requesters.customer_id, '')
                then 'ai_agent'
        end as actor_override,
        audit_changes.field_name,
        audit_changes.field_value,
        audit_changes.changed_at,
        audit_changes._loaded_at
    from audit_changes
    left join ai_channel_audits
        on audit_changes.audit_id = ai_channel_audits.audit_id
    left join authors as actors
        on audit_changes.user_id = actors.user_id
    left join ticket_requesters
        on audit_changes.ticket_id = ticket_requesters.ticket_id

),

{{ zendesk_contract_ticket_events("zendesk_airbyte") }}
