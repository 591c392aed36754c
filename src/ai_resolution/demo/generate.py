"""Fill a raw schema with a realistic demo data set (``ai-resolution generate``).

Writes the five raw tables of the data contract (tickets, messages, ticket_events,
ai_actions, csat_responses) into one schema of a DuckDB file, replacing them if they exist,
and touches nothing else; or, with ``layout`` zendesk, intercom or salesforce, the same conversations
as that help desk's own tables in Fivetran's layout (``layouts``, ``zendesk``, ``intercom``,
``salesforce``), or with ``layout`` kustomer as a Singer tap-kustomer lands Kustomer's records
(``kustomer``).
The data are simulated conversations (``simulation``, coded by
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
from ai_resolution.demo.chunk import DAY, HOUR
from ai_resolution.demo.intercom import IntercomLayout
from ai_resolution.demo.kustomer import KustomerLayout
from ai_resolution.demo.layouts import CodedChunk, ContractLayout, Layout
from ai_resolution.demo.load_time import loaded_until, now_s
from ai_resolution.demo.rows import ChunkWriter, IdCounters, chunk_sizes, customer_weights
from ai_resolution.demo.salesforce import SalesforceLayout
from ai_resolution.demo.simulation import simulate_chunk
from ai_resolution.demo.writer import Log, default_schema, to_timestamp
from ai_resolution.demo.zendesk import ZendeskLayout
from ai_resolution.demo.zendesk_airbyte import ZendeskAirbyteLayout
from ai_resolution.source_layouts import LAYOUTS

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
    layout: str = "contract"
    # When the rows are loaded (_loaded_at of the newest, epoch seconds): None, the moment
    # generate runs, as a loader would stamp them (load_time). Fixed by the tests that
    # compare two generations.
    load_s: int | None = None

    def validate(self) -> None:
        if self.layout not in LAYOUTS:
            raise ValueError(f"--layout must be one of {', '.join(LAYOUTS)}")
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


def get_layout(name: str) -> Layout:
    """The layout named by ``--layout``."""
    layouts: dict[str, Layout] = {
        "contract": ContractLayout(),
        "zendesk": ZendeskLayout(),
        "intercom": IntercomLayout(),
        "salesforce": SalesforceLayout(),
        "kustomer": KustomerLayout(),
        "zendesk_airbyte": ZendeskAirbyteLayout(),
    }
    if name not in layouts:
        raise ValueError(f"--layout must be one of {', '.join(LAYOUTS)}")
    return layouts[name]


def drop_other_layouts(con: duckdb.DuckDBPyConnection, schema: str, layout: Layout) -> None:
    """Drop the tables another layout's generate wrote into the schema: a build reads one
    layout, and a help desk's build also reads the contract's ai_actions when present."""
    for other in LAYOUTS:
        for table in get_layout(other).tables:
            if table not in layout.tables:
                con.execute(f"drop table if exists {db.quote_ident(schema)}.{db.quote_ident(table)}")


def table_counts(con: duckdb.DuckDBPyConnection, schema: str, layout: str = "contract") -> dict[str, int]:
    counts = {}
    for table in get_layout(layout).tables:
        row = con.execute(f"select count(*) from {db.quote_ident(schema)}.{db.quote_ident(table)}").fetchone()
        counts[table] = int(row[0]) if row else 0
    return counts


def generate(con: duckdb.DuckDBPyConnection, options: GenerateOptions, log: Log = print) -> dict[str, int]:
    """Replace the raw tables of ``options.layout`` in ``options.schema`` with freshly
    simulated data.

    Returns the row count per table.
    """
    options.validate()
    started = time.perf_counter()
    layout = get_layout(options.layout)
    drop_other_layouts(con, options.schema, layout)
    layout.create(con, options.schema)
    customer_cum = customer_weights(options.seed, options.tickets)
    ids = IdCounters()
    sizes = chunk_sizes(options.tickets, options.chunk_size)
    written = dict.fromkeys(layout.tables, 0)
    # Every row is loaded by this run: the natural load times (never later than two hours
    # after the period) end at the moment it runs.
    load_s = now_s() if options.load_s is None else options.load_s
    natural_high_s = options.end_s + 2 * HOUR
    for number, size in enumerate(sizes, start=1):
        rng = np.random.default_rng([options.seed, number])
        chunk = simulate_chunk(rng, size, customer_cum, options.start_s, options.days)
        writer = ChunkWriter(rng, chunk, ids, options.end_s)
        # The rows are drawn in this order whatever the layout: one seed, one data set.
        messages = writer.messages()
        events, status = writer.events()
        actions = writer.actions()
        csat = writer.csat()
        tickets = writer.tickets(status)
        for rows in (messages, events, actions, csat, tickets):
            rows["loaded_at"] = loaded_until(rows["loaded_at"], natural_high_s, load_s)
        people = {"ticket_no": writer.ticket_no, "customer": chunk.customer, "agent": chunk.agent}
        coded = CodedChunk(tickets, messages, events, actions, csat, people, chunk.n)
        for table, count in layout.write_chunk(con, options.schema, coded).items():
            written[table] += count
        log(
            f"chunk {number}/{len(sizes)}: {ids.ticket:,}/{options.tickets:,} tickets, "
            f"{sum(written.values()):,} rows so far ({time.perf_counter() - started:.1f}s)"
        )
    synced = str(to_timestamp(np.array([load_s]))[0]).replace("T", " ")
    for table, count in layout.finish(con, options.schema, len(customer_cum), synced).items():
        written[table] += count
    return written
