"""``ai-resolution generate``: fill a raw schema with a realistic demo data set.

Writes the five raw tables of the data contract (tickets, messages, ticket_events,
ai_actions, csat_responses) into one schema of a DuckDB file, replacing them if they exist,
and touches nothing else. The data are simulated conversations (see ``simulation.py``) with
the mess a real extraction has: re-extracted duplicate rows, odd enum spellings, unknown
values, nulls in optional columns.

Generation runs in chunks of tickets; each chunk is simulated with numpy, handed to DuckDB as
a dict of numpy arrays and inserted with one ``INSERT ... SELECT`` per table, so memory stays
bounded by the chunk size. The same seed, ticket count, start, days and chunk size always give
the same rows.

``--append-days D`` keeps the tables and adds D more days instead (``generate_append.py``).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import numpy as np

from ai_resolution import catalog as c
from ai_resolution import db
from ai_resolution.simulation import DAY, HOUR, ROUTE_SPAM, Chunk, simulate_chunk

DEFAULT_TICKETS = 20_000
DEFAULT_SEED = 42
DEFAULT_SCHEMA = "raw"
DEFAULT_START = "2026-01-01"
DEFAULT_DAYS = 90
DEFAULT_CHUNK_SIZE = 50_000
MAX_TICKETS = 50_000_000  # ids are zero-padded to 8 digits
CUSTOMERS_PER_TICKET = 0.45  # ~2.2 tickets per customer on average, skewed

# Data-quality mess, as shares of rows.
TICKET_DUPLICATE_SHARE = 0.02
MESSAGE_DUPLICATE_SHARE = 0.02
EVENT_DUPLICATE_SHARE = 0.005
ACTION_DUPLICATE_SHARE = 0.005
CSAT_DUPLICATE_SHARE = 0.01
NULL_LOADED_AT_SHARE = 0.003
MESSY_CHANNEL_SHARE = 0.015
MESSY_STATUS_SHARE = 0.01
MESSY_ISSUE_SHARE = 0.005
MESSY_AUTHOR_SHARE = 0.005
MESSY_EVENT_TYPE_SHARE = 0.003
MESSY_OUTCOME_SHARE = 0.003
UNKNOWN_CHANNEL_SHARE_OF_OTHER = 0.15
NULL_STATUS_SHARE = 0.002
NULL_IS_SPAM_SHARE = 0.3
NULL_IS_PUBLIC_SHARE = 0.15
NULL_SYSTEM_ACTOR_SHARE = 0.1

# The contract: table -> (column, type), in contract order.
RAW_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "tickets": (
        ("ticket_id", "VARCHAR"),
        ("customer_id", "VARCHAR"),
        ("channel", "VARCHAR"),
        ("issue_type", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
        ("status", "VARCHAR"),
        ("is_spam", "BOOLEAN"),
        ("merged_into_ticket_id", "VARCHAR"),
        ("_loaded_at", "TIMESTAMP"),
    ),
    "messages": (
        ("message_id", "VARCHAR"),
        ("ticket_id", "VARCHAR"),
        ("sent_at", "TIMESTAMP"),
        ("author_type", "VARCHAR"),
        ("author_id", "VARCHAR"),
        ("is_public", "BOOLEAN"),
        ("body", "VARCHAR"),
        ("_loaded_at", "TIMESTAMP"),
    ),
    "ticket_events": (
        ("event_id", "VARCHAR"),
        ("ticket_id", "VARCHAR"),
        ("occurred_at", "TIMESTAMP"),
        ("event_type", "VARCHAR"),
        ("actor_type", "VARCHAR"),
        ("status", "VARCHAR"),
        ("assignee_type", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("_loaded_at", "TIMESTAMP"),
    ),
    "ai_actions": (
        ("action_id", "VARCHAR"),
        ("ticket_id", "VARCHAR"),
        ("occurred_at", "TIMESTAMP"),
        ("action_name", "VARCHAR"),
        ("procedure_name", "VARCHAR"),
        ("outcome", "VARCHAR"),
        ("policy_id", "VARCHAR"),
        ("policy_result", "VARCHAR"),
        ("is_final_step", "BOOLEAN"),
        ("agent_version", "VARCHAR"),
        ("_loaded_at", "TIMESTAMP"),
    ),
    "csat_responses": (
        ("response_id", "VARCHAR"),
        ("ticket_id", "VARCHAR"),
        ("responded_at", "TIMESTAMP"),
        ("score", "INTEGER"),
        ("_loaded_at", "TIMESTAMP"),
    ),
}

Log = Callable[[str], None]


@dataclass(frozen=True)
class GenerateOptions:
    tickets: int = DEFAULT_TICKETS
    seed: int = DEFAULT_SEED
    schema: str = DEFAULT_SCHEMA
    start: dt.date = dt.date.fromisoformat(DEFAULT_START)
    days: int = DEFAULT_DAYS
    chunk_size: int = DEFAULT_CHUNK_SIZE

    def validate(self) -> None:
        if not 1 <= self.tickets <= MAX_TICKETS:
            raise ValueError(f"--tickets must be between 1 and {MAX_TICKETS:,}")
        if self.days < 1:
            raise ValueError("--days must be at least 1")
        if self.chunk_size < 1:
            raise ValueError("--chunk-size must be at least 1")
        if self.seed < 0:
            raise ValueError("--seed must be a non-negative integer")
        db.check_identifier(self.schema)

    @property
    def start_s(self) -> int:
        """Midnight UTC of the first day, in epoch seconds."""
        return calendar.timegm(self.start.timetuple())

    @property
    def end_s(self) -> int:
        return self.start_s + self.days * DAY


@dataclass
class IdCounters:
    """Running numbers for the primary keys, continued from chunk to chunk."""

    ticket: int = 0
    message: int = 0
    event: int = 0
    action: int = 0
    response: int = 0


# --- SQL helpers ---------------------------------------------------------------------------


def _id(prefix: str, column: str, width: int) -> str:
    """SQL for a zero-padded text id, e.g. T00000042 (faster than printf)."""
    return f"'{prefix}' || substr(({column} + {10**width})::varchar, 2)"


def _sql_list(values: tuple[str, ...]) -> str:
    """A DuckDB list literal; index it with ``code + 1`` (code -1 gives NULL)."""
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


CHANNEL_TEXT = _sql_list(c.spellings(c.CHANNELS) + (c.UNKNOWN_CHANNEL,))
UNKNOWN_CHANNEL_CODE = len(c.CHANNELS) * c.N_SPELLINGS
ISSUE_TEXT = _sql_list(c.spellings(c.ISSUE_TYPES))
STATUS_TEXT = _sql_list(c.spellings(c.TICKET_STATUSES))
AUTHOR_TEXT = _sql_list(c.spellings(c.AUTHOR_TYPES))
EVENT_TYPE_TEXT = _sql_list(c.spellings(c.EVENT_TYPES))
OUTCOME_TEXT = _sql_list(c.spellings(c.ACTION_OUTCOMES))

INSERT_SQL = {
    "tickets": f"""
        select {_id("T", "ticket_no", 8)}, {_id("C", "customer", 8)},
            {CHANNEL_TEXT}[channel + 1], {ISSUE_TEXT}[issue + 1], created_at,
            {STATUS_TEXT}[status + 1], cast(nullif(is_spam, -1) as boolean),
            case when merged_no >= 0 then {_id("T", "merged_no", 8)} end, loaded_at
        from {{src}}""",
    "messages": f"""
        select {_id("M", "row_no", 10)}, {_id("T", "ticket_no", 8)}, ts,
            {AUTHOR_TEXT}[author_sp + 1],
            case author
                when {c.CUSTOMER} then {_id("C", "customer", 8)}
                when {c.AI} then 'ai-assistant'
                when {c.HUMAN} then {_id("agent_", "agent", 3)}
            end,
            cast(nullif(public, -1) as boolean), {_sql_list(c.BODY_TEXTS)}[body + 1], loaded_at
        from {{src}}""",
    "ticket_events": f"""
        select {_id("E", "row_no", 10)}, {_id("T", "ticket_no", 8)}, ts,
            {EVENT_TYPE_TEXT}[etype_sp + 1], {_sql_list(c.AUTHOR_TYPES)}[actor + 1],
            {_sql_list(c.TICKET_STATUSES)}[status + 1],
            {_sql_list(c.ASSIGNEE_TYPES)}[assignee + 1],
            {_sql_list(c.HANDOFF_REASONS)}[reason + 1], loaded_at
        from {{src}}""",
    "ai_actions": f"""
        select {_id("A", "row_no", 10)}, {_id("T", "ticket_no", 8)}, ts,
            {_sql_list(c.ACTIONS)}[action + 1], {_sql_list(c.PROCEDURES)}[proc + 1],
            {OUTCOME_TEXT}[outcome_sp + 1], {_sql_list(c.POLICIES)}[policy + 1],
            {_sql_list(c.POLICY_RESULTS)}[presult + 1], cast(nullif(final, -1) as boolean),
            {_sql_list(c.AGENT_VERSIONS)}[version + 1], loaded_at
        from {{src}}""",
    "csat_responses": f"""
        select {_id("R", "row_no", 10)}, {_id("T", "ticket_no", 8)}, ts,
            cast(score as integer), loaded_at
        from {{src}}""",
}


def create_tables(con: duckdb.DuckDBPyConnection, schema: str) -> None:
    """Create the schema if needed and (re)create the five raw tables, empty."""
    s = db.quote_ident(schema)
    con.execute(f"create schema if not exists {s}")
    for table, columns in RAW_TABLES.items():
        cols = ", ".join(f"{name} {sql_type}" for name, sql_type in columns)
        con.execute(f"create or replace table {s}.{table} ({cols})")


def insert_rows(con: duckdb.DuckDBPyConnection, schema: str, table: str, rows: dict[str, np.ndarray]) -> int:
    """Insert one chunk of coded rows through a registered dict of numpy arrays."""
    n = len(next(iter(rows.values())))
    if n == 0:
        return 0
    view = f"_ai_resolution_gen_{table}"
    con.register(view, rows)
    try:
        select = INSERT_SQL[table].format(src=view)
        con.execute(f"insert into {db.quote_ident(schema)}.{table} {select}")
    finally:
        con.unregister(view)
    return n


# --- turning a simulated chunk into coded rows ---------------------------------------------


def to_timestamp(seconds: np.ndarray, null: np.ndarray | None = None) -> np.ndarray:
    """Epoch seconds -> datetime64[us]; ``null`` marks NaT (NULL in DuckDB)."""
    ts = seconds.astype("datetime64[s]").astype("datetime64[us]")
    if null is not None:
        ts[null] = np.datetime64("NaT")
    return ts


def spell(rng: np.random.Generator, codes: np.ndarray, share: float) -> np.ndarray:
    """Code of a spelling (code*4 + variant): canonical mostly, an odd spelling for ``share``."""
    codes = np.asarray(codes, dtype=np.int64)
    odd = rng.random(len(codes)) < share
    variant = np.where(odd, rng.integers(1, c.N_SPELLINGS, len(codes)), 0)
    return np.where(codes >= 0, codes * c.N_SPELLINGS + variant, -1)


def loaded_after(
    rng: np.random.Generator, at: np.ndarray, end_s: int, null_share: float
) -> tuple[np.ndarray, np.ndarray]:
    """Extraction time shortly after ``at`` (never after the extraction run) and a null mask."""
    loaded = np.minimum(at + rng.integers(5 * 60, 3 * HOUR, len(at)), end_s + HOUR)
    return loaded, rng.random(len(at)) < null_share


def with_duplicates(
    rng: np.random.Generator,
    rows: dict[str, np.ndarray],
    loaded: np.ndarray,
    null: np.ndarray,
    share: float,
    end_s: int,
) -> dict[str, np.ndarray]:
    """Append re-extracted copies of a share of the rows, loaded later than the original."""
    dup = (rng.random(len(loaded)) < share) & ~null
    later = np.minimum(loaded[dup] + rng.integers(HOUR, 5 * DAY, int(dup.sum())), end_s + 2 * HOUR)
    out = {name: np.concatenate([col, col[dup]]) for name, col in rows.items()}
    out["loaded_at"] = np.concatenate([to_timestamp(loaded, null), to_timestamp(later)])
    return out


class ChunkWriter:
    """Turns a simulated chunk into the coded rows of each raw table."""

    def __init__(
        self,
        rng: np.random.Generator,
        chunk: Chunk,
        ids: IdCounters,
        end_s: int,
        ticket_no: np.ndarray | None = None,
    ) -> None:
        """``ticket_no`` names tickets that already exist (late rows of an append); by default
        the chunk's tickets are new and numbered on from ``ids.ticket``."""
        self.rng = rng
        self.k = chunk
        self.ids = ids
        self.end_s = end_s
        if ticket_no is None:
            order = np.argsort(chunk.created, kind="stable")  # ticket ids follow creation time
            ticket_no = np.empty(chunk.n, dtype=np.int64)
            ticket_no[order] = ids.ticket + np.arange(1, chunk.n + 1)
            ids.ticket += chunk.n
        self.ticket_no = ticket_no
        self.last_activity = chunk.created.copy()

    def place(self, table: dict[str, np.ndarray]) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """Absolute times, rows after the end of the period dropped, sorted per ticket and time."""
        at = self.k.created[table["tix"]] + table["off"]
        keep = at <= self.end_s
        rows = {name: col[keep] for name, col in table.items()}
        at = at[keep]
        order = np.lexsort((at, self.ticket_no[rows["tix"]]))
        rows = {name: col[order] for name, col in rows.items()}
        at = at[order]
        np.maximum.at(self.last_activity, rows["tix"], at)
        return rows, at

    def number(self, n: int, counter: str) -> np.ndarray:
        first = getattr(self.ids, counter)
        setattr(self.ids, counter, first + n)
        return first + np.arange(1, n + 1)

    def messages(self) -> dict[str, np.ndarray]:
        rows, at = self.place(self.k.messages)
        tix, rng = rows["tix"], self.rng
        public = rows["public"].astype(np.int64)
        public = np.where((public == 1) & (rng.random(len(public)) < NULL_IS_PUBLIC_SHARE), -1, public)
        loaded, null = loaded_after(rng, at, self.end_s, NULL_LOADED_AT_SHARE)
        out = {
            "row_no": self.number(len(tix), "message"),
            "ticket_no": self.ticket_no[tix],
            "ts": to_timestamp(at),
            "author": rows["author"],
            "author_sp": spell(rng, rows["author"], MESSY_AUTHOR_SHARE),
            "customer": self.k.customer[tix],
            "agent": self.k.agent[tix],
            "public": public,
            "body": rows["body"],
        }
        return with_duplicates(rng, out, loaded, null, MESSAGE_DUPLICATE_SHARE, self.end_s)

    def events(self) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """Event rows and the ticket status they leave behind (as of the end of the period)."""
        rows, at = self.place(self.k.events)
        tix, rng = rows["tix"], self.rng
        is_status = rows["etype"] == c.STATUS_CHANGED
        status = np.full(self.k.n, c.OPEN, dtype=np.int64)
        st_tix = tix[is_status]
        last = np.r_[st_tix[1:] != st_tix[:-1], True] if len(st_tix) else np.empty(0, bool)
        status[st_tix[last]] = rows["status"][is_status][last]
        # tickets from an integration without status events keep only their status column
        visible = ~(is_status & ~self.k.has_status_events[tix])
        rows = {name: col[visible] for name, col in rows.items()}
        at, tix = at[visible], tix[visible]
        actor = rows["actor"].astype(np.int64)
        actor = np.where((actor == c.SYSTEM) & (rng.random(len(actor)) < NULL_SYSTEM_ACTOR_SHARE), -1, actor)
        loaded, null = loaded_after(rng, at, self.end_s, NULL_LOADED_AT_SHARE)
        out = {
            "row_no": self.number(len(tix), "event"),
            "ticket_no": self.ticket_no[tix],
            "ts": to_timestamp(at),
            "etype_sp": spell(rng, rows["etype"], MESSY_EVENT_TYPE_SHARE),
            "actor": actor,
            "status": rows["status"],
            "assignee": rows["assignee"],
            "reason": rows["reason"],
        }
        return with_duplicates(rng, out, loaded, null, EVENT_DUPLICATE_SHARE, self.end_s), status

    def actions(self) -> dict[str, np.ndarray]:
        rows, at = self.place(self.k.actions)
        tix, rng = rows["tix"], self.rng
        version = np.where(rng.random(len(tix)) < 0.01, -1, self.k.version[tix])
        proc = np.where(rng.random(len(tix)) < 0.01, -1, rows["proc"])
        loaded, null = loaded_after(rng, at, self.end_s, NULL_LOADED_AT_SHARE)
        out = {
            "row_no": self.number(len(tix), "action"),
            "ticket_no": self.ticket_no[tix],
            "ts": to_timestamp(at),
            "action": rows["action"],
            "proc": proc,
            "outcome_sp": spell(rng, rows["outcome"], MESSY_OUTCOME_SHARE),
            "policy": rows["policy"],
            "presult": rows["presult"],
            "final": rows["final"],
            "version": version,
        }
        return with_duplicates(rng, out, loaded, null, ACTION_DUPLICATE_SHARE, self.end_s)

    def csat(self) -> dict[str, np.ndarray]:
        rows, at = self.place(self.k.csat)
        tix = rows["tix"]
        loaded, null = loaded_after(self.rng, at, self.end_s, 0.0)
        out = {
            "row_no": self.number(len(tix), "response"),
            "ticket_no": self.ticket_no[tix],
            "ts": to_timestamp(at),
            "score": rows["score"],
        }
        return with_duplicates(self.rng, out, loaded, null, CSAT_DUPLICATE_SHARE, self.end_s)

    def tickets(self, status: np.ndarray) -> dict[str, np.ndarray]:
        """Ticket rows (call last: the extraction time follows the last activity)."""
        k, rng, n = self.k, self.rng, self.k.n
        channel = spell(rng, k.channel, MESSY_CHANNEL_SHARE)
        unknown = (k.channel == c.OTHER) & (rng.random(n) < UNKNOWN_CHANNEL_SHARE_OF_OTHER)
        channel = np.where(unknown, UNKNOWN_CHANNEL_CODE, channel)
        issue = spell(rng, np.where(k.issue == c.NULL_ISSUE, -1, k.issue), MESSY_ISSUE_SHARE)
        status = np.where(rng.random(n) < NULL_STATUS_SHARE, -1, status)
        is_spam = np.where(k.route == ROUTE_SPAM, 1, np.where(rng.random(n) < NULL_IS_SPAM_SHARE, -1, 0))
        merged_no = np.where(k.merged_into >= 0, self.ticket_no[np.maximum(k.merged_into, 0)], -1)
        loaded, _ = loaded_after(rng, self.last_activity, self.end_s, 0.0)
        # re-extracted copies: an earlier snapshot, often from before the ticket was solved
        dup = rng.random(n) < TICKET_DUPLICATE_SHARE
        early = np.minimum(k.created + rng.integers(60, HOUR, n), loaded - 60)[dup]
        solved = np.isin(status, (c.SOLVED, c.CLOSED))
        early_status = np.where(solved & (rng.random(n) < 0.6), c.OPEN, status)[dup]
        order = np.argsort(self.ticket_no, kind="stable")
        both = np.concatenate([order, np.flatnonzero(dup)])
        return {
            "ticket_no": self.ticket_no[both],
            "customer": k.customer[both],
            "channel": channel[both],
            "issue": issue[both],
            "created_at": to_timestamp(k.created[both]),
            "status": spell(rng, np.concatenate([status[order], early_status]), MESSY_STATUS_SHARE),
            "is_spam": is_spam[both],
            "merged_no": merged_no[both],
            "loaded_at": to_timestamp(np.concatenate([loaded[order], early])),
        }


