{#- The contract's `tickets` from Zendesk's ticket table (SOURCES.md §2): status and
    channel through the mapping seeds (a value no row maps becomes `unknown`, counted in
    zendesk__unmapped_source_values), spam from the deleted status or a spam tag, the
    merge target from the tickets' merged_ticket_ids, the issue type from a tag prefix or
    a ticket field when the vars name one. Rows deleted at the source are set aside. The
    rules are shared with the Airbyte-layout adapter (zendesk_contract_tickets in
    macros/sources/zendesk_rules.sql); this model brings Fivetran's tables to their shape. -#}

with

tickets as (

    select * from {{ ref("base_zendesk__ticket") }}

),

tags as (

    select * from {{ ref("base_zendesk__ticket_tag") }}

),

merge_links as (

    -- One row per id listed in a ticket's merged_ticket_ids: that ticket is the target.
    select
        ticket_id as target_ticket_id,
        {{ zendesk_split_id_list("merged_ticket_ids") }} as merged_ticket_id
    from tickets
    where merged_ticket_ids is not null

),

{%- if zendesk_issue_type_source() == "field" %}

issue_type_values as (

    select
        ticket_id,
        field_value,
        changed_at
    from {{ ref("base_zendesk__ticket_field_history") }}
    where field_name = '{{ var("zendesk_issue_type_field") | string | lower | replace("'", "''") }}'

),
{%- endif %}

{{ zendesk_contract_tickets("zendesk") }}
