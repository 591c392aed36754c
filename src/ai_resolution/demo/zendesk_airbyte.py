"""The demo conversations as Airbyte lands Zendesk Support (``generate --layout zendesk_airbyte``).

Tables, one per stream of Airbyte's source-zendesk-support, as a destinations-v2 destination
writes them: the stream's top-level properties as columns, nested objects and arrays as JSON
columns, date-times as timestamps with time zone, plus ``_airbyte_raw_id``,
``_airbyte_extracted_at``, ``_airbyte_meta`` and ``_airbyte_generation_id``: ``tickets``,
``ticket_comments``, ``ticket_audits``, ``satisfaction_ratings`` and ``users``; see
docs/sources/zendesk_airbyte.md for the columns and the adapter's rules. The people, statuses,
channels, tags and CSAT values are the Fivetran layout's (``demo/zendesk.py``), written the way
Airbyte holds them:

* people are Zendesk users as in the Fivetran layout: customer k is end-user ``1000000 + k``,
  human agent k is ``1000 + k``, the AI agent ``AI_USER_ID`` with the email ``AI_USER_EMAIL``
  (listed for zendesk_airbyte in the shipped seeds/source_ai_identities.csv, a demo row); the
  system user -1 has no row.
* messages -> ``ticket_comments``, each with its ``via``: the ticket's channel for the customer,
  ``api`` for the AI, ``web`` for an agent; a system message is a trigger's comment (author -1,
  via channel ``rule``, rel ``trigger``).
* status changes and assignments -> ``ticket_audits``, one audit per change with one event:
  ``Create`` of status ``new`` when the ticket opens, else ``Change`` of ``status``,
  ``assignee_id`` (a person or the AI) or ``group_id`` (the queue). The audit's ``author_id``
  is the actor; a system change is an automation's audit (author -1, via rel ``automation``)
  or, for every other one, a trigger's change inside it (the event's own via).
* CSAT answers -> ``satisfaction_ratings``: ``good`` (4-5), ``bad`` (1-2), a 3 as ``offered``
  (no answer); every answered rating was first extracted while it was only ``offered`` (an
  older copy, as an append sync keeps it).
* spam: tag ``spam`` or, for a third, status ``deleted``; a merge: the target's audit with via
  rel ``merge`` listing the merged tickets in ``via.source.from.ticket_ids``, and the tag
  ``closed_by_merge`` on them; the issue type: a tag ``issue_<type>``.
* Airbyte's own mess: every 20th ticket has an older copy (extracted an hour before the
  latest) that was still tagged ``spam`` by mistake, and every 97th comment and audit is
  delivered twice; the adapter keeps the latest copy of each record.
* not written (Zendesk does not export them): AI actions, handoff requests, the customer's
  resolution confirmed/rejected events.

Ids of comments, audits and ratings have a fixed number of digits (``ID_BASE + row_no``), so
their text order is the contract rows' order at equal timestamps.
"""

from __future__ import annotations

from ai_resolution.demo import catalog as c
from ai_resolution.demo.layouts import SqlLayout
from ai_resolution.demo.writer import sql_list
from ai_resolution.demo.zendesk import (
    AI_USER_EMAIL,
    AI_USER_ID,
    ISSUE_TAGS,
    N_AGENTS,
    QUEUE_GROUP_ID,
    STATUS_TEXT,
    TICKET_STATUS,
    VIA_TEXT,
    user_id,
)

S = c.N_SPELLINGS
ID_BASE = 1_000_000_000
RECOPY_TICKET_EVERY = 20
RECOPY_ROW_EVERY = 97
TRIGGER_ID = 360_000_101
AUTOMATION_ID = 360_000_202


def tz(expression: str) -> str:
    """A timestamp as a destination writes it: with time zone, the naive UTC value read as UTC."""
    return f"timezone('UTC', {expression})"


EXTRACTED = "coalesce({table}.loaded_at, {table}.ts + interval 1 hour)"
META = "json_object('changes', json_array(), 'sync_id', 1)"
RAW_ID = "printf('%08x-0000-4000-8000-%012x', {kind}, {number})"
AIRBYTE_COLUMNS = """{raw_id} as _airbyte_raw_id,
        {extracted} as _airbyte_extracted_at,
        {meta} as _airbyte_meta,
        0::bigint as _airbyte_generation_id"""


def airbyte_columns(kind: int, number: str, extracted: str) -> str:
    return AIRBYTE_COLUMNS.format(raw_id=RAW_ID.format(kind=kind, number=number), extracted=extracted, meta=META)


