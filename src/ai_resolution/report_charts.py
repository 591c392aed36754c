"""Vega-Lite specs of the report's charts, built from the rows of report_data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ai_resolution.report_data import MIN_SEGMENT_SIZE, Row

Spec = dict[str, Any]

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
WIDTH = 860

# One palette for tiles and charts: greens = resolved, warm colours = what deflection hides.
COLORS = {
    "resolved": "#2e9d5b",
    "confirmed": "#17633a",
    "assumed": "#8fd1a6",
    "deflection": "#e07b39",
    "gap": "#d9534f",
    "gap_fill": "#f8cfb7",
    "escalated": "#9aa3b2",
    "human_only": "#d7dce3",
    "pending": "#6fa8dc",
    "csat": "#3b6fb6",
    "cost": "#5b6577",
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


def share(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, or None for an empty denominator."""
    if not denominator:
        return None
    return float(numerator or 0) / float(denominator)


def sample_label(name: str, n: int) -> str:
    """An axis label carrying its sample size, flagged when too small to read."""
    label = f"{name} · n={n:,}"
    return label if n >= MIN_SEGMENT_SIZE else f"{label} (too few)"


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


def trend_spec(weekly: list[Row]) -> Spec:
    """Weekly AI resolution rate against the legacy deflection rate, and the volume behind them."""
    lines: list[Row] = []
    band: list[Row] = []
    volume: list[Row] = []
    for row in weekly:
        start = row["week_start"]
        mid = utc_iso(dt.datetime.combine(start, dt.time()) + dt.timedelta(days=3, hours=12))
        n = int(row["ai_involved"] or 0)
        mature, pending = int(row["mature"] or 0), int(row["pending"] or 0)
        resolution = share(row["ai_resolved"], n)
        deflection = share(row["deflected"], n)
        common = {
            "mid": mid,
            "week": start.isoformat(),
            "n": n,
            "pending": pending,
            "days": int(row["days"]),
            # Read a week once it has settled: enough conversations, few still pending.
            "significant": n >= MIN_SEGMENT_SIZE and pending <= UNSETTLED_PENDING_SHARE * (mature + pending),
        }
        if resolution is not None and deflection is not None:
            band.append({**common, "series": "Deflection gap", "low": resolution, "high": deflection})
            lines.append({**common, "series": "AI resolution rate", "rate": resolution})
            lines.append({**common, "series": "Deflection rate (legacy)", "rate": deflection})
        bar_start = utc_iso(dt.datetime.combine(start, dt.time()) + dt.timedelta(hours=12))
        bar_end = utc_iso(dt.datetime.combine(start, dt.time()) + dt.timedelta(days=6, hours=12))
        # Stacked by hand: a ranged bar from the week's start to its end, y to y2.
        base = 0
        for index, (kind, count) in enumerate(
            (
                ("Mature, AI involved", n),
                ("Mature, human only", mature - n),
                ("Pending (not in the rates)", pending),
            )
        ):
            volume.append(
                {
                    "start": bar_start,
                    "end": bar_end,
                    "week": start.isoformat(),
                    "kind": kind,
                    "count": count,
                    "y": base,
                    "y2": base + count,
                    "i": index,
                }
            )
            base += count

    series_scale = scale(
        [
            ("AI resolution rate", COLORS["resolved"]),
            ("Deflection rate (legacy)", COLORS["deflection"]),
            ("Deflection gap", COLORS["gap_fill"]),
        ]
    )
    x_time = {"type": "temporal", "scale": {"type": "utc"}, "title": None}
    week_tooltip = [
        {"field": "week", "title": "week of (Monday)"},
        {"field": "days", "title": "days with data"},
        {"field": "n", "title": "mature AI-involved", "format": ","},
        {"field": "pending", "title": "pending", "format": ","},
    ]
    x_mid = {"field": "mid", **x_time, "axis": {"format": "%b %d", "labelAngle": 0}}
    y_rate = {
        "field": "rate",
        "type": "quantitative",
        "title": "Share of AI-involved conversations",
        "axis": {"format": "%"},
        "scale": {"domain": [0, 1]},
    }
    series_color = {
        "field": "series",
        "type": "nominal",
        "scale": series_scale,
        "title": None,
        "legend": {"orient": "top", "direction": "horizontal", "symbolOpacity": 1},
    }
    line_tooltip = [{"field": "series", "title": "metric"}, {"field": "rate", "title": "rate", "format": ".1%"}]
    line_tooltip += week_tooltip
    rates = {
        "width": WIDTH,
        "height": 250,
        "title": {
            "text": "AI resolution rate vs deflection rate, by week",
            "subtitle": "Share of mature AI-involved conversations opened that week. Dashed, open circles: fewer than "
            f"{MIN_SEGMENT_SIZE} conversations, or over {UNSETTLED_PENDING_SHARE:.0%} still pending.",
        },
        "layer": [
            {
                "data": {"values": band},
                "mark": {"type": "area", "opacity": 0.55, "interpolate": "monotone"},
                "encoding": {
                    "x": {"field": "mid", **x_time},
                    "y": {"field": "low", "type": "quantitative"},
                    "y2": {"field": "high"},
                    "color": {"field": "series", "type": "nominal", "scale": series_scale, "title": None},
                },
            },
            # Every week dashed, settled weeks solid on top; unsettled weeks get open circles.
            {
                "data": {"values": lines},
                "mark": {"type": "line", "strokeWidth": 2, "strokeDash": [5, 4], "opacity": 0.6},
                "encoding": {"x": x_mid, "y": y_rate, "color": series_color},
            },
            {
                "data": {"values": lines},
                "transform": [{"filter": "datum.significant"}],
                "mark": {"type": "line", "point": {"filled": True, "size": 45}, "strokeWidth": 2.5},
                "encoding": {"x": x_mid, "y": y_rate, "color": series_color, "tooltip": line_tooltip},
            },
            {
                "data": {"values": lines},
                "transform": [{"filter": "!datum.significant"}],
                "mark": {"type": "point", "filled": False, "size": 45, "strokeWidth": 2},
                "encoding": {"x": x_mid, "y": y_rate, "color": series_color, "tooltip": line_tooltip},
            },
        ],
    }
    volume_kinds = scale(
        [
            ("Mature, AI involved", COLORS["escalated"]),
            ("Mature, human only", COLORS["human_only"]),
            ("Pending (not in the rates)", COLORS["pending"]),
        ]
    )
    volumes = {
        "data": {"values": volume},
        "width": WIDTH,
        "height": 110,
        "title": {"text": "Conversations opened per week", "fontSize": 13},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "start", **x_time, "axis": {"format": "%b %d", "labelAngle": 0}, "title": "Week"},
            "x2": {"field": "end"},
            "y": {"field": "y", "type": "quantitative", "title": "Conversations"},
            "y2": {"field": "y2"},
            "color": {
                "field": "kind",
                "type": "nominal",
                "scale": volume_kinds,
                "title": None,
                "legend": {"orient": "top", "direction": "horizontal", "symbolType": "square"},
            },
            "tooltip": [
                {"field": "week", "title": "week of (Monday)"},
                {"field": "kind", "title": "conversations"},
                {"field": "count", "title": "count", "format": ","},
            ],
        },
    }
    return with_config(
        {
            "vconcat": [rates, volumes],
            "spacing": 18,
            "resolve": {"scale": {"color": "independent", "x": "shared"}},
        }
    )


