"""The demo conversations as Salesforce Service Cloud's Fivetran tables (``generate --layout salesforce``).

Tables: ``case`` and ``user`` (both reserved words), ``case_history`` (Status and Owner
changes), ``case_comment``, ``email_message``, ``messaging_session`` and
``conversation_entry``, plus the contract's ``ai_actions`` next to them (the Agentforce
action trace an org exports); see SOURCES.md section 4 for the columns and the adapter's
rules. How each contract fact is written:

* ids are 18 characters with Salesforce's key prefixes: case ``500``, contact ``003``, user
  ``005``, queue ``00G``; case k is ``500`` followed by k zero-padded.
* people: customer k is contact ``003...k`` and, where they act in Salesforce, the customer
  community user ``005...(2000000000 + k)``; human agent k is the Standard user
  ``005...(1000 + k)``; the AI agent is the Standard user ``AI_USER_ID`` with the email
  ``AI_USER_EMAIL``, which the shipped seeds/source_ai_identities.csv lists (a demo row), and
  the bot ``BOT_ID`` in messaging; system changes are by the Automated Process user.
* messages: on a messaging channel (chat, sms, social) a public message is a Text
  ``conversation_entry`` of the case's ``messaging_session`` (EndUser, Bot, Agent, System);
  on the other channels an ``email_message`` (incoming from the customer, outgoing from the
  AI, an agent or automation); an internal note is an unpublished ``case_comment``.
* status changes -> ``case_history`` rows of field Status (New at creation, then Working,
  On Hold, Closed; pending is Working); assignments -> Owner rows, a name row and an id row
  (a user, or the queue ``00G...``); a handoff request on a messaging channel -> a
  ``BotEscalated`` entry. The bot's session ending: ``ChatbotEndedChatByAction`` when it
  spoke last on a solved case, ``ChatbotClosedIdleSession`` when it spoke last on one never
  solved (the bot's own verdicts).
* the issue type is Case.Type (dbt var salesforce_issue_type_column); a merged case is
  deleted with ``master_record_id`` its target, as Salesforce's merge leaves it.
* not written (Salesforce does not hold them): CSAT (no survey object), spam, the
  customer's resolution confirmed/rejected events, handoff requests outside messaging.
* Salesforce's own mess: a few emails deleted in Salesforce (``is_deleted``, extra ids), a
  status outside the status map for cases whose contract status is missing, an origin
  outside the channel map for the contract's unknown channel.
"""

from __future__ import annotations

import duckdb

from ai_resolution.demo import catalog as c
from ai_resolution.demo.layouts import CodedChunk, SqlLayout
from ai_resolution.demo.writer import sql_list
from ai_resolution.source_layouts import SALESFORCE_ISSUE_COLUMN

AI_USER_EMAIL = "agentforce@demo.ai-resolution.invalid"
UNMAPPED_STATUS = "Awaiting Parts"  # a custom status no status-map row maps
UNMAPPED_ORIGIN = "Carrier Pigeon"  # an origin no channel-map row maps
DELETED_EMAIL_EVERY = 997  # one email in ~1000 also exists as a deleted copy
DELETED_ID_OFFSET = 90_000_000_000
HANDOFF_ENTRY_OFFSET = 50_000_000_000
ENDING_ENTRY_OFFSET = 70_000_000_000
N_AGENTS = 60
S = c.N_SPELLINGS
MESSAGING = (c.CHAT, c.SMS, c.SOCIAL)
MESSAGING_SQL = ", ".join(str(code) for code in MESSAGING)


def sf_id(prefix: str, number: str) -> str:
    """SQL for an 18-character Salesforce id: a 3-character key prefix and a padded number."""
    return f"'{prefix}' || lpad(({number})::varchar, 15, '0')"


AI_USER_ID = "005000000000000999"
AUTOMATED_PROCESS_ID = "005000000000000001"
QUEUE_ID = "00G000000000000001"
BOT_ID = "0Xx000000000000001"
CASE_ID = sf_id("500", "{t}.ticket_no")

