"""The measured steps of ``ai-resolution bench``: a command under a peak-memory wrapper,
a dbt command on a benchmark database, a ``generate`` run."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# Runs a command and prints its peak resident memory (KiB) as JSON on the last stdout line.
PEAK_WRAPPER = (
    "import json, resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "print(json.dumps({'rc': code, 'maxrss_kib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
)


class BenchError(RuntimeError):
    """A step failed; the message says which and where its log is."""


@dataclass
class Step:
    seconds: float
    peak_mib: float
    execution_seconds: float | None = None  # dbt's run_results elapsed_time (no parsing)


def run_measured(command: list[str], env: dict[str, str], log: Path) -> Step:
    """Run command under the peak-memory wrapper; its output goes to log."""
    started = time.perf_counter()
    with log.open("w") as handle:
        result = subprocess.run(
            [sys.executable, "-c", PEAK_WRAPPER, *command], env=env, stdout=subprocess.PIPE, stderr=handle, text=True
        )
    seconds = time.perf_counter() - started
    lines = result.stdout.strip().splitlines()
    with log.open("a") as handle:
        handle.write("\n".join(lines[:-1]))
    report = json.loads(lines[-1]) if lines else {"rc": 1, "maxrss_kib": 0}
    if report["rc"] != 0:
        raise BenchError(f"step {log.stem} failed (exit {report['rc']}); see {log}")
    return Step(seconds=seconds, peak_mib=report["maxrss_kib"] / 1024)


def dbt_step(
    project: Path,
    db: Path,
    work: Path,
    name: str,
    args: argparse.Namespace,
    command_name: str = "build",
    dbt_vars: str | None = None,
) -> Step:
    target = work / "target"
    env = {
        **os.environ,
        "AI_RESOLUTION_DB": str(db),
        "AI_RESOLUTION_THREADS": str(args.threads),
        "AI_RESOLUTION_DUCKDB_THREADS": str(args.threads),
        "AI_RESOLUTION_MEMORY_LIMIT": args.memory_limit,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    dbt = str(Path(sys.executable).with_name("dbt"))
    command = [dbt, command_name, "--project-dir", str(project), "--profiles-dir", str(project / "profiles")]
    command += ["--target-path", str(target), "--log-path", str(work / "logs")]
    if dbt_vars:
        command += ["--vars", dbt_vars]
    step = run_measured(command, env, work / f"{name}.log")
    if command_name == "build":
        step.execution_seconds = json.loads((target / "run_results.json").read_text())["elapsed_time"]
    return step


def generate(db: Path, work: Path, extra: list[str], log_name: str) -> float:
    command = [str(Path(sys.executable).with_name("ai-resolution")), "generate", "--db", str(db), *extra]
    return run_measured(command, dict(os.environ), work / log_name).seconds
