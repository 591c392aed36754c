"""ai_resolution.dbt_progress on a made-up stream of dbt events: one line per finished node,
failures in full on stderr, a tally, and the exit status."""

from __future__ import annotations

import io
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from ai_resolution import dbt_progress
from ai_resolution.dbt_progress import BuildProgress


def event(name: str, level: str = "info", msg: str = "", **data: Any) -> SimpleNamespace:
    return SimpleNamespace(info=SimpleNamespace(name=name, level=level, msg=msg), data=SimpleNamespace(**data))


def finished(kind: str, node: str, status: str, seconds: float = 0.25, message: str = "") -> SimpleNamespace:
    node_info = SimpleNamespace(
        node_name=node, resource_type=kind, node_status=status, unique_id=f"{kind}.ai_resolution.{node}"
    )
    result = SimpleNamespace(status=status, message=message, execution_time=seconds)
    return event("NodeFinished", "debug", node_info=node_info, run_result=result)


STREAM = [
    event("FoundStats", stat_line="2 models, 2 data tests"),
    event("LogStartLine", index=1, total=5, description="sql table model main.stg_tickets"),
    event("NodeStart", "debug", node_info=SimpleNamespace(unique_id="model.ai_resolution.stg_tickets")),
    finished("model", "stg_tickets", "success", 1.25, "OK"),
    finished("test", "not_null_stg_tickets_ticket_id", "pass"),
    finished("test", "assert_reference_values_mapped", "warn", message="Got 3 results, configured to warn if != 0"),
    finished(
        "model", "fct_conversations", "error", 0.5, 'Runtime Error in model fct_conversations\n  Binder Error: no "x"'
    ),
    finished("saved_query", "headline_monthly", "no-op"),
    event("RunResultError", "error", msg="  Binder Error again"),
    event("EndOfRunSummary", "info", msg="Completed with 1 error"),
]


def run(stream: list[SimpleNamespace], success: bool, exception: BaseException | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    seen: list[list[str]] = []

    def runner(args: list[str], callback: Callable[[Any], None]) -> tuple[bool, BaseException | None]:
        seen.append(args)
        for item in stream:
            callback(item)
        return success, exception

    code = dbt_progress.main(["--full-refresh"], runner=runner, progress=BuildProgress(out=out, err=err))
    assert seen == [["--log-level", "none", "build", "--full-refresh"]]
    return code, out.getvalue(), err.getvalue()


def test_one_line_per_finished_node_and_a_tally() -> None:
    code, out, err = run(STREAM, success=False)
    lines = out.splitlines()
    assert lines[0] == "dbt build: found 2 models, 2 data tests"
    assert lines[1] == "[1/5] model stg_tickets ... ok (1.2s)"
    assert lines[2] == "[2/5] test not_null_stg_tickets_ticket_id ... ok (0.2s)"
    assert lines[3] == "[3/5] test assert_reference_values_mapped ... warn (0.2s)"
    assert lines[4] == "    Got 3 results, configured to warn if != 0"
    assert lines[5] == "[4/5] model fct_conversations ... error (0.5s)"
    assert "headline_monthly" not in out  # no-op nodes count in the tally only
    assert lines[6].startswith("dbt build: 5 nodes in ") and lines[6].endswith(": 2 ok, 1 warn, 1 error, 1 no-op")
    assert code == 1


def test_a_failure_is_printed_in_full_on_stderr_once() -> None:
    _, _, err = run(STREAM, success=False)
    assert "[4/5] model fct_conversations ... error (0.5s)\n    Runtime Error in model fct_conversations\n" in err
    assert '    Binder Error: no "x"' in err
    assert "Binder Error again" not in err  # dbt's end-of-run repetition is not printed twice
    assert "dbt build failed (1 failed); the full log is in logs/dbt.log" in err


def test_success_exits_0_with_nothing_on_stderr() -> None:
    stream = [event("LogStartLine", index=1, total=1), finished("seed", "issue_types", "success")]
    code, out, err = run(stream, success=True)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "[1/1] seed issue_types ... ok (0.2s)"


def test_an_error_before_any_node_exits_2_with_dbt_s_message() -> None:
    stream = [event("MainEncounteredError", "error", msg="Encountered an error:\nParsing Error in model x")]
    code, out, err = run(stream, success=False, exception=RuntimeError("Parsing Error in model x"))
    assert code == 2
    assert "Encountered an error:\nParsing Error in model x" in err
    assert "dbt build: 0 nodes" in out


def test_an_exception_without_an_error_event_is_printed() -> None:
    code, _, err = run([], success=False, exception=RuntimeError("No such option: --nope"))
    assert code == 2
    assert "dbt build: error: No such option: --nope" in err


def test_a_broken_event_does_not_break_the_build() -> None:
    code, _, err = run([SimpleNamespace(info=None)], success=True)
    assert code == 0
    assert "dbt_progress: could not show an event" in err
