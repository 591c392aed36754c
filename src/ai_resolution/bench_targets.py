"""The targets of ``ai-resolution bench``, net of dbt's fixed cost.

dbt spends seconds starting, parsing and walking ~250 nodes whatever the data size. The
benchmark measures that fixed cost in the same run, as the same full build and the same
incremental build (one day appended) on a small size (1,000 tickets by default), and
subtracts it: the full build's fixed cost is the small size's full build, the incremental
build's fixed cost is the small size's incremental build (DECISIONLOG D-160).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ai_resolution.bench_steps import Step

# How many tickets the last incremental run recomputed: a count, "all" (a full build), or
# None when the state table holds no row for fct_conversations.
Recomputed = int | Literal["all"] | None


@dataclass
class SizeResult:
    tickets: int
    raw_rows: int
    floor: Step
    full: Step
    incremental: Step
    appended_rows: int
    recomputed_tickets: Recomputed


@dataclass(frozen=True)
class Target:
    key: str
    bound: float
    strict: bool  # "<" rather than "≤"
    unit: Literal["times", "percent", "ratio", "GiB"]

    def met(self, value: float | None) -> bool | None:
        # A negative net ratio: the size built faster than the fixed cost, i.e. noise (tiny sizes).
        if value is None or value < 0:
            return None
        return value < self.bound if self.strict else value <= self.bound

    def format(self, value: float) -> str:
        if self.unit == "times":
            return f"{value:.1f}×"
        if self.unit == "percent":
            return f"{value:.0%}"
        if self.unit == "GiB":
            return f"{value:.2f} GiB"
        return f"{value:.1f}"

    def bound_text(self) -> str:
        sign = "<" if self.strict else "≤"
        if self.unit == "times":
            return f"{sign} {self.bound:g}×"
        if self.unit == "percent":
            return f"{sign} {self.bound:.0%}"
        if self.unit == "GiB":
            return f"{sign} {self.bound:g} GiB"
        return f"{sign} {self.bound:g}"


# Issue #14's targets (a 2-core machine, one run).
TARGETS = (
    Target("full_net_over_floor", 5.0, strict=False, unit="times"),
    Target("incremental_net_over_full_net", 0.10, strict=False, unit="percent"),
    Target("incremental_large_over_small", 2.0, strict=False, unit="ratio"),
    Target("peak_gib", 3.0, strict=True, unit="GiB"),
)


def measure_labels(small: int, large: int) -> dict[str, str]:
    return {
        "full_net_over_floor": f"(full build − fixed cost) ÷ floor, at {large:,}",
        "incremental_net_over_full_net": (
            f"(incremental after one day − fixed cost) ÷ (full − fixed cost), at {large:,}"
        ),
        "incremental_large_over_small": f"incremental after one day at {large:,} ÷ at {small:,}",
        "peak_gib": f"peak memory at {large:,}",
    }


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator ÷ denominator; None when the denominator is not positive (the only divisor that
    can be is the net full build, at sizes within dbt's fixed cost)."""
    return numerator / denominator if denominator > 0 else None


def seconds_of(use_execution: bool) -> Callable[[Step], float]:
    def seconds(step: Step) -> float:
        return step.execution_seconds if use_execution and step.execution_seconds is not None else step.seconds

    return seconds


def target_values(
    small: SizeResult, large: SizeResult, fixed: SizeResult, use_execution: bool
) -> dict[str, float | None]:
    """The four measures. Wall time (the whole dbt command) or dbt's execution time; the fixed
    cost is subtracted in the same measure. The floor is the query alone either way."""
    seconds = seconds_of(use_execution)
    full_net = seconds(large.full) - seconds(fixed.full)
    incremental_net = seconds(large.incremental) - seconds(fixed.incremental)
    return {
        "full_net_over_floor": ratio(full_net, large.floor.seconds),
        "incremental_net_over_full_net": ratio(incremental_net, full_net),
        "incremental_large_over_small": ratio(seconds(large.incremental), seconds(small.incremental)),
        "peak_gib": max(large.full.peak_mib, large.incremental.peak_mib) / 1024,
    }


def verdict(target: Target, value: float | None) -> str:
    if value is None:
        return "n/a (net full build ≤ 0 s)"
    if value < 0:
        return f"{target.format(value)} (n/a: below the fixed cost)"
    return f"{target.format(value)} ({'met' if target.met(value) else 'MISSED'})"


@dataclass
class TargetRow:
    key: str
    measure: str
    target: str
    wall: float | None
    execution: float | None  # None for peak memory (one figure per process)
    met: bool | None  # judged on wall time; None when the value is undefined


def targets_rows(small: SizeResult, large: SizeResult, fixed: SizeResult) -> list[TargetRow]:
    labels = measure_labels(small.tickets, large.tickets)
    wall = target_values(small, large, fixed, use_execution=False)
    execution = target_values(small, large, fixed, use_execution=True)
    return [
        TargetRow(
            key=target.key,
            measure=labels[target.key],
            target=target.bound_text(),
            wall=wall[target.key],
            execution=None if target.key == "peak_gib" else execution[target.key],
            met=target.met(wall[target.key]),
        )
        for target in TARGETS
    ]


def render_targets(small: SizeResult, large: SizeResult, fixed: SizeResult) -> list[str]:
    """The targets table (markdown lines) and which builds the fixed cost was."""
    by_key = {target.key: target for target in TARGETS}
    lines = [
        "| measure | target | measured (wall) | execution |",
        "|---|---:|---:|---:|",
    ]
    for row in targets_rows(small, large, fixed):
        target = by_key[row.key]
        execution = "" if row.key == "peak_gib" else verdict(target, row.execution)
        lines.append(f"| {row.measure} | {row.target} | {verdict(target, row.wall)} | {execution} |")
    fixed_label = f"{fixed.tickets:,} tickets"
    lines += [
        "",
        f"Fixed cost: the same steps on {fixed_label}, in this run. Subtracted from the full build: the full"
        f" build on {fixed_label}, {fixed.full.seconds:.1f} s (execution {fixed.full.execution_seconds:.1f} s)."
        f" Subtracted from the incremental build: the incremental build after one day on {fixed_label},"
        f" {fixed.incremental.seconds:.1f} s (execution {fixed.incremental.execution_seconds:.1f} s)."
        " The ratio of incremental builds across sizes is gross (no fixed cost subtracted).",
        "",
        "Targets are judged on wall time (the whole `dbt build` command, start-up and parsing included);"
        " execution = dbt's own run time (`run_results.json` elapsed_time), its fixed cost measured the same way."
        " Peak memory: the larger of the full and the incremental build's peak at the largest size.",
    ]
    return lines
