"""The demo conversations as Zendesk Support's Fivetran tables (``generate --layout zendesk``).

Tables: ``ticket``, ``ticket_comment``, ``user`` (a table named user), ``ticket_field_history``
(status, assignee_id, group_id and satisfaction_score changes) and ``ticket_tag``; see
SOURCES.md §2 for the columns and the adapter's rules. How each contract fact is written:

* people are Zendesk users: customer k is end-user ``1000000 + k``, human agent k is agent
  ``1000 + k``, the AI agent is agent ``AI_USER_ID`` with the email ``AI_USER_EMAIL``, which the
  shipped seeds/source_ai_identities.csv lists (a demo row); system changes are by user -1.
* status changes -> ``ticket_field_history`` rows of field ``status`` (the first one ``new``,
  on-hold as ``hold``, a few as ``on-hold``); assignments -> ``assignee_id`` (a person or the
  AI) or ``group_id`` (the queue); CSAT answers -> ``satisfaction_score`` ``good`` (4-5) or
  ``bad`` (1-2); a 3 has no Zendesk value and is written as ``offered`` (no answer).
* spam tickets carry the tag ``spam`` (a third of them are ``deleted`` tickets instead); a
  merged ticket is listed in its target's ``merged_ticket_ids`` and tagged ``closed_by_merge``;
  the issue type is a tag ``issue_<type>`` (dbt var zendesk_issue_type_tag_prefix).
* not written (Zendesk does not export them): AI actions, handoff requests, the customer's
  resolution confirmed/rejected events.
* Zendesk's own mess: a few comments deleted in Zendesk (``_fivetran_deleted``, extra ids),
  a status outside the status map for tickets whose contract status is missing, a
  ``via_channel`` outside the channel map for the contract's unknown channel.
"""

from __future__ import annotations

from ai_resolution.demo import catalog as c
from ai_resolution.demo.layouts import SqlLayout
from ai_resolution.demo.writer import sql_list
from ai_resolution.source_layouts import ZENDESK_ISSUE_TAG_PREFIX

AI_USER_ID = 999
AI_USER_EMAIL = "ai-agent@demo.ai-resolution.invalid"
SYSTEM_USER_ID = -1
QUEUE_GROUP_ID = 360000001
UNMAPPED_STATUS = "escalated_to_tier2"  # a custom status no status-map row maps
UNMAPPED_CHANNEL = "telegram"  # a via_channel no channel-map row maps
DELETED_COMMENT_EVERY = 997  # one comment in ~1000 also exists as a deleted copy
DELETED_COMMENT_ID_OFFSET = 90_000_000_000
N_AGENTS = 60
S = c.N_SPELLINGS

# via_channel per contract channel (index = channel code), two spellings each where
# Zendesk has two (picked by ticket id); the last entry is the contract's unknown channel.
VIA_CHANNELS = (
    ("chat", "native_messaging"),
    ("email", "email"),
    ("voice", "phone_call_inbound"),
    ("sms", "text"),
    ("twitter", "facebook"),
    ("web", "web_widget"),
    ("api", "api"),
    ("rule", "rule"),
    (UNMAPPED_CHANNEL, UNMAPPED_CHANNEL),
)
VIA_TEXT = [sql_list(tuple(pair[i] for pair in VIA_CHANNELS)) for i in (0, 1)]
STATUS_TEXT = sql_list(("open", "pending", "hold", "solved", "closed"))
ISSUE_TAGS = sql_list(tuple(ZENDESK_ISSUE_TAG_PREFIX + name for name in c.ISSUE_TYPES))


def user_id(author: str, customer: str = "customer", agent: str = "agent") -> str:
    """SQL for the Zendesk user id of an author code (null stays null)."""
    return (
        f"case {author} when {c.CUSTOMER} then 1000000 + {customer} when {c.AI} then {AI_USER_ID}"
        f" when {c.HUMAN} then 1000 + {agent} when {c.SYSTEM} then {SYSTEM_USER_ID} end"
    )


