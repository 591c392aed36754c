"""``ai-resolution generate --append-days D``: add D more days to existing raw tables.

An incremental pipeline is tested by loading "one more day" into raw tables it has already
read. This module simulates that delivery on top of what ``generate`` wrote:

* new tickets for the D days after the last existing ``tickets.created_at`` day, by default
  at the existing daily rate, simulated and written chunk by chunk exactly like ``generate``
  (same customer pool, ids continued after the existing maxima);
* late-arriving rows: a small share of recently solved earlier tickets continue in the new
  period (the customer writes back, reopens, asks for a person) and some of their customers
  come back on a new ticket about the same issue, so repeat contacts span the two batches;
* re-extracted rows: copies of a few recent existing rows under the same key, some with a
  changed value (a ticket's status after its late activity, a message's ``sent_at`` shifted
  by a second), so the latest extraction must win.

Every appended row is loaded (``_loaded_at``) after every existing non-null ``_loaded_at`` of
the five tables, which is how an incremental run finds it. The batch is written in one
transaction and is deterministic: the same existing rows, seed and options give the same
appended rows, and the seed is mixed with the first appended day, so consecutive appends
differ.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, replace

import duckdb
import numpy as np

from ai_resolution import catalog as c
from ai_resolution import db
from ai_resolution.generate import (
    DEFAULT_CHUNK_SIZE,
    DEFAULT_SCHEMA,
    DEFAULT_SEED,
    RAW_TABLES,
    ChunkWriter,
    IdCounters,
    Log,
    _sql_list,
    chunk_sizes,
    customer_pool_size,
    customer_weights,
    insert_rows,
    loaded_after,
    table_counts,
    to_timestamp,
)
from ai_resolution.simulation import (
    DAY,
    HOUR,
    MINUTE,
    ROUTE_AI,
    ROUTE_HUMAN,
    Chunk,
    ConversationSim,
    match_by_key,
    pick,
    simulate_chunk,
)

APPEND_STREAM = 0xA99E  # keeps the append's random streams apart from a full generation's
MAX_TICKET_NO = 10**8 - 1  # ticket ids are T + 8 digits

LOOKBACK_DAYS = 3  # late rows and re-extractions concern tickets of the last days before the batch
# Both per new ticket of the batch's first LOOKBACK_DAYS: they concern recent earlier rows, so a
# long batch does not bring more of them.
LATE_TICKET_SHARE = 0.02  # earlier tickets that continue in the batch
# What a continued earlier ticket does: the customer writes back, reopens it, asks for a
# person, or comes back on a new ticket about the same issue (a repeat contact).
REPLY, REOPEN, ASK_HUMAN, NEW_TICKET = range(4)
LATE_FATES = (0.35, 0.2, 0.2, 0.25)
LATE_BEFORE_START = 2 * HOUR  # a continuation may start slightly before the appended days...
LATE_SPREAD_DAYS = 2  # ...and otherwise within their first days
RETURN_WITHIN = 6 * DAY  # a returning customer's new ticket falls inside the repeat-contact window
REEXTRACT_SHARE = 0.01  # re-extracted existing rows, per table
SHIFTED_TIME_SHARE = 0.3  # re-extracted messages whose sent_at the source corrected by a second

# table -> (IdCounters field, id prefix, digits), as generate writes them
ID_FORMAT = {
    "tickets": ("ticket", "T", 8),
    "messages": ("message", "M", 10),
    "ticket_events": ("event", "E", 10),
    "ai_actions": ("action", "A", 10),
    "csat_responses": ("response", "R", 10),
}
TIME_COLUMN = {
    "tickets": "created_at",
    "messages": "sent_at",
    "ticket_events": "occurred_at",
    "ai_actions": "occurred_at",
    "csat_responses": "responded_at",
}
STATUS_TEXT = _sql_list(c.TICKET_STATUSES)


class AppendError(Exception):
    """The raw tables cannot be appended to (missing, empty, off the contract, ids exhausted)."""


@dataclass(frozen=True)
class AppendOptions:
    days: int
    tickets: int | None = None  # None: the existing daily rate
    seed: int = DEFAULT_SEED
    schema: str = DEFAULT_SCHEMA
    chunk_size: int = DEFAULT_CHUNK_SIZE

    def validate(self) -> None:
        if self.days < 1:
            raise ValueError("--append-days must be at least 1")
        if self.tickets is not None and self.tickets < 1:
            raise ValueError("--tickets must be at least 1")
        if self.chunk_size < 1:
            raise ValueError("--chunk-size must be at least 1")
        if self.seed < 0:
            raise ValueError("--seed must be a non-negative integer")
        db.check_identifier(self.schema)


# --- what is there already -----------------------------------------------------------------


@dataclass(frozen=True)
class Existing:
    """The facts about the existing raw tables the batch is planned from."""

    tickets: int  # distinct ticket ids
    first_day_s: int  # midnight UTC of the first and last tickets.created_at day
    last_day_s: int
    ids: IdCounters  # highest numeric id per table
    max_customer: int
    watermark_s: int | None  # latest non-null _loaded_at of the five tables (floored to the second)

    @property
    def days(self) -> int:
        return (self.last_day_s - self.first_day_s) // DAY + 1


def check_tables(con: duckdb.DuckDBPyConnection, schema: str) -> None:
    """Fail clearly unless the schema holds the five raw tables with the contract's columns."""
    rows = con.execute(
        """
        select table_name, list(column_name order by ordinal_position)
        from information_schema.columns
        where table_catalog = current_database() and table_schema = ?
        group by 1
        """,
        [schema],
    ).fetchall()
    found = dict(rows)
    missing = [table for table in RAW_TABLES if table not in found]
    if missing:
        raise AppendError(f"schema {schema} has no table {', '.join(missing)}; run 'ai-resolution generate' first")
    for table, columns in RAW_TABLES.items():
        if list(found[table]) != [name for name, _ in columns]:
            raise AppendError(f"{schema}.{table} does not have the columns of the raw contract")


