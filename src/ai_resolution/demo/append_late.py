"""Late-arriving rows of an append: recently solved earlier tickets continue in the new
period (the customer writes back, reopens, asks for a person) and some of their customers
come back on a new ticket about the same issue, so repeat contacts span the two batches."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np

from ai_resolution import db
from ai_resolution.demo import catalog as c
from ai_resolution.demo.append_plan import LATE_BEFORE_START, Batch
from ai_resolution.demo.chunk import DAY, HOUR, MINUTE, Chunk, match_by_key, pick
from ai_resolution.demo.simulation import ROUTE_AI, ROUTE_HUMAN, ConversationSim
from ai_resolution.demo.writer import TIME_COLUMN, sql_list

# Per new ticket of the batch's first LOOKBACK_DAYS: they concern recent earlier rows, so a
# long batch does not bring more of them.
LATE_TICKET_SHARE = 0.02  # earlier tickets that continue in the batch
# What a continued earlier ticket does: the customer writes back, reopens it, asks for a
# person, or comes back on a new ticket about the same issue (a repeat contact).
REPLY, REOPEN, ASK_HUMAN, NEW_TICKET = range(4)
LATE_FATES = (0.35, 0.2, 0.2, 0.25)
LATE_SPREAD_DAYS = 2  # a continuation starts within the first days (or just before them)
RETURN_WITHIN = 6 * DAY  # a returning customer's new ticket falls inside the repeat-contact window


@dataclass
class EarlierTickets:
    """Recently solved earlier tickets the AI worked on (codes parsed from their text)."""

    ticket_id: np.ndarray  # text
    ticket_no: np.ndarray
    customer: np.ndarray
    channel: np.ndarray
    issue: np.ndarray
    last_activity: np.ndarray  # epoch seconds

    def take(self, idx: np.ndarray) -> EarlierTickets:
        return EarlierTickets(**{name: value[idx] for name, value in vars(self).items()})


def recent_solved_tickets(con: duckdb.DuckDBPyConnection, schema: str, batch: Batch, n: int) -> EarlierTickets:
    """A sample of n tickets created in the lookback days whose latest extraction is solved or
    closed, not spam nor merged, that the AI worked on; only ids in the generator's style (the
    late rows are written with its id formats)."""
    s = db.quote_ident(schema)
    rows = con.execute(
        f"""
        with latest as (
            select ticket_id, customer_id, channel, issue_type, created_at, status, is_spam,
                merged_into_ticket_id
            from {s}.tickets
            where created_at >= make_timestamp($since::bigint * 1000000)
            qualify row_number() over (partition by ticket_id order by _loaded_at desc nulls last, status) = 1
        )
        select ticket_id, substr(ticket_id, 2)::bigint, substr(customer_id, 2)::bigint,
            coalesce(list_position({sql_list(c.CHANNELS)}, lower(trim(channel))), {c.OTHER + 1}) - 1,
            coalesce(list_position({sql_list(c.ISSUE_TYPES)}, lower(trim(issue_type))), {c.NULL_ISSUE + 1}) - 1,
            epoch(created_at)::bigint
        from latest
        where lower(trim(status)) in ('solved', 'closed') and is_spam is not true
            and merged_into_ticket_id is null
            and regexp_full_match(ticket_id, 'T[0-9]{{8}}') and regexp_full_match(customer_id, 'C[0-9]{{8}}')
            and ticket_id in (
                select ticket_id from {s}.ai_actions where occurred_at >= make_timestamp($since::bigint * 1000000)
            )
        order by hash(ticket_id, $salt), ticket_id
        limit $n
        """,
        {"since": batch.lookback_s, "salt": batch.salt, "n": n},
    ).fetchall()
    rows.sort()
    columns = list(zip(*rows, strict=True)) if rows else [()] * 6
    ids = np.array(columns[0], dtype=object)
    numbers = [np.array(col, dtype=np.int64) for col in columns[1:]]
    return EarlierTickets(ids, *numbers)


def add_last_activity(con: duckdb.DuckDBPyConnection, schema: str, tickets: EarlierTickets, since_s: int) -> None:
    """Set each ticket's last existing activity, so its continuation comes after it."""
    s = db.quote_ident(schema)
    view = "_ai_resolution_append_earlier"
    con.register(view, {"ticket_id": tickets.ticket_id})
    try:
        parts = " union all ".join(
            f"select ticket_id, {TIME_COLUMN[table]} as activity_at from {s}.{table} "
            f"where {TIME_COLUMN[table]} >= make_timestamp($since::bigint * 1000000) "
            f"and ticket_id in (select ticket_id from {view})"
            for table in ("messages", "ticket_events", "ai_actions", "csat_responses")
        )
        rows = con.execute(
            f"select ticket_id, epoch(max(activity_at))::bigint from ({parts}) group by 1", {"since": since_s}
        ).fetchall()
    finally:
        con.unregister(view)
    last = dict(rows)
    latest = np.array([last.get(ticket_id, 0) for ticket_id in tickets.ticket_id], dtype=np.int64)
    tickets.last_activity = np.maximum(tickets.last_activity, latest)


