"""The demo conversations as a Singer tap-kustomer lands them (``generate --layout kustomer``).

Tables ``conversations``, ``messages``, ``notes`` and ``users`` in the shape of MeltanoLabs'
tap-kustomer loaded without flattening: ``id``, ``type``, ``updated_at``, the JSON:API
``attributes`` and ``relationships`` as JSON columns, and the Singer targets'
``_sdc_extracted_at`` / ``_sdc_deleted_at``; see docs/sources/kustomer.md for the fields and the
adapter's rules. How each contract fact is written:

* people are Kustomer users: human agent k is a ``user`` (userType user) with a 24-hex id; the
  AI agent is the machine user ``AI_USER_ID`` with the email ``AI_USER_EMAIL`` and the
  workflows are ``WORKFLOW_USER_ID``, both listed in the shipped seeds/source_ai_identities.csv
  (demo rows: an ``.invalid`` address, an id that is not hex). Customers are
  relationships.customer ids.
* messages: the customer's are ``direction`` in; the AI's are out and ``auto`` by the AI user;
  a person's out by the agent; system messages out and ``auto`` by the workflow user. Internal
  notes are rows of ``notes`` by their author.
* the status history is what Kustomer keeps of it on the conversation: ``firstDone`` and
  ``lastDone`` (the first and last change to solved or closed, by their actor's user; nobody
  for the system or the customer), ``open.statusAt`` (the last change to open),
  ``modificationHistory.statusAt`` (the last status change) and ``status`` (open, snoozed for
  pending and on hold, done); the conversation opens open.
* the AI's assignment and its first handoff: the conversation's ``assistant`` (Kustomer's
  conversational assistant), present when the contract assigns the ticket to the AI or the AI
  hands it off, with ``transferredAt`` at the first handoff and a status (transferred or missed
  after a handoff, as a person came or not; ended when solved; abandoned otherwise).
* CSAT: ``satisfactionLevel`` with the customer's latest rating (1-5) at its time.
* spam: ``spam``; a merge target: ``mergedTarget`` true. Merged tickets are written as
  ordinary conversations (the export names no merge source). The issue type is the custom
  attribute ``custom.issueTypeStr`` (dbt var kustomer_issue_type_attribute).
* channels: chat, email, voice, sms; social as facebook, instagram, whatsapp or twitter-dm (by
  id); web and api as chat, other as email; the contract's unknown channel as ``tiktok``, which
  no channel-map row maps.
* not written (Kustomer does not export them): AI actions, assignments to people and queues,
  handoffs after the first and their reasons, the customer's resolution confirmed/rejected
  events, earlier CSAT answers, status changes between the first and the last done.
"""

from __future__ import annotations

from ai_resolution.demo import catalog as c
from ai_resolution.demo.layouts import SqlLayout
from ai_resolution.demo.writer import sql_list
from ai_resolution.source_layouts import KUSTOMER_ISSUE_ATTRIBUTE

# Not hex, so neither id can be a real Kustomer id (24 hex digits); the email is .invalid.
AI_USER_ID = "demo-ai-agent"
AI_USER_EMAIL = "ai-agent@demo.ai-resolution.invalid"
WORKFLOW_USER_ID = "demo-workflow-user"
ASSISTANT_ID = "demo-assistant"
N_AGENTS = 60
S = c.N_SPELLINGS
DONE_STATUSES = f"({c.SOLVED}, {c.CLOSED})"

# Kustomer channel per contract channel (index = channel code); social by conversation id; the
# last entry is the contract's unknown channel, which no channel-map row maps.
CHANNELS = sql_list(("chat", "email", "voice", "sms", "", "chat", "chat", "email", "tiktok"))
SOCIAL_CHANNELS = sql_list(("facebook", "instagram", "whatsapp", "twitter-dm"))
STATUS_TEXT = sql_list(("open", "snoozed", "snoozed", "done", "done"))
ISSUE_TEXT = sql_list(c.ISSUE_TYPES)
BODY = sql_list(c.BODY_TEXTS)


def kustomer_id(number: str, prefix: int) -> str:
    """A 24-hex id (Kustomer's ObjectId shape) for a number, distinct per prefix."""
    return f"lower(lpad(hex({prefix} * 1000000000000 + {number}), 24, '0'))"


def iso(ts: str) -> str:
    """A timestamp as Kustomer writes it: 2026-01-02T09:00:00.000Z."""
    return f"strftime({ts}, '%Y-%m-%dT%H:%M:%S.000Z')"


def user_of(actor: str, agent: str) -> str:
    """The user a contract actor or author code stands for (null: nobody)."""
    return (
        f"case {actor} when {c.AI} then '{AI_USER_ID}' when {c.HUMAN} then {kustomer_id(agent, 2)}"
        f" when {c.SYSTEM} then '{WORKFLOW_USER_ID}' end"
    )


