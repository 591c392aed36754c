{{ config(severity="warn") }}
-- Warns when the AI agent cannot be found in the data, which would make every rate about
-- the AI read as zero: no conversation has AI involvement (any source), or a help desk's
-- export has no AI author (no message by ai_agent) or, for Zendesk, no AI identity is
-- listed at all: Zendesk (either layout) records the AI as an ordinary user, so only
-- seeds/source_ai_identities.csv can say which one. The message is logged when the test
-- runs, not when another command (docs generate, compile) renders it.
{%- set system = source_system() %}
{%- set identity_types = ["user_id", "email", "role"] %}
-- The query is kept in a variable so that the warning can name the problems it finds.
-- noqa: disable=LT02
{%- set problems_sql %}

with

conversations as {{ inline_cte() }} (

    select * from {{ ref("fct_conversations") }}

),

messages as {{ inline_cte() }} (

    select * from {{ ref("stg_support__messages") }}

),

identities as {{ inline_cte() }} (

    select * from {{ ref("source_ai_identities") }}

),

involvement as (

    select
        count(*) as conversation_count,
        sum(case when is_ai_involved then 1 else 0 end) as ai_involved_count
    from conversations

),

ai_authors as (

    select count(*) as ai_message_count
    from messages
    where author_type = 'ai_agent'

),

listed_identities as (

    select count(*) as identity_count
    from identities
    where
        lower(trim(source_system)) = '{{ system }}'
        and lower(trim(identity_type)) in ('{{ identity_types | join("', '") }}')
        -- The shipped demo identities (an .invalid address) are not the team's own agent.
        and lower(trim(identity_value)) not like '%.invalid'

),

problems as (

    select
        'no_ai_involvement' as problem,
        'no conversation has AI involvement: check that the AI agent''s messages, assignments or actions reach the raw data' as message
    from involvement
    where involvement.conversation_count > 0 and involvement.ai_involved_count = 0
    {%- if system != "contract" %}

    union all

    select
        'no_ai_author' as problem,
        'no AI author found: list your AI agent in seeds/source_ai_identities.csv (source_system {{ system }})' as message
    from ai_authors
    cross join listed_identities
    where
        ai_authors.ai_message_count = 0
        {%- if system in ["zendesk", "zendesk_airbyte"] %}
            or listed_identities.identity_count = 0
        {%- endif %}
    {%- endif %}

)

select
    problem,
    message
from problems

{%- endset %}

{%- if execute and flags.WHICH in ["build", "test"] %}
    {%- set mart = ref("fct_conversations") %}
    {%- if adapter.get_relation(database=mart.database, schema=mart.schema, identifier=mart.identifier) %}
        {%- for row in run_query(problems_sql).rows %}
            {%- do log("Warning: " ~ row[1], info=true) %}
        {%- endfor %}
    {%- endif %}
{%- endif %}

{{ problems_sql }}
-- noqa: enable=LT02
