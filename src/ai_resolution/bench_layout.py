"""``ai-resolution bench --layout <help desk>``: what a help desk's adapter adds to a
full ``dbt build``.

At each size the same seed is generated twice, in the contract layout and in the help
desk's layout (each in a fresh DuckDB file), and both full builds are timed in the same run
on the same machine: the overhead is the help desk's build over the contract's. The
slowest models of each build (``run_results.json``) show where the difference goes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from ai_resolution.bench_steps import BenchError, Step, dbt_step, generate
from ai_resolution.source_layouts import dbt_vars_json

OVERHEAD_TARGET = 0.25  # the adapter adds at most 25% to the contract's full build
TOP_MODELS = 10


@dataclass
class LayoutBuild:
    layout: str
    generate_seconds: float
    full: Step
    node_seconds: dict[str, float]  # dbt node -> execution time


@dataclass
class LayoutResult:
    tickets: int
    contract: LayoutBuild
    vendor: LayoutBuild

    def overhead(self, use_execution: bool) -> float:
        def seconds(build: LayoutBuild) -> float:
            step = build.full
            return step.execution_seconds if use_execution and step.execution_seconds is not None else step.seconds

        return seconds(self.vendor) / seconds(self.contract) - 1.0


def node_seconds(target: Path) -> dict[str, float]:
    results = json.loads((target / "run_results.json").read_text())["results"]
    return {result["unique_id"]: float(result["execution_time"]) for result in results}


def build_layout(tickets: int, layout: str, project: Path, root: Path, args: argparse.Namespace) -> LayoutBuild:
    work = root / f"t{tickets}_{layout}"
    work.mkdir(parents=True, exist_ok=True)
    db = work / "warehouse.duckdb"
    extra = ["--tickets", str(tickets), "--seed", str(args.seed), "--schema", args.schema, "--layout", layout]
    generated = generate(db, work, extra, "generate.log")
    dbt_vars = dbt_vars_json(layout)
    # Parsed once untimed, so the timed build starts from a partial parse, as in bench.
    dbt_step(project, db, work, "parse", args, command_name="parse", dbt_vars=dbt_vars)
    full = dbt_step(project, db, work, "full_build", args, dbt_vars=dbt_vars)
    nodes = node_seconds(work / "target")
    if not args.keep:
        db.unlink(missing_ok=True)
    return LayoutBuild(layout, generated, full, nodes)


def bench_layout_size(tickets: int, project: Path, root: Path, args: argparse.Namespace) -> LayoutResult:
    builds = {}
    for layout in ("contract", args.layout):
        print(f"==> {tickets:,} tickets, {layout} layout: generating, then a full dbt build", flush=True)
        build = build_layout(tickets, layout, project, root, args)
        full = build.full
        print(
            f"    generated in {build.generate_seconds:.1f} s; full build {full.seconds:.1f} s"
            f" (execution {full.execution_seconds:.1f} s), peak {full.peak_mib:,.0f} MiB",
            flush=True,
        )
        builds[layout] = build
    return LayoutResult(tickets, builds["contract"], builds[args.layout])


def short(unique_id: str) -> str:
    return unique_id.split(".", 2)[-1] if unique_id.count(".") >= 2 else unique_id


def slowest(build: LayoutBuild, n: int = TOP_MODELS) -> list[tuple[str, float]]:
    return sorted(build.node_seconds.items(), key=lambda item: -item[1])[:n]


def render_layout(results: list[LayoutResult], args: argparse.Namespace) -> str:
    layout = args.layout
    large = results[-1]
    lines = [
        f"# Benchmark: the {layout} adapter",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by `ai-resolution bench --layout {layout}` on"
        f" {os.cpu_count()} cores, Python {platform.python_version()}, DuckDB {duckdb.__version__},"
        f" dbt threads {args.threads}, DuckDB memory_limit {args.memory_limit}. The same seed ({args.seed}) is"
        f" generated in the contract layout and in the {layout} layout; both full `dbt build`s run in the same"
        " run on the same machine.",
        "",
        f"Reproduce: `ai-resolution bench --layout {layout} --sizes {args.sizes} --threads {args.threads}"
        f" --memory-limit {args.memory_limit}`.",
        "",
        f"| tickets | contract build s (execution) | peak MiB | {layout} build s (execution) | peak MiB"
        " | overhead wall | overhead execution |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        c, v = r.contract.full, r.vendor.full
        lines.append(
            f"| {r.tickets:,} | {c.seconds:.1f} ({c.execution_seconds:.1f}) | {c.peak_mib:,.0f}"
            f" | {v.seconds:.1f} ({v.execution_seconds:.1f}) | {v.peak_mib:,.0f}"
            f" | {r.overhead(False):+.0%} | {r.overhead(True):+.0%} |"
        )
    met = {True: "met", False: "MISSED"}
    overhead = large.overhead(True)
    lines += [
        "",
        f"Target: the {layout} full build at most {OVERHEAD_TARGET:.0%} slower than the contract's at"
        f" {large.tickets:,} tickets (execution time): {overhead:+.0%}, {met[overhead <= OVERHEAD_TARGET]}.",
        "",
        f"Slowest nodes at {large.tickets:,} tickets (seconds of execution; with {args.threads} threads they overlap):",
        "",
        f"| contract | s | {layout} | s |",
        "|---|---:|---|---:|",
    ]
    for (c_name, c_s), (v_name, v_s) in zip(slowest(large.contract), slowest(large.vendor), strict=False):
        lines.append(f"| {short(c_name)} | {c_s:.2f} | {short(v_name)} | {v_s:.2f} |")
    adapter = {name: s for name, s in large.vendor.node_seconds.items() if f".{layout}__" in name}
    lines += [
        "",
        f"The adapter's own nodes ({layout}__*, models and their tests) took {sum(adapter.values()):.1f} s of"
        f" execution in all; the whole {layout} build's nodes {sum(large.vendor.node_seconds.values()):.1f} s,"
        f" the contract's {sum(large.contract.node_seconds.values()):.1f} s.",
    ]
    return "\n".join(lines) + "\n"


def run_layout(sizes: list[int], args: argparse.Namespace) -> int:
    """The layout benchmark (``bench --layout``); writes ``args.output`` and JSON next to it."""
    project = args.project_dir.resolve()
    root = args.workdir or Path(tempfile.mkdtemp(prefix=f"ai_resolution_bench_{args.layout}_"))
    started = time.perf_counter()
    try:
        results = [bench_layout_size(tickets, project, root, args) for tickets in sizes]
    except BenchError as error:
        print(f"ai-resolution bench: error: {error}", file=sys.stderr)
        return 2
    if not args.keep and args.workdir is None:
        shutil.rmtree(root, ignore_errors=True)
    text = render_layout(results, args)
    print()
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    payload = {
        "layout": args.layout,
        "sizes": [asdict(result) for result in results],
        "overhead_wall": [result.overhead(False) for result in results],
        "overhead_execution": [result.overhead(True) for result in results],
    }
    args.output.with_suffix(".json").write_text(json.dumps(payload, indent=2) + "\n")
    print(f"written {args.output} and {args.output.with_suffix('.json')} in {time.perf_counter() - started:.0f} s")
    return 0