def highest_number(con: duckdb.DuckDBPyConnection, relation: str, column: str, prefix: str, digits: int) -> int:
    """The highest number among ids in generate's format (prefix + zero-padded digits), 0 if none.

    Only ids of that exact format can collide with new ones, and among them text order is
    number order, so the plain maximum (cheap) answers unless it is an id of another shape."""
    pattern = re.compile(f"{prefix}[0-9]{{{digits}}}")
    row = con.execute(f"select max({column}) from {relation}").fetchone()
    top = row[0] if row else None
    if top is not None and not pattern.fullmatch(top):
        sql = f"select max({column}) filter (where regexp_full_match({column}, '{pattern.pattern}')) from {relation}"
        row = con.execute(sql).fetchone()
        top = row[0] if row else None
    return int(top[1:]) if top else 0


def read_existing(con: duckdb.DuckDBPyConnection, schema: str) -> Existing:
    check_tables(con, schema)
    s = db.quote_ident(schema)
    tickets, first, last = con.execute(
        f"""
        select count(distinct ticket_id), epoch(date_trunc('day', min(created_at)))::bigint,
            epoch(date_trunc('day', max(created_at)))::bigint
        from {s}.tickets
        """
    ).fetchone()
    if not tickets or first is None:
        raise AppendError(f"{schema}.tickets has no tickets to append to; run 'ai-resolution generate' first")
    ids = IdCounters()
    loads = []
    for table, (counter, prefix, digits) in ID_FORMAT.items():
        setattr(ids, counter, highest_number(con, f"{s}.{table}", RAW_TABLES[table][0][0], prefix, digits))
        row = con.execute(f"select floor(epoch(max(_loaded_at)))::bigint from {s}.{table}").fetchone()
        if row and row[0] is not None:
            loads.append(int(row[0]))
    max_customer = highest_number(con, f"{s}.tickets", "customer_id", "C", 8)
    return Existing(int(tickets), int(first), int(last), ids, max_customer, max(loads, default=None))


