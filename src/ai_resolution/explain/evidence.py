"""A conversation's evidence: its row of fct_conversations, its timeline, the thresholds in
force and its customer's other tickets, with the small formatters the rule checks share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ai_resolution.rules import rules_config_text

Row = dict[str, Any]
REOPENING_STATUSES = ("open", "pending", "on_hold")
SOLVED_STATUSES = ("solved", "closed")
MAX_NEAR_MISSES = 3


@dataclass(frozen=True)
class RuleCheck:
    """One rule of the outcome order: did it hold for this conversation, and why."""

    outcome: str
    held: bool
    evidence: str


@dataclass
class Evidence:
    """A conversation's row of fct_conversations, its timeline and its customer's other tickets."""

    conversation: Row
    timeline: list[Row]
    thresholds: dict[str, float]
    other_tickets: list[Row] = field(default_factory=list)
    set_aside: list[Row] = field(default_factory=list)

    def __getitem__(self, name: str) -> Any:
        return self.conversation[name]

    def rules_text(self, name: str, default: str) -> str:
        """A text setting of rules_config (e.g. unmapped_policy_severity)."""
        return rules_config_text(self.conversation.get("rules_config"), name, default)

    def activities(self, kind: str, **filters: Any) -> list[Row]:
        """Timeline rows of an activity_type (or activity_source) matching the filters."""
        return [
            a
            for a in self.timeline
            if kind in (a["activity_type"], a["activity_source"]) and all(a.get(k) == v for k, v in filters.items())
        ]

    def first(self, kind: str, **filters: Any) -> Row | None:
        rows = self.activities(kind, **filters)
        return rows[0] if rows else None

    def status_changes(self) -> list[tuple[Row, bool]]:
        """Every status change with a status, in timeline order, and whether it is a solve: a
        change into solved or closed from any other status, or from none."""
        changes: list[tuple[Row, bool]] = []
        previous = None
        for a in self.activities("status_changed"):
            if a["status"] is None:
                continue
            is_solve = a["status"] in SOLVED_STATUSES and previous not in SOLVED_STATUSES
            changes.append((a, is_solve))
            previous = a["status"]
        return changes

    def solves(self) -> list[tuple[dt.datetime, str]]:
        """(time, who) of every solve; an implicit solve (no status events) at the final solve time."""
        explicit = [
            (a["activity_at"], a["actor_type"] or "unknown") for a, is_solve in self.status_changes() if is_solve
        ]
        if not explicit and self["solve_count"] and self["final_solved_at"]:
            return [(self["final_solved_at"], "implicit: last known status solved, at the last activity")]
        return explicit

    def repeated_solves(self) -> list[str]:
        """Why each close of a solved ticket (or solved set again) is no new solve."""
        notes, solves = [], self.solves()
        for a, is_solve in self.status_changes():
            if is_solve or a["status"] not in SOLVED_STATUSES:
                continue
            solve = latest_solve_before(solves, a["activity_at"]) or (solves[-1] if solves else None)
            verb = "closed" if a["status"] == "closed" else "set solved again"
            after = f", {duration(a['activity_at'] - solve[0])} after the solve" if solve else ""
            notes.append(
                f"{verb} at {ts(a['activity_at'])} by {a['actor_type'] or 'unknown'}{after}: not a new solve "
                "(the ticket was already solved)"
            )
        return notes


def latest_solve_before(solves: list[tuple[dt.datetime, str]], at: dt.datetime) -> tuple[dt.datetime, str] | None:
    earlier = [s for s in solves if s[0] < at]
    return max(earlier, key=lambda s: s[0]) if earlier else None


def ts(value: dt.datetime | None) -> str:
    """A timestamp, without seconds when they are zero."""
    if value is None:
        return "n/a"
    return value.strftime("%Y-%m-%d %H:%M" if value.second == 0 and value.microsecond == 0 else "%Y-%m-%d %H:%M:%S")


def duration(delta: dt.timedelta) -> str:
    """11 min, 4.5 h, 169 h."""
    minutes = delta.total_seconds() / 60
    if abs(minutes) < 60:
        return f"{minutes:.1f}".rstrip("0").rstrip(".") + " min"
    return f"{minutes / 60:.1f}".rstrip("0").rstrip(".") + " h"


def solver(who: str) -> str:
    return who if who.startswith("implicit") else f"by {who}"
