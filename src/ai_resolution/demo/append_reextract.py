"""Re-extracted rows of an append: copies of a few recent existing rows under the same key,
some with a changed value, so the latest extraction must win."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np

from ai_resolution import db
from ai_resolution.demo import catalog as c
from ai_resolution.demo.append_plan import Batch, LoadClock
from ai_resolution.demo.chunk import DAY
from ai_resolution.demo.writer import RAW_TABLES, TIME_COLUMN, sql_list, to_timestamp

REEXTRACT_SHARE = 0.01  # re-extracted existing rows, per table
SHIFTED_TIME_SHARE = 0.3  # re-extracted messages whose sent_at the source corrected by a second
STATUS_TEXT = sql_list(c.TICKET_STATUSES)


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
