"""Where things are: the project, its fixtures, the venv's tools; and reading CSV files."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from ai_resolution.project import dbt_var

PROJECT_DIR = Path(__file__).resolve().parents[2]
FIXTURES_DIR = PROJECT_DIR / "tests" / "fixtures"
# The schema the fixture seeds load into: the dbt var, never a copy of it.
FIXTURE_SCHEMA = str(dbt_var("fixture_schema"))
BIN_DIR = Path(sys.executable).parent


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def mart_names() -> list[str]:
    """Every mart model, sorted; marts may sit in subfolders of models/marts."""
    return sorted(path.stem for path in (PROJECT_DIR / "models" / "marts").rglob("*.sql"))
