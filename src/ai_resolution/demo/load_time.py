"""When the demo's rows are loaded (``_loaded_at``): at the moment ``generate`` or
``--append-days`` runs, as an EL tool stamps them, not when the conversation happened.

The simulation first gives every row a natural load time (minutes to hours after its
activity, re-extracted copies later than their originals: ``rows.loaded_after``,
``rows.with_duplicates``). Those times are then compressed into the run: one simulated second
of a continuous loader's deliveries takes ``LOAD_US_PER_SECOND`` microseconds, so the 90 days
of a default demo are loaded in the 13 minutes up to the run, in their natural order. The map
is strictly increasing, so every ordering the simulation set up (a re-extracted copy after its
original, a ticket's early snapshot before its final one) is kept, and ``dbt source
freshness`` sees data loaded now.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

import numpy as np

LOAD_US_PER_SECOND = 100  # one second of simulated loading takes 100 µs of the run


def now_s() -> int:
    """The current time in whole epoch seconds (UTC)."""
    return int(time.time())


def _seconds(loaded: np.ndarray) -> np.ndarray:
    return loaded.astype("datetime64[s]").astype(np.int64)


def _at(micros: np.ndarray, null: np.ndarray) -> np.ndarray:
    ts = micros.astype("datetime64[us]")
    ts[null] = np.datetime64("NaT")
    return ts


def loaded_until(loaded: np.ndarray, high_s: int, load_s: int) -> np.ndarray:
    """Natural load times (datetime64, NaT for null), none after ``high_s``, compressed so
    that ``high_s`` falls on ``load_s``: a backfill run that ends at ``load_s``."""
    null = np.isnat(loaded)
    offset = (high_s - np.minimum(_seconds(loaded), high_s)) * LOAD_US_PER_SECOND
    return _at(load_s * 1_000_000 - offset, null)


def loaded_from(loaded: np.ndarray, low_s: int, load_s: int) -> np.ndarray:
    """Natural load times, none before ``low_s``, compressed so that ``low_s`` falls on
    ``load_s``: a run that starts at ``load_s``."""
    null = np.isnat(loaded)
    offset = np.maximum(_seconds(loaded) - low_s, 0) * LOAD_US_PER_SECOND
    return _at(load_s * 1_000_000 + offset, null)


def spread_loads(con: Any, schema: str, tables: Iterable[str]) -> None:
    """Stretch a generated backfill back to a continuous loader's natural spacing.

    ``generate`` loads the whole history in the minutes before it runs. A benchmark or a test
    of scheduled runs stands for a loader that ran all along: each row loaded minutes to hours
    after its activity. The newest load stays where it is, so ``dbt source freshness`` still
    passes, and every ordering between rows is kept (the map is increasing).
    """
    names = list(tables)
    stretch = 1_000_000 // LOAD_US_PER_SECOND
    newest = [con.execute(f"select max(_loaded_at) from {schema}.{name}").fetchone()[0] for name in names]
    loaded = max(value for value in newest if value is not None)
    for name in names:
        con.execute(
            f"update {schema}.{name} set _loaded_at = $loaded - (($loaded - _loaded_at) * {stretch})",
            {"loaded": loaded},
        )
