"""The demo conversations as Intercom's Fivetran tables (``generate --layout intercom``).

Tables: ``conversation_history`` (versions with ``_fivetran_start/_end/_active``),
``conversation_part_history``, ``conversation_contact_history``, ``contact_history`` and
``admin``; see SOURCES.md §3 for the columns and the adapter's rules. How each contract fact
is written:

* the opening customer message lives on the conversation (``source_id``, ``source_body``,
  ``source_author_*``); every later message is a part: ``comment``, or ``note`` for an
  internal note. Authors: the customer is a contact (``user``, or ``lead`` for some), a human
  agent an ``admin``, the AI agent the ``bot`` Fin (``FIN_ID``), a system message the
  workflow bot (``WORKFLOW_BOT_ID``, author type ``bot``, listed as ``system`` in the shipped
  seeds/source_ai_identities.csv: a demo row).
* status changes -> parts ``close`` (solved, closed), ``open`` (a reopen), ``snoozed``
  (pending, on hold); the conversation opens without a part. Assignments -> ``assignment``
  parts to an ``admin``, to the ``team`` (the queue) or to the ``bot`` Fin.
* the issue type: the conversation custom attribute ``custom_issue_type`` on every
  version (dbt var intercom_issue_type_column); null where the contract's is missing.
* CSAT: ``conversation_rating_value`` (1-5) of the current version: the customer's latest
  answer (an earlier answer lives in an earlier version).
* versions: the conversation as opened, as first closed (when it changed after) and as
  extracted; ``ai_agent_participated`` and Fin's ``ai_agent_resolution_state`` on the last
  one: ``routed_to_team`` after a handoff, ``confirmed_resolution`` when the customer
  confirmed, ``assumed_resolution`` when Fin spoke last, ``abandoned`` otherwise.
* not written (Intercom does not export them): AI actions, handoff requests, the customer's
  resolution confirmed/rejected events, spam, merges.
"""

from __future__ import annotations

from ai_resolution.demo import catalog as c
from ai_resolution.demo.layouts import SqlLayout
from ai_resolution.demo.writer import sql_list
from ai_resolution.source_layouts import INTERCOM_ISSUE_ATTRIBUTE

FIN_ID = "8800001"
# Not a number, so the seed row that lists it as system can never match a real Intercom id.
WORKFLOW_BOT_ID = "demo-workflow-bot"
TEAM_ID = "5500001"
EVENT_PART_ID_OFFSET = 50_000_000_000
N_AGENTS = 60
S = c.N_SPELLINGS
END_OF_TIME = "timestamp '9999-12-31 23:59:59'"

# source_type per contract channel (index = channel code); social by ticket id; the last
# entry is the contract's unknown channel, which no channel-map row maps.
SOURCE_TYPES = sql_list(
    ("conversation", "email", "phone_call", "sms", "", "conversation", "conversation", "push", "telegram")
)
SOCIAL_TYPES = sql_list(("whatsapp", "facebook", "instagram", "twitter"))
ISSUE_TEXT = sql_list(c.ISSUE_TYPES)
STATE_TEXT = sql_list(("open", "snoozed", "snoozed", "closed", "closed"))
PART_STATUS_TEXT = sql_list(("open", "snoozed", "snoozed", "close", "close"))


def contact_id(customer: str) -> str:
    return f"lower(lpad(hex({customer}), 24, '0'))"


def author_type(author: str, customer: str) -> str:
    return (
        f"case {author} when {c.CUSTOMER} then case when {customer} % 7 = 0 then 'lead' else 'user' end"
        f" when {c.AI} then 'bot' when {c.HUMAN} then 'admin' else 'bot' end"
    )


def author_id(author: str, customer: str, agent: str) -> str:
    return (
        f"case {author} when {c.CUSTOMER} then {contact_id(customer)} when {c.AI} then '{FIN_ID}'"
        f" when {c.HUMAN} then (1000 + {agent})::varchar else '{WORKFLOW_BOT_ID}' end"
    )


BODY = sql_list(c.BODY_TEXTS)
SYNCED = "coalesce({table}.loaded_at, {table}.ts + interval 1 hour)"
SCD_CURRENT = f"{END_OF_TIME} as _fivetran_end, true as _fivetran_active"