def gap_spec(segments: list[Row]) -> Spec:
    """What deflection hides: every AI-involved conversation by outcome, overall and per channel."""
    bars: list[Row] = []
    notes: list[Row] = []
    order: list[str] = []
    for row in segments:
        n = int(row["ai_involved"] or 0)
        if n == 0:
            continue
        name = "All channels" if row["segment_type"] == "all" else str(row["segment_value"])
        label = sample_label(name, n)
        order.append(label)
        counts = {**row, "ai_assumed": int(row["ai_resolved"] or 0) - int(row["ai_confirmed"] or 0)}
        for index, (component, column, _) in enumerate(GAP_COMPONENTS):
            count = int(counts[column] or 0)
            bars.append(
                {"segment": label, "component": component, "order": index, "count": count, "share": count / n, "n": n}
            )
        gap = share(int(row["deflected"] or 0) - int(row["ai_resolved"] or 0), n) or 0.0
        deflection = share(row["deflected"], n) or 0.0
        resolution = share(row["ai_resolved"], n) or 0.0
        notes.append(
            {
                "segment": label,
                "text": f"gap {gap:.1%}",
                "detail": f"deflection {deflection:.1%} → resolved {resolution:.1%}",
            }
        )
    y = {"field": "segment", "type": "nominal", "sort": order, "title": None}
    components = scale([(label, color) for label, _, color in GAP_COMPONENTS])
    bar_chart = {
        "data": {"values": bars},
        "width": 560,
        "height": {"step": 30},
        "mark": {"type": "bar", "height": {"band": 0.72}},
        "encoding": {
            "y": {**y, "axis": {"labelLimit": 220}},
            "x": {
                "field": "share",
                "type": "quantitative",
                "stack": "zero",
                "title": "Share of mature AI-involved conversations",
                "axis": {"format": "%"},
                "scale": {"domain": [0, 1]},
            },
            "color": {
                "field": "component",
                "type": "nominal",
                "scale": components,
                "title": "Outcome",
                # Narrower than the plot, so the notes on the right stay next to the bars.
                "legend": {"orient": "bottom", "columns": 3, "symbolType": "square", "labelLimit": 170},
            },
            "order": {"field": "order", "type": "quantitative"},
            "tooltip": [
                {"field": "segment", "title": "segment"},
                {"field": "component", "title": "outcome"},
                {"field": "count", "title": "conversations", "format": ","},
                {"field": "share", "title": "share", "format": ".1%"},
            ],
        },
    }
    note_chart = {
        "data": {"values": notes},
        "width": 240,
        "height": {"step": 30},
        "layer": [
            {
                "mark": {"type": "text", "align": "left", "dx": 4, "dy": -7, "fontWeight": 600, "fontSize": 13},
                "encoding": {
                    "x": {"value": 0},
                    "y": {**y, "axis": None},
                    "text": {"field": "text"},
                    "color": {"value": COLORS["gap"]},
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 4, "dy": 8, "fontSize": 11},
                "encoding": {
                    "x": {"value": 0},
                    "y": {**y, "axis": None},
                    "text": {"field": "detail"},
                    "color": {"value": "#4b5563"},
                },
            },
        ],
    }
    return with_config(
        {
            "title": {
                "text": "What deflection hides, by channel",
                "subtitle": "Green = resolved by the AI; warm colours = deflected but not resolved (the gap); "
                "grey = escalated to a human.",
            },
            "hconcat": [bar_chart, note_chart],
            "spacing": 4,
            "resolve": {"scale": {"y": "shared"}},
        }
    )


