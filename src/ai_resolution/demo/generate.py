"""Fill a raw schema with a realistic demo data set (``ai-resolution generate``).

Writes the five raw tables of the data contract (tickets, messages, ticket_events,
ai_actions, csat_responses) into one schema of a DuckDB file, replacing them if they exist,
and touches nothing else. The data are simulated conversations (``simulation``, coded by
``rows``) with the mess a real extraction has: re-extracted duplicate rows, odd enum
spellings, unknown values, nulls in optional columns.

Generation runs in chunks of tickets; each chunk is simulated with numpy, handed to DuckDB as
a dict of numpy arrays and inserted with one ``INSERT ... SELECT`` per table, so memory stays
bounded by the chunk size. The same seed, ticket count, start, days and chunk size always give
the same rows.

``append`` keeps the tables and adds days instead; ``command`` is the CLI of both.
"""

from __future__ import annotations

import calendar
import datetime as dt
import time
from dataclasses import dataclass, field

import duckdb
import numpy as np

from ai_resolution import db
from ai_resolution.demo.chunk import DAY
from ai_resolution.demo.rows import ChunkWriter, IdCounters, chunk_sizes, customer_weights
from ai_resolution.demo.simulation import simulate_chunk
from ai_resolution.demo.writer import RAW_TABLES, Log, create_tables, default_schema, insert_rows

DEFAULT_TICKETS = 20_000
DEFAULT_SEED = 42
DEFAULT_START = "2026-01-01"
DEFAULT_DAYS = 90
DEFAULT_CHUNK_SIZE = 50_000
MAX_TICKETS = 50_000_000  # ids are zero-padded to 8 digits


@dataclass(frozen=True)
class GenerateOptions:
    tickets: int = DEFAULT_TICKETS
    seed: int = DEFAULT_SEED
    schema: str = field(default_factory=default_schema)
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
