{#- The contract's `tickets` from Airbyte's tickets stream, by the rules the
    Fivetran-layout adapter applies (zendesk_contract_tickets in
    macros/sources/zendesk_rules.sql): status and channel (via.channel) through the
    mapping seeds, spam from the deleted status or a spam tag, the merge target from the
    merge audits (a closed_by_merge tag alone: unknown), the issue type from a tag prefix
    or, with zendesk_issue_type_field, the current value of that custom field. -#}

with

tickets as (

    select * from {{ ref("base_zendesk_airbyte__tickets") }}

),

tags as (

    select * from {{ ref("base_zendesk_airbyte__ticket_tags") }}

),

merge_links as (

    select
        target_ticket_id,
        merged_ticket_id
    from {{ ref("base_zendesk_airbyte__ticket_merges") }}

),

{%- if zendesk_issue_type_source() == "field" %}

custom_field_values as (

    -- The tickets stream holds the current value of each custom field: {id, value}.
    select
        ticket_id,
        _loaded_at,
        {{ json_array_elements("custom_fields") }} as field_json
    from tickets
    where custom_fields is not null

),

issue_type_values as (

    select
        ticket_id,
        nullif(trim({{ json_text("field_json", ["value"]) }}), '') as field_value,
        _loaded_at as changed_at
    from custom_field_values
    where
        trim({{ json_text("field_json", ["id"]) }})
        = '{{ var("zendesk_issue_type_field") | string | trim | replace("'", "''") }}'

),
{%- endif %}

{{ zendesk_contract_tickets("zendesk_airbyte") }}
