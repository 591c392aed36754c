"""``ai-resolution generate --append-days D``: add D more days to existing raw tables.

An incremental pipeline is tested by loading "one more day" into raw tables it has already
read. This module simulates that delivery on top of what ``generate`` wrote:

* new tickets (here) for the D days after the last existing ``tickets.created_at`` day, by
  default at the existing daily rate, simulated and written chunk by chunk exactly like
  ``generate`` (same customer pool, ids continued after the existing maxima);
* late-arriving rows (``append_late``): a small share of recently solved earlier tickets
  continue in the new period (the customer writes back, reopens, asks for a person) and some
  of their customers come back on a new ticket about the same issue, so repeat contacts span
  the two batches;
* re-extracted rows (``append_reextract``): copies of a few recent existing rows under the
  same key, some with a changed value (a ticket's status after its late activity, a
  message's ``sent_at`` shifted by a second), so the latest extraction must win.

Every appended row is loaded (``_loaded_at``) at the moment the append runs and after every
existing non-null ``_loaded_at`` of the five tables (``append_plan.LoadClock``), which is how
an incremental run finds it.
The batch is written in one transaction and is deterministic: the same existing rows, seed
and options give the same appended rows, and the seed is mixed with the first appended day,
so consecutive appends differ.
"""

from __future__ import annotations

import time
from dataclasses import replace

import duckdb
import numpy as np

from ai_resolution.demo.append_late import EarlierTickets, LateRows, last_status, link_returning, plan_late_rows
from ai_resolution.demo.append_plan import AppendOptions, Batch, LoadClock, load_clock, plan_batch, read_existing
from ai_resolution.demo.append_reextract import Reextraction, insert_reextracted, sample_reextractions
from ai_resolution.demo.rows import (
    ChunkWriter,
    IdCounters,
    chunk_sizes,
    customer_pool_size,
    customer_weights,
    loaded_after,
)
from ai_resolution.demo.simulation import simulate_chunk
from ai_resolution.demo.writer import RAW_TABLES, Log, insert_rows, to_timestamp


def insert_loaded(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, rows: dict[str, np.ndarray], clock: LoadClock
) -> int:
    rows["loaded_at"] = clock(rows["loaded_at"])
    return insert_rows(con, schema, table, rows)


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
    clock = load_clock(batch, options.load_s)
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
