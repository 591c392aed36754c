"""One column name, one meaning: every column of the project's models, seeds and sources
carries a description, and a column name never carries two different ones. Shared
columns get their text from one docs block (models/_columns__docs.md and each folder's
_<folder>__docs.md), so editing the block changes it everywhere."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from helpers.dbt_run import dbt

PARSED_TYPES = ("model", "seed", "source")


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict:
    db_path = tmp_path_factory.mktemp("docs") / "docs.duckdb"
    dbt(["parse"], db_path)
    return json.loads((db_path.parent / "target" / "manifest.json").read_text())


def project_columns(manifest: dict) -> list[tuple[str, str, str]]:
    """(node, column, description) for every documented column of the project."""
    nodes = list(manifest["nodes"].values()) + list(manifest["sources"].values())
    return [
        (node["unique_id"], column["name"], column.get("description") or "")
        for node in nodes
        if node["resource_type"] in PARSED_TYPES and node["package_name"] == manifest["metadata"]["project_name"]
        for column in node.get("columns", {}).values()
    ]


def test_a_column_name_carries_one_description(manifest: dict) -> None:
    by_name: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for node, column, description in project_columns(manifest):
        by_name[column][description.strip()].append(node)
    conflicts = {name: dict(texts) for name, texts in by_name.items() if len(texts) > 1}
    assert not conflicts, "column names with more than one description (use one docs block):\n" + "\n".join(
        f"- {name}: " + " | ".join(f"{text[:60]!r} in {len(nodes)} node(s)" for text, nodes in texts.items())
        for name, texts in sorted(conflicts.items())
    )


def test_every_documented_column_has_a_description(manifest: dict) -> None:
    empty = [f"{node}.{column}" for node, column, description in project_columns(manifest) if not description.strip()]
    assert not empty, f"columns without a description: {empty}"


def test_shared_columns_use_a_docs_block() -> None:
    """A column that appears in several nodes reads its text from a docs block, not a copy."""
    project = Path(__file__).resolve().parents[2]
    seen: dict[str, int] = defaultdict(int)
    inline: dict[str, list[str]] = defaultdict(list)
    for path in [*project.glob("models/**/*.yml"), *project.glob("seeds/*.yml")]:
        document = yaml.safe_load(path.read_text()) or {}
        tables = [
            *document.get("models", []),
            *document.get("seeds", []),
            *(table for source in document.get("sources", []) for table in source.get("tables", [])),
        ]
        for table in tables:
            for column in table.get("columns", []):
                seen[column["name"]] += 1
                if "doc(" not in str(column.get("description", "")):
                    inline[column["name"]].append(f"{path.relative_to(project)}:{table['name']}")
    copied = {name: places for name, places in inline.items() if seen[name] > 1}
    assert not copied, f"shared columns described inline instead of by a docs block: {copied}"
