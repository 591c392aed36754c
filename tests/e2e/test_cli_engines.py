"""`summary`, `explain` and `report` on every engine: the same text and numbers as on DuckDB.

The CLI reads through the dbt profile's connection (``--target``), so a PostgreSQL or Spark
user gets what a DuckDB user gets. The reference is the DuckDB output on the fixtures, kept
in ``tests/fixtures/cli_outputs/`` (its numbers are the hand-worked ones of the dbt tier);
each engine's suite compares its own output with it. After a deliberate change of what the
commands print, rewrite the reference on DuckDB with ``AI_RESOLUTION_UPDATE_SNAPSHOTS=1``
and review the diff.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from helpers import engines
from helpers.dbt_run import TARGET
from helpers.paths import FIXTURES_DIR, PROJECT_DIR

SNAPSHOT_DIR = FIXTURES_DIR / "cli_outputs"
UPDATE = os.environ.get("AI_RESOLUTION_UPDATE_SNAPSHOTS", "") == "1"
CAPTURE = PROJECT_DIR / "tests" / "helpers" / "cli_capture.py"
# A breach, a reopen, a repeat contact, an abandonment, workflow evidence, a handoff across DST.
EXPLAINED = ("T019", "T026", "T031", "T049", "T090", "T121")


@pytest.fixture(scope="module")
def outputs(fixture_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every command's exit code, stdout and stderr, run in one process on this engine."""
    options = ["--target", TARGET, "--schema", engines.MODEL_SCHEMA]
    if TARGET == "duckdb":
        options += ["--db", str(fixture_db)]
    report_file = tmp_path_factory.mktemp("cli") / "report.html"
    commands = {
        "summary": ["summary", *options],
        **{f"explain_{ticket}": ["explain", ticket, *options] for ticket in EXPLAINED},
        "report_data": ["report-data", *options],
        "report": ["report", "--out", str(report_file), *options],
        "unknown_ticket": ["explain", "T_NO_SUCH_TICKET", *options],
        "wrong_schema": ["summary", *options[:2], *options[4:], "--schema", "no_such_schema"],
    }
    env = {
        **os.environ,
        **engines.dbt_environment(fixture_db),
        "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles"),
        "PYTHONPATH": str(PROJECT_DIR / "tests"),
    }
    engines.forget(fixture_db)
    result = subprocess.run(
        [sys.executable, str(CAPTURE)],
        input=json.dumps(list(commands.values())),
        env=env,
        cwd=engines.dbt_working_dir(fixture_db),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    captured = dict(zip(commands, json.loads(result.stdout), strict=True))
    captured["report"]["file"] = report_file
    return captured


def expect_same_as_duckdb(name: str, actual: str) -> None:
    path = SNAPSHOT_DIR / name
    if UPDATE and TARGET == "duckdb":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no reference {path}: run the DuckDB suite once with AI_RESOLUTION_UPDATE_SNAPSHOTS=1"
    assert actual == path.read_text(encoding="utf-8")


def test_summary_is_the_same_on_every_engine(outputs: dict[str, dict[str, Any]]) -> None:
    summary = outputs["summary"]
    assert summary["code"] == 0, summary["stderr"]
    assert "AI resolution rate" in summary["stdout"]
    expect_same_as_duckdb("summary.txt", summary["stdout"])


@pytest.mark.parametrize("ticket", EXPLAINED)
def test_explain_is_the_same_on_every_engine(outputs: dict[str, dict[str, Any]], ticket: str) -> None:
    explained = outputs[f"explain_{ticket}"]
    assert explained["code"] == 0, explained["stderr"]
    assert explained["stdout"].startswith(f"Ticket {ticket} ")
    expect_same_as_duckdb(f"explain_{ticket}.txt", explained["stdout"])


def test_report_numbers_are_the_same_on_every_engine(outputs: dict[str, dict[str, Any]]) -> None:
    data = outputs["report_data"]
    assert data["code"] == 0, data["stderr"]
    numbers = json.loads(data["stdout"])
    assert numbers["headline"]["ai_involved"] > 0 and numbers["weekly"] and numbers["readiness"]
    expect_same_as_duckdb("report_data.json", data["stdout"] + "\n")


def test_report_writes_its_file_on_every_engine(outputs: dict[str, dict[str, Any]]) -> None:
    report = outputs["report"]
    assert report["code"] == 0, report["stderr"]
    html = Path(report["file"]).read_text(encoding="utf-8")
    assert "AI resolution report" in html
    source = "database fixtures.duckdb" if TARGET == "duckdb" else f"target {TARGET} ({TARGET})"
    assert source in html


def test_an_unknown_ticket_is_a_message_on_stderr(outputs: dict[str, dict[str, Any]]) -> None:
    unknown = outputs["unknown_ticket"]
    assert unknown["code"] == 1
    assert unknown["stdout"] == ""
    assert "unknown ticket id 'T_NO_SUCH_TICKET'" in unknown["stderr"]
    assert "Traceback" not in unknown["stderr"]


def test_a_wrong_schema_is_a_message_on_stderr(outputs: dict[str, dict[str, Any]]) -> None:
    wrong = outputs["wrong_schema"]
    assert wrong["code"] == 1
    assert wrong["stdout"] == ""
    assert "no_such_schema" in wrong["stderr"] and "--schema" in wrong["stderr"]
    assert "Traceback" not in wrong["stderr"]
