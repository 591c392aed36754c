"""The report's sections: a chart, its definition and its numbers each."""

from __future__ import annotations

from typing import Any

from ai_resolution.project import dbt_var
from ai_resolution.report import charts_hours, charts_rates, charts_segments
from ai_resolution.report.data import ReportData
from ai_resolution.report.numbers import count, min_segment_size, pct, ratio
from ai_resolution.report.page import Section, Table
from ai_resolution.report.style import UNSETTLED_PENDING_SHARE
from ai_resolution.rules import number, parse_rules_config


def trend_section(data: ReportData) -> Section:
    rows = [
        [
            w["week_start"].isoformat(),
            str(w["days"]),
            count(w["mature"]),
            count(w["pending"]),
            count(w["ai_involved"]),
            pct(w["ai_resolved"], w["ai_involved"]),
            pct(w["deflected"], w["ai_involved"]),
            pct((w["deflected"] or 0) - (w["ai_resolved"] or 0), w["ai_involved"]),
        ]
        for w in data.weekly
    ]
    return Section(
        anchor="trend",
        title="Trend by week",
        lead="Is the AI resolving more over time, and is the gap to the deflection rate closing? The newest weeks "
        "are mostly pending: read them once they mature.",
        spec=charts_rates.trend_spec(data.weekly),
        how=(
            "<p>Each point is one week (Monday to Sunday) of conversations, by the day they were opened. "
            "<b>AI resolution rate</b> = AI-resolved ÷ mature AI-involved conversations; <b>deflection rate</b> = "
            "conversations that never reached a human ÷ the same. The shaded band between the lines is the "
            "<b>deflection gap</b>.</p>"
            "<p>The weekly numbers are sums of the daily counts in <code>fct_conversation_metrics_daily</code>, "
            "divided after summing (never an average of daily rates). Pending conversations are left out of both "
            "rates and shown in blue in the lower chart. The first and last weeks may be partial: see "
            f"<i>days with data</i>. Weeks with fewer than {min_segment_size()} AI-involved conversations, or with "
            f"more than {UNSETTLED_PENDING_SHARE:.0%} of their conversations still pending, are drawn dashed "
            "with open circles: their rates are not settled yet.</p>"
        ),
        table=Table(
            ["week of", "days", "mature", "pending", "AI-involved", "AI resolution", "deflection", "gap"], rows
        ),
    )


def gap_section(data: ReportData) -> Section:
    t = parse_rules_config(data.rules_config)
    rows = []
    for s in data.gap_segments:
        n = s["ai_involved"]
        name = "all channels" if s["segment_type"] == "all" else str(s["segment_value"])
        rows.append(
            [
                name,
                count(n),
                count(s["pending"]),
                pct(s["deflected"], n),
                pct(s["ai_resolved"], n),
                pct((s["deflected"] or 0) - (s["ai_resolved"] or 0), n),
                *(pct(s[c], n) for c in ("abandoned", "resurfaced", "reopened", "rejected")),
                # Breaches are seen only in the AI's action trace: absent, not 0%, without it.
                "absent" if s["policy_breach"] is None else pct(s["policy_breach"], n),
                pct(s["escalated"], n),
            ]
        )
    headers = ["channel", "AI-involved", "pending", "deflection", "AI resolution", "gap", "abandoned"]
    headers += ["resurfaced", "reopened", "rejected", "policy breach", "escalated"]
    return Section(
        anchor="gap",
        title="What deflection hides",
        lead="Every bar is all mature AI-involved conversations of a channel. Deflection counts everything but the "
        "grey part; only the green part was really resolved.",
        spec=charts_rates.gap_spec(data.gap_segments),
        how=(
            "<ul><li><b>Resolved · confirmed / assumed</b>: the AI alone solved it and it stayed solved; confirmed "
            "when the customer confirmed or gave CSAT "
            f"{number(t['csat_confirm_min_score'])}+, assumed when the customer simply said nothing more.</li>"
            "<li><b>Abandoned</b>: never solved and inactive for "
            f"{number(t['inactivity_close_hours'])} h, the customer had the last word, or a requested handoff "
            "was never served.</li>"
            "<li><b>Resurfaced</b>: the same customer opened another ticket on the same issue, on any channel, "
            f"within {number(t['repeat_contact_window_hours'])} h of the first solve.</li>"
            f"<li><b>Reopened</b>: back to open, or a customer message, within {number(t['reopen_window_hours'])} h "
            f"of a solve (messages within {number(t['reopen_grace_minutes'])} min are a thank-you).</li>"
            "<li><b>Rejected</b>: the customer rejected the answer, or the latest CSAT was "
            f"{number(t['csat_negative_max_score'])} or less.</li>"
            "<li><b>Policy breach</b>: the AI violated a critical policy and the action was not blocked.</li>"
            "<li><b>Escalated</b>: a human got involved; not deflected.</li></ul>"
            "<p>Each conversation has exactly one outcome, the first rule that holds in this order: breach, "
            "reopened, resurfaced, rejected, abandoned. Shares are of mature AI-involved conversations; source: "
            "<code>fct_deflection_gap_monthly</code> (segments <code>all</code> and <code>channel</code>), "
            "months summed.</p>"
        ),
        table=Table(headers, rows),
    )