SYNCED = "coalesce({table}.loaded_at, {table}.ts + interval 1 hour)"
TICKET_STATUS = f"""case
            when t.is_spam = 1 and t.ticket_no % 3 = 0 then 'deleted'
            when t.status < 0 then '{UNMAPPED_STATUS}'
            else {STATUS_TEXT}[t.status // {S} + 1]
        end"""

TICKET_SQL = f"""
    with assignments as (
        select
            ticket_no,
            arg_max(case when assignee = {c.ASSIGNEE_AI} then {AI_USER_ID} else 1000 + agent end, ts)
                filter (where assignee in ({c.ASSIGNEE_AI}, {c.ASSIGNEE_HUMAN})) as assignee_id,
            max(case when assignee = {c.ASSIGNEE_QUEUE} then {QUEUE_GROUP_ID} end) as group_id
        from _g_evt join _g_people using (ticket_no)
        where etype_sp // {S} = {c.ASSIGNED}
        group by ticket_no
    ),
    merges as (
        select merged_no as ticket_no, '[' || string_agg(ticket_no::varchar, ', ' order by ticket_no) || ']' as ids
        from _g_tix where merged_no >= 0 group by merged_no
    )
    select
        t.ticket_no as id,
        t.created_at,
        t.loaded_at as updated_at,
        {TICKET_STATUS} as status,
        1000000 + t.customer as requester_id,
        1000000 + t.customer as submitter_id,
        a.assignee_id,
        a.group_id,
        (case when t.ticket_no % 2 = 0 then {VIA_TEXT[0]} else {VIA_TEXT[1]} end)[t.channel // {S} + 1] as via_channel,
        case when t.ticket_no % 4 = 0 then 'incident' else 'question' end as type,
        'Demo ticket ' || t.ticket_no as subject,
        m.ids as merged_ticket_ids,
        t.loaded_at as _fivetran_synced,
        false as _fivetran_deleted
    from _g_tix as t
    left join assignments as a using (ticket_no)
    left join merges as m using (ticket_no)
    order by t.ticket_no"""

COMMENT_COLUMNS = f"""
        ticket_no as ticket_id,
        {user_id("author")} as user_id,
        ts as created,
        public <> 0 as public,
        {sql_list(c.BODY_TEXTS)}[body + 1] as body,
        {SYNCED.format(table="_g_msg")} as _fivetran_synced"""
COMMENT_SQL = (
    f"select row_no as id, {COMMENT_COLUMNS}, false as _fivetran_deleted from _g_msg",
    # Comments deleted in Zendesk after a first load: the adapter sets them aside.
    f"select {DELETED_COMMENT_ID_OFFSET} + row_no as id, {COMMENT_COLUMNS}, true as _fivetran_deleted"
    f" from _g_msg where row_no % {DELETED_COMMENT_EVERY} = 0",
)

# One row per (ticket, field, second), as Fivetran keys the table: at a clash the later
# change wins (the state Zendesk kept).
FIELD_HISTORY_SQL = f"""
    with changes as (
        select
            e.ticket_no as ticket_id,
            case e.etype_sp // {S}
                when {c.STATUS_CHANGED} then 'status'
                else case when e.assignee = {c.ASSIGNEE_QUEUE} then 'group_id' else 'assignee_id' end
            end as field_name,
            e.ts as updated,
            case
                when e.etype_sp // {S} = {c.STATUS_CHANGED} then
                    case
                        when e.status = {c.OPEN} and e.ts = t.created_at then 'new'
                        when e.status = {c.ON_HOLD} and e.ticket_no % 5 = 0 then 'on-hold'
                        else {STATUS_TEXT}[e.status + 1]
                    end
                when e.assignee = {c.ASSIGNEE_QUEUE} then '{QUEUE_GROUP_ID}'
                when e.assignee = {c.ASSIGNEE_AI} then '{AI_USER_ID}'
                else (1000 + p.agent)::varchar
            end as value,
            {user_id("e.actor", "p.customer", "p.agent")} as user_id,
            {SYNCED.format(table="e")} as _fivetran_synced,
            e.row_no
        from _g_evt as e
        join _g_tix as t using (ticket_no)
        join _g_people as p using (ticket_no)
        where e.etype_sp // {S} in ({c.STATUS_CHANGED}, {c.ASSIGNED})
        union all
        select
            r.ticket_no,
            'satisfaction_score',
            r.ts,
            case when r.score >= 4 then 'good' when r.score <= 2 then 'bad' else 'offered' end,
            1000000 + p.customer,
            {SYNCED.format(table="r")},
            r.row_no
        from _g_csat as r
        join _g_people as p using (ticket_no)
    )
    select ticket_id, field_name, updated, value, user_id, _fivetran_synced
    from changes
    qualify row_number() over (partition by ticket_id, field_name, updated order by row_no desc) = 1
    order by ticket_id, updated"""

