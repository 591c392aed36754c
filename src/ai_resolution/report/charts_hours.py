"""Vega-Lite spec of the after-hours chart: AI and verified resolution rates in and out of
business hours, per channel."""

from __future__ import annotations

from ai_resolution.report.numbers import share
from ai_resolution.report.style import COLORS, Row, Spec, sample_label, scale, with_config

BANDS = (("in_hours", "In business hours"), ("after_hours", "After hours"))
RATES = (
    ("AI resolution rate", "ai_resolved", "ai_involved", COLORS["resolved"]),
    ("Verified resolution rate", "verified", "ai_involved", COLORS["confirmed"]),
    ("AI-resolved ÷ all conversations (after hours: the coverage)", "ai_resolved", "mature", COLORS["assumed"]),
)


def after_hours_spec(rows: list[Row]) -> Spec:
    """Grouped bars per channel: each rate in hours next to after hours (bands with no data are left out)."""
    points: list[Row] = []
    order: list[str] = []
    for row in rows:
        name = "All channels" if row["segment_type"] == "all" else str(row["segment_value"])
        band_label = dict(BANDS).get(str(row["business_hours"]))
        if band_label is None or not row["mature"]:
            continue
        label = sample_label(name, int(row["ai_involved"] or 0))
        if name not in order:
            order.append(name)
        for rate, numerator, denominator, _ in RATES:
            value = share(row[numerator], row[denominator])
            if value is None:
                continue
            points.append(
                {
                    "segment": name,
                    "label": label,
                    "band": band_label,
                    "rate": rate,
                    "value": value,
                    "numerator": int(row[numerator] or 0),
                    "denominator": int(row[denominator] or 0),
                }
            )
    rates = scale([(rate, color) for rate, _, _, color in RATES])
    return with_config(
        {
            "title": {
                "text": "What the AI resolves when nobody is on shift",
                "subtitle": "Per channel: each rate for conversations created in business hours (left) and "
                "after hours (right). Channels open 24/7 have no after-hours bar.",
            },
            "data": {"values": points},
            "facet": {
                "column": {
                    "field": "band",
                    "type": "nominal",
                    "sort": [label for _, label in BANDS],
                    "title": None,
                    "header": {"labelFontSize": 13, "labelFontWeight": 600},
                }
            },
            "spec": {
                "width": 380,
                "height": {"step": 12},
                "mark": {"type": "bar"},
                "encoding": {
                    "y": {"field": "segment", "type": "nominal", "sort": order, "title": None},
                    "yOffset": {"field": "rate", "sort": [rate for rate, _, _, _ in RATES]},
                    "x": {
                        "field": "value",
                        "type": "quantitative",
                        "title": "Share",
                        "axis": {"format": "%"},
                        "scale": {"domain": [0, 1]},
                    },
                    "color": {
                        "field": "rate",
                        "type": "nominal",
                        "scale": rates,
                        "title": None,
                        "legend": {"orient": "bottom", "symbolType": "square", "labelLimit": 260},
                    },
                    "tooltip": [
                        {"field": "label", "title": "channel"},
                        {"field": "band", "title": "created"},
                        {"field": "rate", "title": "rate"},
                        {"field": "value", "title": "value", "format": ".1%"},
                        {"field": "numerator", "title": "numerator", "format": ","},
                        {"field": "denominator", "title": "denominator", "format": ","},
                    ],
                },
            },
            "resolve": {"scale": {"y": "shared"}},
        }
    )