# --- the run -------------------------------------------------------------------------------


def customer_pool_size(tickets: int) -> int:
    return max(10, int(tickets * CUSTOMERS_PER_TICKET))


def customer_weights(seed: int, tickets: int, pool: int | None = None) -> np.ndarray:
    """Cumulative popularity of a skewed customer pool: many customers come back.

    Customer k's weight is the k-th draw of one seeded stream, so a larger ``pool`` (an
    append that grows the customer base) keeps the weights of the customers already drawn.
    """
    rng = np.random.default_rng([seed, 0xC057])
    return np.cumsum(rng.lognormal(0.0, 0.7, pool or customer_pool_size(tickets)))


def chunk_sizes(tickets: int, chunk_size: int) -> list[int]:
    full, rest = divmod(tickets, chunk_size)
    return [chunk_size] * full + ([rest] if rest else [])


def generate(con: duckdb.DuckDBPyConnection, options: GenerateOptions, log: Log = print) -> dict[str, int]:
    """Replace the raw tables in ``options.schema`` with freshly simulated data.

    Returns the row count per table.
    """
    options.validate()
    started = time.perf_counter()
    create_tables(con, options.schema)
    customer_cum = customer_weights(options.seed, options.tickets)
    ids = IdCounters()
    sizes = chunk_sizes(options.tickets, options.chunk_size)
    written = dict.fromkeys(RAW_TABLES, 0)
    for number, size in enumerate(sizes, start=1):
        rng = np.random.default_rng([options.seed, number])
        chunk = simulate_chunk(rng, size, customer_cum, options.start_s, options.days)
        writer = ChunkWriter(rng, chunk, ids, options.end_s)
        s = options.schema
        written["messages"] += insert_rows(con, s, "messages", writer.messages())
        events, status = writer.events()
        written["ticket_events"] += insert_rows(con, s, "ticket_events", events)
        written["ai_actions"] += insert_rows(con, s, "ai_actions", writer.actions())
        written["csat_responses"] += insert_rows(con, s, "csat_responses", writer.csat())
        written["tickets"] += insert_rows(con, s, "tickets", writer.tickets(status))
        log(
            f"chunk {number}/{len(sizes)}: {ids.ticket:,}/{options.tickets:,} tickets, "
            f"{written['messages']:,} messages so far ({time.perf_counter() - started:.1f}s)"
        )
    return written