# Origin per contract channel (index = channel code), two spellings where Salesforce orgs use
# two (picked by case number); the last entry is the contract's unknown channel.
ORIGINS = (
    ("Chat", "Messaging"),
    ("Email", "Email"),
    ("Phone", "Phone"),
    ("SMS", "SMS"),
    ("Facebook", "WhatsApp"),
    ("Web", "Web"),
    ("API", "API"),
    ("Other", "Other"),
    (UNMAPPED_ORIGIN, UNMAPPED_ORIGIN),
)
ORIGIN_TEXT = [sql_list(tuple(pair[i] for pair in ORIGINS)) for i in (0, 1)]
CASE_STATUS_TEXT = sql_list(("New", "Working", "On Hold", "Closed", "Closed"))
HISTORY_STATUS_TEXT = sql_list(("Working", "Working", "On Hold", "Closed", "Closed"))
ISSUE_TEXT = sql_list(c.ISSUE_TYPES)
BODY = sql_list(c.BODY_TEXTS)
SYNCED = "coalesce({table}.loaded_at, {table}.ts + interval 1 hour)"


def user_id(author: str, customer: str, agent: str) -> str:
    """SQL for the Salesforce user who wrote or did something (automation for system and null)."""
    return (
        f"case {author} when {c.CUSTOMER} then {sf_id('005', f'2000000000 + {customer}')}"
        f" when {c.AI} then '{AI_USER_ID}' when {c.HUMAN} then {sf_id('005', f'1000 + {agent}')}"
        f" else '{AUTOMATED_PROCESS_ID}' end"
    )


def email_of(author: str, customer: str, agent: str) -> str:
    return (
        f"case {author} when {c.CUSTOMER} then 'customer' || {customer} || '@example.com'"
        f" when {c.AI} then '{AI_USER_EMAIL}' when {c.HUMAN} then 'agent' || {agent} || '@support.example.com'"
        f" else 'noreply@support.example.com' end"
    )


CASE_SQL = f"""
    with owners as (
        select
            ticket_no,
            arg_max(
                case assignee when {c.ASSIGNEE_AI} then '{AI_USER_ID}' when {c.ASSIGNEE_QUEUE} then '{QUEUE_ID}'
                    else {sf_id("005", "1000 + agent")} end,
                ts
            ) as owner_id
        from _g_evt join _g_people using (ticket_no)
        where etype_sp // {S} = {c.ASSIGNED} and assignee >= 0
        group by ticket_no
    )
    select
        {CASE_ID.format(t="t")} as id,
        lpad(t.ticket_no::varchar, 8, '0') as case_number,
        {sf_id("003", "t.customer")} as contact_id,
        null::varchar as supplied_email,
        (case when t.ticket_no % 2 = 0 then {ORIGIN_TEXT[0]} else {ORIGIN_TEXT[1]} end)[t.channel // {S} + 1] as origin,
        case when t.status < 0 then '{UNMAPPED_STATUS}' else {CASE_STATUS_TEXT}[t.status // {S} + 1] end as status,
        coalesce(t.status // {S} in ({c.SOLVED}, {c.CLOSED}), false) as is_closed,
        'Demo case ' || t.ticket_no as subject,
        case when t.issue >= 0 and t.issue // {S} < {len(c.ISSUE_TYPES)} then {ISSUE_TEXT}[t.issue // {S} + 1] end
            as {SALESFORCE_ISSUE_COLUMN},
        coalesce(o.owner_id, '{AUTOMATED_PROCESS_ID}') as owner_id,
        '{AUTOMATED_PROCESS_ID}' as created_by_id,
        t.created_at as created_date,
        case when t.merged_no >= 0 then {sf_id("500", "t.merged_no")} end as master_record_id,
        -- Salesforce's merge moves the merged case to the Recycle Bin.
        t.merged_no >= 0 as is_deleted,
        false as _fivetran_deleted,
        t.loaded_at as _fivetran_synced
    from _g_tix as t
    left join owners as o using (ticket_no)
    order by t.ticket_no"""

HISTORY_COLUMNS = f"""
        {CASE_ID.format(t="e")} as case_id,
        {{field}} as field,
        {{data_type}} as data_type,
        null::varchar as old_value,
        {{value}} as new_value,
        {user_id("e.actor", "p.customer", "p.agent")} as created_by_id,
        e.ts as created_date,
        false as is_deleted,
        {SYNCED.format(table="e")} as _fivetran_synced,
        false as _fivetran_deleted"""