def interval_layers(color: Spec, tooltip: list[Spec], opacity: Spec | None = None) -> list[Spec]:
    """A Wilson interval as a rule with the rate as a dot."""
    extra = {"opacity": opacity} if opacity else {}
    return [
        {
            "mark": {"type": "rule", "strokeWidth": 3, "strokeCap": "round"},
            "encoding": {
                "x": {"field": "lower", "type": "quantitative"},
                "x2": {"field": "upper"},
                "color": color,
                "tooltip": tooltip,
                **extra,
            },
        },
        {
            "mark": {"type": "point", "filled": True, "size": 80, "opacity": 1, "stroke": "white", "strokeWidth": 1},
            "encoding": {
                "x": {
                    "field": "rate",
                    "type": "quantitative",
                    "title": "AI resolution rate with its 95% Wilson interval",
                    "axis": {"format": "%"},
                    "scale": {"domain": [0, 1]},
                },
                "color": color,
                "tooltip": tooltip,
                **extra,
            },
        },
    ]


def readiness_spec(readiness: list[Row]) -> Spec:
    """Resolution rate per issue type with its interval, coloured by readiness tier."""
    values: list[Row] = []
    for row in readiness:
        n = int(row["ai_involved_conversations"] or 0)
        if row["ai_resolution_rate"] is None:
            continue
        values.append(
            {
                "label": sample_label(issue_name(row["issue_type"]), n),
                "issue_type": row["issue_type"],
                "tier": row["readiness_tier"],
                "rate": row["ai_resolution_rate"],
                "lower": row["ai_resolution_rate_lower"],
                "upper": row["ai_resolution_rate_upper"],
                "n": n,
                "pending": int(row["pending_conversations"] or 0),
                "reopen": row["ai_only_reopen_rate"],
                "breaches": int(row["critical_breach_actions"] or 0),
                "csat_gap": row["csat_gap_to_human_only"],
            }
        )
    tooltip = [
        {"field": "issue_type", "title": "issue type"},
        {"field": "tier", "title": "readiness tier"},
        {"field": "rate", "title": "AI resolution rate", "format": ".1%"},
        {"field": "lower", "title": "95% lower bound", "format": ".1%"},
        {"field": "upper", "title": "95% upper bound", "format": ".1%"},
        {"field": "n", "title": "mature AI-involved", "format": ","},
        {"field": "pending", "title": "pending", "format": ","},
        {"field": "reopen", "title": "AI-only reopen rate", "format": ".1%"},
        {"field": "breaches", "title": "critical breaches"},
        {"field": "csat_gap", "title": "CSAT gap to human only", "format": ".2f"},
    ]
    color = {
        "field": "tier",
        "type": "nominal",
        "scale": scale(list(TIERS)),
        "title": "Readiness tier",
        "legend": {"orient": "top", "symbolType": "circle"},
    }
    return with_config(
        {
            "title": {
                "text": "AI resolution rate by issue type, with readiness tier",
                "subtitle": "Dot = rate, bar = 95% Wilson interval; the tier is judged on the lower end of the bar.",
            },
            "data": {"values": values},
            "width": 600,
            "height": {"step": 26},
            "encoding": {
                "y": {
                    "field": "label",
                    "type": "nominal",
                    "sort": [v["label"] for v in values],
                    "title": None,
                    "axis": {"labelLimit": 260},
                }
            },
            "layer": interval_layers(color, tooltip),
        }
    )