def readiness_section(data: ReportData) -> Section:
    # The tiers are described with the project's defaults; fct_automation_readiness stores no thresholds.
    automate_lower = float(dbt_var("readiness_automate_min_resolution_lower_bound"))
    max_reopen = float(dbt_var("readiness_automate_max_reopen_rate"))
    assist_lower = float(dbt_var("readiness_assist_min_resolution_lower_bound"))
    max_csat_gap = float(dbt_var("readiness_max_csat_gap"))
    rows = [
        [
            str(r["issue_type"]),
            str(r["category"]),
            str(r["risk_level"]),
            str(r["readiness_tier"]),
            count(r["ai_involved_conversations"]),
            count(r["pending_conversations"]),
            pct(r["ai_resolution_rate"], 1),
            f"{pct(r['ai_resolution_rate_lower'], 1)} – {pct(r['ai_resolution_rate_upper'], 1)}",
            pct(r["ai_only_reopen_rate"], 1),
            count(r["critical_breach_actions"]),
            ratio(r["ai_resolved_csat_mean"]),
            ratio(r["human_only_csat_mean"]),
        ]
        for r in data.readiness
    ]
    headers = ["issue type", "category", "risk", "tier", "AI-involved", "pending", "AI resolution", "95% interval"]
    headers += ["AI-only reopen", "critical breaches", "CSAT AI-resolved", "CSAT human only"]
    return Section(
        anchor="readiness",
        title="Resolution by issue type",
        lead="Which intents can the AI own, which can it help with, and which should stay with humans?",
        spec=charts_segments.readiness_spec(data.readiness),
        how=(
            "<p><b>AI resolution rate</b> per issue type, over mature AI-involved conversations, with its 95% "
            "<b>Wilson score interval</b>: the range the true rate most likely lies in, wide for small samples.</p>"
            f"<ul><li><b>automate</b>: the interval's lower end is at least {automate_lower:.0%}, the AI-only "
            f"reopen rate at most {max_reopen:.0%}, no critical policy breach, and the mean CSAT of AI resolutions "
            f"trails human-only conversations by at most {number(max_csat_gap)}.</li>"
            f"<li><b>assist</b>: otherwise, a lower end of at least {assist_lower:.0%}.</li>"
            "<li><b>keep_human</b>: everything else.</li></ul>"
            "<p>These are the defaults of the dbt vars <code>readiness_*</code>. The lower end, not the rate, is "
            "compared, so a small issue type cannot look ready by luck. Source: "
            "<code>fct_automation_readiness</code>.</p>"
        ),
        table=Table(headers, rows),
    )


def release_section(data: ReportData) -> Section:
    rows = [
        [
            str(r["agent_version"]),
            str(r["issue_type"]),
            count(r["ai_involved_conversations"]),
            count(r["pending_conversations"]),
            pct(r["ai_resolution_rate"], 1),
            f"{pct(r['ai_resolution_rate_lower'], 1)} – {pct(r['ai_resolution_rate_upper'], 1)}",
            pct(r["confirmed_share"], 1),
            pct(r["deflection_rate"], 1),
        ]
        for r in data.releases
    ]
    headers = ["agent version", "issue type", "AI-involved", "pending", "AI resolution", "95% interval"]
    headers += ["confirmed share", "deflection"]
    return Section(
        anchor="releases",
        title="Releases compared",
        lead="Is the new AI configuration really better, or is the difference noise?",
        spec=charts_segments.release_spec(data.releases),
        how=(
            "<p>A conversation belongs to the <code>agent_version</code> of its <b>latest</b> AI action "
            "(<code>(none)</code> when the AI took no traced action). For each version, overall and per issue "
            "type: the AI resolution rate over mature AI-involved conversations and its 95% Wilson interval.</p>"
            "<p>When the intervals of two versions do not overlap, the difference is unlikely to be chance; when "
            "they overlap, collect more conversations before concluding. Source: "
            "<code>fct_release_comparison</code>.</p>"
        ),
        table=Table(headers, rows),
    )