@dataclass
class LateRows:
    """The continuations of earlier tickets, simulated as a chunk whose 'creation' time is
    the moment each conversation picks up again."""

    tickets: EarlierTickets
    fate: np.ndarray
    chunk: Chunk
    end_s: int

    @property
    def continued(self) -> np.ndarray:
        """Tickets with late rows inside the batch (the returning customers open new tickets)."""
        return (self.fate != NEW_TICKET) & (self.chunk.created <= self.end_s)

    @property
    def returning(self) -> EarlierTickets:
        return self.tickets.take(np.flatnonzero(self.fate == NEW_TICKET))


def continue_conversations(rng: np.random.Generator, tickets: EarlierTickets, batch: Batch) -> LateRows:
    """Simulate what happens on the earlier tickets in the new period."""
    n = len(tickets.ticket_no)
    fate = pick(rng, n, LATE_FATES)
    spread = min(batch.days, LATE_SPREAD_DAYS) * DAY
    begin = np.where(
        rng.random(n) < 0.25,
        batch.start_s - rng.integers(0, LATE_BEFORE_START, n),
        batch.start_s + rng.integers(0, spread, n),
    )
    begin = np.maximum(begin, tickets.last_activity + rng.integers(MINUTE, HOUR, n))
    chunk = Chunk(
        created=begin,
        customer=tickets.customer.copy(),
        channel=tickets.channel.copy(),
        issue=tickets.issue.copy(),
        version=np.full(n, len(c.AGENT_VERSIONS) - 1, dtype=np.int64),  # the AI version live now
        route=np.full(n, ROUTE_AI, dtype=np.int64),
        has_status_events=np.ones(n, dtype=bool),
        agent=rng.integers(1, 61, n),
        merged_into=np.full(n, -1, dtype=np.int64),
    )
    # The same process as after a solve in a full generation (ConversationSim.after_ai_solve).
    sim = ConversationSim(rng, chunk)
    everyone = np.arange(n, dtype=np.int64)
    reply = everyone[fate == REPLY]
    sim.say(reply, sim.t[reply], c.CUSTOMER, "cust_return")
    flip = reply[sim.chance(reply, 0.6)]
    sim.set_status(flip, sim.t[flip] + 1, c.OPEN, c.SYSTEM)
    sim.t[flip] += 1
    reopen = everyone[fate == REOPEN]
    sim.set_status(reopen, sim.t[reopen], c.OPEN, c.CUSTOMER)
    sim.t[reopen] += sim.uniform(reopen, 30, 300)
    sim.say(reopen, sim.t[reopen], c.CUSTOMER, "cust_return")
    sim.ai_retries(np.sort(np.concatenate([reply, reopen])))
    ask = everyone[fate == ASK_HUMAN]
    sim.say(ask, sim.t[ask], c.CUSTOMER, "cust_ask_human")
    sim.handoff(ask, np.where(sim.chance(ask, 0.7), c.CUSTOMER_REQUEST, c.SENTIMENT))
    chunk.messages = sim.messages.collect()
    chunk.events = sim.events.collect()
    chunk.actions = sim.actions.collect()
    chunk.csat = sim.csat.collect()
    return LateRows(tickets, fate, chunk, batch.end_s)


def plan_late_rows(con: duckdb.DuckDBPyConnection, schema: str, batch: Batch) -> LateRows:
    sample = recent_solved_tickets(con, schema, batch, batch.share_of_recent(LATE_TICKET_SHARE))
    add_last_activity(con, schema, sample, batch.lookback_s)
    return continue_conversations(batch.rng(0, 1), sample, batch)


def last_status(chunk: Chunk, end_s: int) -> np.ndarray:
    """The status each ticket's last status event inside the period sets (-1: none)."""
    events = chunk.events
    at = chunk.created[events["tix"]] + events["off"]
    sel = (events["etype"] == c.STATUS_CHANGED) & (at <= end_s)
    tix, at, status = events["tix"][sel], at[sel], events["status"][sel]
    order = np.lexsort((at, tix))
    out = np.full(chunk.n, -1, dtype=np.int64)
    out[tix[order]] = status[order]  # with repeated indices numpy keeps the last write: the latest event
    return out


def link_returning(rng: np.random.Generator, chunk: Chunk, returning: EarlierTickets, start_s: int) -> int:
    """Make new tickets the return visits of earlier customers, about the same issue type and
    soon after the batch starts: repeat contacts across the two batches.

    Only tickets whose customer appears once in the chunk are taken, so merged tickets and
    the chunk's own repeat contacts keep their customer."""
    _, inverse, counts = np.unique(chunk.customer, return_inverse=True, return_counts=True)
    usable = (
        (counts[inverse] == 1)
        & np.isin(chunk.route, (ROUTE_AI, ROUTE_HUMAN))
        & (chunk.created < start_s + RETURN_WITHIN)
    )
    candidates = np.flatnonzero(usable)
    child = match_by_key(rng, returning.issue, candidates, chunk.issue[candidates])
    ok = child >= 0
    ok[ok] = chunk.created[child[ok]] > returning.last_activity[ok]
    chunk.customer[child[ok]] = returning.customer[ok]
    return int(ok.sum())
