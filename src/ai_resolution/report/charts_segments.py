"""Vega-Lite specs of the segment charts: issue types, releases and guardrails."""

from __future__ import annotations

from ai_resolution.report.numbers import min_segment_size
from ai_resolution.report.style import (
    COLORS,
    GUARDRAIL_RESULTS,
    TIERS,
    VERSION_BLUES,
    Row,
    Spec,
    issue_name,
    sample_label,
    scale,
    with_config,
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
        if row["ai_resolution_rate"] is None or (row["issue_type"] != "all" and n < min_segment_size()):
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
                "significant": n >= min_segment_size(),
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
                f"be chance. Per issue type, only versions with {min_segment_size()}+ conversations are drawn.",
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