PART_SQL = (
    # Messages after the opening one.
    f"""select
        m.row_no::varchar as id,
        m.ticket_no::varchar as conversation_id,
        case when m.public = 0 then 'note' else 'comment' end as part_type,
        {author_id("m.author", "m.customer", "m.agent")} as author_id,
        {author_type("m.author", "m.customer")} as author_type,
        m.ts as created_at,
        m.ts as updated_at,
        null::varchar as assigned_to_id,
        null::varchar as assigned_to_type,
        {BODY}[m.body + 1] as body,
        m.ts as _fivetran_start,
        {SCD_CURRENT},
        {SYNCED.format(table="m")} as _fivetran_synced
    from _g_msg as m
    where m.row_no > (select min(o.row_no) from _g_msg as o where o.ticket_no = m.ticket_no)""",
    # Status changes (not the opening) and assignments.
    f"""select
        ({EVENT_PART_ID_OFFSET} + e.row_no)::varchar,
        e.ticket_no::varchar,
        case when e.etype_sp // {S} = {c.STATUS_CHANGED} then {PART_STATUS_TEXT}[e.status + 1] else 'assignment' end,
        {author_id("e.actor", "p.customer", "p.agent")},
        {author_type("e.actor", "p.customer")},
        e.ts,
        e.ts,
        case e.assignee when {c.ASSIGNEE_AI} then '{FIN_ID}' when {c.ASSIGNEE_HUMAN} then (1000 + p.agent)::varchar
            when {c.ASSIGNEE_QUEUE} then '{TEAM_ID}' end,
        case e.assignee when {c.ASSIGNEE_AI} then 'bot' when {c.ASSIGNEE_HUMAN} then 'admin'
            when {c.ASSIGNEE_QUEUE} then 'team' end,
        null::varchar,
        e.ts,
        {SCD_CURRENT},
        {SYNCED.format(table="e")}
    from _g_evt as e
    join _g_people as p using (ticket_no)
    join _g_tix as t using (ticket_no)
    where
        (e.etype_sp // {S} = {c.STATUS_CHANGED} and not (e.status = {c.OPEN} and e.ts = t.created_at))
        or e.etype_sp // {S} = {c.ASSIGNED}""",
)

CONVERSATION_SQL = f"""
    with opening as (
        select ticket_no, arg_min(row_no, row_no) as source_id, arg_min(body, row_no) as body,
            arg_min(author, row_no) as author
        from _g_msg group by ticket_no
    ),
    talk as (
        select
            ticket_no,
            max(ts) as last_at,
            bool_or(author = {c.AI}) as ai_participated,
            arg_max(author, row_no) filter (where author <> {c.SYSTEM} and public <> 0) as last_speaker
        from _g_msg group by ticket_no
    ),
    changes as (
        select
            ticket_no,
            max(ts) as last_at,
            min(ts) filter (where etype_sp // {S} = {c.STATUS_CHANGED} and status in ({c.SOLVED}, {c.CLOSED}))
                as first_closed_at,
            bool_or(etype_sp // {S} = {c.HANDOFF_REQUESTED}) as handed_off,
            bool_or(etype_sp // {S} = {c.RESOLUTION_CONFIRMED}) as confirmed,
            arg_max(case when assignee = {c.ASSIGNEE_HUMAN} then 'admin' when assignee = {c.ASSIGNEE_QUEUE}
                then 'team' when assignee = {c.ASSIGNEE_AI} then 'bot' end, ts)
                filter (where etype_sp // {S} = {c.ASSIGNED}) as assignee_type
        from _g_evt group by ticket_no
    ),
    rating as (
        select ticket_no, arg_max(score, row_no) as score, max(ts) as rated_at
        from _g_csat group by ticket_no
    ),
    current as (
        select
            t.ticket_no,
            t.created_at,
            t.customer,
            t.loaded_at,
            t.channel // {S} as channel,
            case when t.issue >= 0 and t.issue // {S} < {len(c.ISSUE_TYPES)} then {ISSUE_TEXT}[t.issue // {S} + 1] end
                as issue_type,
            case when t.status < 0 then 'open' else {STATE_TEXT}[t.status // {S} + 1] end as state,
            greatest(t.created_at, talk.last_at, changes.last_at, rating.rated_at) as last_at,
            changes.first_closed_at,
            changes.assignee_type,
            p.agent,
            rating.score,
            rating.rated_at,
            coalesce(talk.ai_participated, false) as ai_participated,
            case
                when not coalesce(talk.ai_participated, false) then null
                when changes.handed_off then 'routed_to_team'
                when changes.confirmed then 'confirmed_resolution'
                when talk.last_speaker = {c.AI} then 'assumed_resolution'
                else 'abandoned'
            end as resolution_state,
            opening.source_id,
            opening.body,
            opening.author
        from _g_tix as t
        join _g_people as p using (ticket_no)
        left join opening using (ticket_no)
        left join talk using (ticket_no)
        left join changes using (ticket_no)
        left join rating using (ticket_no)
    ),
    versions as (
        -- as opened
        select ticket_no, created_at as started, 'open' as state, null::integer as score,
            null::timestamp as rated_at, null::boolean as ai_participated, null::varchar as resolution_state,
            null::varchar as assignee_type
        from current where last_at > created_at
        union all
        -- as first closed, when it changed after
        select ticket_no, first_closed_at, 'closed', null, null, ai_participated, null, assignee_type
        from current where first_closed_at > created_at and first_closed_at < last_at
        union all
        -- as extracted
        select ticket_no, last_at, state, score, rated_at, ai_participated, resolution_state, assignee_type
        from current
    )
    select
        v.ticket_no::varchar as id,
        c.created_at,
        v.started as updated_at,
        v.state,
        ({SOURCE_TYPES}[c.channel + 1]) as source_type_raw,
        'customer_initiated' as source_delivered_as,
        {author_id("c.author", "c.customer", "c.agent")} as source_author_id,
        {author_type("c.author", "c.customer")} as source_author_type,
        c.source_id::varchar as source_id,
        {BODY}[c.body + 1] as source_body,
        case v.assignee_type when 'admin' then (1000 + c.agent)::varchar when 'team' then '{TEAM_ID}'
            when 'bot' then '{FIN_ID}' end as assignee_id,
        v.assignee_type,
        v.score as conversation_rating_value,
        v.rated_at as conversation_rating_created_at,
        v.ai_participated as ai_agent_participated,
        v.resolution_state as ai_agent_resolution_state,
        null::integer as ai_agent_rating,
        c.issue_type as {INTERCOM_ISSUE_ATTRIBUTE},
        v.started as _fivetran_start,
        coalesce(
            lead(v.started) over (partition by v.ticket_no order by v.started) - interval 1 millisecond,
            {END_OF_TIME}
        ) as _fivetran_end,
        lead(v.started) over (partition by v.ticket_no order by v.started) is null as _fivetran_active,
        case when lead(v.started) over (partition by v.ticket_no order by v.started) is null
            then greatest(c.loaded_at, v.started) else v.started + interval 10 minute end as _fivetran_synced
    from versions as v
    join current as c using (ticket_no)"""

