{#- One row per raw key (or raw row without a key) of every raw table that was set
    aside, with the reason; raw_row_count says how many raw rows carried the key (all
    but one of them are duplicate_collapsed: older extractions of the same key). Used
    rows are not listed: they are the timeline and int_tickets_in_scope. Staging decides the contract checks; this model adds the checks that need
    the tickets and as_of, with exactly the conditions of int_activity_timeline
    (before_ticket_created: more than max_pre_creation_hours before the ticket's
    created_at). External verdicts (resolution_verdicts) are about a conversation, not
    activity in it: they only need their ticket in scope (no as_of or creation-time cut;
    a judge may run weeks later). -#}

{%- set child_tables = [
    ("messages", "message_id", "sent_at"),
    ("ticket_events", "event_id", "occurred_at"),
    ("ai_actions", "action_id", "occurred_at"),
    ("csat_responses", "response_id", "responded_at"),
] %}

with

base_tickets as {{ inline_cte() }} (

    select * from {{ ref("base_support__tickets") }}

),

{%- for table_name, key_column, time_column in child_tables %}

    base_{{ table_name }} as (

        select * from {{ ref("base_support__" ~ table_name) }}
        where {{ recomputed_tickets() }} or ticket_id is null or {{ key_column }} is null

    ),
{%- endfor %}

base_resolution_verdicts as (

    select * from {{ ref("base_support__resolution_verdicts") }}
    where {{ recomputed_tickets() }} or ticket_id is null or verdict_id is null

),

ticket_rows as (

    select
        'tickets' as raw_table,
        ticket_id as primary_key,
        ticket_id,
        created_at as dated_at,
        _loaded_at,
        raw_row_count,
        case
            when disposition = 'staged' and created_at > {{ as_of_timestamp() }} then 'quarantined'
            when disposition = 'staged' then 'used'
            else disposition
        end as disposition,
        case
            when disposition = 'staged' and created_at > {{ as_of_timestamp() }} then 'after_as_of'
            else quarantine_reason
        end as reason
    from base_tickets

),

ticket_batch as (

    select * from ticket_rows
    where {{ recomputed_tickets() }} or ticket_id is null

),

-- A child row counts against the ticket as this model decides it, so the children
-- of a ticket created after as_of follow their ticket into quarantine.
quarantined_ticket_ids as (

    select distinct ticket_id
    from ticket_rows
    where disposition = 'quarantined' and ticket_id is not null

),

staged_tickets as (

    select
        ticket_id,
        dated_at as created_at
    from ticket_rows
    where disposition = 'used'

),

child_rows as (

    {%- for table_name, key_column, time_column in child_tables %}

        select
            '{{ table_name }}' as raw_table,
            rows_.{{ key_column }} as primary_key,
            rows_.ticket_id,
            rows_.{{ time_column }} as dated_at,
            rows_._loaded_at,
            rows_.raw_row_count,
            rows_.disposition,
            rows_.quarantine_reason,
            staged_tickets.ticket_id as staged_ticket_id,
            staged_tickets.created_at as ticket_created_at,
            quarantined_ticket_ids.ticket_id as quarantined_ticket_id
        from base_{{ table_name }} as rows_
        left join staged_tickets
            on rows_.ticket_id = staged_tickets.ticket_id
        left join quarantined_ticket_ids
            on rows_.ticket_id = quarantined_ticket_ids.ticket_id
        {%- if not loop.last %}

            union all
        {%- endif %}
    {%- endfor %}

),

child_dispositions as (

    select
        raw_table,
        primary_key,
        ticket_id,
        dated_at,
        _loaded_at,
        raw_row_count,
        case
            when disposition != 'staged' then disposition
            when staged_ticket_id is null then 'quarantined'
            when dated_at > {{ as_of_timestamp() }} then 'quarantined'
            when dated_at < {{ conversation_window_start("ticket_created_at") }} then 'quarantined'
            else 'used'
        end as disposition,
        case
            when disposition != 'staged' then quarantine_reason
            when staged_ticket_id is null and quarantined_ticket_id is not null then 'ticket_quarantined'
            when staged_ticket_id is null then 'orphan_ticket'
            when dated_at > {{ as_of_timestamp() }} then 'after_as_of'
            when dated_at < {{ conversation_window_start("ticket_created_at") }} then 'before_ticket_created'
        end as reason
    from child_rows

),

-- A verdict is used when its ticket is in scope, whatever the dates.
verdict_dispositions as (

    select
        'resolution_verdicts' as raw_table,
        verdicts.verdict_id as primary_key,
        verdicts.ticket_id,
        verdicts.decided_at as dated_at,
        verdicts._loaded_at,
        verdicts.raw_row_count,
        case
            when verdicts.disposition != 'staged' then verdicts.disposition
            when staged_tickets.ticket_id is null then 'quarantined'
            else 'used'
        end as disposition,
        case
            when verdicts.disposition != 'staged' then verdicts.quarantine_reason
            when staged_tickets.ticket_id is null and quarantined_ticket_ids.ticket_id is not null
                then 'ticket_quarantined'
            when staged_tickets.ticket_id is null then 'orphan_ticket'
        end as reason
    from base_resolution_verdicts as verdicts
    left join staged_tickets
        on verdicts.ticket_id = staged_tickets.ticket_id
    left join quarantined_ticket_ids
        on verdicts.ticket_id = quarantined_ticket_ids.ticket_id

),

all_rows as (

    select * from ticket_batch
    where disposition = 'quarantined'
    union all
    select * from child_dispositions
    where disposition = 'quarantined'
    union all
    select * from verdict_dispositions
    where disposition = 'quarantined'

),

keyed_rows as (

    select
        *,
        {{ dbt.concat(["raw_table", "'|'", "primary_key", "'|1'"]) }} as raw_row_key
    from all_rows
    where primary_key is not null

),

-- A raw row without a key is numbered among the keyless rows of its table.
keyless_rows as (

    select
        *,
        {{ dbt.concat([
            "raw_table", "'|(null)|'",
            dbt.cast("row_number() over (partition by raw_table order by "
                ~ "_loaded_at desc, dated_at desc, ticket_id, disposition, reason)", dbt.type_string()),
        ]) }} as raw_row_key
    from all_rows
    where primary_key is null

),

numbered as (

    select * from keyed_rows
    union all
    select * from keyless_rows

)

select
    raw_table,
    primary_key,
    ticket_id,
    dated_at,
    _loaded_at,
    disposition,
    reason,
    raw_row_count,
    raw_row_key,
    {{ run_started_timestamp() }} as _computed_at
from numbered