HISTORY_FROM = "from _g_evt as e join _g_tix as t using (ticket_no) join _g_people as p using (ticket_no)"
ASSIGNED = f"e.etype_sp // {S} = {c.ASSIGNED} and e.assignee >= 0"
HISTORY_SQL = (
    # Status changes; the status at creation is New.
    f"""select {sf_id("017", "e.row_no * 2")} as id, {
        HISTORY_COLUMNS.format(
            field="'Status'",
            data_type="'Text'",
            value=f"case when e.status = {c.OPEN} and e.ts = t.created_at then 'New'"
            f" else {HISTORY_STATUS_TEXT}[e.status + 1] end",
        )
    }
    {HISTORY_FROM} where e.etype_sp // {S} = {c.STATUS_CHANGED}""",
    # Owner changes: Salesforce writes the new owner's id ...
    f"""select {sf_id("017", "e.row_no * 2")}, {
        HISTORY_COLUMNS.format(
            field="'Owner'",
            data_type="'EntityId'",
            value=f"case e.assignee when {c.ASSIGNEE_AI} then '{AI_USER_ID}' when {c.ASSIGNEE_QUEUE} then '{QUEUE_ID}'"
            f" else {sf_id('005', '1000 + p.agent')} end",
        )
    }
    {HISTORY_FROM} where {ASSIGNED}""",
    # ... and, in a row of its own, the new owner's name.
    f"""select {sf_id("017", "e.row_no * 2 + 1")}, {
        HISTORY_COLUMNS.format(
            field="'Owner'",
            data_type="'Text'",
            value=f"case e.assignee when {c.ASSIGNEE_AI} then 'Agentforce (demo)' when {c.ASSIGNEE_QUEUE}"
            f" then 'Support Queue' else 'Agent ' || p.agent end",
        )
    }
    {HISTORY_FROM} where {ASSIGNED}""",
)

MESSAGE_FROM = "from _g_msg as m join _g_tix as t using (ticket_no)"
IS_MESSAGING = f"t.channel // {S} in ({MESSAGING_SQL})"

COMMENT_SQL = f"""
    select
        {sf_id("00a", "m.row_no")} as id,
        {CASE_ID.format(t="m")} as parent_id,
        {BODY}[m.body + 1] as comment_body,
        false as is_published,
        {user_id("m.author", "m.customer", "m.agent")} as created_by_id,
        m.ts as created_date,
        false as is_deleted,
        {SYNCED.format(table="m")} as _fivetran_synced,
        false as _fivetran_deleted
    {MESSAGE_FROM}
    where m.public = 0"""

EMAIL_COLUMNS = f"""
        {CASE_ID.format(t="m")} as parent_id,
        m.author = {c.CUSTOMER} as incoming,
        case when m.author = {c.CUSTOMER} then '1' else '3' end as status,
        m.ts as message_date,
        'Demo case ' || m.ticket_no as subject,
        {BODY}[m.body + 1] as text_body,
        {email_of("m.author", "m.customer", "m.agent")} as from_address,
        case when m.author = {c.CUSTOMER} then 'support@example.com'
            else 'customer' || m.customer || '@example.com' end as to_address,
        -- Email-to-Case creates incoming emails as the Automated Process user.
        case when m.author = {c.CUSTOMER} then '{AUTOMATED_PROCESS_ID}'
            else {user_id("m.author", "m.customer", "m.agent")} end as created_by_id"""
EMAIL_SQL = (
    f"""select {sf_id("02s", "m.row_no")} as id, {EMAIL_COLUMNS}, false as is_deleted,
        {SYNCED.format(table="m")} as _fivetran_synced, false as _fivetran_deleted
    {MESSAGE_FROM} where m.public <> 0 and not {IS_MESSAGING}""",
    # Emails deleted in Salesforce after a first load: the adapter sets them aside.
    f"""select {sf_id("02s", f"{DELETED_ID_OFFSET} + m.row_no")}, {EMAIL_COLUMNS}, true,
        {SYNCED.format(table="m")}, false
    {MESSAGE_FROM} where m.public <> 0 and not {IS_MESSAGING} and m.row_no % {DELETED_EMAIL_EVERY} = 0""",
)

SESSION_SQL = f"""
    with talk as (
        select ticket_no, min(ts) as first_at, max(ts) as last_at from _g_msg group by ticket_no
    )
    select
        {sf_id("0Mw", "t.ticket_no")} as id,
        {CASE_ID.format(t="t")} as case_id,
        case t.channel // {S} when {c.CHAT} then 'EmbeddedMessaging' when {c.SMS} then 'Text'
            else case when t.ticket_no % 2 = 0 then 'Facebook' else 'WhatsApp' end end as channel_type,
        'Ended' as status,
        least(t.created_at, talk.first_at) as start_time,
        talk.last_at as end_time,
        false as is_deleted,
        t.loaded_at as _fivetran_synced,
        false as _fivetran_deleted
    from _g_tix as t
    left join talk using (ticket_no)
    where {IS_MESSAGING}"""