TAG_SQL = (
    f"""select ticket_no as ticket_id, {ISSUE_TAGS}[issue // {S} + 1] as tag, loaded_at as _fivetran_synced
    from _g_tix where issue >= 0 and issue // {S} < {len(c.ISSUE_TYPES)}""",
    """select ticket_no, 'spam', loaded_at from _g_tix
    where is_spam = 1 and ticket_no % 3 <> 0""",
    "select ticket_no, 'closed_by_merge', loaded_at from _g_tix where merged_no >= 0",
    "select ticket_no, 'vip', loaded_at from _g_tix where customer % 23 = 0",
)

USER_SQL = (
    """select 1000000 + i as id, 'Customer ' || i as name, 'customer' || i || '@example.com' as email,
        'end-user' as role, timestamp '2020-01-01' as created_at, timestamp '{synced}' as _fivetran_synced
    from range(1, {customers} + 1) as r(i)""",
    f"""select 1000 + i, 'Agent ' || i, 'agent' || i || '@support.example.com',
        case when i = 1 then 'admin' else 'agent' end, timestamp '2020-01-01', timestamp '{{synced}}'
    from range(1, {N_AGENTS} + 1) as r(i)""",
    f"""select {AI_USER_ID}, 'AI agent (demo)', '{AI_USER_EMAIL}', 'agent', timestamp '2020-01-01',
        timestamp '{{synced}}'""",
)


class ZendeskLayout(SqlLayout):
    name = "zendesk"
    tables: tuple[str, ...] = ("ticket", "ticket_comment", "user", "ticket_field_history", "ticket_tag")
    ddl = {
        "ticket": (
            "(id bigint, created_at timestamp, updated_at timestamp, status varchar, requester_id bigint,"
            " submitter_id bigint, assignee_id bigint, group_id bigint, via_channel varchar, type varchar,"
            " subject varchar, merged_ticket_ids varchar, _fivetran_synced timestamp, _fivetran_deleted boolean)"
        ),
        "ticket_comment": (
            "(id bigint, ticket_id bigint, user_id bigint, created timestamp, public boolean, body varchar,"
            " _fivetran_synced timestamp, _fivetran_deleted boolean)"
        ),
        "user": (
            "(id bigint, name varchar, email varchar, role varchar, created_at timestamp, _fivetran_synced timestamp)"
        ),
        "ticket_field_history": (
            "(ticket_id bigint, field_name varchar, updated timestamp, value varchar, user_id bigint,"
            " _fivetran_synced timestamp)"
        ),
        "ticket_tag": "(ticket_id bigint, tag varchar, _fivetran_synced timestamp)",
    }
    chunk_sql = {
        "ticket": (TICKET_SQL,),
        "ticket_comment": COMMENT_SQL,
        "ticket_field_history": (FIELD_HISTORY_SQL,),
        "ticket_tag": TAG_SQL,
    }
    finish_sql = {"user": USER_SQL}