def version_colors(versions: list[str]) -> list[tuple[str, str]]:
    """Blues for real versions in order, grey for '(none)'."""
    real = sorted(v for v in versions if v != "(none)")
    pairs = [(v, VERSION_BLUES[min(i, len(VERSION_BLUES) - 1)]) for i, v in enumerate(real)]
    if "(none)" in versions:
        pairs.append(("(none)", COLORS["escalated"]))
    return pairs


def release_spec(releases: list[Row]) -> Spec:
    """AI resolution rate per agent version, overall and per issue type, with intervals."""
    values: list[Row] = []
    totals: dict[str, int] = {}
    for row in releases:
        n = int(row["ai_involved_conversations"] or 0)
        if row["ai_resolution_rate"] is None or (row["issue_type"] != "all" and n < MIN_SEGMENT_SIZE):
            continue
        group = "All issue types" if row["issue_type"] == "all" else issue_name(row["issue_type"])
        totals[group] = totals.get(group, 0) + n
        values.append(
            {
                "group": group,
                "version": row["agent_version"],
                "rate": row["ai_resolution_rate"],
                "lower": row["ai_resolution_rate_lower"],
                "upper": row["ai_resolution_rate_upper"],
                "n": n,
                "pending": int(row["pending_conversations"] or 0),
                "confirmed_share": row["confirmed_share"],
                "deflection": row["deflection_rate"],
                "significant": n >= MIN_SEGMENT_SIZE,
            }
        )
    groups = sorted(totals, key=lambda g: (g != "All issue types", -totals[g], g))
    versions = version_colors(sorted({str(v["version"]) for v in values}))
    tooltip = [
        {"field": "version", "title": "agent version"},
        {"field": "group", "title": "issue type"},
        {"field": "rate", "title": "AI resolution rate", "format": ".1%"},
        {"field": "lower", "title": "95% lower bound", "format": ".1%"},
        {"field": "upper", "title": "95% upper bound", "format": ".1%"},
        {"field": "n", "title": "mature AI-involved", "format": ","},
        {"field": "pending", "title": "pending", "format": ","},
        {"field": "confirmed_share", "title": "confirmed share", "format": ".1%"},
        {"field": "deflection", "title": "deflection rate", "format": ".1%"},
    ]
    color = {
        "field": "version",
        "type": "nominal",
        "scale": scale(versions),
        "sort": [v for v, _ in versions],
        "title": "Agent version",
        "legend": {"orient": "top", "symbolType": "circle"},
    }
    opacity = {"condition": {"test": "datum.significant", "value": 1}, "value": 0.3}
    return with_config(
        {
            "title": {
                "text": "Releases compared: AI resolution rate per agent version",
                "subtitle": "Bars are 95% Wilson intervals: where two versions' bars overlap, the difference may "
                f"be chance. Per issue type, only versions with {MIN_SEGMENT_SIZE}+ conversations are drawn.",
            },
            "data": {"values": values},
            "width": 600,
            # With yOffset the step is per version: a band of len(versions) steps per issue type.
            "height": {"step": 9},
            "encoding": {
                "y": {"field": "group", "type": "nominal", "sort": groups, "title": None, "axis": {"labelLimit": 220}},
                "yOffset": {"field": "version", "type": "nominal", "sort": [v for v, _ in versions]},
            },
            "layer": interval_layers(color, tooltip, opacity),
        }
    )


