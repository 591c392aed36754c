"""The look shared by the report's charts: palette, Vega-Lite config and small helpers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ai_resolution.report.numbers import min_segment_size

Spec = dict[str, Any]
Row = dict[str, Any]

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
WIDTH = 860

# One palette for tiles and charts: greens = resolved, warm colours = what deflection hides.
COLORS = {
    "resolved": "#2e9d5b",
    "confirmed": "#17633a",
    "verified": "#1f7a4d",
    "assumed": "#8fd1a6",
    "deflection": "#e07b39",
    "gap": "#d9534f",
    "gap_fill": "#f8cfb7",
    "escalated": "#9aa3b2",
    "human_only": "#d7dce3",
    "pending": "#6fa8dc",
    "csat": "#3b6fb6",
    "cost": "#5b6577",
    "after_hours": "#3f3d99",
}

# The deflection-gap decomposition: (label, count column, colour); the bars add up to 100%.
GAP_COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("Resolved · confirmed", "ai_confirmed", COLORS["confirmed"]),
    ("Resolved · assumed", "ai_assumed", COLORS["assumed"]),
    ("Abandoned", "abandoned", "#f4b942"),
    ("Resurfaced", "resurfaced", "#ec8a3b"),
    ("Reopened", "reopened", "#d9534f"),
    ("Rejected", "rejected", "#a8324a"),
    ("Policy breach", "policy_breach", "#6a3d9a"),
    ("Escalated (not deflected)", "escalated", COLORS["escalated"]),
)

TIERS = (("automate", COLORS["resolved"]), ("assist", "#e9a23b"), ("keep_human", COLORS["escalated"]))

GUARDRAIL_RESULTS: tuple[tuple[str, str, str], ...] = (
    ("passed", "passed", "#8fd1a6"),
    ("not_applicable", "not applicable", "#d7dce3"),
    ("overridden", "overridden", "#f4b942"),
    ("blocked", "blocked (guardrail worked)", "#3b6fb6"),
    ("violated", "violated, not blocked", "#d9534f"),
    ("unknown", "unknown result", "#6a3d9a"),
)

# A week with more pending conversations than this share is not settled yet (dashed in the trend).
UNSETTLED_PENDING_SHARE = 0.25

VERSION_BLUES = ("#9ecae1", "#5a9bd4", "#2a6db5", "#0f4a8a", "#08306b")

CONFIG: Spec = {
    "background": None,
    "font": FONT,
    "view": {"stroke": None},
    "axis": {
        "labelFontSize": 12,
        "titleFontSize": 12,
        "titleFontWeight": 600,
        "labelColor": "#374151",
        "titleColor": "#1f2937",
        "gridColor": "#eceff3",
        "domainColor": "#9ca3af",
        "tickColor": "#9ca3af",
    },
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": 600, "labelColor": "#374151"},
    "title": {
        "fontSize": 15,
        "fontWeight": 600,
        "anchor": "start",
        "color": "#111827",
        "subtitleFontSize": 12,
        "subtitleColor": "#6b7280",
        "offset": 12,
    },
}


def sample_label(name: str, n: int) -> str:
    """An axis label carrying its sample size, flagged when too small to read."""
    label = f"{name} · n={n:,}"
    return label if n >= min_segment_size() else f"{label} (too few)"


def issue_name(issue_type: object) -> str:
    """An issue type for display; the marts write a missing one as '(none)'."""
    return "(no issue type)" if issue_type in (None, "(none)") else str(issue_type)


def with_config(spec: Spec) -> Spec:
    return {**spec, "config": CONFIG}


def scale(pairs: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> Spec:
    return {"domain": [p[0] for p in pairs], "range": [p[1] for p in pairs]}


def utc_iso(value: dt.date | dt.datetime) -> str:
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")