def done_user(actor: str, agent: str) -> str:
    """Who marked a conversation done: the AI or a person; nobody for the system or the customer."""
    return f"case {actor} when {c.AI} then '{AI_USER_ID}' when {c.HUMAN} then {kustomer_id(agent, 2)} end"


def relation(kind: str, key: str) -> str:
    return f"json_object('data', json_object('type', '{kind}', 'id', {key}))"


CONVERSATION_SQL = f"""
    with status_changes as (
        select e.ticket_no, e.ts, e.row_no, e.status, e.actor, p.agent
        from _g_evt as e join _g_people as p using (ticket_no)
        where e.etype_sp // {S} = {c.STATUS_CHANGED} and e.status >= 0
    ),
    history as (
        select
            ticket_no,
            min(ts) filter (where status in {DONE_STATUSES}) as first_done_at,
            arg_min({done_user("actor", "agent")}, (ts, row_no)) filter (where status in {DONE_STATUSES})
                as first_done_by,
            max(ts) filter (where status in {DONE_STATUSES}) as last_done_at,
            arg_max({done_user("actor", "agent")}, (ts, row_no)) filter (where status in {DONE_STATUSES})
                as last_done_by,
            max(ts) filter (where status = {c.OPEN}) as open_at,
            max(ts) as status_at
        from status_changes group by ticket_no
    ),
    assistant as (
        select
            e.ticket_no,
            bool_or(e.etype_sp // {S} = {c.ASSIGNED} and e.assignee = {c.ASSIGNEE_AI}
                or e.etype_sp // {S} = {c.HANDOFF_REQUESTED}) as took_part,
            min(e.ts) filter (where e.etype_sp // {S} = {c.HANDOFF_REQUESTED}) as transferred_at
        from _g_evt as e group by e.ticket_no
    ),
    people_spoke as (
        select ticket_no, bool_or(author = {c.HUMAN}) as human_spoke from _g_msg group by ticket_no
    ),
    rating as (
        select ticket_no, arg_max(score, (ts, row_no)) as score, max(ts) as rated_at
        from _g_csat group by ticket_no
    ),
    targets as (
        select distinct merged_no as ticket_no from _g_tix where merged_no >= 0
    ),
    current as (
        select
            t.ticket_no,
            t.created_at,
            t.customer,
            t.loaded_at,
            case t.channel // {S} when 4 then {SOCIAL_CHANNELS}[t.ticket_no % 4 + 1]
                else {CHANNELS}[t.channel // {S} + 1] end as channel,
            case when t.issue >= 0 and t.issue // {S} < {len(c.ISSUE_TYPES)} then {ISSUE_TEXT}[t.issue // {S} + 1] end
                as issue_type,
            case when t.status < 0 then 'open' else {STATUS_TEXT}[t.status // {S} + 1] end as status,
            t.is_spam = 1 as is_spam,
            targets.ticket_no is not null as is_merge_target,
            h.first_done_at, h.first_done_by, h.last_done_at, h.last_done_by, h.open_at, h.status_at,
            coalesce(a.took_part, false) as assistant_took_part,
            a.transferred_at,
            case
                when a.transferred_at is not null and coalesce(s.human_spoke, false) then 'transferred'
                when a.transferred_at is not null then 'missed'
                when h.first_done_at is not null then 'ended'
                else 'abandoned'
            end as assistant_status,
            r.score,
            r.rated_at
        from _g_tix as t
        left join history as h using (ticket_no)
        left join assistant as a using (ticket_no)
        left join people_spoke as s using (ticket_no)
        left join rating as r using (ticket_no)
        left join targets using (ticket_no)
    )
    select
        ticket_no::varchar as id,
        'conversation' as type,
        loaded_at as updated_at,
        json_object(
            'name', 'Demo conversation ' || ticket_no,
            'status', status,
            'createdAt', {iso("created_at")},
            'updatedAt', {iso("loaded_at")},
            'channels', json_array(channel),
            'spam', is_spam,
            'mergedTarget', is_merge_target,
            'custom', json_object('{KUSTOMER_ISSUE_ATTRIBUTE}', issue_type),
            'open', json_object('statusAt', {iso("coalesce(open_at, created_at)")}),
            'modificationHistory', json_object('statusAt', {iso("status_at")}),
            'firstDone', case when first_done_at is not null
                then json_object('createdAt', {iso("first_done_at")}, 'createdBy', first_done_by) end,
            'lastDone', case when last_done_at is not null
                then json_object('createdAt', {iso("last_done_at")}, 'createdBy', last_done_by) end,
            'assistant', case when assistant_took_part then json_object(
                'status', assistant_status, 'assistantId', json_array('{ASSISTANT_ID}'), 'type', 'chat',
                'transferredAt', {iso("transferred_at")}) end,
            'satisfactionLevel', case when score is not null then json_object(
                'rating', score, 'score', case when score >= 4 then 1 else 0 end, 'status', 'rated',
                'updatedAt', {iso("rated_at")}) end
        ) as attributes,
        json_object(
            'customer', {relation("customer", kustomer_id("customer", 1))},
            'org', {relation("org", "'demo-org'")}
        ) as relationships,
        loaded_at as _sdc_extracted_at,
        null::timestamp as _sdc_deleted_at
    from current
    order by ticket_no"""

