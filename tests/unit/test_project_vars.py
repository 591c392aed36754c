"""The dbt vars' defaults come from dbt_project.yml; no Python constant copies them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ai_resolution import project
from ai_resolution.report.numbers import min_segment_size
from ai_resolution.rules import THRESHOLD_VARS, default_thresholds, number, parse_rules_config
from helpers.paths import FIXTURE_SCHEMA, PROJECT_DIR

VARS = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]
SRC = PROJECT_DIR / "src" / "ai_resolution"


def test_the_checkout_is_the_project() -> None:
    assert project.project_dir() == PROJECT_DIR
    assert project.dbt_vars() == VARS


def test_env_var_names_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "dbt_project.yml").write_text("vars:\n  min_segment_size: 7\n  raw_schema: landing\n")
    monkeypatch.setenv(project.PROJECT_DIR_ENV_VAR, str(tmp_path))
    assert project.project_dir() == tmp_path
    assert min_segment_size() == 7
    assert project.dbt_var("raw_schema") == "landing"
    with pytest.raises(KeyError, match="reopen_window_hours"):
        project.dbt_var("reopen_window_hours")


def test_a_missing_project_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(project.PROJECT_DIR_ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(project.ProjectNotFound, match=project.PROJECT_DIR_ENV_VAR):
        project.project_dir()


def test_threshold_defaults_are_the_dbt_vars() -> None:
    assert default_thresholds() == {name: float(VARS[name]) for name in THRESHOLD_VARS}
    assert parse_rules_config(None) == default_thresholds()
    assert min_segment_size() == VARS["min_segment_size"]
    assert VARS["fixture_schema"] == FIXTURE_SCHEMA


def test_threshold_vars_are_the_ones_rules_config_stores() -> None:
    macro = (PROJECT_DIR / "macros" / "outcome_rules.sql").read_text(encoding="utf-8")
    stored = re.findall(r"(\w+)=\{\{ var\(\"(\w+)\"\) \}\}", macro)
    assert stored and all(key == var for key, var in stored)
    assert tuple(key for key, _ in stored) == THRESHOLD_VARS


def test_stored_thresholds_win_over_the_defaults() -> None:
    stored = parse_rules_config("reopen_window_hours=48;csat_confirm_min_score=5; bad ;inactivity_close_hours=x")
    assert stored["reopen_window_hours"] == 48
    assert stored["csat_confirm_min_score"] == 5
    assert stored["inactivity_close_hours"] == float(VARS["inactivity_close_hours"])
    assert number(48.0) == "48" and number(0.5) == "0.5"


def test_no_module_copies_a_dbt_var_default() -> None:
    """No ``NAME = <number>`` whose name is a dbt var's, nor a dict of var names to values."""
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name in VARS:
            assert not re.search(rf"^\s*{name.upper()}\s*[:=]", text, re.M), f"{path}: {name.upper()}"
            assert not re.search(rf"[\"']{name}[\"']\s*:\s*[\d\"']", text), f"{path}: {name} with a value"
