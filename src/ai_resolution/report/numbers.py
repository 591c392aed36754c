"""Numbers as the report and the summary show them, and the sample size a rate needs."""

from __future__ import annotations

from ai_resolution.project import dbt_var


def min_segment_size() -> int:
    """Below this many AI-involved conversations a rate is not significant: the dbt var
    min_segment_size, which the marts' is_significant flags use too."""
    return int(dbt_var("min_segment_size"))


def share(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, or None for an empty denominator."""
    if not denominator:
        return None
    return float(numerator or 0) / float(denominator)


def pct(numerator: float | None, denominator: float | None) -> str:
    value = share(numerator, denominator)
    return "n/a" if value is None else f"{value:.1%}"


def ratio(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def count(value: float | None) -> str:
    return f"{int(value or 0):,}"