def actor_type(author: str) -> str:
    return (
        f"case {author} when {c.CUSTOMER} then 'EndUser' when {c.AI} then 'Bot'"
        f" when {c.HUMAN} then 'Agent' else 'System' end"
    )


def actor_id(author: str, customer: str, agent: str) -> str:
    return (
        f"case {author} when {c.CUSTOMER} then {sf_id('0PA', customer)} when {c.AI} then '{BOT_ID}'"
        f" when {c.HUMAN} then {sf_id('005', f'1000 + {agent}')} end"
    )


ENTRY_SQL = (
    # Public messages on a messaging channel.
    f"""select
        {sf_id("0XT", "m.row_no")} as id,
        {sf_id("0Mw", "m.ticket_no")} as conversation_id,
        {actor_id("m.author", "m.customer", "m.agent")} as actor_id,
        {actor_type("m.author")} as actor_type,
        'Text' as entry_type,
        m.ts as entry_time,
        {BODY}[m.body + 1] as message,
        false as is_deleted,
        {SYNCED.format(table="m")} as _fivetran_synced
    {MESSAGE_FROM} where m.public <> 0 and {IS_MESSAGING}""",
    # Handoff requests on a messaging channel.
    f"""select
        {sf_id("0XT", f"{HANDOFF_ENTRY_OFFSET} + e.row_no")},
        {sf_id("0Mw", "e.ticket_no")},
        {actor_id("e.actor", "p.customer", "p.agent")},
        {actor_type("e.actor")},
        'BotEscalated',
        e.ts,
        null::varchar,
        false,
        {SYNCED.format(table="e")}
    from _g_evt as e join _g_tix as t using (ticket_no) join _g_people as p using (ticket_no)
    where e.etype_sp // {S} = {c.HANDOFF_REQUESTED} and {IS_MESSAGING}""",
    # How the bot's session ended, when the bot spoke last and nobody asked for a human.
    f"""with talk as (
        select
            ticket_no,
            arg_max(author, row_no) filter (where author <> {c.SYSTEM} and public <> 0) as last_speaker,
            max(ts) filter (where author = {c.AI}) as last_ai_at,
            max(row_no) as last_row
        from _g_msg group by ticket_no
    ),
    changes as (
        select
            ticket_no,
            bool_or(etype_sp // {S} = {c.HANDOFF_REQUESTED}) as handed_off,
            bool_or(etype_sp // {S} = {c.STATUS_CHANGED} and status in ({c.SOLVED}, {c.CLOSED})) as solved
        from _g_evt group by ticket_no
    )
    select
        {sf_id("0XT", f"{ENDING_ENTRY_OFFSET} + talk.last_row")},
        {sf_id("0Mw", "t.ticket_no")},
        '{BOT_ID}',
        'Bot',
        case when coalesce(changes.solved, false) then 'ChatbotEndedChatByAction' else 'ChatbotClosedIdleSession' end,
        talk.last_ai_at,
        null::varchar,
        false,
        t.loaded_at
    from _g_tix as t
    join talk using (ticket_no)
    left join changes using (ticket_no)
    where {IS_MESSAGING} and talk.last_speaker = {c.AI} and not coalesce(changes.handed_off, false)""",
)

# The Agentforce action trace, in the contract's ai_actions with the case ids.
ACTION_SQL = f"""
    select
        'A' || substr((a.row_no + 10000000000)::varchar, 2) as action_id,
        {CASE_ID.format(t="a")} as ticket_id,
        a.ts as occurred_at,
        {sql_list(c.ACTIONS)}[a.action + 1] as action_name,
        {sql_list(c.PROCEDURES)}[a.proc + 1] as procedure_name,
        {sql_list(c.ACTION_OUTCOMES)}[a.outcome_sp // {S} + 1] as outcome,
        {sql_list(c.POLICIES)}[a.policy + 1] as policy_id,
        {sql_list(c.POLICY_RESULTS)}[a.presult + 1] as policy_result,
        cast(nullif(a.final, -1) as boolean) as is_final_step,
        {sql_list(c.AGENT_VERSIONS)}[a.version + 1] as agent_version,
        coalesce(a.loaded_at, a.ts + interval 1 hour) as _loaded_at
    from _g_act as a"""