def guardrail_section(data: ReportData) -> Section:
    rows = [
        [
            str(g["policy_id"]),
            str(g["policy_name"] or "(not in seeds/policies.csv)"),
            str(g["severity"]),
            str(g["guardrail_result"] or "–"),
            count(g["actions"]),
            count(g["critical_breaches"]),
        ]
        for g in data.guardrails
    ]
    return Section(
        anchor="guardrails",
        title="Guardrails",
        lead="Which guardrails stopped the AI, and which let a violation through?",
        spec=charts_segments.guardrail_spec(data.guardrails),
        how=(
            "<p>Every AI action on a mature, non-excluded conversation that named a policy "
            "(<code>fct_ai_actions</code> joined to <code>dim_policies</code>), by guardrail result:</p><ul>"
            "<li><b>blocked</b>: the check was violated and the action was blocked — the guardrail worked.</li>"
            "<li><b>violated, not blocked</b>: the action went through. On a <b>critical</b> policy this is a "
            "breach, and the conversation cannot count as resolved (<code>ai_policy_breach</code>).</li>"
            "<li><b>overridden</b>, <b>passed</b>, <b>not applicable</b>: the policy result as traced.</li></ul>"
            f"<p>{data.unchecked_actions:,} actions without a policy check are not shown. Policies missing from "
            "<code>seeds/policies.csv</code> have the severity of the var <code>unmapped_policy_severity</code> "
            "(critical unless set otherwise) until you classify them in the seed.</p>"
        ),
        table=Table(["policy", "name", "severity", "guardrail result", "actions", "critical breaches"], rows),
    )


def verdict_section(data: ReportData) -> Section | None:
    """External verdicts beside ours; None (no section) when no verdict was delivered."""
    if not data.verdicts:
        return None
    rows = [
        [
            str(v["verdict_source"]),
            count(v["verdicts"]),
            count(v["pending"]),
            count((v["excluded"] or 0) + (v["unknown"] or 0)),
            count(v["compared"]),
            pct(v["verdict_resolved"], v["compared"]),
            pct(v["our_resolved"], v["compared"]),
            pct(v["agreeing"], v["compared"]),
        ]
        for v in data.verdicts
    ]
    compared = {v["verdict_source"]: v["compared"] for v in data.verdicts}
    disagreements = Table(
        ["source", "disagreement", "conversations", "share of compared"],
        [
            [
                str(d["verdict_source"]),
                str(d["disagreement_type"]),
                count(d["disagreeing"]),
                pct(d["disagreeing"], compared.get(d["verdict_source"])),
            ]
            for d in data.verdict_disagreements
        ],
    )
    headers = ["verdict source", "verdicts", "pending", "excluded or unknown", "compared", "source says resolved"]
    headers += ["ours: AI-resolved", "agreement"]
    return Section(
        anchor="verdicts",
        title="Their verdict, our outcome",
        lead="The help desk (or another judge) says the AI resolved a conversation: do our rules agree? Both "
        "rates are over the same conversations.",
        how=(
            "<p>Each verdict in <code>resolution_verdicts</code> (Intercom Fin's resolution state, how the Salesforce "
            "bot's sessions ended, an LLM reviewer, "
            "a QA team) is set beside our outcome for the same conversation (<code>fct_verdict_comparison</code>). "
            "<b>Compared</b> conversations are mature, not excluded, and have a verdict of resolved or not resolved; "
            "pending, excluded and unknown verdicts are counted but never compared. <b>Source says resolved</b> and "
            "<b>ours: AI-resolved</b> are shares of the compared conversations. A verdict of resolved agrees with "
            "our <code>ai_resolved_*</code> outcomes; not resolved agrees with every other outcome.</p>"
            "<p>The second table lists the disagreements by our outcome and its reason "
            "(<code>fct_verdict_disagreements_monthly</code>, months summed): what the source counted as resolved "
            "although the customer reopened, came back, rejected the answer or a human stepped in.</p>"
        ),
        table=Table(headers, rows),
        table_open=True,
        extra=[("Disagreements by our outcome", disagreements)] if data.verdict_disagreements else [],
    )


