"""What an append starts from: the existing raw tables, the batch planned on top of them,
and the clock that loads every new row after the existing ones."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb
import numpy as np

from ai_resolution import db
from ai_resolution.demo.chunk import DAY, HOUR
from ai_resolution.demo.generate import DEFAULT_CHUNK_SIZE, DEFAULT_SEED
from ai_resolution.demo.load_time import loaded_from, now_s
from ai_resolution.demo.rows import IdCounters
from ai_resolution.demo.writer import ID_FORMAT, RAW_TABLES, default_schema

APPEND_STREAM = 0xA99E  # keeps the append's random streams apart from a full generation's
MAX_TICKET_NO = 10**8 - 1  # ticket ids are T + 8 digits

LOOKBACK_DAYS = 3  # late rows and re-extractions concern tickets of the last days before the batch
LATE_BEFORE_START = 2 * HOUR  # a continuation may start slightly before the appended days...


class AppendError(Exception):
    """The raw tables cannot be appended to (missing, empty, off the contract, ids exhausted)."""


@dataclass(frozen=True)
class AppendOptions:
    days: int
    tickets: int | None = None  # None: the existing daily rate
    seed: int = DEFAULT_SEED
    schema: str = field(default_factory=default_schema)
    chunk_size: int = DEFAULT_CHUNK_SIZE
    # When the batch is loaded (epoch seconds): None, the moment the append runs (LoadClock).
    load_s: int | None = None

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
    row = con.execute(
        f"""
        select count(distinct ticket_id), epoch(date_trunc('day', min(created_at)))::bigint,
            epoch(date_trunc('day', max(created_at)))::bigint
        from {s}.tickets
        """
    ).fetchone()
    tickets, first, last = row if row else (0, None, None)
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
    """Load times of the batch: the moment the append runs, each later than the existing
    watermark, their order kept.

    A row naturally loads minutes to hours after its activity. Those natural times are
    compressed into the run (``load_time.loaded_from``): the batch's earliest possible natural
    time ``low_s`` falls on ``start_s``, the later of the moment the append runs and the second
    after the watermark, and each later natural second adds 100 µs. The map is increasing, so a
    re-extracted copy stays later than its original (their natural times differ by a minute or
    more), every appended row is loaded after every existing one, and the load times do not
    drift later with every consecutive append (a day of natural loading takes 9 s).
    """

    watermark_s: int
    low_s: int  # no natural load time of the batch is earlier
    start_s: int  # the load time of low_s: after the watermark, not before the run

    def __call__(self, loaded: np.ndarray) -> np.ndarray:
        return loaded_from(loaded, self.low_s, self.start_s)


def load_clock(batch: Batch, load_s: int | None = None) -> LoadClock:
    """The batch's clock; ``load_s``: when the append runs (epoch seconds), None for now."""
    low = batch.start_s - LATE_BEFORE_START
    watermark = batch.existing.watermark_s
    run_s = now_s() if load_s is None else load_s
    if watermark is None:
        return LoadClock(low - 1, low, run_s)
    return LoadClock(watermark, low, max(run_s, watermark + 1))
