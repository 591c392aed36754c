"""Comparing built rows with the hand-worked expectation CSVs of the fixtures."""

from __future__ import annotations

from datetime import datetime

# The fct_conversations columns each hand-worked expectation gives (tests/fixtures/*).
COMPARED_CONVERSATION_COLUMNS = [
    "outcome",
    "outcome_reason",
    "is_mature",
    "is_ai_involved",
    "is_human_involved",
    "first_solved_at",
    "final_solved_at",
    "reopened_at",
    "repeat_contact_ticket_id",
    "csat_score",
    "started_at",
]


def as_text(value: object) -> str:
    """Render a database value the way the expected CSVs write it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)