# --- command line --------------------------------------------------------------------------


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def add_command(subparsers: argparse._SubParsersAction) -> None:
    """Register ``generate`` on the ``ai-resolution`` command line."""
    parser = subparsers.add_parser(
        "generate",
        help="fill the raw schema with simulated demo conversations",
        description=(
            "Simulate support conversations (AI agent, human agents, customers) and write "
            "them as the five raw tables of the data contract - tickets, messages, "
            "ticket_events, ai_actions, csat_responses - into one schema of the DuckDB file. "
            "The five tables are replaced; nothing outside that schema is touched. The same "
            "seed and options always produce the same rows. With --append-days D the tables "
            "are kept instead and D more days are added after the last existing day, at the "
            "existing daily rate (or --tickets N), every row loaded after the existing ones; "
            "the batch also carries late rows for earlier tickets and re-extracted copies of "
            "existing rows, as an incremental extraction would."
        ),
        epilog=(
            "example: ai-resolution generate --tickets 20000 --seed 42 && dbt build; "
            "then one more day: ai-resolution generate --append-days 1 && dbt build  "
            f"(database: --db, else ${db.DB_ENV_VAR}, else ./{db.DEFAULT_DB_FILE})"
        ),
    )
    parser.add_argument(
        "--tickets",
        type=int,
        default=None,
        metavar="N",
        help=f"number of tickets to generate (default {DEFAULT_TICKETS:,}; with --append-days: "
        "the existing tickets per day times D)",
    )
    parser.add_argument(
        "--append-days",
        type=int,
        default=None,
        metavar="D",
        help="keep the existing raw tables and append D more days after the last existing day",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        metavar="S",
        help=f"random seed (default {DEFAULT_SEED}); with --append-days, mixed with the first new day, and "
        "the original run's seed keeps its customers' weights",
    )
    db.add_db_argument(parser)
    parser.add_argument(
        "--schema",
        default=DEFAULT_SCHEMA,
        help=f"schema the raw tables are written to (default {DEFAULT_SCHEMA}); it must match the dbt var raw_schema",
    )
    parser.add_argument(
        "--start",
        type=_date,
        default=None,
        metavar="DATE",
        help=f"first day of the period, UTC (default {DEFAULT_START}; not with --append-days)",
    )
    parser.add_argument(
        "--days",
        type=int,
        default=None,
        metavar="D",
        help=f"length of the period in days (default {DEFAULT_DAYS}); the newest week is naturally not yet mature "
        "(not with --append-days)",
    )
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        metavar="N",
        help=f"tickets simulated and inserted per chunk (default "
        f"{DEFAULT_CHUNK_SIZE:,}); bounds memory; part of what "
        "determines the data",
    )
    parser.set_defaults(handler=run_command)


