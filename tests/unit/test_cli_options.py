"""The command line without a database: help, option checks, where the database is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ai_resolution import cli, db
from ai_resolution.demo.writer import RAW_TABLES


def test_every_command_module_registers() -> None:
    parser = cli.build_parser()
    for command in ("generate", "summary", "report", "explain", "bench"):
        assert parser.parse_args([command, *(["T1"] if command == "explain" else [])]).handler


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    assert "usage: ai-resolution" in capsys.readouterr().err


# --- moved from the generator tests: they need no database ---------------------------------


def test_contract_types_are_the_expected_ones() -> None:
    for table, columns in RAW_TABLES.items():
        for column, sql_type in columns:
            if column.endswith("_id"):
                assert sql_type == "VARCHAR", (table, column)
            if column.endswith("_at"):
                assert sql_type == "TIMESTAMP", (table, column)
    assert dict(RAW_TABLES["csat_responses"])["score"] == "INTEGER"
    assert dict(RAW_TABLES["ai_actions"])["is_final_step"] == "BOOLEAN"


def test_db_path_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(db.DB_ENV_VAR, raising=False)
    assert db.resolve_db_path(None) == tmp_path / "ai_resolution.duckdb"
    monkeypatch.setenv(db.DB_ENV_VAR, "/somewhere/env.duckdb")
    assert db.resolve_db_path(None) == Path("/somewhere/env.duckdb")
    assert db.resolve_db_path("given.duckdb") == Path("given.duckdb")


def test_cli_help_works() -> None:
    for args in ([], ["generate"]):
        result = subprocess.run(
            [sys.executable, "-m", "ai_resolution", *args, "--help"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "usage: ai-resolution" in result.stdout
    assert "--tickets" in result.stdout and "--seed" in result.stdout
    assert "--db" in result.stdout and "--schema" in result.stdout


def test_cli_rejects_bad_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["generate", "--tickets", "0", "--db", "unused.duckdb"]) == 2
    assert "--tickets" in capsys.readouterr().err
    assert cli.main(["generate", "--schema", "bad-name", "--db", "unused.duckdb"]) == 2


def test_cli_append_rejects_bad_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["generate", "--append-days", "0", "--db", "unused.duckdb"]) == 2
    assert "--append-days" in capsys.readouterr().err
    assert cli.main(["generate", "--append-days", "1", "--days", "5", "--db", "unused.duckdb"]) == 2
    assert "--days" in capsys.readouterr().err


def test_help_documents_append() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ai_resolution", "generate", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "--append-days" in result.stdout and "generate --append-days 1" in result.stdout
