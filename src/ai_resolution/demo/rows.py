"""A simulated chunk turned into the coded rows of each raw table, with the mess a real
extraction has: re-extracted duplicate rows, odd enum spellings, unknown values, nulls."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ai_resolution.demo import catalog as c
from ai_resolution.demo.chunk import DAY, HOUR, Chunk
from ai_resolution.demo.simulation import ROUTE_SPAM
from ai_resolution.demo.writer import UNKNOWN_CHANNEL_CODE, to_timestamp

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


@dataclass
class IdCounters:
    """Running numbers for the primary keys, continued from chunk to chunk."""

    ticket: int = 0
    message: int = 0
    event: int = 0
    action: int = 0
    response: int = 0


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