# The social networks share one contract channel: one per conversation, by its id.
CONVERSATION_INSERT = f"""
    select
        * exclude (source_type_raw),
        case when source_type_raw = '' then {SOCIAL_TYPES}[id::bigint % 4 + 1] else source_type_raw end
            as source_type
    from ({CONVERSATION_SQL}) as conversations
    order by id, _fivetran_start"""

CONVERSATION_CONTACT_SQL = f"""
    select ticket_no::varchar as conversation_id, {contact_id("customer")} as contact_id,
        created_at as _fivetran_start, {SCD_CURRENT}, loaded_at as _fivetran_synced
    from _g_tix"""

CONTACT_SQL = (
    f"""select {contact_id("i")} as id, case when i % 7 = 0 then 'lead' else 'user' end as role,
        'customer' || i || '@example.com' as email, 'Customer ' || i as name,
        timestamp '2020-01-01' as _fivetran_start, {SCD_CURRENT}, timestamp '{{synced}}' as _fivetran_synced
    from range(1, {{customers}} + 1) as r(i)""",
)

ADMIN_SQL = (
    f"""select (1000 + i)::varchar as id, 'Agent ' || i as name, 'agent' || i || '@support.example.com' as email,
        'Support agent' as job_title, timestamp '{{synced}}' as _fivetran_synced, false as _fivetran_deleted
    from range(1, {N_AGENTS} + 1) as r(i)""",
    f"""select '{FIN_ID}', 'Fin', 'fin@demo.ai-resolution.invalid', 'AI agent', timestamp '{{synced}}', false""",
    f"""select '{WORKFLOW_BOT_ID}', 'Workflows', 'workflows@demo.ai-resolution.invalid', 'Workflow bot',
        timestamp '{{synced}}', false""",
)

SCD_DDL = "_fivetran_start timestamp, _fivetran_end timestamp, _fivetran_active boolean, _fivetran_synced timestamp"


class IntercomLayout(SqlLayout):
    name = "intercom"
    tables: tuple[str, ...] = (
        "conversation_history",
        "conversation_part_history",
        "conversation_contact_history",
        "contact_history",
        "admin",
    )
    ddl = {
        "conversation_history": (
            "(id varchar, created_at timestamp, updated_at timestamp, state varchar, source_delivered_as varchar,"
            " source_author_id varchar, source_author_type varchar, source_id varchar, source_body varchar,"
            " assignee_id varchar, assignee_type varchar, conversation_rating_value integer,"
            " conversation_rating_created_at timestamp, ai_agent_participated boolean,"
            f" ai_agent_resolution_state varchar, ai_agent_rating integer, {INTERCOM_ISSUE_ATTRIBUTE} varchar,"
            f" {SCD_DDL}, source_type varchar)"
        ),
        "conversation_part_history": (
            "(id varchar, conversation_id varchar, part_type varchar, author_id varchar, author_type varchar,"
            " created_at timestamp, updated_at timestamp, assigned_to_id varchar, assigned_to_type varchar,"
            f" body varchar, {SCD_DDL})"
        ),
        "conversation_contact_history": f"(conversation_id varchar, contact_id varchar, {SCD_DDL})",
        "contact_history": f"(id varchar, role varchar, email varchar, name varchar, {SCD_DDL})",
        "admin": (
            "(id varchar, name varchar, email varchar, job_title varchar, _fivetran_synced timestamp,"
            " _fivetran_deleted boolean)"
        ),
    }
    chunk_sql = {
        "conversation_history": (CONVERSATION_INSERT,),
        "conversation_part_history": PART_SQL,
        "conversation_contact_history": (CONVERSATION_CONTACT_SQL,),
    }
    finish_sql = {"contact_history": CONTACT_SQL, "admin": ADMIN_SQL}
