{#- The contract's external verdicts: the Salesforce bot's own verdict on each case whose
    messaging sessions it ended or handed over (verdict_source salesforce_bot), from the
    conversation entries, ranked as Salesforce ranks bot sessions: a BotEscalated entry in
    any session -> not_resolved (escalated); else the latest of ChatbotClosedIdleSession
    (the bot closed a session the customer left idle: abandoned) -> not_resolved, and
    ChatbotEndedChatByAction (the bot ended the chat with an End Chat action: deflected)
    -> resolved. native_verdict is the entry type as Salesforce spells it, decided_at its
    time. A case with none of them has no row. Any other judge's verdicts landed in the
    contract table resolution_verdicts in raw_schema are passed through beside them (the
    table is optional). -#}
{%- set verdicts = salesforce_bot_verdicts() %}
{%- set declared = source("support", "resolution_verdicts") %}
{%- set landed = execute and adapter.get_relation(
    database=declared.database, schema=declared.schema, identifier=declared.identifier
) is not none %}

with

entries as (

    select * from {{ ref("base_salesforce__conversation_entry") }}

),
{%- if landed %}

    landed_verdicts as (

        select * from {{ declared }}

    ),
{%- endif %}

session_endings as (

    select
        case_id,
        entry_id,
        entry_type,
        entry_at,
        _loaded_at,
        case entry_type
            {%- for entry_type, verdict in verdicts.items() %}
                when '{{ entry_type }}' then {{ verdict.rank }}
            {%- endfor %}
        end as verdict_rank
    from entries
    where
        entry_type in ({{ salesforce_sql_list(verdicts.keys() | list) }})
        and case_id is not null
        and not is_deleted_in_source

),

ranked as (

    -- An escalation in any session decides; else the latest ending (ties: the higher rank).
    select
        *,
        row_number() over (
            partition by case_id
            order by
                case when verdict_rank = 1 then 0 else 1 end,
                entry_at desc,
                verdict_rank asc,
                entry_id desc
        ) as ending_rank
    from session_endings

),

bot_verdicts as (

    select
        case_id as ticket_id,
        'salesforce_bot' as verdict_source,
        case entry_type
            {%- for entry_type, verdict in verdicts.items() %}
                when '{{ entry_type }}' then '{{ verdict.native }}'
            {%- endfor %}
        end as native_verdict,
        case entry_type
            {%- for entry_type, verdict in verdicts.items() %}
                when '{{ entry_type }}' then '{{ verdict.verdict }}'
            {%- endfor %}
        end as verdict,
        entry_at as decided_at,
        _loaded_at
    from ranked
    where ending_rank = 1

),

all_verdicts as (

    select * from bot_verdicts
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