USER_SQL = (
    f"""select {sf_id("005", "2000000000 + i")} as id, 'Customer ' || i as name,
        'customer' || i || '@example.com' as email, 'CspLitePortal' as user_type, true as is_active,
        timestamp '{{synced}}' as _fivetran_synced, false as _fivetran_deleted
    from range(1, {{customers}} + 1) as r(i)""",
    f"""select {sf_id("005", "1000 + i")}, 'Agent ' || i, 'agent' || i || '@support.example.com', 'Standard', true,
        timestamp '{{synced}}', false
    from range(1, {N_AGENTS} + 1) as r(i)""",
    f"""select '{AI_USER_ID}', 'Agentforce (demo)', '{AI_USER_EMAIL}', 'Standard', true,
        timestamp '{{synced}}', false""",
    f"""select '{AUTOMATED_PROCESS_ID}', 'Automated Process', 'autoproc@00d000000000001.example.com',
        'AutomatedProcess', true, timestamp '{{synced}}', false""",
)


class SalesforceLayout(SqlLayout):
    name = "salesforce"
    tables: tuple[str, ...] = (
        "case",
        "case_history",
        "case_comment",
        "email_message",
        "messaging_session",
        "conversation_entry",
        "user",
        "ai_actions",
    )
    ddl = {
        "case": (
            "(id varchar, case_number varchar, contact_id varchar, supplied_email varchar, origin varchar,"
            " status varchar, is_closed boolean, subject varchar, type varchar, owner_id varchar,"
            " created_by_id varchar, created_date timestamp, master_record_id varchar, is_deleted boolean,"
            " _fivetran_deleted boolean, _fivetran_synced timestamp)"
        ),
        "case_history": (
            "(id varchar, case_id varchar, field varchar, data_type varchar, old_value varchar, new_value varchar,"
            " created_by_id varchar, created_date timestamp, is_deleted boolean, _fivetran_synced timestamp,"
            " _fivetran_deleted boolean)"
        ),
        "case_comment": (
            "(id varchar, parent_id varchar, comment_body varchar, is_published boolean, created_by_id varchar,"
            " created_date timestamp, is_deleted boolean, _fivetran_synced timestamp, _fivetran_deleted boolean)"
        ),
        "email_message": (
            "(id varchar, parent_id varchar, incoming boolean, status varchar, message_date timestamp,"
            " subject varchar, text_body varchar, from_address varchar, to_address varchar, created_by_id varchar,"
            " is_deleted boolean, _fivetran_synced timestamp, _fivetran_deleted boolean)"
        ),
        "messaging_session": (
            "(id varchar, case_id varchar, channel_type varchar, status varchar, start_time timestamp,"
            " end_time timestamp, is_deleted boolean, _fivetran_synced timestamp, _fivetran_deleted boolean)"
        ),
        "conversation_entry": (
            "(id varchar, conversation_id varchar, actor_id varchar, actor_type varchar, entry_type varchar,"
            " entry_time timestamp, message varchar, is_deleted boolean, _fivetran_synced timestamp)"
        ),
        "user": (
            "(id varchar, name varchar, email varchar, user_type varchar, is_active boolean,"
            " _fivetran_synced timestamp, _fivetran_deleted boolean)"
        ),
        "ai_actions": (
            "(action_id varchar, ticket_id varchar, occurred_at timestamp, action_name varchar,"
            " procedure_name varchar, outcome varchar, policy_id varchar, policy_result varchar,"
            " is_final_step boolean, agent_version varchar, _loaded_at timestamp)"
        ),
    }
    chunk_sql = {
        "case": (CASE_SQL,),
        "case_history": HISTORY_SQL,
        "case_comment": (COMMENT_SQL,),
        "email_message": EMAIL_SQL,
        "messaging_session": (SESSION_SQL,),
        "conversation_entry": ENTRY_SQL,
        "ai_actions": (ACTION_SQL,),
    }
    finish_sql = {"user": USER_SQL}

    def write_chunk(self, con: duckdb.DuckDBPyConnection, schema: str, chunk: CodedChunk) -> dict[str, int]:
        """As every SQL layout, with the chunk's AI actions registered too (``_g_act``)."""
        con.register("_g_act", chunk.originals().actions)
        try:
            return super().write_chunk(con, schema, chunk)
        finally:
            con.unregister("_g_act")
