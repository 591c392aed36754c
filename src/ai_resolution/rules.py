"""The outcome order and the thresholds stored in ``fct_conversations.rules_config``."""

from __future__ import annotations

# Checked in this order; the first rule that holds decides the outcome (METRICS.md#outcomes).
OUTCOME_ORDER: tuple[str, ...] = (
    "excluded",
    "pending",
    "human_only",
    "escalated",
    "ai_policy_breach",
    "ai_reopened",
    "ai_resurfaced",
    "ai_rejected",
    "ai_abandoned",
    "ai_resolved_confirmed",
    "ai_resolved_assumed",
)

# The defaults of the dbt vars, used when a threshold is missing from rules_config.
DEFAULT_THRESHOLDS: dict[str, float] = {
    "reopen_window_hours": 72,
    "reopen_grace_minutes": 10,
    "repeat_contact_window_hours": 168,
    "csat_confirm_min_score": 4,
    "csat_negative_max_score": 2,
    "inactivity_close_hours": 72,
    "max_pre_creation_hours": 24,
}


def parse_rules_config(text: str | None) -> dict[str, float]:
    """``a=1;b=2`` into numbers, on top of the defaults."""
    thresholds = dict(DEFAULT_THRESHOLDS)
    for part in (text or "").split(";"):
        name, _, value = part.partition("=")
        try:
            thresholds[name.strip()] = float(value)
        except ValueError:
            continue
    return thresholds


def rules_config_text(text: str | None, name: str, default: str) -> str:
    """A setting of ``a=1;b=critical`` kept as text (e.g. ``unmapped_policy_severity``)."""
    for part in (text or "").split(";"):
        key, _, value = part.partition("=")
        if key.strip() == name and value.strip():
            return value.strip()
    return default


def number(value: float) -> str:
    """A threshold without a trailing .0."""
    return f"{value:g}"
