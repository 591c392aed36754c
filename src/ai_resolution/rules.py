"""The outcome order and the thresholds stored in ``fct_conversations.rules_config``; shared
by ``explain`` and ``report``."""

from __future__ import annotations

from ai_resolution.project import dbt_var

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

# The dbt vars of the outcome rules, as macros/outcome_rules.sql stores them in rules_config.
THRESHOLD_VARS: tuple[str, ...] = (
    "reopen_window_hours",
    "reopen_grace_minutes",
    "repeat_contact_window_hours",
    "csat_confirm_min_score",
    "csat_negative_max_score",
    "inactivity_close_hours",
    "max_pre_creation_hours",
)


def default_thresholds() -> dict[str, float]:
    """The thresholds' defaults, read from dbt_project.yml (never copied here)."""
    return {name: float(dbt_var(name)) for name in THRESHOLD_VARS}


def parse_rules_config(text: str | None) -> dict[str, float]:
    """``a=1;b=2`` into numbers, on top of the project's defaults: the values a conversation
    was classified with win over the defaults, which only fill in what is missing."""
    thresholds = default_thresholds()
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
