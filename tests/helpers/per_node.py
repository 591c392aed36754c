"""Run the project the way Airflow with Cosmos does: one ``dbt run --select <model>`` and,
when the model has tests, one ``dbt test --select <model>`` per model, in DAG order
(Cosmos's TestBehavior.AFTER_EACH); or one ``dbt build --select <model>`` per model
(TestBehavior.BUILD).

Run inside a dbt session (helpers/dbt_session.py, ``DbtSession.per_node``): the project is
parsed once and the manifest handed to each invocation (dbtRunner(manifest=...)), as a
long-lived orchestrator worker would; each node is still its own dbt invocation, with its
own on-run-start hooks and run_started_at.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


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


def run_nodes(
    invoke: Callable[[list[str]], bool], manifest: Any, models: list[str] | None = None, build: bool = False
) -> tuple[bool, str]:
    """Run `models` (default: every model) node by node through `invoke` (one dbt command
    on the parsed project, True when it succeeded): `dbt run` then `dbt test` per model, or
    one `dbt build` per model. Returns (success, one line per node)."""
    lines: list[str] = []
    tested = tested_models(manifest)
    for name in ordered_models(manifest, None if models is None else set(models)):
        commands = [["build", "--select", name]] if build else [["run", "--select", name]]
        if not build and name in tested:
            commands.append(["test", "--select", name])
        for command in commands:
            # No manifest or run_results written per node: half the cost of each invocation.
            if not invoke([*command, "--quiet", "--no-write-json"]):
                lines.append(f"FAILED: dbt {' '.join(command)}")
                return False, "\n".join(lines)
        lines.append(f"ok {name}")
    return True, "\n".join(lines)
