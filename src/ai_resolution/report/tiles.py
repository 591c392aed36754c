"""The report's headline tiles and their definitions."""

from __future__ import annotations

from ai_resolution.report.data import ReportData
from ai_resolution.report.numbers import pct, ratio, share
from ai_resolution.report.page import Tile
from ai_resolution.report.style import COLORS
from ai_resolution.rules import number, parse_rules_config


def build_tiles(data: ReportData) -> list[Tile]:
    """The ten headline tiles, each with its sample size and the pending count."""
    h, cost = data.headline, data.cost
    involved, resolved, pending, gap = h.ai_involved, h.ai_resolved, h.pending, h.gap
    waiting = f"{pending:,} pending, not yet counted"
    csat_mean = share(h.csat_score_sum, h.csat_responses)
    ai_csat = share(h.ai_resolved_csat_score_sum, h.ai_resolved_csat_responses)
    human_csat = share(h.human_only_csat_score_sum, h.human_only_csat_responses)
    # is_csat_positive counts answers of csat_confirm_min_score and up, as the rows were classified.
    confirm = parse_rules_config(data.rules_config)["csat_confirm_min_score"]
    return [
        Tile(
            "AI resolution rate",
            pct(resolved, involved),
            f"{resolved:,} of {involved:,} AI-involved",
            f"n = {involved:,} · {waiting}",
            COLORS["resolved"],
        ),
        Tile(
            "Verified resolution rate",
            pct(h.ai_verified, involved),
            f"{h.ai_verified:,} of {involved:,} AI-involved: confirmed or a completed workflow",
            f"n = {involved:,} · {h.ai_workflow_completed:,} by workflow · {waiting}",
            COLORS["verified"],
        ),
        Tile(
            "Confirmed share",
            pct(h.ai_confirmed, resolved),
            f"{h.ai_confirmed:,} of {resolved:,} AI resolutions confirmed",
            f"n = {resolved:,} · {waiting}",
            COLORS["confirmed"],
        ),
        Tile(
            "Deflection rate (legacy)",
            pct(h.deflected, involved),
            f"{h.deflected:,} of {involved:,} never reached a human",
            f"n = {involved:,} · {waiting}",
            COLORS["deflection"],
        ),
        Tile(
            "Deflection gap",
            pct(gap, involved),
            f"{gap:,} deflected but not resolved",
            f"n = {involved:,} · {waiting}",
            COLORS["gap"],
        ),
        Tile(
            "Escalation rate",
            pct(h.escalated, involved),
            f"{h.escalated:,} of {involved:,} reached a human",
            f"n = {involved:,} · {waiting}",
            COLORS["escalated"],
        ),
        Tile(
            "CSAT (mean of 1–5)",
            ratio(csat_mean),
            f"AI-resolved {ratio(ai_csat)} · human only {ratio(human_csat)}",
            f"n = {h.csat_responses:,} answers · {pct(h.csat_positive, h.csat_responses)} gave {number(confirm)}–5",
            COLORS["csat"],
        ),
        Tile(
            "Cost per AI resolution",
            ratio(share(cost["ai_cost"], cost["ai_resolved"])),
            f"AI cost {cost['ai_cost']:,.0f} · human cost avoided {cost['human_cost_avoided']:,.0f}",
            f"n = {int(cost['ai_resolved']):,} AI resolutions · {waiting}",
            COLORS["cost"],
        ),
        Tile(
            "After-hours coverage",
            pct(h.after_hours_ai_resolved, h.after_hours),
            f"{h.after_hours_ai_resolved:,} of {h.after_hours:,} after-hours conversations resolved by the AI",
            f"n = {h.after_hours:,} · AI resolution rate after hours "
            f"{pct(h.after_hours_ai_resolved, h.after_hours_ai_involved)}",
            COLORS["after_hours"],
        ),
        Tile(
            "Not yet counted",
            f"{pending:,}",
            f"pending (can still change) · {h.excluded:,} excluded",
            f"{h.mature:,} mature of {h.conversations:,} conversations",
            COLORS["pending"],
        ),
    ]


def tiles_how(data: ReportData) -> str:
    t = parse_rules_config(data.rules_config)
    return (
        "<p>All rates count <b>mature</b> conversations only: <code>excluded</code> (spam, merged) and "
        "<code>pending</code> (the outcome can still change) are left out and counted apart. "
        "<b>AI-involved</b> = mature conversations the AI took part in (the outcomes <code>escalated</code> and "
        "the seven <code>ai_*</code> outcomes).</p><ul>"
        "<li><b>AI resolution rate</b> = AI-resolved (<code>ai_resolved_confirmed</code> + "
        "<code>ai_resolved_assumed</code>) ÷ AI-involved. Resolved means the AI alone solved it and it stayed "
        "solved: no human, no critical policy breach, no reopen, no return on another channel, not rejected, "
        "not abandoned.</li>"
        "<li><b>Verified resolution rate</b> = verified AI resolutions ÷ AI-involved (the same denominator as the "
        "AI resolution rate). An AI resolution is verified when the customer confirmed it (a confirmation event or "
        f"CSAT {number(t['csat_confirm_min_score'])} or more: <code>customer_confirmed</code>) or, failing that, the "
        "AI's action trace shows a workflow completed: a final step succeeded at or before the final solve, with no "
        "failed or blocked step of the same procedure after it (<code>workflow_completed</code>). The others rest on "
        "the customer's silence (<code>assumed</code>): <code>fct_conversations.resolution_evidence</code>.</li>"
        "<li><b>Confirmed share</b> = <code>ai_resolved_confirmed</code> ÷ AI-resolved: the customer confirmed, or "
        f"gave CSAT {number(t['csat_confirm_min_score'])} or more. A high rate resting on assumed resolutions "
        "deserves an audit.</li>"
        "<li><b>Deflection rate (legacy)</b> = conversations that never reached a human (the seven "
        "<code>ai_*</code> outcomes) ÷ AI-involved.</li>"
        "<li><b>Deflection gap</b> = deflection rate − AI resolution rate: abandoned, rejected, reopened, "
        "resurfaced and policy-breach conversations.</li>"
        "<li><b>Escalation rate</b> = <code>escalated</code> ÷ AI-involved; deflection + escalation = 100%.</li>"
        "<li><b>CSAT</b> = mean of the latest valid answer (1–5) per mature conversation, with the means for "
        "AI-resolved and human-only conversations.</li>"
        "<li><b>Cost per AI resolution</b> = AI cost (AI-involved conversations × the dbt var "
        "<code>ai_cost_per_conversation</code>) ÷ AI-resolved conversations (<code>fct_cost_monthly</code>). "
        "Human cost avoided counts resolutions, never deflections.</li>"
        "<li><b>After-hours coverage</b> = AI-resolved ÷ all mature conversations created outside their channel's "
        "business hours (nights, closed days, holidays: <code>is_created_in_business_hours</code> false), with or "
        "without AI: how much of the traffic nobody was on shift for the AI resolved on its own. A channel without a "
        "schedule is open 24/7. The AI resolution rate after hours divides by the AI-involved ones instead.</li></ul>"
        "<p>Source: counts of <code>fct_conversations</code> by its own flags (<code>is_in_rate_population</code>, "
        "<code>is_ai_involved</code>, <code>is_ai_resolved</code>, <code>is_deflected</code>, "
        "<code>is_csat_positive</code>, <code>outcome</code>, <code>resolution_evidence</code>, "
        "<code>is_created_in_business_hours</code>), "
        "the same query as <code>ai-resolution summary</code>, "
        "divided after counting. "
        "See METRICS.md for every rule.</p>"
    )