def via_json(channel: str, rel: str = "null", source_from: str = "json_object()") -> str:
    """SQL for a via object: {"channel": ..., "source": {"from": ..., "to": {}, "rel": ...}}."""
    return (
        f"json_object('channel', {channel}, 'source', json_object('from', {source_from}, 'to', json_object(),"
        f" 'rel', {rel}))"
    )


TICKET_CHANNEL = f"(case when t.ticket_no % 2 = 0 then {VIA_TEXT[0]} else {VIA_TEXT[1]} end)[t.channel // {S} + 1]"
TRIGGER_VIA = via_json(
    "'rule'", "'trigger'", f"json_object('id', {TRIGGER_ID}, 'title', 'Notify requester', 'deleted', false)"
)
AUTOMATION_VIA = via_json(
    "'rule'", "'automation'", f"json_object('id', {AUTOMATION_ID}, 'title', 'Update idle tickets', 'deleted', false)"
)


def author_via(author: str, ticket_channel: str) -> str:
    """The via of a comment or an update by an author code: the customer writes through the
    ticket's channel (on the web when a business rule opened the ticket: channel `rule` is
    the rule's own), the AI through the API, an agent on the web, the system as a trigger."""
    customer_channel = f"case when {ticket_channel} = 'rule' then 'web' else {ticket_channel} end"
    return (
        f"case {author} when {c.CUSTOMER} then {via_json(customer_channel)} when {c.AI} then {via_json(repr('api'))}"
        f" when {c.HUMAN} then {via_json(repr('web'))} else {TRIGGER_VIA} end"
    )


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
    tags as (
        select
            t.ticket_no,
            list_filter([
                case when t.issue >= 0 and t.issue // {S} < {len(c.ISSUE_TYPES)}
                    then {ISSUE_TAGS}[t.issue // {S} + 1] end,
                case when t.is_spam = 1 and t.ticket_no % 3 <> 0 then 'spam' end,
                case when t.merged_no >= 0 then 'closed_by_merge' end,
                case when t.customer % 23 = 0 then 'vip' end
            ], lambda x: x is not null) as tags
        from _g_tix as t
    ),
    latest as (
        select
            t.ticket_no as id,
            {via_json(TICKET_CHANNEL)} as via,
            {tz("t.created_at")} as created_at,
            {tz("t.loaded_at")} as updated_at,
            {TICKET_STATUS} as status,
            1000000 + t.customer as requester_id,
            1000000 + t.customer as submitter_id,
            a.assignee_id,
            a.group_id,
            to_json(g.tags) as tags,
            '[]'::json as custom_fields,
            case when t.ticket_no % 4 = 0 then 'incident' else 'question' end as type,
            'Demo ticket ' || t.ticket_no as subject,
            {airbyte_columns(1, "t.ticket_no * 2 + 1", tz("t.loaded_at"))}
        from _g_tix as t
        left join assignments as a using (ticket_no)
        join tags as g using (ticket_no)
    )
    select * from latest
    union all
    -- An older copy of every 20th ticket, extracted an hour before the latest, still tagged
    -- spam by mistake: only the latest copy may count.
    select
        id, via, created_at, updated_at - interval 1 hour, status, requester_id, submitter_id,
        assignee_id, group_id, '["spam"]'::json, custom_fields, type, subject,
        {RAW_ID.format(kind=1, number="id * 2")}, _airbyte_extracted_at - interval 1 hour, _airbyte_meta,
        _airbyte_generation_id
    from latest
    where id % {RECOPY_TICKET_EVERY} = 0
    order by id"""

COMMENT_SQL = f"""
    with comments as (
        select
            {ID_BASE} + m.row_no as id,
            m.ticket_no as ticket_id,
            coalesce({user_id("m.author", "m.customer", "m.agent")}, -1) as author_id,
            {tz("m.ts")} as created_at,
            epoch(m.ts)::bigint as timestamp,
            m.public <> 0 as public,
            {sql_list(c.BODY_TEXTS)}[m.body + 1] as body,
            {author_via("m.author", TICKET_CHANNEL)} as via,
            'Comment' as type,
            'Comment' as event_type,
            {airbyte_columns(2, "m.row_no * 2 + 1", tz(EXTRACTED.format(table="m")))}
        from _g_msg as m
        join _g_tix as t using (ticket_no)
    )
    select * from comments
    union all
    -- Every 97th comment delivered again by a later sync (append): the same record.
    select
        id, ticket_id, author_id, created_at, timestamp, public, body, via, type, event_type,
        {RAW_ID.format(kind=2, number="(id - " + str(ID_BASE) + ") * 2")},
        _airbyte_extracted_at + interval 1 day, _airbyte_meta, _airbyte_generation_id
    from comments
    where id % {RECOPY_ROW_EVERY} = 0"""

# One audit per status change or assignment, with one event. A system change is an
# automation's audit (every other one) or a trigger's change inside an update by -1.
AUDIT_SQL = f"""
    with changes as (
        select
            e.row_no,
            e.ticket_no,
            e.ts,
            e.loaded_at,
            e.actor,
            {TICKET_CHANNEL} as ticket_channel,
            e.etype_sp // {S} = {c.STATUS_CHANGED} and e.status = {c.OPEN} and e.ts = t.created_at as is_creation,
            case e.etype_sp // {S}
                when {c.STATUS_CHANGED} then 'status'
                else case when e.assignee = {c.ASSIGNEE_QUEUE} then 'group_id' else 'assignee_id' end
            end as field_name,
            case
                when e.etype_sp // {S} = {c.STATUS_CHANGED} then
                    case
                        when e.status = {c.OPEN} and e.ts = t.created_at then 'new'
                        else {STATUS_TEXT}[e.status + 1]
                    end
                when e.assignee = {c.ASSIGNEE_QUEUE} then '{QUEUE_GROUP_ID}'
                when e.assignee = {c.ASSIGNEE_AI} then '{AI_USER_ID}'
                else (1000 + p.agent)::varchar
            end as value,
            coalesce({user_id("e.actor", "p.customer", "p.agent")}, -1) as author_id
        from _g_evt as e
        join _g_tix as t using (ticket_no)
        join _g_people as p using (ticket_no)
        where e.etype_sp // {S} in ({c.STATUS_CHANGED}, {c.ASSIGNED})
    ),
    audits as (
        select
            {ID_BASE} + row_no as id,
            ticket_no as ticket_id,
            author_id,
            {tz("ts")} as created_at,
            case
                when actor = {c.SYSTEM} and row_no % 2 = 0 then {AUTOMATION_VIA}
                when actor = {c.SYSTEM} then {via_json(repr("api"))}
                else {author_via("actor", "ticket_channel")}
            end as via,
            json_array(
                case
                    when actor = {c.SYSTEM} and row_no % 2 = 1 then json_object(
                        'id', row_no, 'type', case when is_creation then 'Create' else 'Change' end,
                        'field_name', field_name, 'value', value, 'previous_value', null, 'via', {TRIGGER_VIA})
                    else json_object(
                        'id', row_no, 'type', case when is_creation then 'Create' else 'Change' end,
                        'field_name', field_name, 'value', value, 'previous_value', null)
                end
            ) as events,
            '{{"system": {{"client": "demo"}}, "custom": {{}}}}'::json as metadata,
            {airbyte_columns(3, "row_no * 2 + 1", tz(EXTRACTED.format(table="changes")))}
        from changes
    )
    select * from audits
    union all
    select
        id, ticket_id, author_id, created_at, via, events, metadata,
        {RAW_ID.format(kind=3, number="(id - " + str(ID_BASE) + ") * 2")},
        _airbyte_extracted_at + interval 1 day, _airbyte_meta, _airbyte_generation_id
    from audits
    where id % {RECOPY_ROW_EVERY} = 0"""

# A merge: an audit of the target (by its agent, on the web) whose via lists the merged
# tickets. It holds a private comment event only, so it changes no field.
MERGE_AUDIT_SQL = f"""
    with merges as (
        select
            m.merged_no as ticket_no,
            list(m.ticket_no order by m.ticket_no) as ticket_ids,
            max(m.created_at) as merged_at
        from _g_tix as m
        where m.merged_no >= 0
        group by m.merged_no
    )
    select
        {2 * ID_BASE} + g.ticket_no as id,
        g.ticket_no as ticket_id,
        1000 + p.agent as author_id,
        {tz("greatest(g.merged_at, t.created_at)")} as created_at,
        {via_json(repr("web"), repr("merge"), "json_object('ticket_ids', to_json(g.ticket_ids))")} as via,
        json_array(json_object('id', {2 * ID_BASE} + g.ticket_no, 'type', 'Comment', 'public', false,
            'body', 'Tickets merged into this request')) as events,
        '{{"system": {{"client": "demo"}}, "custom": {{}}}}'::json as metadata,
        {airbyte_columns(4, "g.ticket_no", tz("t.loaded_at"))}
    from merges as g
    join _g_tix as t using (ticket_no)
    join _g_people as p using (ticket_no)"""

# CSAT answers; a 3 has no Zendesk value and stays offered. An answered rating was first
# extracted while it was only offered.
RATING_SQL = f"""
    with ratings as (
        select
            {ID_BASE} + r.row_no as id,
            r.ticket_no as ticket_id,
            1000000 + p.customer as requester_id,
            case when r.score >= 4 then 'good' when r.score <= 2 then 'bad' else 'offered' end as score,
            {tz("r.ts - interval 10 minute")} as created_at,
            {tz("r.ts")} as updated_at,
            r.row_no,
            {tz(EXTRACTED.format(table="r"))} as extracted_at
        from _g_csat as r
        join _g_people as p using (ticket_no)
    )
    select
        id, ticket_id, requester_id, score, created_at, updated_at,
        {airbyte_columns(5, "row_no * 2 + 1", "extracted_at")}
    from ratings
    union all
    select
        id, ticket_id, requester_id, 'offered', created_at, created_at,
        {airbyte_columns(5, "row_no * 2", "least(extracted_at, created_at + interval 1 minute)")}
    from ratings
    where score in ('good', 'bad')"""

USER_COLUMNS = "id, name, email, role, active, created_at, updated_at"
USER_SQL = (
    f"""select 1000000 + i as id, 'Customer ' || i as name, 'customer' || i || '@example.com' as email,
        'end-user' as role, true as active, {tz("timestamp '2020-01-01'")} as created_at,
        {tz("timestamp '2020-01-01'")} as updated_at,
        {airbyte_columns(6, "1000000 + i", tz("timestamp '{synced}'"))}
    from range(1, {{customers}} + 1) as r(i)""",
    f"""select 1000 + i, 'Agent ' || i, 'agent' || i || '@support.example.com',
        case when i = 1 then 'admin' else 'agent' end, true, {tz("timestamp '2020-01-01'")},
        {tz("timestamp '2020-01-01'")}, {airbyte_columns(6, "1000 + i", tz("timestamp '{synced}'"))}
    from range(1, {N_AGENTS} + 1) as r(i)""",
    f"""select {AI_USER_ID}, 'AI agent (demo)', '{AI_USER_EMAIL}', 'agent', true, {tz("timestamp '2020-01-01'")},
        {tz("timestamp '2020-01-01'")}, {airbyte_columns(6, str(AI_USER_ID), tz("timestamp '{synced}'"))}""",
)

AIRBYTE_DDL = (
    "_airbyte_raw_id varchar, _airbyte_extracted_at timestamptz, _airbyte_meta json, _airbyte_generation_id bigint"
)


class ZendeskAirbyteLayout(SqlLayout):
    name = "zendesk_airbyte"
    tables: tuple[str, ...] = ("tickets", "ticket_comments", "ticket_audits", "satisfaction_ratings", "users")
    ddl = {
        "tickets": (
            "(id bigint, via json, created_at timestamptz, updated_at timestamptz, status varchar,"
            " requester_id bigint, submitter_id bigint, assignee_id bigint, group_id bigint, tags json,"
            f" custom_fields json, type varchar, subject varchar, {AIRBYTE_DDL})"
        ),
        "ticket_comments": (
            "(id bigint, ticket_id bigint, author_id bigint, created_at timestamptz, timestamp bigint,"
            f" public boolean, body varchar, via json, type varchar, event_type varchar, {AIRBYTE_DDL})"
        ),
        "ticket_audits": (
            "(id bigint, ticket_id bigint, author_id bigint, created_at timestamptz, via json, events json,"
            f" metadata json, {AIRBYTE_DDL})"
        ),
        "satisfaction_ratings": (
            "(id bigint, ticket_id bigint, requester_id bigint, score varchar, created_at timestamptz,"
            f" updated_at timestamptz, {AIRBYTE_DDL})"
        ),
        "users": (
            "(id bigint, name varchar, email varchar, role varchar, active boolean, created_at timestamptz,"
            f" updated_at timestamptz, {AIRBYTE_DDL})"
        ),
    }
    chunk_sql = {
        "tickets": (TICKET_SQL,),
        "ticket_comments": (COMMENT_SQL,),
        "ticket_audits": (AUDIT_SQL, MERGE_AUDIT_SQL),
        "satisfaction_ratings": (RATING_SQL,),
    }
    finish_sql = {"users": USER_SQL}
