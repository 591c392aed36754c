"""An earlier as_of replays an earlier report: later rows do not exist yet."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from helpers.dbt_run import build_on_fixtures, query
from helpers.paths import PROJECT_DIR, read_csv

AS_OF = "2026-03-10 10:00:30"


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    db_path: Path = tmp_path_factory.mktemp("as_of") / "replay.duckdb"
    build_on_fixtures(db_path, {"as_of": AS_OF})
    rows = query(db_path, "select * from main.fct_conversations")
    return {row["ticket_id"]: row for row in rows}


def test_tickets_created_after_as_of_do_not_exist(replay: dict[str, dict]) -> None:
    tickets = read_csv(PROJECT_DIR / "seeds" / "fixtures" / "fixture_tickets.csv")
    opened_by_then = {t["ticket_id"] for t in tickets if t["created_at"] <= AS_OF}
    assert "T032" in opened_by_then and "T034" not in opened_by_then
    assert set(replay) == opened_by_then


def test_no_evidence_dated_after_as_of(replay: dict[str, dict]) -> None:
    cutoff = datetime.fromisoformat(AS_OF)
    for row in replay.values():
        for column in ("last_activity_at", "first_solved_at", "final_solved_at", "reopened_at", "csat_responded_at"):
            assert row[column] is None or row[column] <= cutoff, (row["ticket_id"], column)


def test_hand_worked_replay_outcomes(replay: dict[str, dict]) -> None:
    # T003: AI solve on 03-02 10:30; 168 h passed by 03-09 10:30, so already final.
    assert (replay["T003"]["outcome"], replay["T003"]["outcome_reason"]) == ("ai_resolved_assumed", "solved_no_return")
    # T012: solved 03-04 09:21, matures 03-11 09:21: still pending on 03-10.
    assert (replay["T012"]["outcome"], replay["T012"]["is_mature"]) == ("pending", False)
    # T031: its customer came back (T032) 2 days later, but the outcome is not final yet.
    assert replay["T031"]["outcome"] == "pending"
    assert replay["T031"]["repeat_contact_ticket_id"] == "T032"
    # T032: the human's solve at 10:01 lies after as_of, so it is not solved yet.
    assert replay["T032"]["first_solved_at"] is None
    assert replay["T032"]["human_reply_count"] == 1


def test_implicit_solve_only_without_any_status_event(replay: dict[str, dict]) -> None:
    # T085: tickets.status solved; its only status event (solved, 03-10 12:00) lies after
    # as_of. It still rules out an implicit solve: not solved yet in the replay, and
    # pending (last activity 03-09 09:01 + 72 h = 03-12 09:01, after as_of).
    assert replay["T085"]["first_solved_at"] is None
    assert (replay["T085"]["outcome"], replay["T085"]["outcome_reason"]) == ("pending", "not_mature")
    # T086: no status event at all, tickets.status closed: implicitly solved at its last
    # activity (the AI reply at 03-09 10:01:30), which is before as_of; pending until
    # 03-16 10:01:30.
    assert replay["T086"]["first_solved_at"] == datetime(2026, 3, 9, 10, 1, 30)
    assert replay["T086"]["outcome"] == "pending"
