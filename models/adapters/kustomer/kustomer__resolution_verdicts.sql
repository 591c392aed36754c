{#- The contract's external verdicts: what Kustomer itself says of each conversation.
      kustomer_assistant   the conversational assistant's status (attributes.assistant.status):
                           ended -> resolved; transferred, missed, abandoned -> not_resolved;
                           running (still talking) or none -> no row; another value -> unknown.
                           decided_at: assistant.transferredAt, else endedAt, else updatedAt.
      kustomer_deflection  the last knowledge-base deflection's status
                           (attributes.lastDeflection.status): deflected -> resolved,
                           not_deflected -> not_resolved (both assumed: Kustomer publishes no
                           list); none -> no row; another value -> unknown.
                           decided_at: lastDeflection.deflectedAt.
    native_verdict keeps Kustomer's value. Any other judge's verdicts landed in the contract
    table resolution_verdicts in raw_schema are passed through beside them (optional). -#}
{%- set pending = "'" ~ kustomer_assistant_pending_statuses() | join("', '") ~ "'" %}
{%- set declared = source("support", "resolution_verdicts") %}
{%- set landed = execute and adapter.get_relation(
    database=declared.database, schema=declared.schema, identifier=declared.identifier
) is not none %}

with

conversations as (

    select * from {{ ref("base_kustomer__conversations") }}

),
{%- if landed %}

    landed_verdicts as (

        select * from {{ declared }}

    ),
{%- endif %}

used_conversations as (

    select * from conversations
    where conversation_id is not null and not is_deleted_in_source

),

kustomer_verdicts as (

    select
        conversation_id as ticket_id,
        'kustomer_assistant' as verdict_source,
        assistant_status as native_verdict,
        {{ kustomer_verdict_case("assistant_status", kustomer_assistant_verdicts()) }} as verdict,
        coalesce(assistant_transferred_at, ended_at, attributes_updated_at) as decided_at,
        _loaded_at
    from used_conversations
    where assistant_status is not null and assistant_status not in ({{ pending }})

    union all

    select
        conversation_id as ticket_id,
        'kustomer_deflection' as verdict_source,
        deflection_status as native_verdict,
        {{ kustomer_verdict_case("deflection_status", kustomer_deflection_verdicts()) }} as verdict,
        deflected_at as decided_at,
        _loaded_at
    from used_conversations
    where deflection_status is not null

),

all_verdicts as (

    select * from kustomer_verdicts
    {%- if landed %}

        union all

        {{ landed_verdict_rows(declared) }}
    {%- endif %}

)

select
    cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
    cast(verdict_source as {{ dbt.type_string() }}) as verdict_source,
    cast(native_verdict as {{ dbt.type_string() }}) as native_verdict,
    cast(verdict as {{ dbt.type_string() }}) as verdict,
    cast(decided_at as {{ dbt.type_timestamp() }}) as decided_at,
    cast(_loaded_at as {{ dbt.type_timestamp() }}) as _loaded_at
from all_verdicts
