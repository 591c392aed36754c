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

import numpy as np

from ai_resolution.load_history import LOAD_US_PER_SECOND


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