# --- the batch -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Batch:
    """Where, how big and how random the appended batch is; fixed before anything is written."""

    existing: Existing
    start_s: int
    days: int
    tickets: int
    seed: int

    @property
    def end_s(self) -> int:
        return self.start_s + self.days * DAY

    @property
    def lookback_s(self) -> int:
        return self.start_s - LOOKBACK_DAYS * DAY

    def share_of_recent(self, share: float) -> int:
        """``share`` of the new tickets of the first LOOKBACK_DAYS, at least 1."""
        return max(1, round(share * self.tickets * min(self.days, LOOKBACK_DAYS) / self.days))

    @property
    def salt(self) -> str:
        """Mixed into the hashes that sample existing rows in SQL (no full key list in memory)."""
        return f"{self.seed}/{self.start_s // DAY}"

    def rng(self, *stream: int) -> np.random.Generator:
        """A random stream of this batch: seed, first appended day, then the stream's numbers."""
        return np.random.default_rng([self.seed, self.start_s // DAY, APPEND_STREAM, *stream])


def plan_batch(existing: Existing, options: AppendOptions) -> Batch:
    if options.tickets is not None:
        tickets = options.tickets
    else:  # keep the daily rate; round half up
        tickets = max(1, int(existing.tickets * options.days / existing.days + 0.5))
    if existing.ids.ticket + tickets > MAX_TICKET_NO:
        raise AppendError(f"ticket ids would pass T{MAX_TICKET_NO}: too many tickets")
    return Batch(existing, existing.last_day_s + DAY, options.days, tickets, options.seed)


@dataclass(frozen=True)
class LoadClock:
    """Load times of the batch: each later than the existing watermark, their order kept.

    A row naturally loads minutes to hours after its activity, but the existing rows were
    loaded until a few hours after their period ended (the watermark), so a new row's natural
    load time can fall before it. Such times are moved into the span after the watermark, at
    half speed; later ones are left alone. The map is increasing, so a re-extracted copy stays
    later than its original (their natural times differ by a minute or more) and the load
    times do not drift later with every consecutive append.
    """

    watermark_s: int
    low_s: int  # no natural load time of the batch is earlier

    def __call__(self, loaded: np.ndarray) -> np.ndarray:
        null = np.isnat(loaded)
        seconds = loaded.astype("datetime64[s]").astype(np.int64)
        moved = np.maximum(seconds, self.watermark_s + 1 + np.maximum(seconds - self.low_s, 0) // 2)
        return to_timestamp(moved, null)


def load_clock(batch: Batch) -> LoadClock:
    low = batch.start_s - LATE_BEFORE_START
    watermark = batch.existing.watermark_s
    return LoadClock(low - 1 if watermark is None else watermark, low)


def insert_loaded(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, rows: dict[str, np.ndarray], clock: LoadClock
) -> int:
    rows["loaded_at"] = clock(rows["loaded_at"])
    return insert_rows(con, schema, table, rows)


# --- late-arriving rows of earlier tickets -------------------------------------------------


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
            coalesce(list_position({_sql_list(c.CHANNELS)}, lower(trim(channel))), {c.OTHER + 1}) - 1,
            coalesce(list_position({_sql_list(c.ISSUE_TYPES)}, lower(trim(issue_type))), {c.NULL_ISSUE + 1}) - 1,
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


# --- re-extracted rows ---------------------------------------------------------------------


@dataclass
class Reextraction:
    """Existing rows to copy under the same key, with a new load time and maybe a change."""

    key: np.ndarray  # text
    loaded_at: np.ndarray  # datetime64[us]
    shift_s: np.ndarray  # seconds added to the row's time column
    status: np.ndarray  # tickets: the new status code; -1 keeps the old value

    def __add__(self, other: Reextraction) -> Reextraction:
        pairs = zip(vars(self).values(), vars(other).values(), strict=True)
        return Reextraction(*(np.concatenate([a, b]) for a, b in pairs))


def recent_keys(con: duckdb.DuckDBPyConnection, schema: str, table: str, batch: Batch, n: int) -> np.ndarray:
    """A sample of n keys of the table's loaded rows of the lookback days (recent rows get
    re-synced), in a fixed pseudo-random order."""
    key, at = RAW_TABLES[table][0][0], TIME_COLUMN[table]
    rows = con.execute(
        f"""
        select {key} from {db.quote_ident(schema)}.{table}
        where {at} >= make_timestamp($since::bigint * 1000000) and _loaded_at is not null and {key} is not null
        group by 1
        order by hash({key}, $salt), {key}
        limit $n
        """,
        {"since": batch.lookback_s, "salt": batch.salt, "n": n},
    ).fetchall()
    return np.array([row[0] for row in rows], dtype=object)


def sample_reextractions(
    con: duckdb.DuckDBPyConnection, schema: str, batch: Batch, clock: LoadClock, continued: np.ndarray
) -> dict[str, Reextraction]:
    """A few recent existing rows per table, copied again somewhere in the new period.

    Tickets that continue in the batch are left out here: their re-extraction carries the
    status their late activity left (see ``write_late_rows``)."""
    rng = batch.rng(0, 3)
    wanted = batch.share_of_recent(REEXTRACT_SHARE)
    out = {}
    for table in RAW_TABLES:
        if table == "tickets":  # sample as many more as may be dropped
            keys = recent_keys(con, schema, table, batch, wanted + len(continued))
            keys = keys[~np.isin(keys, continued)]
        else:
            keys = recent_keys(con, schema, table, batch, wanted)
        chosen = keys[:wanted]
        n = len(chosen)
        loaded = batch.start_s + rng.integers(0, batch.days * DAY, n)
        shifted = rng.random(n) < (SHIFTED_TIME_SHARE if table == "messages" else 0.0)
        out[table] = Reextraction(
            chosen, clock(to_timestamp(loaded)), shifted.astype(np.int64), np.full(n, -1, dtype=np.int64)
        )
    return out


def insert_reextracted(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, sample: Reextraction, watermark_s: int
) -> int:
    """Copy the latest existing row of each sampled key, with its changes and new load time."""
    if len(sample.key) == 0:
        return 0
    s = db.quote_ident(schema)
    columns = [name for name, _ in RAW_TABLES[table]]
    key, at = columns[0], TIME_COLUMN[table]
    values = {name: f"t.{name}" for name in columns}
    values[at] = f"t.{at} + to_seconds(v.shift_s)"
    values["_loaded_at"] = "v.loaded_at"
    if table == "tickets":
        values["status"] = f"coalesce({STATUS_TEXT}[v.status + 1], t.status)"
    view = f"_ai_resolution_append_{table}"
    con.register(view, vars(sample))
    try:
        # rows loaded before the next whole second after the watermark: the existing ones
        row = con.execute(
            f"""
            insert into {s}.{table}
            select {", ".join(values[name] for name in columns)}
            from {s}.{table} t join {view} v on t.{key} = v.key
            where t._loaded_at < make_timestamp(($watermark::bigint + 1) * 1000000)
            qualify row_number() over (partition by t.{key} order by t._loaded_at desc, t.{at} desc) = 1
            """,
            {"watermark": watermark_s},
        ).fetchone()
    finally:
        con.unregister(view)
    return int(row[0]) if row else 0


# --- writing the batch ---------------------------------------------------------------------


def write_late_rows(
    con: duckdb.DuckDBPyConnection, schema: str, late: LateRows, ids: IdCounters, clock: LoadClock, batch: Batch
) -> tuple[dict[str, int], Reextraction]:
    """Write the late child rows (new ids, earlier tickets); return the counts and the
    re-extraction of those tickets, which the source exports again with the status the late
    activity left, after their last new activity."""
    rng = batch.rng(0, 2)
    writer = ChunkWriter(rng, late.chunk, ids, late.end_s, ticket_no=late.tickets.ticket_no)
    written = dict.fromkeys(RAW_TABLES, 0)
    written["messages"] = insert_loaded(con, schema, "messages", writer.messages(), clock)
    events, _ = writer.events()
    written["ticket_events"] = insert_loaded(con, schema, "ticket_events", events, clock)
    written["ai_actions"] = insert_loaded(con, schema, "ai_actions", writer.actions(), clock)
    written["csat_responses"] = insert_loaded(con, schema, "csat_responses", writer.csat(), clock)
    continued = late.continued
    loaded, _ = loaded_after(rng, writer.last_activity[continued], late.end_s, 0.0)
    status = last_status(late.chunk, late.end_s)[continued]
    tickets = Reextraction(
        late.tickets.ticket_id[continued], clock(to_timestamp(loaded)), np.zeros(len(status), np.int64), status
    )
    return written, tickets


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


def customer_pool(batch: Batch) -> np.ndarray:
    """The original generation's customer weights (with the same --seed), the pool grown with
    the ticket count; the existing customer numbers stay inside it. The existing maximum is
    bounded so that foreign customer ids cannot blow up the weights array."""
    total = batch.existing.tickets + batch.tickets
    size = customer_pool_size(total)
    return customer_weights(batch.seed, total, pool=max(size, min(batch.existing.max_customer, 2 * size)))


def write_new_tickets(
    con: duckdb.DuckDBPyConnection,
    options: AppendOptions,
    batch: Batch,
    ids: IdCounters,
    clock: LoadClock,
    returning: EarlierTickets,
    log: Log,
) -> dict[str, int]:
    """Simulate and write the new tickets chunk by chunk, as ``generate`` does."""
    started = time.perf_counter()
    customer_cum = customer_pool(batch)
    # agent releases keep the schedule of the whole history: the batch meets the newest version
    release_period = (batch.existing.first_day_s, batch.existing.days)
    sizes = chunk_sizes(batch.tickets, options.chunk_size)
    first_ticket = ids.ticket
    written = dict.fromkeys(RAW_TABLES, 0)
    s = options.schema
    for number, size in enumerate(sizes, start=1):
        rng = batch.rng(number)
        chunk = simulate_chunk(rng, size, customer_cum, batch.start_s, batch.days, release_period)
        if number == 1:
            linked = link_returning(batch.rng(0, 4), chunk, returning, batch.start_s)
            log(f"{linked:,} new tickets are earlier customers coming back about the same issue")
        writer = ChunkWriter(rng, chunk, ids, batch.end_s)
        written["messages"] += insert_loaded(con, s, "messages", writer.messages(), clock)
        events, status = writer.events()
        written["ticket_events"] += insert_loaded(con, s, "ticket_events", events, clock)
        written["ai_actions"] += insert_loaded(con, s, "ai_actions", writer.actions(), clock)
        written["csat_responses"] += insert_loaded(con, s, "csat_responses", writer.csat(), clock)
        written["tickets"] += insert_loaded(con, s, "tickets", writer.tickets(status), clock)
        log(
            f"chunk {number}/{len(sizes)}: {ids.ticket - first_ticket:,}/{batch.tickets:,} new tickets, "
            f"{written['messages']:,} messages so far ({time.perf_counter() - started:.1f}s)"
        )
    return written


def append(con: duckdb.DuckDBPyConnection, options: AppendOptions, log: Log = print) -> dict[str, int]:
    """Append ``options.days`` days to the raw tables in ``options.schema``, in one transaction.

    Returns the rows appended per table (new, late and re-extracted)."""
    options.validate()
    existing = read_existing(con, options.schema)
    batch = plan_batch(existing, options)
    start = time.strftime("%Y-%m-%d", time.gmtime(batch.start_s))
    log(
        f"existing: {existing.tickets:,} tickets over {existing.days} days; appending {batch.tickets:,} "
        f"tickets for {start} + {batch.days} days"
    )
    clock = load_clock(batch)
    s = options.schema
    late = plan_late_rows(con, s, batch)
    samples = sample_reextractions(con, s, batch, clock, late.tickets.ticket_id[late.continued])
    ids = replace(existing.ids)
    con.begin()
    try:
        written, continued = write_late_rows(con, s, late, ids, clock, batch)
        log(
            f"late rows for {len(continued.key):,} earlier tickets: {written['messages']:,} messages, "
            f"{written['ticket_events']:,} events, {written['ai_actions']:,} AI actions"
        )
        for table, count in write_new_tickets(con, options, batch, ids, clock, late.returning, log).items():
            written[table] += count
        samples["tickets"] = continued + samples["tickets"]
        if existing.watermark_s is not None:  # nothing was ever loaded: nothing to load again
            reextracted = {
                t: insert_reextracted(con, s, t, sample, existing.watermark_s) for t, sample in samples.items()
            }
            for table, count in reextracted.items():
                written[table] += count
            log(f"re-extracted existing rows: {', '.join(f'{t} {n:,}' for t, n in reextracted.items())}")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return written


# --- command line --------------------------------------------------------------------------


def _error(message: str) -> int:
    print(f"ai-resolution generate: error: {message}", file=sys.stderr)
    return 2


def run_command(args: argparse.Namespace) -> int:
    """``generate --append-days D`` (called by ``generate.run_command``)."""
    if args.start is not None or args.days is not None:
        return _error("--start and --days do not apply with --append-days: the new days follow the existing ones")
    options = AppendOptions(
        days=args.append_days, tickets=args.tickets, seed=args.seed, schema=args.schema, chunk_size=args.chunk_size
    )
    try:
        options.validate()
    except ValueError as exc:
        return _error(str(exc))
    path = db.resolve_db_path(args.db)
    if not path.exists():
        return _error(f"cannot append: no database at {path}; run 'ai-resolution generate' first")
    print(f"appending {options.days} day(s) (seed {options.seed}) to {path} schema {options.schema}")
    started = time.perf_counter()
    with db.connect(path) as con:
        try:
            written = append(con, options)
        except AppendError as exc:
            return _error(f"cannot append: {exc}")
        counts = table_counts(con, options.schema)
    print(f"done in {time.perf_counter() - started:.1f}s; rows per table (appended):")
    for table, count in counts.items():
        print(f"  {options.schema}.{table:<15} {count:>12,}  (+{written[table]:,})")
    return 0
