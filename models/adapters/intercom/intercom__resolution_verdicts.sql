{#- The contract's external verdicts: Intercom Fin's resolution state of each conversation
    (its current version): assumed_resolution, confirmed_resolution -> resolved;
    routed_to_team, abandoned -> not_resolved; another value -> unknown (kept, with the
    value in native_verdict); no state -> no row. decided_at is when the current state
    first appeared among the conversation's versions. Any other judge's verdicts landed
    in the contract table resolution_verdicts in raw_schema are passed through beside
    them (the table is optional). -#}
{%- set verdicts = intercom_fin_verdicts() %}
{%- set declared = source("support", "resolution_verdicts") %}
{%- set landed = execute and adapter.get_relation(
    database=declared.database, schema=declared.schema, identifier=declared.identifier
) is not none %}

with

conversations as (

    select * from {{ ref("intercom__conversations") }}

),
{%- if landed %}

    landed_verdicts as (

        select * from {{ declared }}

    ),
{%- endif %}

fin_verdicts as (

    select
        conversation_id as ticket_id,
        'intercom_fin' as verdict_source,
        ai_agent_resolution_state as native_verdict,
        case ai_agent_resolution_state
            {%- for state, verdict in verdicts.items() %}
                when '{{ state }}' then '{{ verdict }}'
            {%- endfor %}
            else 'unknown'
        end as verdict,
        resolution_state_since as decided_at,
        _fivetran_synced as _loaded_at
    from conversations
    where
        ai_agent_resolution_state is not null
        and conversation_id is not null
        and not is_deleted_in_source

),

all_verdicts as (

    select * from fin_verdicts
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