def run_command(args: argparse.Namespace) -> int:
    if args.append_days is not None:
        from ai_resolution import generate_append  # imports this module

        return generate_append.run_command(args)
    options = GenerateOptions(
        tickets=DEFAULT_TICKETS if args.tickets is None else args.tickets,
        seed=args.seed,
        schema=args.schema,
        start=args.start or _date(DEFAULT_START),
        days=DEFAULT_DAYS if args.days is None else args.days,
        chunk_size=args.chunk_size,
    )
    try:
        options.validate()
    except ValueError as exc:
        print(f"ai-resolution generate: error: {exc}", file=sys.stderr)
        return 2
    path = db.resolve_db_path(args.db)
    print(
        f"generating {options.tickets:,} tickets (seed {options.seed}, "
        f"{options.start.isoformat()} + {options.days} days) into {path} schema {options.schema}"
    )
    started = time.perf_counter()
    with db.connect(path) as con:
        generate(con, options)
        counts = table_counts(con, options.schema)
    print(f"done in {time.perf_counter() - started:.1f}s; rows per table:")
    for table, count in counts.items():
        print(f"  {options.schema}.{table:<15} {count:>12,}")
    return 0


def table_counts(con: duckdb.DuckDBPyConnection, schema: str) -> dict[str, int]:
    s = db.quote_ident(schema)
    counts = {}
    for table in RAW_TABLES:
        row = con.execute(f"select count(*) from {s}.{table}").fetchone()
        counts[table] = int(row[0]) if row else 0
    return counts