def mart_cell(column: str, value: object) -> str:
    """A value of an arbitrary mart: shares as percentages, counts with separators."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.1%}" if ("share" in column or "rate" in column) else f"{value:.4g}"
    return str(value)


def mart_table(columns: list[str], rows: list[tuple[Any, ...]]) -> Table:
    """Any mart as a table, without its surrogate key columns."""
    keep = [i for i, name in enumerate(columns) if not name.endswith("_key")]
    return Table(
        [columns[i].replace("_", " ") for i in keep],
        [[mart_cell(columns[i], row[i]) for i in keep] for row in rows],
    )


def quality_section(data: ReportData) -> Section:
    rows = [
        [
            c["area"],
            c["check"],
            f"{c['count']:,}",
            "info" if c["info"] else ("check" if c["count"] else "ok"),
            c["detail"],
        ]
        for c in data.quality_checks
    ]
    extra: list[tuple[str, Table]] = []
    if data.has_quality_mart:
        extra.append(("fct_data_quality_summary", mart_table(data.quality_mart_columns, data.quality_mart_rows)))
    return Section(
        anchor="quality",
        title="Data quality",
        lead="What was left out of the rates, and which raw values did not fit the contract or the mappings.",
        how=(
            "<p>Counts over all conversations in scope. <b>Excluded</b> and <b>pending</b> conversations are never "
            "in a rate. A raw enum value outside the contract becomes <code>unknown</code> and the row is kept. "
            "Issue types missing from the seed are reported as <code>unmapped</code>; policies missing from it count "
            "with <code>unmapped_policy_severity</code> (critical by default); "
            "<code>fct_unmapped_reference_values</code> lists both. Edit "
            "<code>seeds/issue_types.csv</code> or <code>seeds/policies.csv</code> and run <code>dbt build</code>. "
            "When the project builds a <code>fct_data_quality_summary</code> mart, its rows are shown below.</p>"
        ),
        table=Table(["area", "check", "count", "status", "detail"], rows),
        table_open=True,
        extra=extra,
    )


def after_hours_section(data: ReportData) -> Section | None:
    """In business hours vs after hours; None for a build without the after-hours mart."""
    if not data.after_hours:
        return None
    rows = []
    for r in data.after_hours:
        name = "all channels" if r["segment_type"] == "all" else str(r["segment_value"])
        band = str(r["business_hours"]).replace("_", " ")
        rows.append(
            [
                name,
                band,
                count(r["mature"]),
                count(r["ai_involved"]),
                pct(r["ai_resolved"], r["ai_involved"]),
                pct(r["verified"], r["ai_involved"]),
                pct(r["ai_resolved"], r["mature"]),
                pct(r["escalated"], r["ai_involved"]),
            ]
        )
    headers = ["channel", "created", "mature", "AI-involved", "AI resolution", "verified resolution"]
    headers += ["AI-resolved ÷ all", "escalated"]
    return Section(
        anchor="after-hours",
        title="After hours",
        lead="Does the AI resolve as well at night, at weekends and on holidays as in business hours, and how much "
        "of the traffic nobody is on shift for does it take care of?",
        spec=charts_hours.after_hours_spec(data.after_hours),
        how=(
            "<p>A conversation is <b>after hours</b> when its ticket was created outside an opening window of its "
            "channel's business schedule: at night, on a closed day or on a holiday (seeds "
            "<code>business_schedules</code>, <code>business_holidays</code>, <code>channel_schedules</code>; local "
            "times, daylight saving included). A channel without a schedule is open 24/7: always in hours.</p>"
            "<ul><li><b>AI resolution rate</b> = AI-resolved ÷ mature AI-involved conversations.</li>"
            "<li><b>Verified resolution rate</b> = AI resolutions the customer confirmed or whose workflow reached "
            "its final step ÷ the same.</li>"
            "<li><b>AI-resolved ÷ all</b> = AI-resolved ÷ every mature conversation of the band, with or without AI; "
            "after hours, this is the <b>after-hours coverage</b>.</li></ul>"
            "<p>Source: <code>fct_after_hours_monthly</code> (segments <code>all</code> and <code>channel</code>), "
            "months summed before dividing.</p>"
        ),
        table=Table(headers, rows),
    )
