"""Where the dbt project is, and the defaults of its vars (``vars:`` in dbt_project.yml).

No Python constant copies a dbt var: a threshold the CLI shows or uses is read from the
project here, so changing dbt_project.yml changes the SQL and the Python at once. Values a
model stored per row (``fct_conversations.rules_config``) take precedence where they exist.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PROJECT_DIR_ENV_VAR = "AI_RESOLUTION_PROJECT_DIR"
PROJECT_FILE = "dbt_project.yml"


class ProjectNotFound(FileNotFoundError):
    """No dbt_project.yml where the project is looked for."""


def _candidates() -> list[Path]:
    # In a checkout the package sits in <project>/src/ai_resolution; an installed package
    # has no project beside it, so the current folder and its parents come next.
    here = Path(__file__).resolve().parents[2]
    cwd = Path.cwd().resolve()
    return [here, cwd, *cwd.parents]


def project_dir() -> Path:
    """The dbt project: ``$AI_RESOLUTION_PROJECT_DIR``, else the checkout this package lives
    in, else the current folder or the nearest parent holding a dbt_project.yml."""
    explicit = os.environ.get(PROJECT_DIR_ENV_VAR, "").strip()
    candidates = [Path(explicit)] if explicit else _candidates()
    for folder in candidates:
        if (folder / PROJECT_FILE).is_file():
            return folder
    where = explicit or "next to the package or in the current folder and its parents"
    raise ProjectNotFound(f"no {PROJECT_FILE} found ({where}); set ${PROJECT_DIR_ENV_VAR} to the dbt project")


@cache
def _read_vars(path: Path) -> dict[str, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return dict(document.get("vars") or {})


def dbt_vars(folder: Path | None = None) -> dict[str, Any]:
    """The ``vars:`` of dbt_project.yml in ``folder`` (default: ``project_dir()``), read once per file."""
    return dict(_read_vars((folder or project_dir()) / PROJECT_FILE))


def dbt_var(name: str, folder: Path | None = None) -> Any:
    """One var's default; a clear error when the project does not define it."""
    values = dbt_vars(folder)
    if name not in values:
        raise KeyError(f"dbt var {name!r} is not defined in {(folder or project_dir()) / PROJECT_FILE}")
    return values[name]
