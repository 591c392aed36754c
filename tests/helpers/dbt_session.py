"""A sequence of dbt commands on one warehouse, run by one long-lived dbt process.

Each `dbt()` call of helpers/dbt_run.py is a new Python process that imports dbt and loads
(or redoes) the parse: about 3 s before any work, and a full parse (about 9 s) whenever the
vars differ from the previous command's. A session starts one child process
(``python -m helpers.dbt_session``) that parses the project once and hands the manifest to
every command (``dbtRunner(manifest=...)``), as a long-lived orchestrator worker does. Each
command is still its own dbt invocation, with its own on-run-start hooks, run_started_at and
connections: dbt closes them at the end of each command (DuckDB releases the file), so the
test can write to the warehouse between two commands.

Vars are parsed once: vars given to one command are those read at run time only (in model
SQL or macros), never in a config, which was rendered by the parse.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from helpers import engines
from helpers.paths import PROJECT_DIR

# The child's own log (dbt's console output), next to the warehouse.
SESSION_LOG = "dbt_session.log"


@dataclass(frozen=True)
class Invocation:
    """What one command did: whether it succeeded, and dbt's info-level messages (what
    `dbt <command>` prints), or the per-node lines."""

    success: bool
    output: str


class DbtSession:
    """One dbt process for db_path's warehouse, the project parsed with dbt_vars."""

    def __init__(self, db_path: Path, dbt_vars: dict[str, Any]) -> None:
        self.db_path = db_path
        self.dbt_vars = dbt_vars
        self._child: subprocess.Popen[str] | None = None
        self._log: IO[str] | None = None

    def __enter__(self) -> DbtSession:
        work_dir = self.db_path.parent
        env = {
            **os.environ,
            **engines.dbt_environment(self.db_path),
            "DBT_PROFILES_DIR": str(PROJECT_DIR / "profiles"),
            "DBT_TARGET_PATH": str(work_dir / "target"),
            "DBT_LOG_PATH": str(work_dir / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_DIR / "tests"), os.environ.get("PYTHONPATH")])),
        }
        self._log = (work_dir / SESSION_LOG).open("a", encoding="utf-8")
        self._child = subprocess.Popen(
            [sys.executable, "-m", "helpers.dbt_session", "--vars", json.dumps(self.dbt_vars)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            env=env,
            cwd=engines.dbt_working_dir(self.db_path) or work_dir,
            text=True,
        )
        parsed = self._receive()
        if not parsed.success:
            self.close()
            raise RuntimeError(f"dbt parse failed: {parsed.output}")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def invoke(
        self, args: list[str], runtime_vars: dict[str, Any] | None = None, write_json: bool = True
    ) -> Invocation:
        """One dbt command (e.g. ["build", "--select", "x"]). runtime_vars replace the
        session's vars for this command (read at run time only). write_json: false skips
        writing run_results.json and the manifest (half the cost of a small command; `dbt
        retry` needs the run_results of the command it retries)."""
        return self._request({"args": args, "vars": runtime_vars, "write_json": write_json})

    def per_node(self, models: list[str] | None = None, build: bool = False) -> Invocation:
        """Run `models` (default: every model) node by node, as Airflow with Cosmos does:
        `dbt run` then `dbt test` per model, or one `dbt build` per model (helpers/per_node.py)."""
        return self._request({"per_node": {"models": models, "build": build}})

    def close(self) -> None:
        if self._child is not None:
            if self._child.stdin is not None:
                self._child.stdin.close()
            self._child.wait(timeout=60)
            if self._child.stdout is not None:
                self._child.stdout.close()
            self._child = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def _request(self, request: dict[str, Any]) -> Invocation:
        assert self._child is not None and self._child.stdin is not None, "the session is not open"
        engines.forget(self.db_path)
        self._child.stdin.write(json.dumps(request) + "\n")
        self._child.stdin.flush()
        return self._receive()

    def _receive(self) -> Invocation:
        assert self._child is not None and self._child.stdout is not None
        line = self._child.stdout.readline()
        if not line:
            log = (self.db_path.parent / SESSION_LOG).read_text(encoding="utf-8")
            raise RuntimeError(f"the dbt session ended (exit {self._child.poll()}):\n{log[-6000:]}")
        reply = json.loads(line)
        return Invocation(reply["success"], reply["output"])


# --------------------------------------------------------------------------------------
# the child process


def serve(dbt_vars: str) -> int:
    """Parse, then answer one JSON request per line of stdin with one JSON line."""
    from dbt.cli.main import dbtRunner  # noqa: PLC0415 (only in the child process)

    from helpers.per_node import run_nodes  # noqa: PLC0415

    # dbt prints to stdout: the replies get their own copy of it, dbt's output goes to stderr.
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)

    def reply(success: bool, output: str) -> None:
        replies.write(json.dumps({"success": success, "output": output}) + "\n")
        replies.flush()

    lines: list[str] = []

    def collect(message: Any) -> None:
        if message.info.level != "debug":
            lines.append(message.info.msg)

    common = ["--project-dir", str(PROJECT_DIR), "--target", engines.TARGET]
    parsed = dbtRunner().invoke(["parse", *common, "--vars", dbt_vars])
    if not parsed.success:
        reply(False, str(parsed.exception))
        return 2
    manifest = parsed.result
    reply(True, "")
    runner = dbtRunner(manifest=manifest, callbacks=[collect])

    def invoke(args: list[str], vars_json: str = dbt_vars) -> bool:
        return bool(runner.invoke([*args, *common, "--vars", vars_json]).success)

    for line in sys.stdin:
        request = json.loads(line)
        lines.clear()
        if "per_node" in request:
            ok, output = run_nodes(invoke, manifest, **request["per_node"])
        else:
            args = list(request["args"])
            if not request["write_json"]:
                args.append("--no-write-json")
            vars_json = dbt_vars if request["vars"] is None else json.dumps(request["vars"])
            ok, output = invoke(args, vars_json), "\n".join(lines)
        release_warehouse()
        reply(ok, output)
    return 0


def release_warehouse() -> None:
    """Close the DuckDB file, as the end of a dbt process would: dbt-duckdb keeps it open
    between the commands of one process (keep_open), and the test writes to it in between.
    The next command opens it again. (dbt closes PostgreSQL connections after each command.)"""
    if engines.TARGET != "duckdb":
        return
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager  # noqa: PLC0415

    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()
            DuckDBConnectionManager._ENV = None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vars", default="{}", help="dbt vars as JSON, parsed once")
    return serve(parser.parse_args(argv).vars)


if __name__ == "__main__":
    sys.exit(main())
