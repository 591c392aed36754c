"""``python -m ai_resolution.dbt_progress [dbt build options]``: ``dbt build`` with one line per node.

``make demo`` runs its build through this wrapper instead of a silent ``dbt build --quiet``: dbt
runs in this process through its Python API (``dbtRunner``), its console log is turned off
(the full log still goes to ``logs/dbt.log``), and a callback receives dbt's events and prints

    [ 37/412] model fct_conversations ... ok (1.2s)

for every node as it finishes (models, seeds, snapshots, data tests, unit tests), each failure in
full on stderr as it happens, and a final tally. The exit status is 0 when the build succeeded
and 1 otherwise, with dbt's error on stderr (2 when dbt could not run at all, e.g. a parse
error).
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

# dbt's run-result statuses, as this wrapper names them.
OK_STATUSES = {"success": "ok", "pass": "ok"}
FAILED_STATUSES = {"error", "fail", "runtime error"}
QUIET_STATUSES = {"no-op"}
TALLY_ORDER = ["ok", "warn", "fail", "error", "runtime error", "skipped", "no-op"]
# Events that repeat, at the end of a run, a node failure already printed.
REPEATED_ERROR_EVENTS = {"RunResultError", "RunResultErrorNoMessage", "RunResultFailure", "EndOfRunSummary"}


@dataclass
class BuildProgress:
    """Turns dbt's event stream into progress lines. ``handle`` takes any object shaped like
    dbt's ``EventMsg`` (``.info.name``, ``.info.level``, ``.data``), so the tests feed it
    plain namespaces."""

    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    total: int = 0
    finished: int = 0
    tally: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def handle(self, event: Any) -> None:
        """Take one event (dbt fires them from its worker threads)."""
        with self._lock:
            self._handle(event)

    def _handle(self, event: Any) -> None:
        name = event.info.name
        data = event.data
        if name == "FoundStats":
            print(f"dbt build: found {data.stat_line}", file=self.out, flush=True)
        total = getattr(data, "total", 0)
        if isinstance(total, int) and total > self.total:
            self.total = total
        if name == "NodeFinished":
            self._node_finished(data)
        elif event.info.level == "error" and name not in REPEATED_ERROR_EVENTS and not _has_node(data):
            message = str(getattr(event.info, "msg", "") or "").strip()
            if message:
                self.errors.append(message)

    def _node_finished(self, data: Any) -> None:
        node = data.node_info
        result = data.run_result
        status = str(result.status or node.node_status or "unknown").lower()
        self.finished += 1
        self.total = max(self.total, self.finished)
        shown = OK_STATUSES.get(status, status)
        self.tally[shown] += 1
        kind = str(node.resource_type).replace("_", " ")
        width = len(str(self.total))
        seconds = float(result.execution_time or 0.0)
        line = f"[{self.finished:>{width}}/{self.total}] {kind} {node.node_name} ... {shown} ({seconds:.1f}s)"
        if status in QUIET_STATUSES:  # saved queries and exposures: counted in the tally only
            return
        print(line, file=self.out, flush=True)
        message = str(result.message or "").strip()
        if status in FAILED_STATUSES:
            print(f"{line}\n{_indent(message or 'no message from dbt')}", file=self.err, flush=True)
        elif status == "warn" and message:
            print(_indent(message), file=self.out, flush=True)

    def summary(self, seconds: float) -> str:
        def order(status: str) -> tuple[int, str]:
            return (TALLY_ORDER.index(status) if status in TALLY_ORDER else len(TALLY_ORDER), status)

        parts = [f"{self.tally[status]} {status}" for status in sorted(self.tally, key=order)]
        return f"dbt build: {self.finished} nodes in {seconds:.0f}s: {', '.join(parts) or 'nothing ran'}"

    @property
    def failed(self) -> int:
        return sum(count for status, count in self.tally.items() if status in FAILED_STATUSES)


def _has_node(data: Any) -> bool:
    node = getattr(data, "node_info", None)
    return bool(node is not None and getattr(node, "unique_id", ""))


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


def dbt_args(argv: Sequence[str]) -> list[str]:
    """The ``dbt build`` command line: no console log (this wrapper prints instead), the
    debug log file as usual."""
    return ["--log-level", "none", "build", *argv]


Runner = Callable[[list[str], Callable[[Any], None]], tuple[bool, BaseException | None]]


def _dbt_runner(args: list[str], callback: Callable[[Any], None]) -> tuple[bool, BaseException | None]:
    from dbt.cli.main import dbtRunner  # imported here: only this command needs dbt in-process

    result = dbtRunner(callbacks=[callback]).invoke(args)
    return result.success, result.exception


def main(argv: Sequence[str] | None = None, runner: Runner = _dbt_runner, progress: BuildProgress | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    progress = progress or BuildProgress()
    started = time.perf_counter()

    def callback(event: Any) -> None:
        try:
            progress.handle(event)
        except Exception as exc:  # a progress line must never break the build
            print(f"dbt_progress: could not show an event: {exc!r}", file=progress.err)

    success, exception = runner(dbt_args(argv), callback)
    print(progress.summary(time.perf_counter() - started), file=progress.out, flush=True)
    for message in progress.errors:
        print(message, file=progress.err)
    if exception is not None and not progress.errors:
        print(f"dbt build: error: {exception}", file=progress.err)
    if success:
        return 0
    if progress.failed or progress.finished:
        print(f"dbt build failed ({progress.failed} failed); the full log is in logs/dbt.log", file=progress.err)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
