"""The CLI's reads embedded next to an in-process dbt invocation (dagster-dbt, dbtRunner): dbt
keeps that invocation's adapter for the process, and a read still opens the warehouse it was
asked for, from the first read on."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ai_resolution.warehouse.session import open_warehouse

pytestmark = pytest.mark.engines("duckdb")  # the reads open DuckDB files


def marked_warehouse(path: Path) -> Path:
    """A DuckDB file whose one table says which file it is."""
    with duckdb.connect(str(path)) as con:
        con.execute(f"create table main.marker as select '{path.stem}' as name")
    return path


def parse_other_project(folder: Path, warehouse: Path) -> None:
    """`dbt parse`, in this process, of a tiny project whose profile points at ``warehouse``
    (as dagster-dbt prepares its project): it leaves a DuckDB adapter registered."""
    from dbt.cli.main import dbtRunner

    folder.mkdir()
    (folder / "dbt_project.yml").write_text(
        "name: other\nversion: '1.0.0'\nconfig-version: 2\nprofile: other\n", encoding="utf-8"
    )
    (folder / "profiles.yml").write_text(
        f"other:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: '{warehouse}'\n",
        encoding="utf-8",
    )
    common = ["--project-dir", str(folder), "--profiles-dir", str(folder), "--quiet"]
    assert dbtRunner().invoke(["parse", *common, "--target-path", str(folder / "target")]).success


def test_a_read_after_an_in_process_dbt_invocation_opens_its_own_warehouse(tmp_path: Path) -> None:
    theirs = marked_warehouse(tmp_path / "theirs.duckdb")
    ours = marked_warehouse(tmp_path / "ours.duckdb")
    parse_other_project(tmp_path / "other", theirs)
    for _ in range(2):  # the first read was the one that read the other warehouse
        with open_warehouse(db=str(ours)) as warehouse:
            assert warehouse.scalar("select name from main.marker") == "ours"