MESSAGE_SQL = f"""
    select
        {kustomer_id("m.row_no", 3)} as id,
        'message' as type,
        coalesce(m.loaded_at, m.ts) as updated_at,
        json_object(
            'direction', case when m.author = {c.CUSTOMER} then 'in' else 'out' end,
            'auto', m.author in ({c.AI}, {c.SYSTEM}),
            'channel', c.channel,
            'sentAt', {iso("m.ts")},
            'createdAt', {iso("m.ts")},
            'updatedAt', {iso("coalesce(m.loaded_at, m.ts)")},
            'preview', {BODY}[m.body + 1]
        ) as attributes,
        json_object(
            'conversation', {relation("conversation", "m.ticket_no::varchar")},
            'customer', {relation("customer", kustomer_id("m.customer", 1))},
            'createdBy', case when m.author <> {c.CUSTOMER} then {relation("user", user_of("m.author", "m.agent"))} end
        ) as relationships,
        coalesce(m.loaded_at, m.ts + interval 1 hour) as _sdc_extracted_at,
        null::timestamp as _sdc_deleted_at
    from _g_msg as m
    join (
        select ticket_no,
            case channel // {S} when 4 then {SOCIAL_CHANNELS}[ticket_no % 4 + 1]
                else {CHANNELS}[channel // {S} + 1] end as channel
        from _g_tix
    ) as c using (ticket_no)
    where m.public <> 0"""

NOTE_SQL = f"""
    select
        {kustomer_id("m.row_no", 4)} as id,
        'note' as type,
        coalesce(m.loaded_at, m.ts) as updated_at,
        json_object(
            'body', {BODY}[m.body + 1],
            'createdAt', {iso("m.ts")},
            'updatedAt', {iso("coalesce(m.loaded_at, m.ts)")}
        ) as attributes,
        json_object(
            'conversation', {relation("conversation", "m.ticket_no::varchar")},
            'createdBy', {relation("user", user_of("m.author", "m.agent"))}
        ) as relationships,
        coalesce(m.loaded_at, m.ts + interval 1 hour) as _sdc_extracted_at,
        null::timestamp as _sdc_deleted_at
    from _g_msg as m
    where m.public = 0"""


def user_row(user_id: str, name: str, email: str, user_type: str) -> str:
    return f"""select {user_id} as id, 'user' as type, timestamp '{{synced}}' as updated_at,
        json_object('name', {name}, 'displayName', {name}, 'email', {email}, 'userType', '{user_type}',
            'createdAt', '2020-01-01T00:00:00.000Z', 'updatedAt', '2020-01-01T00:00:00.000Z') as attributes,
        json_object('org', {relation("org", "'demo-org'")}) as relationships,
        timestamp '{{synced}}' as _sdc_extracted_at, null::timestamp as _sdc_deleted_at"""


USER_SQL = (
    user_row(kustomer_id("i", 2), "'Agent ' || i", "'agent' || i || '@support.example.com'", "user")
    + f" from range(1, {N_AGENTS} + 1) as r(i)",
    user_row(f"'{AI_USER_ID}'", "'AI agent (demo)'", f"'{AI_USER_EMAIL}'", "machine"),
    user_row(f"'{WORKFLOW_USER_ID}'", "'Workflows (demo)'", "'workflows@demo.ai-resolution.invalid'", "machine"),
)

RECORD_DDL = (
    "(id varchar, type varchar, updated_at timestamp, attributes json, relationships json,"
    " _sdc_extracted_at timestamp, _sdc_deleted_at timestamp)"
)


class KustomerLayout(SqlLayout):
    name = "kustomer"
    tables: tuple[str, ...] = ("conversations", "messages", "notes", "users")
    ddl = dict.fromkeys(tables, RECORD_DDL)
    chunk_sql = {
        "conversations": (CONVERSATION_SQL,),
        "messages": (MESSAGE_SQL,),
        "notes": (NOTE_SQL,),
    }
    finish_sql = {"users": USER_SQL}