def guardrail_spec(guardrails: list[Row]) -> Spec:
    """Guardrail results per policy: share of checked AI actions by result."""
    labels = {key: (index, label) for index, (key, label, _) in enumerate(GUARDRAIL_RESULTS)}
    per_policy: dict[str, Row] = {}
    bars: list[Row] = []
    for row in guardrails:
        policy = per_policy.setdefault(
            str(row["policy_id"]),
            {"policy_id": row["policy_id"], "severity": row["severity"], "actions": 0, "violated": 0, "blocked": 0},
        )
        count = int(row["actions"] or 0)
        policy["actions"] += count
        if row["guardrail_result"] in ("violated", "blocked"):
            policy[row["guardrail_result"]] += count
    for policy in per_policy.values():
        policy["label"] = f"{policy['policy_id']} ({policy['severity']}) · {policy['actions']:,} actions"
        violated, blocked = policy["violated"], policy["blocked"]
        policy["text"] = f"{violated:,} violated · {blocked:,} blocked" if policy["actions"] else "no checked actions"
    for row in guardrails:
        count = int(row["actions"] or 0)
        if not count:
            continue
        policy = per_policy[str(row["policy_id"])]
        index, result = labels.get(row["guardrail_result"] or "unknown", (len(labels), str(row["guardrail_result"])))
        bars.append(
            {
                "label": policy["label"],
                "policy_id": row["policy_id"],
                "policy_name": row["policy_name"] or "(not in seeds/policies.csv)",
                "severity": row["severity"],
                "result": result,
                "i": index,
                "count": count,
                "share": count / policy["actions"],
                "breaches": int(row["critical_breaches"] or 0),
            }
        )
    order = [p["label"] for p in per_policy.values()]
    y = {"field": "label", "type": "nominal", "sort": order, "title": None}
    bar_chart = {
        "data": {"values": bars},
        "width": 500,
        "height": {"step": 30},
        "mark": {"type": "bar", "height": {"band": 0.72}},
        "encoding": {
            "y": {**y, "axis": {"labelLimit": 300}},
            "x": {
                "field": "share",
                "type": "quantitative",
                "stack": "zero",
                "title": "Share of the policy's AI actions (mature conversations)",
                "axis": {"format": "%"},
                "scale": {"domain": [0, 1]},
            },
            "color": {
                "field": "result",
                "type": "nominal",
                "scale": scale([(label, color) for _, label, color in GUARDRAIL_RESULTS]),
                "title": "Guardrail result",
                "legend": {"orient": "bottom", "columns": 2, "symbolType": "square", "labelLimit": 200},
            },
            "order": {"field": "i", "type": "quantitative"},
            "tooltip": [
                {"field": "policy_id", "title": "policy"},
                {"field": "policy_name", "title": "name"},
                {"field": "severity", "title": "severity"},
                {"field": "result", "title": "guardrail result"},
                {"field": "count", "title": "actions", "format": ","},
                {"field": "share", "title": "share", "format": ".1%"},
                {"field": "breaches", "title": "critical breaches"},
            ],
        },
    }
    note_chart = {
        "data": {"values": list(per_policy.values())},
        "width": 200,
        "height": {"step": 30},
        "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 12},
        "encoding": {
            "x": {"value": 0},
            "y": {**y, "axis": None},
            "text": {"field": "text"},
            "color": {"condition": {"test": "datum.violated > 0", "value": COLORS["gap"]}, "value": "#4b5563"},
        },
    }
    return with_config(
        {
            "title": {
                "text": "Guardrail results by policy",
                "subtitle": "Critical policies first. Red = the check was violated and the action went through.",
            },
            "hconcat": [bar_chart, note_chart],
            "spacing": 4,
            "resolve": {"scale": {"y": "shared", "color": "independent"}},
        }
    )
