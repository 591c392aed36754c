"""Run the project the way Airflow with Cosmos does: one ``dbt run --select <model>`` and,
when the model has tests, one ``dbt test --select <model>`` per model, in DAG order
(Cosmos's TestBehavior.AFTER_EACH); or one ``dbt build --select <model>`` per model
(TestBehavior.BUILD).

Run as a child process (``python -m helpers.per_node``) so that every dbt connection it
opens is gone when it returns. The project is parsed once and the manifest handed to each
invocation (dbtRunner(manifest=...)), as a long-lived orchestrator worker would; each node
is still its own dbt invocation, with its own on-run-start hooks and run_started_at.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from helpers import engines
from helpers.paths import PROJECT_DIR


def ordered_models(manifest: Any, selected: set[str] | None) -> list[str]:
    """The project's enabled models in DAG order (parents first), limited to `selected`."""
    models = {
        node.unique_id: node
        for node in manifest.nodes.values()
        if node.resource_type == "model" and node.package_name == "ai_resolution"
    }
    order: list[str] = []
    placed: set[str] = set()

    def place(unique_id: str) -> None:
        if unique_id in placed:
            return
        placed.add(unique_id)
        for parent in models[unique_id].depends_on.nodes:
            if parent in models:
                place(parent)
        order.append(unique_id)

    for unique_id in sorted(models):
        place(unique_id)
    names = [models[unique_id].name for unique_id in order]
    return [name for name in names if selected is None or name in selected]


def tested_models(manifest: Any) -> set[str]:
    """Models with at least one data or unit test whose parents are all this model (what
    `dbt test --select <model>` runs under cautious indirect selection)."""
    tested = set()
    for node in [*manifest.nodes.values(), *manifest.unit_tests.values()]:
        if node.resource_type not in ("test", "unit_test"):
            continue
        parents = [parent for parent in node.depends_on.nodes if parent.startswith("model.")]
        if len(set(parents)) == 1:
            tested.add(parents[0].split(".")[-1])
    return tested


def main(argv: list[str] | None = None) -> int:
    from dbt.cli.main import dbtRunner  # noqa: PLC0415 (only in the child process)

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vars", default="{}", help="dbt vars as JSON")
    parser.add_argument("--models", default=None, help="comma-separated models to run (default: all)")
    parser.add_argument("--list", action="store_true", help="print the models in DAG order and stop")
    parser.add_argument(
        "--build", action="store_true", help="one `dbt build --select <model>` per model (Cosmos TestBehavior.BUILD)"
    )
    args = parser.parse_args(argv)
    common = ["--project-dir", str(PROJECT_DIR), "--target", engines.TARGET, "--vars", args.vars]

    parsed = dbtRunner().invoke(["parse", *common])
    if not parsed.success:
        print(f"dbt parse failed: {parsed.exception}", file=sys.stderr)
        return 2
    manifest = parsed.result
    selected = set(args.models.split(",")) if args.models else None
    models = ordered_models(manifest, selected)
    if args.list:
        print(json.dumps(models))
        return 0
    runner = dbtRunner(manifest=manifest)
    tested = tested_models(manifest)
    for name in models:
        commands = [["run", "--select", name]]
        if args.build:
            commands = [["build", "--select", name]]
        elif name in tested:
            commands.append(["test", "--select", name])
        for command in commands:
            # No manifest or run_results written per node: half the cost of each invocation.
            result = runner.invoke([*command, *common, "--quiet", "--no-write-json"])
            if not result.success:
                print(f"FAILED: dbt {' '.join(command)}", flush=True)
                return 1
        print(f"ok {name}", flush=True)
    return 0


def run_per_node(
    db_path: Path, dbt_vars: dict[str, Any], models: list[str] | None = None, build: bool = False
) -> tuple[bool, str]:
    """Run `models` (default: every model) node by node against db_path's warehouse: `dbt run`
    then `dbt test` per model, or one `dbt build` per model. Returns (success, output)."""
    engines.forget(db_path)
    work_dir = db_path.parent
    env = {
        **engines.dbt_environment(db_path),
        "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles"),
        "DBT_TARGET_PATH": str(work_dir / "target"),
        "DBT_LOG_PATH": str(work_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "PYTHONPATH": str(PROJECT_DIR / "tests"),
    }
    command = [sys.executable, "-m", "helpers.per_node", "--vars", json.dumps(dbt_vars)]
    if models is not None:
        command += ["--models", ",".join(models)]
    if build:
        command.append("--build")
    result = subprocess.run(
        command,
        env={**os.environ, **env},
        cwd=engines.dbt_working_dir(db_path) or work_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]


if __name__ == "__main__":
    sys.exit(main())
