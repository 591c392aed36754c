{#- One row per field change recorded in an audit (events of type Create, a field's value
    when the ticket was created, and Change): the shape of the Fivetran layout's
    ticket_field_history, plus the audit and event ids and whether the help desk's own
    automation made the change. A trigger that fires inside someone's update leaves its
    changes in that update's audit with a `via` of their own (channel rule, rel trigger);
    an automation makes an audit of its own (via rel automation). Audits Airbyte marks as
    deleted give no change. -#}

with

audits as (

    select * from {{ ref("base_zendesk_airbyte__ticket_audits") }}
    where not is_deleted_in_source

),

elements as (

    select
        audit_id,
        ticket_id,
        user_id,
        via_channel,
        is_automation as is_audit_automation,
        audited_at,
        _loaded_at,
        {{ json_array_elements("events") }} as event_json
    from audits

),

events as (

    select
        audit_id,
        ticket_id,
        user_id,
        via_channel,
        is_audit_automation,
        audited_at,
        _loaded_at,
        nullif(trim({{ json_text("event_json", ["id"]) }}), '') as event_id,
        {{ zendesk_airbyte_json_key("event_json", ["type"]) }} as event_type,
        {{ zendesk_airbyte_json_key("event_json", ["field_name"]) }} as field_name,
        nullif(trim({{ json_text("event_json", ["value"]) }}), '') as field_value,
        {{ zendesk_airbyte_json_key("event_json", ["via", "channel"]) }} as event_via_channel,
        {{ zendesk_airbyte_json_key("event_json", ["via", "source", "rel"]) }} as event_via_rel
    from elements

)

select
    audit_id,
    event_id,
    ticket_id,
    user_id,
    event_type,
    field_name,
    field_value,
    via_channel,
    (
        is_audit_automation
        or {{ zendesk_airbyte_is_automation("event_via_channel", "event_via_rel") }}
    ) as is_automation,
    audited_at as changed_at,
    _loaded_at
from events
where event_type in ('create', 'change') and field_name is not null
