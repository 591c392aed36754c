"""Governance: another dbt project that installs this one as a package may ref the public
marts, and dbt refuses its refs to the private models (staging, intermediate, adapters).

Parse only, in a throwaway consumer project with `packages.yml: - local: <this project>`
and a profile of its own: no warehouse is touched, so it runs once, on DuckDB."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers.paths import BIN_DIR, PROJECT_DIR

pytestmark = pytest.mark.engines("duckdb")

CONSUMER = "governance_consumer"


def _dbt(args: list[str], project: Path) -> subprocess.CompletedProcess[str]:
    # Only the consumer's own settings: no DBT_* of the caller (target path, profiles, ...).
    env = {key: value for key, value in os.environ.items() if not key.startswith("DBT_")}
    env |= {"DBT_PROFILES_DIR": str(project), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    command = [str(BIN_DIR / "dbt"), *args, "--project-dir", str(project)]
    return subprocess.run(command, env=env, cwd=project, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def consumer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A consumer project with this project installed as a local package (dbt deps)."""
    project = tmp_path_factory.mktemp("consumer")
    (project / "models").mkdir()
    (project / "dbt_project.yml").write_text(
        yaml.safe_dump({"name": CONSUMER, "version": "1.0.0", "config-version": 2, "profile": CONSUMER}),
        encoding="utf-8",
    )
    (project / "packages.yml").write_text(yaml.safe_dump({"packages": [{"local": str(PROJECT_DIR)}]}), encoding="utf-8")
    profile = {"target": "duckdb", "outputs": {"duckdb": {"type": "duckdb", "path": str(project / "c.duckdb")}}}
    (project / "profiles.yml").write_text(yaml.safe_dump({CONSUMER: profile}), encoding="utf-8")
    result = _dbt(["deps"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def _parse_with(project: Path, sql: str) -> subprocess.CompletedProcess[str]:
    for old in (project / "models").glob("*.sql"):
        old.unlink()
    (project / "models" / "consumer_model.sql").write_text(sql, encoding="utf-8")
    return _dbt(["parse", "--no-partial-parse"], project)


def test_a_public_mart_can_be_referenced_from_another_project(consumer: Path) -> None:
    result = _parse_with(consumer, "select * from {{ ref('ai_resolution', 'fct_conversations') }}\n")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    manifest = json.loads((consumer / "target" / "manifest.json").read_text(encoding="utf-8"))
    node = manifest["nodes"][f"model.{CONSUMER}.consumer_model"]
    assert node["depends_on"]["nodes"] == ["model.ai_resolution.fct_conversations"]
    marts = manifest["nodes"]["model.ai_resolution.fct_conversations"]
    assert (marts["access"], marts["group"]) == ("public", "ai_resolution")


def test_a_private_model_cannot_be_referenced_from_another_project(consumer: Path) -> None:
    result = _parse_with(consumer, "select * from {{ ref('ai_resolution', 'int_conversations_lifecycle') }}\n")
    assert result.returncode != 0, "dbt parse accepted a ref to a private model"
    output = result.stdout + result.stderr
    assert (
        f"Node model.{CONSUMER}.consumer_model attempted to reference node "
        "model.ai_resolution.int_conversations_lifecycle, which is not allowed because the referenced node "
        "is private to the 'ai_resolution' group"
    ) in " ".join(output.split()), output[-3000:]
