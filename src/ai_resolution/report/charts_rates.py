"""Vega-Lite specs of the rate charts: the weekly trend and what deflection hides."""

from __future__ import annotations

import datetime as dt

from ai_resolution.report.numbers import min_segment_size, share
from ai_resolution.report.style import (
    COLORS,
    GAP_COMPONENTS,
    UNSETTLED_PENDING_SHARE,
    WIDTH,
    Row,
    Spec,
    sample_label,
    scale,
    utc_iso,
    with_config,
)


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
            "significant": n >= min_segment_size() and pending <= UNSETTLED_PENDING_SHARE * (mature + pending),
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
            f"{min_segment_size()} conversations, or over {UNSETTLED_PENDING_SHARE:.0%} still pending.",
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
