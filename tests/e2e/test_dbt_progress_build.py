"""``python -m ai_resolution.dbt_progress`` (the build step of ``make demo``) on real dbt, on a
tiny selection: a line per node and a tally, or dbt's error on stderr and a failing status."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.paths import BIN_DIR, PROJECT_DIR

pytestmark = pytest.mark.engines("duckdb")


def progress(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "AI_RESOLUTION_DB": str(db_path),
        "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles"),
        "DBT_TARGET_PATH": str(db_path.parent / "target"),
        "DBT_LOG_PATH": str(db_path.parent / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    return subprocess.run(
        [sys.executable, "-m", "ai_resolution.dbt_progress", "--target", "duckdb", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_small_build_prints_a_line_per_node(tmp_path: Path) -> None:
    db_path = tmp_path / "tiny.duckdb"
    subprocess.run(
        [str(BIN_DIR / "ai-resolution"), "generate", "--tickets", "50", "--db", str(db_path)],
        check=True,
        capture_output=True,
    )
    result = progress(db_path, "--select", "issue_types", "base_support__tickets")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("dbt build: found ")
    nodes = [line for line in lines if line.startswith("[")]
    assert any(re.fullmatch(r"\[ ?\d+/\d+\] seed issue_types \.\.\. ok \(\d+\.\ds\)", line) for line in nodes), nodes
    assert any(" model base_support__tickets ... ok (" in line for line in nodes), nodes
    assert re.fullmatch(r"dbt build: (\d+) nodes in \d+s: \1 ok", lines[-1]), lines[-1]
    assert "START" not in result.stdout  # dbt's own console log is off
    assert result.stderr == ""


def test_a_failing_build_exits_non_zero_with_dbt_s_error(tmp_path: Path) -> None:
    result = progress(tmp_path / "empty.duckdb", "--select", "issue_types")  # no raw tables: the pre-flight fails
    assert result.returncode == 2
    assert "raw table raw.tickets was not found" in result.stderr
    assert result.stdout.splitlines()[-1].endswith("nothing ran")
