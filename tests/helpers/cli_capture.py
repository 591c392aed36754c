"""Run several ``ai-resolution`` commands in one process and print what each wrote, as JSON.

One process for all: on Spark each process starts a JVM, so the engine suites run the CLI
through this instead of once per command. Usage (stdin: a JSON list of argument lists)::

    python tests/helpers/cli_capture.py < commands.json
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import json
import sys
from typing import Any

from ai_resolution.cli import main


def jsonable(value: Any) -> Any:
    """Report data as plain JSON: floats to 9 significant digits, timestamps as text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: jsonable(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, float):
        return float(f"{value:.9g}")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def report_data(argv: list[str]) -> dict[str, Any]:
    """What the report shows, read the way `ai-resolution report` reads it (``--target``, ``--db``, ``--schema``)."""
    from ai_resolution.report.data import read_report_data
    from ai_resolution.warehouse import open_warehouse

    options = dict(zip(argv[::2], argv[1::2], strict=False))
    with open_warehouse(options.get("--target"), options.get("--db"), options.get("--schema")) as wh:
        return jsonable(read_report_data(wh))


def run(argv: list[str]) -> dict[str, Any]:
    if argv[0] == "report-data":
        return {"code": 0, "stdout": json.dumps(report_data(argv[1:]), sort_keys=True, indent=1), "stderr": ""}
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(argv)
    return {"code": code, "stdout": stdout.getvalue(), "stderr": stderr.getvalue()}


if __name__ == "__main__":
    commands = json.load(sys.stdin)
    json.dump([run(argv) for argv in commands], sys.stdout)
