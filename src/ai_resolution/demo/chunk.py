"""The arrays a simulation works on: a chunk of tickets with its simulated rows, the
column-wise buffers the rows are collected in, and the random draws every stage uses.

Times are seconds (``MINUTE``, ``HOUR``, ``DAY``); codes index the tuples of ``catalog``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

MINUTE = 60
HOUR = 3600
DAY = 86400

I64 = np.int64
I16 = np.int16
I8 = np.int8

MESSAGE_COLUMNS: dict[str, type] = {"tix": I64, "off": I64, "author": I8, "public": I8, "body": I16}
EVENT_COLUMNS: dict[str, type] = {
    "tix": I64,
    "off": I64,
    "etype": I8,
    "actor": I8,
    "status": I8,
    "assignee": I8,
    "reason": I8,
}
ACTION_COLUMNS: dict[str, type] = {
    "tix": I64,
    "off": I64,
    "action": I16,
    "proc": I16,
    "outcome": I8,
    "policy": I8,
    "presult": I8,
    "final": I8,
}
CSAT_COLUMNS: dict[str, type] = {"tix": I64, "off": I64, "score": I8}


class Buffer:
    """Column-wise row buffer of one output table; missing columns default to -1 (null)."""

    def __init__(self, columns: Mapping[str, type]) -> None:
        self.columns = columns
        self._parts: list[dict[str, np.ndarray]] = []

    def add(self, **values: object) -> None:
        n = len(values["tix"])  # type: ignore[arg-type]
        if n == 0:
            return
        part: dict[str, np.ndarray] = {}
        for name, dtype in self.columns.items():
            value: np.ndarray = np.asarray(values.get(name, -1)).astype(dtype, copy=False)
            part[name] = np.broadcast_to(value, (n,))
        self._parts.append(part)

    def collect(self) -> dict[str, np.ndarray]:
        if not self._parts:
            return {name: np.empty(0, dtype) for name, dtype in self.columns.items()}
        return {name: np.concatenate([part[name] for part in self._parts]) for name in self.columns}


@dataclass
class Chunk:
    """The tickets of one chunk and the rows simulated for them (offsets in seconds)."""

    created: np.ndarray  # epoch seconds
    customer: np.ndarray  # customer number
    channel: np.ndarray
    issue: np.ndarray
    version: np.ndarray
    route: np.ndarray
    has_status_events: np.ndarray
    agent: np.ndarray  # the human agent number who would serve the ticket
    merged_into: np.ndarray = field(default_factory=lambda: np.empty(0, I64))
    messages: dict[str, np.ndarray] = field(default_factory=dict)
    events: dict[str, np.ndarray] = field(default_factory=dict)
    actions: dict[str, np.ndarray] = field(default_factory=dict)
    csat: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.created)


# --- sampling helpers ----------------------------------------------------------------------


def pick(rng: np.random.Generator, n: int, probs: np.ndarray | Sequence[float]) -> np.ndarray:
    """Draw n categorical codes from one probability vector."""
    cum = np.cumsum(np.asarray(probs, dtype=float))
    return np.searchsorted(cum, rng.random(n) * cum[-1], side="right").astype(I64)


def pick_rows(rng: np.random.Generator, cum_table: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Draw one code per element, each from the cumulative row ``cum_table[rows]``."""
    cum = cum_table[rows]
    u = rng.random(len(rows)) * cum[:, -1]
    return (cum <= u[:, None]).sum(axis=1).astype(I64)


def uniform_int(rng: np.random.Generator, n: int, lo: object, hi: object) -> np.ndarray:
    """Integers uniform in [lo, hi] (bounds may be arrays)."""
    lo_a = np.asarray(lo, dtype=float)
    hi_a = np.asarray(hi, dtype=float)
    return (lo_a + np.floor(rng.random(n) * (hi_a - lo_a + 1))).astype(I64)


def match_by_key(
    rng: np.random.Generator,
    want_keys: np.ndarray,
    cand_idx: np.ndarray,
    cand_keys: np.ndarray,
) -> np.ndarray:
    """Pair each wanted key with a distinct random candidate of the same key (-1: none left)."""
    result = np.full(len(want_keys), -1, dtype=I64)
    if len(want_keys) == 0 or len(cand_idx) == 0:
        return result
    c_order = np.lexsort((rng.random(len(cand_idx)), cand_keys))
    c_keys = cand_keys[c_order]
    c_idx = cand_idx[c_order]
    w_order = np.lexsort((rng.random(len(want_keys)), want_keys))
    w_keys = want_keys[w_order]
    rank = np.arange(len(w_keys)) - np.searchsorted(w_keys, w_keys, side="left")
    start = np.searchsorted(c_keys, w_keys, side="left")
    stop = np.searchsorted(c_keys, w_keys, side="right")
    ok = start + rank < stop
    result[w_order[ok]] = c_idx[start[ok] + rank[ok]]
    return result
